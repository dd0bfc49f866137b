"""A deterministic generator of malformed spreadsheets for the import fuzz test.

Each case is built from a seeded ``random.Random``: the same seed gives the same files on every
machine, so a failure found in CI is reproduced by its case number. The cases mix what offices
really send with what an attacker could: truncated or corrupted zips, wrong or duplicate headers,
merged cells, formulas, huge cells, dates as text, control characters, odd encodings, empty
sheets, thousands of columns, ODS with broken XML, OLE headers with junk.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import xlsxwriter

from trithuc.imports.engine import Kind
from trithuc.imports.kinds import KINDS

SEED = 45_2023
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

ODD_TEXTS = [
    "",
    " ",
    "\u00a0",
    "\x00",
    "\x07\x08\x1b[31m",
    "=1+1",
    '=HYPERLINK("http://x")',
    "+84 912 345 678",
    "-",
    "@",
    "'",
    '"',
    "\ufeff",
    "\u202e\u0645\u0631\u062d\u0628\u0627",
    "Ð\u0110ặng Thị Hoà",
    "Thuỷ\u0301",
    "😀" * 10,
    "\ud7ff",
    "<script>alert(1)</script>",
    "31/02/1985",
    "1985-13-45",
    "00/00/0000",
    "99999999999999999999",
    "1e308",
    "NaN",
    "-0",
    "0x1F",
    "12/1985",
    "1900",
    "3000",
    "Nam/Nữ",
    "Kinh;Tày",
    "0933 123 456 789",
    "x" * 300,
    "dòng 1\ndòng 2\r\ndòng 3",
    "\t\t",
    "NULL",
    "None",
    "true",
]
ODD_HEADERS = ["", "STT", "Ghi chú", "Họ và tên", "HỌ VÀ TÊN", "Ho va ten", "(bắt buộc)", "*"]


@dataclass
class Case:
    number: int
    kind: Kind
    filename: str
    content: bytes
    recipe: str


def _value(rng: random.Random):
    choice = rng.random()
    if choice < 0.55:
        return rng.choice(ODD_TEXTS)
    if choice < 0.65:
        return rng.choice([0, -1, 1.5, 10**15, -(10**15), 3.14159e-300, 45000, 60])
    if choice < 0.75:
        return rng.choice(
            [dt.date(1985, 6, 15), dt.date(1900, 1, 1), dt.date(2099, 12, 31), dt.date(1, 1, 1)]
        )
    if choice < 0.8:
        return rng.choice([True, False])
    if choice < 0.85:
        return "".join(chr(rng.randrange(1, 0x2FFF)) for _ in range(rng.randrange(1, 40)))
    if choice < 0.87:
        return "Đ" * rng.choice([5_000, 32_000])
    return None


def _headers(kind: Kind, rng: random.Random) -> list[str]:
    headers = [c.header for c in kind.columns]
    recipe = rng.random()
    if recipe < 0.25:
        rng.shuffle(headers)
    elif recipe < 0.4:
        headers = headers + headers  # every header twice
    elif recipe < 0.55:
        headers = [rng.choice(ODD_HEADERS) for _ in headers]
    elif recipe < 0.65:
        headers = headers[: rng.randrange(0, len(headers) + 1)]
    elif recipe < 0.75:
        headers = [h + rng.choice([" *", " (bắt buộc)", "\n", "  ", "\x00"]) for h in headers]
    return headers


def _grid(kind: Kind, rng: random.Random) -> list[list]:
    width = len(kind.columns)
    grid: list[list] = []
    for _ in range(rng.randrange(0, 4)):
        grid.append([rng.choice(ODD_TEXTS) for _ in range(rng.randrange(0, 4))])  # title rows
    grid.append(_headers(kind, rng))
    for _ in range(rng.randrange(0, 12)):
        grid.append([_value(rng) for _ in range(rng.randrange(0, width + 3))])
    return grid


def _xlsx(kind: Kind, rng: random.Random) -> tuple[bytes, str]:
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_numbers": False})
    recipe = []
    for sheet_number in range(rng.choice([1, 1, 1, 2, 3])):
        name = rng.choice([kind.sheet_title, "Sheet1", "Danh mục", "'", "Trang"]) + str(
            sheet_number
        )
        sheet = book.add_worksheet(name[:31].replace("'", "x"))
        if rng.random() < 0.08:
            recipe.append("empty sheet")
            continue
        grid = _grid(kind, rng)
        for r, values in enumerate(grid):
            for c, value in enumerate(values):
                if value is None:
                    continue
                if isinstance(value, dt.date):
                    sheet.write_datetime(r, c, value)
                elif isinstance(value, bool):
                    sheet.write_boolean(r, c, value)
                elif isinstance(value, int | float):
                    sheet.write_number(r, c, value)
                elif value.startswith("=") and rng.random() < 0.5:
                    sheet.write_formula(r, c, value)
                    recipe.append("formula")
                else:
                    sheet.write_string(r, c, value[:32_767])
        if rng.random() < 0.15 and grid:
            top = rng.randrange(0, len(grid))
            sheet.merge_range(top, 0, top + rng.randrange(0, 3), rng.randrange(1, 6), "gộp")
            recipe.append("merged")
        if rng.random() < 0.01:
            for c in range(10_000):
                sheet.write_string(0, c, f"Cột {c}")
            recipe.append("10k columns")
        if rng.random() < 0.01:
            sheet.write_string(rng.choice([5_000, 1_048_575]), 0, "ô ở tận cuối trang")
            recipe.append("far cell")
    book.close()
    return output.getvalue(), "xlsx " + ", ".join(recipe)


def _csv(kind: Kind, rng: random.Random) -> tuple[bytes, str]:
    grid = [["" if v is None else str(v) for v in row] for row in _grid(kind, rng)]
    buffer = io.StringIO()
    delimiter = rng.choice([",", ";", "\t", "|"])
    csv.writer(buffer, delimiter=delimiter).writerows(grid)
    text = buffer.getvalue()
    if rng.random() < 0.2:
        text = text.replace('"', "", rng.randrange(1, 3))  # unbalanced quotes
    encoding = rng.choice(["utf-8", "utf-8-sig", "utf-16", "cp1258", "cp1252", "latin-1", "bytes"])
    if encoding == "bytes":
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 2000))), "csv random bytes"
    return text.encode(encoding, errors="replace"), f"csv {encoding} {delimiter!r}"


def _ods(kind: Kind, rng: random.Random) -> tuple[bytes, str]:
    cells = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
            for v in row
        )
        + "</table:table-row>"
        for row in ([c.header for c in kind.columns], ["Lê Văn Bình", "1980", "Nam"])
    )
    if rng.random() < 0.5:
        cells = cells[: rng.randrange(0, len(cells))]  # broken XML
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        f'<office:spreadsheet><table:table table:name="Nhân sự">{cells}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        if rng.random() < 0.7:
            archive.writestr(
                "META-INF/manifest.xml",
                '<?xml version="1.0"?><manifest:manifest xmlns:manifest='
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
            )
    return output.getvalue(), "ods"


def _corrupt(content: bytes, rng: random.Random) -> tuple[bytes, str]:
    recipe = rng.random()
    if recipe < 0.35:
        cut = rng.randrange(0, max(1, len(content)))
        return content[:cut], f"truncated at {cut}"
    if recipe < 0.7:
        data = bytearray(content)
        for _ in range(rng.randrange(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data), "bytes flipped"
    if recipe < 0.85:
        return _mangle_member(content, rng), "zip member mangled"
    return OLE_MAGIC + content[rng.randrange(0, max(1, len(content))) :], "OLE header + junk"


def _mangle_member(content: bytes, rng: random.Random) -> bytes:
    try:
        source = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        return content
    output = io.BytesIO()
    with source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        members = source.namelist()
        dropped = rng.choice(members)
        for name in members:
            data = source.read(name)
            if name == dropped and rng.random() < 0.5:
                continue
            if name.endswith(".xml") and rng.random() < 0.3:
                data = rng.choice(
                    [
                        data.replace(b'encoding="UTF-8"', b'encoding="UTF-7"'),
                        data.replace(b"<dimension ref=", b'<dimension ref="A1:XFD1048576" x='),
                        data[: len(data) // 2],
                        b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a '"
                        + b"A" * 1000
                        + b"'>]><x>&a;&a;&a;</x>",
                    ]
                )
            target.writestr(name, data)
    return output.getvalue()


def malformed_sheets(count: int, *, seed: int = SEED) -> Iterator[Case]:
    """``count`` malformed spreadsheets, the same ones for the same seed."""
    kinds = list(KINDS.values())
    rng = random.Random(seed)
    for number in range(count):
        kind = kinds[number % len(kinds)]
        maker = rng.choice([_xlsx, _xlsx, _xlsx, _csv, _csv, _ods])
        content, recipe = maker(kind, rng)
        if rng.random() < 0.35:
            content, damage = _corrupt(content, rng)
            recipe += f"; {damage}"
        extension = {_xlsx: "xlsx", _csv: "csv", _ods: "ods"}[maker]
        yield Case(number, kind, f"tep-{number}.{extension}", content, recipe)
