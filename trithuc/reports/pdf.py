"""DOCX → PDF with LibreOffice headless (Debian: libreoffice-writer-nogui), when it is installed.

Nothing else can render Word layout faithfully on the agency's own server; where LibreOffice is
absent the report is still made and says how to get the PDF."""

from __future__ import annotations

import shutil
import subprocess  # noqa: S404 — a fixed program with fixed arguments, no shell
import tempfile
from pathlib import Path

NOT_INSTALLED = (
    "Chưa tạo được bản PDF: máy chủ chưa cài LibreOffice (gói Debian libreoffice-writer-nogui). "
    "Cài gói này rồi lập lại báo cáo, hoặc mở tệp DOCX và lưu thành PDF."
)

TURNED_OFF = "Không tạo bản PDF: chức năng đã tắt (TRITHUC_REPORT_PDF)."


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, *, timeout: int = 180) -> bytes:
    """The PDF of ``docx``; raises RuntimeError with a message a user can act on."""
    program = soffice()
    if program is None:
        raise RuntimeError(NOT_INSTALLED)
    with tempfile.TemporaryDirectory(prefix="trithuc-pdf-") as folder:
        source = Path(folder) / "bao-cao.docx"
        source.write_bytes(docx)
        # A private profile: a second conversion must not wait on another's lock.
        profile = Path(folder, "profile").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            folder,
            str(source),
        ]
        done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)  # noqa: S603
        result = Path(folder) / "bao-cao.pdf"
        if done.returncode != 0 or not result.exists():
            raise RuntimeError(
                "LibreOffice không chuyển được sang PDF: "
                + (done.stderr.decode(errors="replace")[-300:] or "không rõ lỗi")
            )
        return result.read_bytes()
