"""Spreadsheets as offices send them, built in memory for the tests."""

from __future__ import annotations

import csv
import io
from typing import Any

import xlsxwriter
from python_calamine import CalamineWorkbook

from trithuc.imports import engine
from trithuc.imports.kinds import get_kind

PEOPLE_HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Dân tộc", "Chức vụ"]


def xlsx(
    rows: list[list[Any]],
    *,
    sheet: str = "Nhân sự",
    merged: str | None = None,
    extra_sheets: dict[str, list[list[Any]]] | None = None,
    text_columns: tuple[int, ...] = (),
) -> bytes:
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_numbers": False})
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for name, data in {sheet: rows, **(extra_sheets or {})}.items():
        ws = book.add_worksheet(name)
        for r, values in enumerate(data):
            for c, value in enumerate(values):
                if value is None:
                    continue
                if hasattr(value, "year") and not isinstance(value, str):
                    ws.write_datetime(r, c, value, date_format)
                elif c in text_columns:
                    ws.write_string(r, c, str(value))
                else:
                    ws.write(r, c, value)
        if merged and name == sheet:
            first = rows[0][0] if rows and rows[0] else ""
            ws.merge_range(merged, first)
    book.close()
    return output.getvalue()


def csv_bytes(rows: list[list[Any]], *, encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def read_back(content: bytes) -> list[list[Any]]:
    """The first sheet of an XLSX we wrote, as values."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return book.get_sheet_by_index(0).to_python(skip_empty_area=False)


def sheet_names(content: bytes) -> list[str]:
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).sheet_names


def check(kind: str, content: bytes, unit, actor=None, filename: str = "tep.xlsx", decisions=None):
    found = get_kind(kind)
    ctx = engine.Context(kind=found, unit=unit, actor=actor, decisions=decisions or {})
    return engine.check(found, content, filename, ctx)


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Text as Windows-1258 writes it: letters it holds whole, tone marks as combining characters."""
    import unicodedata

    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tone = "".join(p for p in parts if p in _TONES)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES))
            out += (base + tone).encode("cp1258")
    return bytes(out)
