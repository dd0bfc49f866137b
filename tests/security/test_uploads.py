"""Uploaded files with dangerous names or types: evidence attached to task progress
(``trithuc/tasks``, the only FileField users fill) and spreadsheets sent to the import
(``trithuc/imports``, kept in the database, never on disk). Each is refused with a Vietnamese
message or kept under a name the system makes, inside MEDIA_ROOT, and never served as something a
browser would run."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from trithuc.imports.choices import BatchStatus
from trithuc.imports.models import ImportBatch
from trithuc.imports.tests.helpers import xlsx
from trithuc.people.models import Person
from trithuc.tasks.models import TaskEvidence

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
HTML = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
EXECUTABLE_TYPES = ("text/html", "image/svg+xml", "application/javascript", "text/javascript")


# --- evidence of task progress ---------------------------------------------------------------


def _attach(client, users, units, tasks, name: str, content: bytes):
    client.force_login(users["officer_new_commune"])
    return client.post(
        reverse("tasks:progress_add", args=[tasks["new_commune"].pk]),
        {
            "unit": units.new_commune.pk,
            "date": "2025-09-01",
            "note": "Đã tổ chức hội nghị",
            "file_1": SimpleUploadedFile(name, content),
            "description_1": "Biên bản",
        },
    )


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.pdf",
        "..\\..\\windows\\system32\\bien-ban.pdf",
        "/var/tuyet-doi.pdf",
        "<script>alert(1)</script>.pdf",
        "'; rm -rf ~; echo .pdf",
        "biên bản hội nghị tháng 9 " * 12 + ".pdf",
        "\x00bien-ban.pdf",
    ],
)
def test_evidence_with_a_dangerous_name_is_kept_under_a_safe_name_inside_media(
    client, users, units, tasks, settings, name
):
    response = _attach(client, users, units, tasks, name, PDF)
    assert response.status_code == 302, response.context["form"].errors
    evidence = TaskEvidence.objects.get()
    stored = Path(evidence.file.path).resolve()
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert stored.read_bytes() == PDF
    base = stored.name
    assert base.endswith(".pdf")
    assert all(ch.isascii() and (ch.isalnum() or ch in "-_.") for ch in base), base
    assert len(evidence.file.name) <= TaskEvidence._meta.get_field("file").max_length


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", EXE, "không đúng định dạng"),
        ("trang.html", HTML, "không đúng định dạng"),
        ("anh.svg", SVG, "không đúng định dạng"),
        ("bien-ban.pdf", EXE, "không phải tệp pdf"),
        ("bien-ban.pdf", HTML, "không phải tệp pdf"),
        ("anh-chup.png", SVG, "không phải tệp png"),
        ("bao-cao.docx", HTML, "không phải tệp docx"),
    ],
)
def test_evidence_of_a_dangerous_type_is_refused_in_vietnamese(
    client, users, units, tasks, name, content, message
):
    response = _attach(client, users, units, tasks, name, content)
    assert response.status_code == 200
    assert message in response.text
    assert not TaskEvidence.objects.exists()


def test_an_empty_evidence_file_is_refused_in_vietnamese(client, users, units, tasks):
    response = _attach(client, users, units, tasks, "rong.pdf", b"")
    assert response.status_code == 200
    assert "rỗng" in response.text
    assert "The submitted file is empty" not in response.text
    assert not TaskEvidence.objects.exists()


def test_evidence_is_downloaded_as_an_attachment_and_never_served_from_media(
    client, users, units, tasks
):
    _attach(client, users, units, tasks, "<b>bien-ban</b>.pdf", PDF)
    evidence = TaskEvidence.objects.get()
    response = client.get(reverse("tasks:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "<" not in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not response["Content-Type"].startswith(EXECUTABLE_TYPES)
    # Read to the end: the test client then closes the file (closing the response by hand would
    # also end the test's database connection).
    assert b"".join(response.streaming_content) == PDF
    # Nothing under MEDIA_URL is served directly: files go out only through the scoped view.
    client.logout()
    assert client.get("/tep/" + evidence.file.name).status_code == 404


# --- spreadsheets sent to the import ---------------------------------------------------------


def _upload(client, users, units, name: str, content: bytes):
    client.force_login(users["officer_new_commune"])
    return client.post(
        reverse("imports:batch_list"),
        {"kind": "people", "unit": units.new_commune.pk, "file": SimpleUploadedFile(name, content)},
    )


GOOD_SHEET = [["Họ và tên", "Ngày sinh", "Giới tính"], ["Lê Văn Bình", "1980", "Nam"]]


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd.xlsx", "<script>alert(1)</script>.xlsx", "dài " * 400 + ".xlsx"],
)
def test_a_spreadsheet_with_a_dangerous_name_is_read_and_shown_escaped(
    client, users, units, reference, settings, name
):
    response = _upload(client, users, units, name, xlsx(GOOD_SHEET, text_columns=(1,)))
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.status == BatchStatus.VALIDATED
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).rglob("*"))
    page = client.get(response["Location"]).text
    assert "<script>alert(1)</script>" not in page
    report = client.get(reverse("imports:batch_error_report", args=[batch.pk]))
    disposition = report["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    for dangerous in ("/", "<", ".."):
        assert dangerous not in disposition


def _zip_bomb() -> bytes:
    """A real workbook plus one member of 60 MB of zeros: about 60 kB on the wire."""
    buffer = io.BytesIO(xlsx(GOOD_SHEET, text_columns=(1,)))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\x00" * (60 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("danh-sach.xlsx", EXE, "không phải bảng tính"),
        ("danh-sach.xlsx", b"PK\x03\x04" + b"\x00" * 200, "bị hỏng"),
        ("danh-sach.xlsx", _zip_bomb(), "Tệp nén bất thường"),
        ("danh-sach.xlsx", b"   \n  ", "Tệp rỗng"),
    ],
    ids=["exe-renamed", "truncated-zip", "zip-bomb", "blank"],
)
def test_a_file_that_is_no_spreadsheet_is_refused_in_vietnamese(
    client, users, units, reference, name, content, message
):
    response = _upload(client, users, units, name, content)
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.status == BatchStatus.UNREADABLE
    assert message in client.get(response["Location"]).text
    assert not Person.objects.exists()


@pytest.mark.parametrize(("name", "content"), [("trang.xlsx", HTML), ("anh.xlsx", SVG)])
def test_web_pages_renamed_to_xlsx_are_read_as_text_and_store_nothing(
    client, users, units, reference, name, content
):
    response = _upload(client, users, units, name, content)
    assert response.status_code == 302
    page = client.get(response["Location"]).text
    assert "<script>alert" not in page
    assert "Không tìm thấy trang tính nào có tiêu đề cột" in page
    assert not Person.objects.exists()


def test_an_empty_upload_is_refused_on_the_form(client, users, units, reference):
    response = _upload(client, users, units, "rong.xlsx", b"")
    assert response.status_code == 200
    assert "The submitted file is empty" not in response.text
    assert not ImportBatch.objects.exists()
