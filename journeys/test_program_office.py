"""The program office reads the dashboard of program 45, opens the people behind a number, and
returns a unit's report for correction."""

from __future__ import annotations

from trithuc.tasks.choices import ReportStatus
from trithuc.tasks.models import UnitReport

from .world import PASSWORD, advanced_theory_sent, report_submitted

SENT = ["Huỳnh Thị Ngọc Hương", "Võ Đức Thắng"]


def test_program_office_reads_the_dashboard_drills_into_a_number_and_returns_a_report(
    journey, world
):
    advanced_theory_sent(world, SENT)
    report = report_submitted(world, summary="Đã quán triệt Nghị quyết 45 đến toàn thể công chức.")
    office = journey("van-phong")
    office.login("vanphong", PASSWORD)
    page = office.page

    page.get_by_role("navigation").get_by_role("link", name="Theo dõi Chương trình").click()
    office.check(shot="bang theo doi")
    office.phone_screenshot("bang theo doi")
    tile = page.get_by_role("article").filter(
        has=page.get_by_role("heading", name="cao cấp lý luận chính trị")
    )
    figure = tile.get_by_title("Xem danh sách hồ sơ được tính")
    assert figure.inner_text() == "2"

    # Every number opens the records it counts.
    figure.click()
    office.check(shot="ho so duoc tinh")
    rows = page.get_by_role("table")
    for name in SENT:
        assert rows.get_by_role("link", name=name).is_visible()

    # A unit's report needs more: it goes back with the reason.
    page.get_by_role("navigation").get_by_role("link", name="Báo cáo định kỳ").click()
    office.check(shot="bao cao dinh ky")
    period = f"{report.period_start:%d/%m/%Y}–{report.period_end:%d/%m/%Y}"
    page.get_by_role("row").filter(has_text=period).get_by_role(
        "link", name=report.unit.name
    ).click()
    office.check(shot="bao cao cua don vi")
    page.get_by_label("Nội dung đơn vị cần sửa, bổ sung").fill(
        "Bổ sung số liệu về cán bộ được cử đi đào tạo trong năm."
    )
    page.get_by_role("button", name="Trả lại để sửa").click()
    office.check(shot="da tra lai")
    assert page.get_by_text("Bổ sung số liệu về cán bộ được cử đi đào tạo").is_visible()
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert UnitReport.objects.get(pk=report.pk).review_comment.startswith("Bổ sung số liệu")
