"""A unit report from draft to approval through the pages, and every way it is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from trithuc.programs.models import IndicatorFigure
from trithuc.tasks import services
from trithuc.tasks.choices import ReportStatus
from trithuc.tasks.models import ClosedPeriod, TaskProgress
from trithuc.tasks.tests.conftest import YEAR, indicator


def _edit_form(report, program, tasks, *, summary="", talks="", talents="", notes=None):
    notes = notes or {}
    return {
        "version": report.version,
        "summary": summary,
        f"chi_tieu_{indicator(program, 'hoi-thao').pk}": talks,
        f"chi_tieu_{indicator(program, 'nhan-tai').pk}": talents,
        **{f"nhiem_vu_{tasks[key].pk}": text for key, text in notes.items()},
    }


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_report_goes_from_draft_through_return_to_approval_and_its_figures_count(
    client, users, units, program, tasks, make_report
):
    report = make_report(units.new_commune)
    officer, office = users["officer_new_commune"], users["program_office"]

    client.force_login(officer)
    saved = client.post(
        reverse("tasks:unit_report_edit", args=[report.pk]),
        _edit_form(
            report,
            program,
            tasks,
            summary="Tổ chức 2 hội thảo với trí thức",
            talks="2",
            talents="1",
            notes={"new_commune": "Đã quán triệt tới 100% chi bộ"},
        ),
    )
    assert saved.status_code == 302
    assert client.post(reverse("tasks:unit_report_submit", args=[report.pk])).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_by == officer

    client.force_login(office)
    returned = client.post(
        reverse("tasks:unit_report_return", args=[report.pk]),
        {"comment": "Số hội thảo chưa khớp biên bản, đề nghị kiểm tra"},
        follow=True,
    )
    assert "Đã trả lại báo cáo" in _messages(returned)
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert report.review_comment == "Số hội thảo chưa khớp biên bản, đề nghị kiểm tra"

    client.force_login(officer)
    page = client.get(reverse("tasks:unit_report_detail", args=[report.pk]))
    assert "Số hội thảo chưa khớp biên bản" in page.text
    client.post(
        reverse("tasks:unit_report_edit", args=[report.pk]),
        _edit_form(report, program, tasks, summary="Tổ chức 3 hội thảo", talks="3", talents="1"),
    )
    client.post(reverse("tasks:unit_report_submit", args=[report.pk]))
    assert not IndicatorFigure.objects.exists()  # nothing counts before approval

    client.force_login(office)
    approved = client.post(reverse("tasks:unit_report_approve", args=[report.pk]), follow=True)
    assert "Đã duyệt báo cáo" in _messages(approved)
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    figures = dict(
        IndicatorFigure.objects.filter(unit=units.new_commune, year=YEAR).values_list(
            "indicator__code", "value"
        )
    )
    assert figures == {"hoi-thao": Decimal("3"), "nhan-tai": Decimal("1")}
    # Every step is in the report's history, with who took it.
    steps = list(
        report.history.order_by("history_date").values_list("status", "history_user__username")
    )
    assert (ReportStatus.RETURNED, "vanphong") in steps
    assert steps[-1] == (ReportStatus.APPROVED, "vanphong")


def test_task_notes_become_progress_of_the_report(users, units, program, tasks, make_report):
    report = make_report(units.new_commune)
    services.unit_report_save(
        actor=users["officer_new_commune"],
        report=report,
        version=report.version,
        summary="Tóm tắt",
        figures={},
        task_notes={
            tasks["commune_one"].pk: "Tiếp nối việc của Xã Một",
            tasks["new_commune"].pk: "",
        },
    )
    progress = TaskProgress.objects.get()
    assert (progress.task, progress.unit, progress.report) == (
        tasks["commune_one"],
        units.new_commune,
        report,
    )
    report.refresh_from_db()
    services.unit_report_save(
        actor=users["officer_new_commune"],
        report=report,
        version=report.version,
        summary="Tóm tắt",
        figures={},
        task_notes={tasks["commune_one"].pk: "Đã sửa lại"},
    )
    assert list(TaskProgress.objects.values_list("note", flat=True)) == ["Đã sửa lại"]


def test_report_form_offers_the_reported_indicators_and_the_units_tasks(
    client, users, units, program, tasks, make_report
):
    report = make_report(units.new_commune)
    client.force_login(users["officer_new_commune"])
    page = client.get(reverse("tasks:unit_report_edit", args=[report.pk])).text
    assert "Hội thảo, tọa đàm với trí thức" in page
    assert "Cử đi học cao cấp lý luận chính trị" not in page  # computed, not reported
    assert f'name="nhiem_vu_{tasks["commune_one"].pk}"' in page  # carried on from Xã Một
    assert f'name="nhiem_vu_{tasks["new_commune"].pk}"' in page
    assert f'name="nhiem_vu_{tasks["other_commune"].pk}"' not in page


def test_officer_cannot_note_a_task_of_another_unit(users, units, tasks, make_report):
    report = make_report(units.new_commune)
    with pytest.raises(ValidationError, match="không do Xã Mới chủ trì"):
        services.unit_report_save(
            actor=users["officer_new_commune"],
            report=report,
            version=report.version,
            summary="",
            figures={},
            task_notes={tasks["other_commune"].pk: "Không phải việc của xã"},
        )


@pytest.mark.parametrize("role", ["leader", "administrator", "officer_new_commune"])
def test_no_one_but_the_program_office_approves(users, units, make_report, role):
    report = make_report(units.new_commune, status=ReportStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.unit_report_approve(actor=users[role], report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_unit_officer_cannot_approve_the_report_they_submitted(client, users, units, make_report):
    report = make_report(units.new_commune)
    officer = users["officer_new_commune"]
    services.unit_report_save(
        actor=officer, report=report, version=1, summary="Xong", figures={}, task_notes={}
    )
    services.unit_report_submit(actor=officer, report=report)
    client.force_login(officer)
    response = client.post(reverse("tasks:unit_report_approve", args=[report.pk]))
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_program_office_member_cannot_approve_a_report_they_submitted(users, units, make_report):
    """Someone holding both roles still needs a second person to approve."""
    from conftest import make_user
    from trithuc.accounts.choices import Role
    from trithuc.accounts.services import user_assign

    both = make_user("kiemnhiem", Role.PROGRAM_OFFICE, units.new_province)
    user_assign(user=both, unit=units.new_commune, role=Role.UNIT_OFFICER)
    report = make_report(units.new_commune)
    services.unit_report_save(
        actor=both, report=report, version=1, summary="Xong", figures={}, task_notes={}
    )
    services.unit_report_submit(actor=both, report=report)
    with pytest.raises(PermissionDenied, match="không thể tự duyệt"):
        services.unit_report_approve(actor=both, report=report)
    services.unit_report_approve(actor=users["program_office"], report=report)
    assert report.status == ReportStatus.APPROVED


def test_return_needs_a_comment_that_says_what_to_fix(client, users, units, make_report):
    report = make_report(units.new_commune, status=ReportStatus.SUBMITTED)
    client.force_login(users["program_office"])
    response = client.post(
        reverse("tasks:unit_report_return", args=[report.pk]), {"comment": "  "}, follow=True
    )
    assert "Hãy ghi rõ nội dung đơn vị cần sửa" in _messages(response)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_submitting_an_empty_report_asks_for_a_summary(users, units, make_report):
    report = make_report(units.new_commune)
    with pytest.raises(ValidationError, match="tóm tắt kết quả"):
        services.unit_report_submit(actor=users["officer_new_commune"], report=report)
    report.refresh_from_db()
    assert (report.status, report.version) == (ReportStatus.DUE, 1)


def test_approved_report_cannot_be_edited_or_resubmitted(users, units, program, make_report):
    report = make_report(units.new_commune, status=ReportStatus.APPROVED)
    officer = users["officer_new_commune"]
    with pytest.raises(ValidationError, match="Đã duyệt"):
        services.unit_report_save(
            actor=officer,
            report=report,
            version=report.version,
            summary="x",
            figures={},
            task_notes={},
        )
    with pytest.raises(ValidationError, match="Đã duyệt"):
        services.unit_report_submit(actor=officer, report=report)


def test_officer_of_merged_commune_acts_on_reports_of_its_own_unit_and_of_its_predecessors(
    users, units, make_report
):
    officer = users["officer_new_commune"]
    own = make_report(units.new_commune)
    inherited = make_report(units.commune_one, year=2024)
    for report in (own, inherited):
        services.unit_report_save(
            actor=officer, report=report, version=1, summary="Đã làm", figures={}, task_notes={}
        )
        services.unit_report_submit(actor=officer, report=report)
        assert report.status == ReportStatus.SUBMITTED


@pytest.mark.parametrize("role", ["leader", "reviewer", "intellectual", "officer_other_commune"])
def test_other_roles_cannot_submit_through_the_service(users, units, make_report, role):
    report = make_report(units.new_commune, status=ReportStatus.RETURNED)
    report.summary = "Có nội dung"
    report.save()
    with pytest.raises(PermissionDenied):
        services.unit_report_submit(actor=users[role], report=report)


@pytest.mark.parametrize("role", ["leader", "reviewer", "intellectual", "officer_other_commune"])
def test_other_roles_cannot_return_through_the_service(users, units, make_report, role):
    report = make_report(units.new_commune, status=ReportStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.unit_report_return(actor=users[role], report=report, comment="Sửa lại")


def test_closed_year_refuses_edits_with_the_reason_and_whom_to_ask(
    client, users, units, program, tasks, make_report
):
    report = make_report(units.new_commune, status=ReportStatus.RETURNED)
    services.period_close(actor=users["program_office"], program=program, year=YEAR)
    client.force_login(users["officer_new_commune"])
    response = client.post(
        reverse("tasks:unit_report_edit", args=[report.pk]),
        _edit_form(report, program, tasks, summary="Sửa sau khi khóa sổ", talks="9"),
    )
    assert response.status_code == 200
    assert f"Năm {YEAR} của chương trình đã khóa sổ" in response.text
    assert "Ban Tuyên giáo và Dân vận" in response.text
    report.refresh_from_db()
    assert report.summary != "Sửa sau khi khóa sổ"
    assert not report.figures.exists()


@pytest.mark.parametrize(
    ("status", "act"),
    [
        (
            ReportStatus.DUE,
            lambda u, r: services.unit_report_submit(actor=u["officer_new_commune"], report=r),
        ),
        (
            ReportStatus.SUBMITTED,
            lambda u, r: services.unit_report_approve(actor=u["program_office"], report=r),
        ),
        (
            ReportStatus.SUBMITTED,
            lambda u, r: services.unit_report_return(
                actor=u["program_office"], report=r, comment="Sửa"
            ),
        ),
    ],
)
def test_closed_year_refuses_submitting_approving_and_returning(
    users, units, program, make_report, status, act
):
    report = make_report(units.new_commune, status=status)
    report.summary = "Nội dung"
    report.save()
    ClosedPeriod.objects.create(program=program, year=YEAR, closed_by=users["program_office"])
    with pytest.raises(ValidationError, match="đã khóa sổ"):
        act(users, report)
    report.refresh_from_db()
    assert report.status == status


def test_closing_a_year_twice_or_outside_the_program_is_refused(users, program):
    office = users["program_office"]
    services.period_close(actor=office, program=program, year=2024)
    with pytest.raises(ValidationError, match="đã được khóa sổ"):
        services.period_close(actor=office, program=program, year=2024)
    with pytest.raises(ValidationError, match="2024–2026"):
        services.period_close(actor=office, program=program, year=2031)
    with pytest.raises(PermissionDenied):
        services.period_close(actor=users["administrator"], program=program, year=2025)


def test_period_close_page_closes_the_year(client, users, program):
    client.force_login(users["program_office"])
    response = client.post(reverse("tasks:period_close"), {"year": "2025"})
    assert response.status_code == 302
    assert ClosedPeriod.objects.get().year == 2025


def test_second_of_two_concurrent_editors_gets_a_conflict_and_the_first_save_stays(
    client, users, units, program, tasks, make_report, second_officer
):
    report = make_report(units.new_commune)
    opened_by_both = _edit_form(report, program, tasks)  # both load version 1

    client.force_login(users["officer_new_commune"])
    first = client.post(
        reverse("tasks:unit_report_edit", args=[report.pk]),
        {
            **opened_by_both,
            "summary": "Bản của người thứ nhất",
            f"chi_tieu_{indicator(program, 'hoi-thao').pk}": "4",
        },
    )
    assert first.status_code == 302

    client.force_login(second_officer)
    second = client.post(
        reverse("tasks:unit_report_edit", args=[report.pk]),
        {
            **opened_by_both,
            "summary": "Bản của người thứ hai",
            f"chi_tieu_{indicator(program, 'hoi-thao').pk}": "7",
        },
    )
    assert second.status_code == 409
    assert "vừa được Người dùng xamoi cập nhật" in second.text
    assert "chưa được lưu" in second.text
    assert "Bản của người thứ hai" in second.text  # their input is still in the form

    report.refresh_from_db()
    assert report.summary == "Bản của người thứ nhất"
    assert report.figures.get().value == Decimal("4")


def test_service_refuses_a_stale_version(users, units, make_report):
    report = make_report(units.new_commune)
    officer = users["officer_new_commune"]
    services.unit_report_save(
        actor=officer, report=report, version=1, summary="A", figures={}, task_notes={}
    )
    with pytest.raises(services.ReportConflict):
        services.unit_report_save(
            actor=officer, report=report, version=1, summary="B", figures={}, task_notes={}
        )
    report.refresh_from_db()
    assert (report.summary, report.version) == ("A", 2)
