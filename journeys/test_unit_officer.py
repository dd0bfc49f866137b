"""A commune officer sends the unit's people as a spreadsheet, sees what is wrong with it row by
row, sends the corrected file, and stores it."""

from __future__ import annotations

from trithuc.imports.tests.helpers import PEOPLE_HEADERS, xlsx
from trithuc.people.models import Person

from .world import PASSWORD

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GOOD_ROW = ["1", "Lê Văn Bình", "12/05/1980", "Nam", "", "Kinh", "Công chức Văn phòng - Thống kê"]


def sheet(*rows: list[str]) -> dict:
    content = xlsx([PEOPLE_HEADERS, *rows], text_columns=(2, 4))
    return {"name": "nhan-su-xa.xlsx", "mimeType": XLSX, "buffer": content}


def test_unit_officer_imports_a_spreadsheet_fixes_its_errors_and_commits(journey, world):
    officer = journey("can-bo-xa")
    officer.login("canboxa", PASSWORD)
    page = officer.page

    page.get_by_role("navigation").get_by_role("link", name="Nhập, xuất Excel").click()
    officer.check(shot="trang nhap lieu")

    # The first file has a date that does not exist.
    page.get_by_label("Loại dữ liệu").select_option(label="Nhân sự (trí thức, cán bộ)")
    page.get_by_label("Tệp bảng tính").set_input_files(
        sheet(GOOD_ROW, ["2", "Trần Thị Hoa", "31/02/1985", "Nữ", "", "Kinh", "Chuyên viên"])
    )
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    officer.check(shot="loi theo dong")
    errors = page.get_by_role("table").filter(has_text="Lỗi và cách sửa")
    assert "«31/02/1985» không phải ngày có thật" in errors.inner_text()
    assert not Person.objects.exists(), "nothing is stored before the officer says so"

    # The officer corrects the row and sends the whole file again.
    page.get_by_role("link", name="Về trang nhập liệu").click()
    officer.check()
    page.get_by_label("Loại dữ liệu").select_option(label="Nhân sự (trí thức, cán bộ)")
    page.get_by_label("Tệp bảng tính").set_input_files(
        sheet(GOOD_ROW, ["2", "Trần Thị Hoa", "28/02/1985", "Nữ", "", "Kinh", "Chuyên viên"])
    )
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    officer.check(shot="khong con loi")
    assert page.get_by_text("Không có lỗi nào.").is_visible()

    page.get_by_role("button", name="Lưu 2 dòng").click()
    officer.check(shot="da luu")
    assert page.get_by_role("status").filter(has_text="Đã lưu lô dữ liệu.").is_visible()
    assert sorted(Person.objects.values_list("full_name", flat=True)) == [
        "Lê Văn Bình",
        "Trần Thị Hoa",
    ]

    # The people are now in the unit's registry.
    page.get_by_role("navigation").get_by_role("link", name="Nhân sự").click()
    officer.check(shot="danh sach nhan su")
    officer.phone_screenshot("danh sach nhan su")
    assert page.get_by_role("link", name="Trần Thị Hoa").is_visible()
