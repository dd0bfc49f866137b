"""Files as they arrive: every bad file gets a clear Vietnamese message and no traceback, and the
forms real files hold (XLSX, ODS, CSV in four encodings, title rows, synonyms) are read."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from trithuc.imports.readers import FileProblem, decode_text, read_sheets

from .helpers import PEOPLE_HEADERS, check, csv_bytes, to_cp1258, xlsx

ROW = [1, "Nguyễn Văn An", dt.date(1985, 3, 5), "Nam", "093085001234", "Kinh", "Chuyên viên"]


def _problem(content: bytes, unit, filename: str = "tep.xlsx") -> str:
    with pytest.raises(FileProblem) as caught:
        check("people", content, unit, filename=filename)
    return caught.value.message


def test_a_pdf_renamed_to_xlsx_is_refused_as_not_a_spreadsheet(units, reference):
    message = _problem(b"%PDF-1.7\n\x00\x01\x02 binary", units.commune_one, "danh-sach.xlsx")
    assert "không phải bảng tính" in message


def test_a_word_document_is_refused_as_not_a_readable_spreadsheet(units, reference):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "không phải bảng tính" in _problem(buffer.getvalue(), units.commune_one, "x.docx")


def test_a_password_protected_workbook_is_refused_with_how_to_remove_the_password(units, reference):
    # Excel writes an encrypted workbook as an OLE container with these two streams.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    directory = "EncryptionInfo".encode("utf-16-le") + b"\x00" * 50
    directory += "EncryptedPackage".encode("utf-16-le")
    message = _problem(header + directory + b"\x00" * 1024, units.commune_one)
    assert "mật khẩu" in message
    assert "bỏ mật khẩu" in message


def test_an_empty_file_is_refused(units, reference):
    assert "Tệp rỗng" in _problem(b"", units.commune_one)


def test_a_workbook_with_only_empty_sheets_is_refused(units, reference):
    assert "không có dữ liệu" in _problem(xlsx([[]]), units.commune_one)


def test_a_sheet_with_headers_and_no_rows_says_where_to_type_data(units, reference):
    message = _problem(xlsx([PEOPLE_HEADERS]), units.commune_one)
    assert "chỉ có dòng tiêu đề" in message
    assert "từ dòng 2" in message


def test_a_workbook_without_the_kinds_sheet_names_its_sheets_and_the_template_sheet(
    units, reference
):
    content = xlsx([["Mã hàng", "Số lượng"], ["A1", 3]], sheet="Kho")
    message = _problem(content, units.commune_one)
    assert "«Kho»" in message
    assert "«Nhân sự»" in message


def test_missing_required_columns_are_named(units, reference):
    content = xlsx([["STT", "Họ và tên", "Chức vụ"], [1, "Nguyễn Văn An", "Chuyên viên"]])
    message = _problem(content, units.commune_one)
    assert "thiếu cột bắt buộc" in message
    assert "«Ngày sinh»" in message
    assert "«Giới tính»" in message


def test_merged_header_cells_are_refused_with_the_range(units, reference):
    rows = [["Họ và tên", None, "Ngày sinh", "Giới tính"], ["Nguyễn Văn An", None, "1985", "Nam"]]
    message = _problem(xlsx(rows, merged="A1:B1"), units.commune_one)
    assert "ô gộp" in message
    assert "A1:B1" in message


def test_a_merged_title_above_the_headers_is_fine(units, reference):
    rows = [
        ["DANH SÁCH CÁN BỘ", None, None, None],
        PEOPLE_HEADERS[1:4],
        ["Lê Văn Bình", "1980", "Nam"],
    ]
    outcome = check("people", xlsx(rows, merged="A1:D1"), units.commune_one)
    assert outcome.table.header_row == 2
    assert [row.number for row in outcome.rows] == [3]


def test_a_sheet_reaching_past_a_million_rows_is_refused_before_reading(units, reference):
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Nhân sự")
    sheet.write_row(0, 0, PEOPLE_HEADERS)
    sheet.write_row(1, 0, ["1", "Nguyễn Văn An", "05/03/1985", "Nam"])
    sheet.write_string(1_000_005, 0, "sót lại ở cuối trang")
    book.close()
    message = _problem(buffer.getvalue(), units.commune_one)
    assert "vượt giới hạn 1.000.000 dòng" in message


def test_a_csv_over_the_row_limit_is_refused(units, reference, settings):
    settings.TRITHUC_IMPORT_MAX_ROWS = 3
    rows = [PEOPLE_HEADERS] + [[i, "Nguyễn Văn An", "1985", "Nam"] for i in range(5)]
    assert "vượt giới hạn 3 dòng" in _problem(csv_bytes(rows), units.commune_one, "a.csv")


@pytest.mark.parametrize(
    ("encoding", "prefix", "name"),
    [
        ("utf-8", b"", "UTF-8"),
        ("utf-8", b"\xef\xbb\xbf", "UTF-8 (BOM)"),
        ("cp1258", b"", "Windows-1258"),
    ],
)
def test_csv_in_the_encodings_offices_use_is_read_alike(encoding, prefix, name, units, reference):
    rows = [PEOPLE_HEADERS, [1, "Trần Thị Thủy", "12/08/1990", "Nữ", "", "Kinh", "Kế toán"]]
    if encoding == "cp1258":
        content = to_cp1258(csv_bytes(rows).decode())
    else:
        content = prefix + csv_bytes(rows)
    assert decode_text(content)[1] == name
    outcome = check("people", content, units.commune_one, filename="ds.csv")
    assert outcome.rows[0].values["full_name"] == "Trần Thị Thủy"
    assert outcome.rows[0].ok


def test_windows_1252_csv_that_lost_vietnamese_letters_is_refused_clearly(units, reference):
    content = "Họ và tên,Ngày sinh,Giới tính\r\nNguy?n V?n An,1985,Nam\r\n".encode(
        "cp1252", "replace"
    )
    message = _problem(content, units.commune_one, "ds.csv")
    assert "Windows-1252" in message
    assert "«H?»" in message  # the first word that lost its marks: "Họ" of the header
    assert "CSV UTF-8" in message


def test_windows_1252_csv_that_kept_every_letter_is_read(units, reference):
    content = "Ho va ten,Ngay sinh,Gioi tinh\r\nLê Thúy Hà,1985,Nu\r\n".encode("cp1252")
    assert decode_text(content)[1] == "Windows-1252"
    outcome = check("people", content, units.commune_one, filename="ds.csv")
    assert outcome.rows[0].values["full_name"] == "Lê Thúy Hà"


def test_semicolon_separated_csv_is_read(units, reference):
    content = csv_bytes([PEOPLE_HEADERS, [1, "Lê Văn Bình", "1980", "Nam"]], delimiter=";")
    assert check("people", content, units.commune_one, filename="a.csv").rows[0].ok


def test_an_ods_file_is_read(units, reference):
    content = _ods([["Họ và tên", "Ngày sinh", "Giới tính"], ["Phạm Ngọc Hân", "1992", "Nữ"]])
    outcome = check("people", content, units.commune_one, filename="a.ods")
    assert outcome.rows[0].values["full_name"] == "Phạm Ngọc Hân"


def test_headers_are_matched_without_case_accents_spacing_or_notes(units, reference):
    rows = [
        ["  HO TEN ", "ngày tháng năm sinh (dd/mm/yyyy)", "GIOI TINH *", "Số căn cước công dân"],
        ["nguyễn văn an", "05/03/1985", "nam", "093085001234"],
    ]
    outcome = check("people", xlsx(rows), units.commune_one)
    assert set(outcome.table.columns) == {"full_name", "birth_date", "gender", "cccd"}
    assert outcome.rows[0].values["full_name"] == "Nguyễn Văn An"


def test_the_data_sheet_is_found_beside_an_instructions_sheet(units, reference):
    content = xlsx(
        [["Hướng dẫn"], ["Điền vào trang Nhân sự"]],
        sheet="Hướng dẫn",
        extra_sheets={"Nhân sự": [PEOPLE_HEADERS, ROW]},
    )
    outcome = check("people", content, units.commune_one)
    assert outcome.table.sheet.name == "Nhân sự"


def test_read_sheets_gives_rows_by_absolute_position():
    sheets = read_sheets(xlsx([[None, None], [None, "Họ và tên"]]), "a.xlsx")
    assert sheets[0].rows[1][1] == "Họ và tên"


def _ods(rows: list[list[str]]) -> bytes:
    cells = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
            for v in row
        )
        + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Nhân sự">'
        f"{cells}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return buffer.getvalue()


def test_a_far_cell_is_refused_however_its_address_is_written():
    """The scan for sparse giant sheets reads the usual <c r="A1"> form quickly and falls back to
    the general pattern when some cell is written otherwise (an XML prefix, the address after
    another attribute): a far cell is found either way, and an ordinary sheet passes."""
    import io
    import zipfile

    import pytest

    from trithuc.imports.readers import FileProblem, _refuse_sparse_giants

    def workbook(cells: bytes) -> bytes:
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w") as archive:
            archive.writestr(
                "xl/worksheets/sheet1.xml",
                b"<worksheet><sheetData>" + cells + b"</sheetData></worksheet>",
            )
        return output.getvalue()

    near = b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="J1"><v>1</v></c></row>'
    _refuse_sparse_giants(workbook(near))
    for far in (
        b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
        b'<row r="1048576"><x:c t="n" r="XFD1048576"><v>1</v></x:c></row>',
        b'<row r="1048576"><c t="n" r="XFD1048576"><v>1</v></c></row>',
    ):
        with pytest.raises(FileProblem, match="quá lớn để đọc"):
            _refuse_sparse_giants(workbook(near + far))
