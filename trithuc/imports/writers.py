"""Writing XLSX: the template a unit fills in, exports with the same headers, and the error report
(the sheet the unit sent, returned with a «Lỗi» column).

Text that a spreadsheet program would take for a formula (starting with = + - @, or a tab or
carriage return) is written with a leading apostrophe, so that opening an export or a report can
never run anything; the reader takes that apostrophe off again when the file comes back.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

import xlsxwriter

from .engine import Column, Kind, Table
from .values import is_blank

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEMPLATE_ROWS = 5000  # rows of the template that carry drop-down lists and formats
ERROR_HEADER = "Lỗi"


def safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def header_text(column: Column) -> str:
    return f"{column.header} *" if column.required else column.header


class _Formats:
    def __init__(self, book: xlsxwriter.Workbook):
        self.header = book.add_format(
            {
                "bold": True,
                "text_wrap": True,
                "valign": "vcenter",
                "bg_color": "#DDEBF7",
                "border": 1,
            }
        )
        self.required = book.add_format(
            {
                "bold": True,
                "text_wrap": True,
                "valign": "vcenter",
                "bg_color": "#FCE4D6",
                "border": 1,
            }
        )
        self.text = book.add_format({"num_format": "@"})
        self.date = book.add_format({"num_format": "dd/mm/yyyy"})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.error = book.add_format({"bg_color": "#FFC7CE", "text_wrap": True, "valign": "top"})
        self.title = book.add_format({"bold": True, "font_size": 13})


def _write_headers(sheet: Any, kind: Kind, formats: _Formats) -> None:
    for position, column in enumerate(kind.columns):
        style = formats.required if column.required else formats.header
        sheet.write_string(0, position, header_text(column), style)
        # Dates and CCCD numbers are typed as text so Excel keeps leading zeros and day/month order.
        cell_format = formats.text if not column.is_date else formats.date
        sheet.set_column(position, position, column.width, cell_format)
    sheet.set_row(0, 32)
    sheet.freeze_panes(1, 0)


def template(kind: Kind) -> bytes:
    """An empty sheet with the kind's headers, drop-down lists and an instructions sheet."""
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    formats = _Formats(book)
    data = book.add_worksheet(kind.sheet_title)
    guide = book.add_worksheet("Hướng dẫn")
    lists = book.add_worksheet("Danh mục")
    _write_headers(data, kind, formats)
    list_column = 0
    for position, column in enumerate(kind.columns):
        if column.help:
            data.write_comment(0, position, column.help, {"x_scale": 2, "y_scale": 1.2})
        if column.choices is None:
            continue
        values = column.choices()
        if not values:
            continue
        lists.write_string(0, list_column, column.header, formats.header)
        for offset, value in enumerate(values, start=1):
            lists.write_string(offset, list_column, value)
        letter = xlsxwriter.utility.xl_col_to_name(list_column)
        data.data_validation(
            1,
            position,
            TEMPLATE_ROWS,
            position,
            {
                "validate": "list",
                "source": f"='Danh mục'!${letter}$2:${letter}${len(values) + 1}",
                "error_title": column.header,
                "error_message": f"Hãy chọn một giá trị trong danh sách «{column.header}».",
            },
        )
        list_column += 1
    lists.hide()
    _write_guide(guide, kind, formats)
    book.close()
    return output.getvalue()


def _write_guide(sheet: Any, kind: Kind, formats: _Formats) -> None:
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 1, 14)
    sheet.set_column(2, 2, 90)
    sheet.write_string(0, 0, f"Hướng dẫn nhập «{kind.label}»", formats.title)
    lines = [
        f"Nhập dữ liệu vào trang «{kind.sheet_title}», từ dòng 2; giữ nguyên dòng tiêu đề.",
        "Cột có dấu * là bắt buộc. Ngày ghi dạng ngày/tháng/năm (05/03/1985); chỉ biết tháng hoặc "
        "năm thì ghi 03/1985 hoặc 1985.",
        "Tệp có thể lưu dạng .xlsx, .xls, .ods hoặc .csv (CSV UTF-8). Không đặt mật khẩu, không gộp ô "
        "ở dòng tiêu đề.",
        "Sau khi tải lên, hệ thống liệt kê từng lỗi theo dòng và cột; tải «tệp báo lỗi» về, sửa các "
        "dòng có ghi ở cột «Lỗi» rồi gửi lại cả tệp: dòng đã lưu không bị lưu hai lần.",
        *kind.instructions,
    ]
    row = 2
    for line in lines:
        sheet.merge_range(row, 0, row, 2, f"• {line}", formats.wrap)
        sheet.set_row(row, 30)
        row += 1
    row += 1
    for position, title in enumerate(("Cột", "Bắt buộc", "Cách ghi")):
        sheet.write_string(row, position, title, formats.header)
    for column in kind.columns:
        row += 1
        allowed = ""
        if column.choices is not None:
            values = column.choices()
            allowed = (
                " Chọn một trong: " + "; ".join(values[:20]) + ("…" if len(values) > 20 else "")
            )
        sheet.write_string(row, 0, column.header)
        sheet.write_string(row, 1, "Có" if column.required else "")
        sheet.write_string(row, 2, (column.help + allowed).strip(), formats.wrap)


def export(kind: Kind, rows: Iterable[list[Any]]) -> bytes:
    """The kind's rows under the template's headers, every text cell neutralised."""
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True, "constant_memory": True})
    formats = _Formats(book)
    sheet = book.add_worksheet(kind.sheet_title)
    _write_headers(sheet, kind, formats)
    for number, values in enumerate(rows, start=1):
        for position, value in enumerate(values):
            _write(sheet, number, position, value, formats)
    book.close()
    return output.getvalue()


def error_report(table: Table, errors: dict[int, list[str]]) -> bytes:
    """The sheet as it was sent (values, not formatting), with a «Lỗi» column after the last one."""
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True, "constant_memory": True})
    formats = _Formats(book)
    sheet = book.add_worksheet(table.sheet.name[:31] or "Dữ liệu")
    width = max((len(r) for r in table.sheet.rows), default=0)
    while width and all(len(r) < width or is_blank(r[width - 1]) for r in table.sheet.rows):
        width -= 1
    sheet.set_column(width, width, 70)
    for index, cells in enumerate(table.sheet.rows):
        number = index + 1
        for position, value in enumerate(cells[:width]):
            _write(sheet, index, position, value, formats)
        if index == table.header_index:
            sheet.write_string(index, width, ERROR_HEADER, formats.required)
        elif number in errors:
            sheet.write_string(index, width, safe("\n".join(errors[number])), formats.error)
    sheet.freeze_panes(table.header_index + 1, 0)
    book.close()
    return output.getvalue()


def _write(sheet: Any, row: int, column: int, value: Any, formats: _Formats) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, dt.datetime | dt.date):
        sheet.write_datetime(row, column, value, formats.date)
    elif isinstance(value, int | float):
        sheet.write_number(row, column, value)
    else:
        sheet.write_string(row, column, safe(str(value)))
