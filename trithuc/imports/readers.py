"""Reading spreadsheets as offices send them: XLSX, XLS, ODS (python-calamine) and CSV.

Every way a file can be unreadable ends in :class:`FileProblem` with a Vietnamese message that says
what to do; nothing here lets a traceback reach the user. A :class:`Sheet` is the raw grid of one
worksheet, with row and column numbers as the spreadsheet program shows them.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

import python_calamine as calamine
from django.conf import settings

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted XLSX/ODS-in-Office file is an OLE container holding these streams.
_ENCRYPTED_MARKERS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
SPREADSHEET_ADVICE = "hãy lưu tệp từ Excel dạng .xlsx (hoặc .xls, .ods, .csv) rồi gửi lại"


class FileProblem(Exception):
    """The file itself cannot be read; ``message`` tells the user why and what to do."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass
class Sheet:
    name: str
    # Cell values by absolute position: rows[0] is row 1 of the sheet, rows[r][0] is column A.
    rows: list[list[Any]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


def max_rows() -> int:
    return getattr(settings, "TRITHUC_IMPORT_MAX_ROWS", 1_000_000)


def read_sheets(content: bytes, filename: str) -> list[Sheet]:
    """All worksheets of the file, or :class:`FileProblem`."""
    if not content or not content.strip():
        raise FileProblem("Tệp rỗng, không có dữ liệu; hãy kiểm tra lại tệp đã chọn.")
    if content.startswith(OLE_MAGIC) and any(m in content for m in _ENCRYPTED_MARKERS):
        raise FileProblem(_password_message())
    if content.startswith((ZIP_MAGIC, OLE_MAGIC)):
        return _read_workbook(content)
    if _looks_like_text(content):
        return [read_csv(content)]
    raise FileProblem(
        f"Tệp «{filename}» không phải bảng tính (Excel, LibreOffice hay CSV); {SPREADSHEET_ADVICE}."
    )


def _password_message() -> str:
    return (
        "Tệp được đặt mật khẩu nên hệ thống không đọc được; hãy mở tệp trong Excel, bỏ mật khẩu "
        "(Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu, xóa mật khẩu), lưu rồi gửi lại."
    )


def max_unpack_ratio() -> int:
    return getattr(settings, "TRITHUC_IMPORT_MAX_UNPACK_RATIO", 100)


# Below this unpacked size a workbook is read whatever its ratio (tiny files compress oddly).
UNPACK_FLOOR_BYTES = 50 * 1024 * 1024


def _refuse_zip_bombs(content: bytes) -> None:
    """A zip whose contents unpack to far more than any spreadsheet would (a "zip bomb") is
    refused before it is unpacked: real XLSX/ODS files unpack to 5–20 times their size."""
    if not content.startswith(ZIP_MAGIC):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, OSError):
        return  # damaged or exotic: the reader below says so in its own words
    if unpacked > UNPACK_FLOOR_BYTES and unpacked > max_unpack_ratio() * len(content):
        raise FileProblem(
            f"Tệp nén bất thường: {len(content):,} byte giải nén ra {unpacked:,} byte, không phải "
            f"bảng tính bình thường nên hệ thống không mở; {SPREADSHEET_ADVICE}.".replace(",", ".")
        )


def max_cells() -> int:
    return getattr(settings, "TRITHUC_IMPORT_MAX_CELLS", 30_000_000)


_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
# The common form, <c r="AB12" …> (how Excel, LibreOffice and xlsxwriter write every cell), read
# in two scans that give plain lists of byte strings (letters, then digits): about four times
# cheaper than the general pattern above, which is used for any part of a sheet where some cell
# is written otherwise (a prefix, another order of attributes, single quotes, no address).
_CELL_LETTERS = re.compile(rb'<c r="([A-Z]{1,3})[0-9]')
_CELL_DIGITS = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{1,7})"')


def _farthest_cell(block: bytes) -> tuple[int, int]:
    """(row, column) of the farthest cell addressed in ``block``."""
    letters = _CELL_LETTERS.findall(block)
    plain = (
        len(letters) == block.count(b"<c ") + block.count(b"<c>")
        and b":c " not in block
        and b":c>" not in block
    )
    if not plain:
        rows = columns = 0
        for column, row in _CELL_REF.findall(block):
            rows = max(rows, int(row))
            columns = max(columns, _column_number(column))
        return rows, columns
    digits = set(_CELL_DIGITS.findall(block))
    return (
        max(map(int, digits), default=0),
        max(map(_column_number, set(letters)), default=0),
    )


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _refuse_sparse_giants(content: bytes) -> None:
    """The reader lays a sheet out as a full grid from A1 to its farthest cell: two cells at XFD1
    and A1000000 would make sixteen billion. The cell addresses of each XLSX sheet are scanned
    first (a streaming pass) and a grid larger than ``max_cells()`` is refused."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        for member in members:
            rows = columns = 0
            tail = b""
            with archive.open(member) as stream:
                while chunk := stream.read(1 << 22):
                    block = tail + chunk
                    farthest = _farthest_cell(block)
                    rows, columns = max(rows, farthest[0]), max(columns, farthest[1])
                    tail = block[-200:]
            if rows * columns > max_cells():
                raise FileProblem(
                    f"Trang tính có ô ở tận dòng {rows:,}, cột {columns:,}: quá lớn để đọc "
                    f"(giới hạn {max_cells():,} ô); hãy xóa các ô thừa ở xa vùng dữ liệu hoặc chia "
                    "tệp thành nhiều tệp nhỏ.".replace(",", ".")
                )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, EOFError):
        return  # damaged or exotic: the reader says so in its own words
    except (ValueError, OSError):
        return


class _DoctypeFound(Exception):
    pass


def _refuse_broken_ods(content: bytes) -> None:
    """The spreadsheet reader can loop for ever on an ODS whose XML is cut off mid-tag (found by
    the fuzz tests), so the XML of an ODS is checked for being whole first, with Python's own
    streaming parser; a DOCTYPE (never in a real ODS, the way to entity bombs) is refused."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        if "content.xml" not in archive.namelist():
            return
        parser = expat.ParserCreate()

        def refuse_doctype(*_args: object) -> None:
            raise _DoctypeFound

        parser.StartDoctypeDeclHandler = refuse_doctype
        with archive.open("content.xml") as stream:
            while chunk := stream.read(1 << 20):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except (expat.ExpatError, _DoctypeFound) as exc:
        raise FileProblem(
            f"Tệp ODS bị hỏng (nội dung bị cắt dở hoặc sai cấu trúc); {SPREADSHEET_ADVICE}."
        ) from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, EOFError):
        return
    except (ValueError, OSError):
        return


def _read_workbook(content: bytes) -> list[Sheet]:
    _refuse_zip_bombs(content)
    _refuse_sparse_giants(content)
    _refuse_broken_ods(content)
    try:
        workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    except calamine.PasswordError as exc:
        raise FileProblem(_password_message()) from exc
    except (calamine.CalamineError, calamine.ZipError, calamine.XmlError, ValueError) as exc:
        raise FileProblem(
            f"Tệp không phải bảng tính đọc được hoặc đã bị hỏng; {SPREADSHEET_ADVICE}."
        ) from exc
    sheets = []
    for meta in workbook.sheets_metadata:
        if str(meta.typ) not in ("SheetTypeEnum.WorkSheet", "WorkSheet"):
            continue
        try:
            sheet = workbook.get_sheet_by_name(meta.name)
            height = sheet.end[0] + 1 if sheet.end else 0
            if height > max_rows() + 1:
                raise FileProblem(_too_many_rows(meta.name, height))
            rows = sheet.to_python(skip_empty_area=False)
            merged = list(sheet.merged_cell_ranges or [])
        except calamine.PasswordError as exc:
            raise FileProblem(_password_message()) from exc
        except (calamine.CalamineError, calamine.XmlError, calamine.ZipError) as exc:
            raise FileProblem(
                f"Trang «{meta.name}» bị hỏng, không đọc được; {SPREADSHEET_ADVICE}."
            ) from exc
        sheets.append(Sheet(meta.name, rows, merged))
    return sheets


def _too_many_rows(sheet_name: str, height: int) -> str:
    return (
        f"Trang «{sheet_name}» có {height:,} dòng, vượt giới hạn {max_rows():,} dòng một lần nhập"
        " (có khi do một ô ở tận cuối trang); hãy xóa các dòng thừa hoặc chia tệp thành nhiều tệp nhỏ."
    ).replace(",", ".")


def _looks_like_text(content: bytes) -> bool:
    head = content[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return b"\x00" not in head


# Windows-1258 writes most toned vowels as a base letter followed by one of these combining marks.
_CP1258_TONES = frozenset(b"\xcc\xec\xd2\xde\xf2")
_ASCII_VOWELS = frozenset(b"aeiouyAEIOUY")
# Vowels with a shape mark that Windows-1258 has as single bytes (â ê ô ă ơ ư and capitals).
_CP1258_VOWELS = frozenset(b"\xe2\xea\xf4\xe3\xf5\xfd\xc2\xca\xd4\xc3\xd5\xdd")
_LOST_MARK = re.compile(r"\w\?\w|\w\?(?=[\s,;\"]|$)")


def decode_text(content: bytes) -> tuple[str, str]:
    """The text of a CSV file and the name of its encoding, or :class:`FileProblem`.

    UTF-8 (with or without BOM) and UTF-16 with BOM are certain. Otherwise the file is one of the
    Windows code pages a Vietnamese office PC writes: Windows-1258 is recognised by its tone marks
    written after vowels; Windows-1252 (Excel's "CSV" on an English Windows) is accepted only when it
    kept every letter, because it has no ơ, ư, đ nor most toned vowels and Excel writes "?" for them.
    """
    marked = _decode_with_bom(content)
    if marked is not None:
        return marked
    try:
        return content.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    tones_after_vowels = sum(
        1
        for before, byte in zip(content, content[1:], strict=False)
        if byte in _CP1258_TONES and (before in _ASCII_VOWELS or before in _CP1258_VOWELS)
    )
    if tones_after_vowels:
        try:
            text = content.decode("cp1258")
        except UnicodeDecodeError:
            text = None
        if text is not None:
            return unicodedata.normalize("NFC", text), "Windows-1258"
    try:
        text = content.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise FileProblem(_encoding_advice("không nhận ra bảng mã của tệp CSV")) from exc
    lost = _LOST_MARK.search(text)
    if lost:
        sample = _word_around(text, lost.start() + 1)
        raise FileProblem(
            _encoding_advice(
                f"tệp CSV được lưu theo bảng mã Windows-1252, đã mất dấu tiếng Việt (ví dụ «{sample}»)"
            )
        )
    return text, "Windows-1252"


def _decode_with_bom(content: bytes) -> tuple[str, str] | None:
    """Text that announces its encoding by a byte-order mark must then be in it, whole."""
    for bom, codec, name in (
        (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8 (BOM)"),
        (b"\xff\xfe", "utf-16", "UTF-16"),
        (b"\xfe\xff", "utf-16", "UTF-16"),
    ):
        if content.startswith(bom):
            try:
                return content.decode(codec), name
            except UnicodeDecodeError as exc:
                raise FileProblem(
                    _encoding_advice(
                        f"tệp CSV ghi là bảng mã {name} nhưng có đoạn hỏng ở byte thứ "
                        f"{exc.start + 1} (tệp bị cắt dở hoặc lưu lỗi)"
                    )
                ) from exc
    return None


def _word_around(text: str, index: int) -> str:
    start = index
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in ',;"':
        start -= 1
    end = index
    while end < len(text) and not text[end].isspace() and text[end] not in ',;"':
        end += 1
    return text[start:end]


def _encoding_advice(what: str) -> str:
    return (
        f"{what[:1].upper()}{what[1:]}; hãy mở tệp trong Excel, chọn Lưu thành › «CSV UTF-8 (Comma "
        "delimited)» (hoặc lưu dạng .xlsx) rồi gửi lại."
    )


def read_csv(content: bytes) -> Sheet:
    text, _encoding = decode_text(content)
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    lines = text.count("\n")
    if lines > max_rows() + 1:
        raise FileProblem(_too_many_rows("CSV", lines))
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise FileProblem(f"Tệp CSV sai cấu trúc ({exc}); {SPREADSHEET_ADVICE}.") from exc
    return Sheet("CSV", rows)
