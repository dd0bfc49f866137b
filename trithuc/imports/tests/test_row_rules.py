"""Each rule a row is checked against, with the message the officer reads: row, column, what is
wrong and how to write it."""

from __future__ import annotations

import datetime as dt

import pytest

from trithuc.core.dates import DatePrecision
from trithuc.imports.values import CellError, parse_cccd, parse_date

from .helpers import check, xlsx

HEADERS = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số CCCD",
    "Dân tộc",
    "Đảng viên",
    "Ngày vào Đảng",
]


def _errors(unit, *row):
    cells = list(row) + [None] * (len(HEADERS) - len(row))
    outcome = check("people", xlsx([HEADERS, cells], text_columns=(1, 3, 6)), unit)
    return [issue.message for issue in outcome.rows[0].errors], outcome.rows[0]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("05/03/1985", (dt.date(1985, 3, 5), DatePrecision.DAY)),
        ("5/3/1985", (dt.date(1985, 3, 5), DatePrecision.DAY)),
        ("05-03-1985", (dt.date(1985, 3, 5), DatePrecision.DAY)),
        ("05.03.1985", (dt.date(1985, 3, 5), DatePrecision.DAY)),
        ("1985-03-05", (dt.date(1985, 3, 5), DatePrecision.DAY)),
        ("03/1985", (dt.date(1985, 3, 1), DatePrecision.MONTH)),
        ("1985", (dt.date(1985, 1, 1), DatePrecision.YEAR)),
        (1985, (dt.date(1985, 1, 1), DatePrecision.YEAR)),
        (31111.0, (dt.date(1985, 3, 5), DatePrecision.DAY)),  # an Excel serial
        ("31111", (dt.date(1985, 3, 5), DatePrecision.DAY)),
        ("ngày 5 tháng 3 năm 1985", (dt.date(1985, 3, 5), DatePrecision.DAY)),
        ("tháng 3/1985", (dt.date(1985, 3, 1), DatePrecision.MONTH)),
        ("năm 1985", (dt.date(1985, 1, 1), DatePrecision.YEAR)),
        (dt.date(1985, 3, 5), (dt.date(1985, 3, 5), DatePrecision.DAY)),
        (dt.datetime(1985, 3, 5, 0, 0, tzinfo=dt.UTC), (dt.date(1985, 3, 5), DatePrecision.DAY)),
    ],
)
def test_dates_in_the_forms_real_files_hold_are_read(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("31/02/1985", "không phải ngày có thật"),
        ("13/1985", "không phải tháng có thật"),
        ("05/03/85", "năm phải đủ 4 chữ số"),
        ("1850", "ngoài khoảng 1900–2100"),
        ("không rõ", "không đọc được là ngày"),
    ],
)
def test_impossible_or_unreadable_dates_say_how_to_write_them(raw, fragment):
    with pytest.raises(CellError) as caught:
        parse_date(raw)
    assert fragment in caught.value.message
    assert "ngày/tháng/năm" in caught.value.message or "kiểm tra" in caught.value.message


def test_an_impossible_birth_date_is_reported_with_row_column_and_fix(units, reference):
    messages, _ = _errors(units.commune_one, "Nguyễn Văn An", "31/02/1985", "Nam")
    assert messages == [
        "Dòng 2, cột «Ngày sinh»: «31/02/1985» không phải ngày có thật; hãy ghi theo dạng "
        "ngày/tháng/năm (ví dụ 05/03/1985), tháng/năm hoặc năm."
    ]


def test_required_cells_left_empty_are_named(units, reference):
    messages, _ = _errors(units.commune_one, "Nguyễn Văn An", None, None)
    assert "Dòng 2, cột «Ngày sinh»: ô trống; cần ghi «Ngày sinh»." in messages
    assert "Dòng 2, cột «Giới tính»: ô trống; cần ghi «Giới tính»." in messages


def test_names_are_stored_in_nfc_proper_case_and_split(units, reference):
    decomposed = "NGUYE\u0302\u0303N  thi\u0323   minh   KHAI"
    _, row = _errors(units.commune_one, decomposed, "1985", "Nữ")
    assert row.values["full_name"] == "Nguyễn Thị Minh Khai"
    assert row.ok


def test_a_name_with_digits_is_refused(units, reference):
    messages, _ = _errors(units.commune_one, "Nguyễn Văn 2", "1985", "Nam")
    assert "có ký tự không phải chữ cái" in messages[0]


@pytest.mark.parametrize(
    ("raw", "gender"), [("Nam", "male"), ("nữ", "female"), ("NU", "female"), ("F", "female")]
)
def test_gender_is_read_in_its_usual_spellings(units, reference, raw, gender):
    _, row = _errors(units.commune_one, "Lê Văn Bình", "1980", raw)
    assert row.values["gender"] == gender


def test_an_unknown_gender_says_what_to_write(units, reference):
    messages, _ = _errors(units.commune_one, "Lê Văn Bình", "1980", "khác")
    assert messages == [
        "Dòng 2, cột «Giới tính»: «khác» không phải giới tính; hãy ghi «Nam» hoặc «Nữ»."
    ]


def test_a_cccd_must_have_twelve_digits(units, reference):
    messages, _ = _errors(units.commune_one, "Lê Văn Bình", "1980", "Nam", "09308000123")
    assert "phải gồm đúng 12 chữ số" in messages[0]
    assert "cột «Số CCCD»" in messages[0]


def test_a_cccd_with_an_unknown_province_code_is_refused(units, reference):
    messages, _ = _errors(units.commune_one, "Lê Văn Bình", "1980", "Nam", "099080001234")
    assert "không phải mã tỉnh" in messages[0]


def test_a_cccd_whose_gender_digit_disagrees_with_the_gender_is_refused(units, reference):
    messages, _ = _errors(units.commune_one, "Lê Thị Hoa", "1980", "Nữ", "093080001234")
    assert "giới tính nam, không khớp" in messages[0]


def test_a_cccd_whose_birth_year_disagrees_is_refused(units, reference):
    messages, _ = _errors(units.commune_one, "Lê Văn Bình", "1981", "Nam", "093080001234")
    assert "năm sinh 1980, không khớp năm sinh 1981" in messages[0]


def test_a_cccd_that_excel_turned_into_a_number_gets_its_leading_zero_back():
    assert parse_cccd(93080001234.0) == "093080001234"
    assert parse_cccd("093 080 001 234") == "093080001234"


def test_a_cccd_that_excel_wrote_in_scientific_notation_is_refused_with_the_fix():
    with pytest.raises(CellError) as caught:
        parse_cccd("9.3080E+10")
    assert "Văn bản (Text)" in caught.value.message


def test_an_unknown_ethnicity_suggests_the_nearest_one(units, reference):
    messages, _ = _errors(units.commune_one, "Lê Văn Bình", "1980", "Nam", None, "Khomer")
    assert "«Khomer» không có trong danh mục «Dân tộc»" in messages[0]
    assert "Có phải «Khơ-me»?" in messages[0]


def test_an_ethnicity_is_found_without_marks_or_case(units, reference):
    _, row = _errors(units.commune_one, "Lê Văn Bình", "1980", "Nam", None, "KINH")
    assert row.values["ethnicity_id"] is not None


def test_a_birth_date_giving_a_child_is_refused(units, reference):
    messages, _ = _errors(units.commune_one, "Lê Văn Bình", "2020", "Nam")
    assert "ngoài khoảng 15–100" in messages[0]


def test_a_party_joining_date_contradicting_no_is_refused(units, reference):
    messages, _ = _errors(
        units.commune_one, "Lê Văn Bình", "1980", "Nam", None, None, "Không", "03/02/2010"
    )
    assert "«Đảng viên» ghi «Không»" in messages[0]


def test_a_party_joining_date_makes_the_person_a_member(units, reference):
    _, row = _errors(
        units.commune_one, "Lê Văn Bình", "1980", "Nam", None, None, None, "03/02/2010"
    )
    assert row.values["is_party_member"] is True


def test_every_problem_of_a_row_is_listed_not_only_the_first(units, reference):
    messages, _ = _errors(units.commune_one, "Lê Văn 7", "31/02/1985", "?")
    assert len(messages) == 3


def test_text_our_exports_guarded_against_formulas_comes_back_as_typed(units, reference):
    headers = ["Họ và tên", "Ngày sinh", "Giới tính", "Quê quán"]
    outcome = check(
        "people", xlsx([headers, ["Lê Văn Bình", "1980", "Nam", "'=Cần Thơ"]]), units.commune_one
    )
    assert outcome.rows[0].values["hometown"] == "=Cần Thơ"
