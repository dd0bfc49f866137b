"""Expected unit reports are created once per period; units are reminded once, a week before."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from trithuc.accounts.services import user_create
from trithuc.tasks import jobs, services
from trithuc.tasks.choices import ReportFrequency, ReportStatus
from trithuc.tasks.models import ReportObligation, UnitReport


def _periods(unit):
    return list(
        UnitReport.objects.filter(unit=unit)
        .order_by("period_start")
        .values_list("period_start", "period_end", "due_date")
    )


def test_generate_makes_each_started_period_with_its_due_date_once(program, units):
    ReportObligation.objects.create(
        program=program,
        unit=units.other_commune,
        frequency=ReportFrequency.QUARTERLY,
        days_to_submit=10,
    )
    ReportObligation.objects.create(
        program=program, unit=units.department, frequency=ReportFrequency.HALF_YEARLY
    )
    up_to = dt.date(2025, 10, 1)

    created = services.unit_reports_generate(program=program, up_to=up_to)

    d = dt.date
    # Xã Khác exists from 1 July 2025: its first quarter is the third of 2025.
    assert _periods(units.other_commune) == [
        (d(2025, 7, 1), d(2025, 9, 30), d(2025, 10, 10)),
        (d(2025, 10, 1), d(2025, 12, 31), d(2026, 1, 10)),
    ]
    assert _periods(units.department) == [
        (d(2024, 1, 1), d(2024, 6, 30), d(2024, 7, 15)),
        (d(2024, 7, 1), d(2024, 12, 31), d(2025, 1, 15)),
        (d(2025, 1, 1), d(2025, 6, 30), d(2025, 7, 15)),
        (d(2025, 7, 1), d(2025, 12, 31), d(2026, 1, 15)),
    ]
    assert created == 6
    assert set(UnitReport.objects.values_list("status", flat=True)) == {ReportStatus.DUE}
    assert services.unit_reports_generate(program=program, up_to=up_to) == 0
    assert UnitReport.objects.count() == 6


def test_generate_stops_at_the_end_of_a_dissolved_unit(program, units):
    ReportObligation.objects.create(
        program=program, unit=units.commune_one, frequency=ReportFrequency.YEARLY
    )
    services.unit_reports_generate(program=program, up_to=dt.date(2026, 12, 31))
    assert [p[0].year for p in _periods(units.commune_one)] == [2024, 2025]


def test_yearly_reports_are_due_after_the_year(program, units):
    ReportObligation.objects.create(
        program=program, unit=units.new_commune, frequency=ReportFrequency.YEARLY, days_to_submit=15
    )
    jobs.unit_reports_generate_job.enqueue(program.pk, "2026-01-01")
    assert _periods(units.new_commune) == [
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31), dt.date(2026, 1, 15)),
        (dt.date(2026, 1, 1), dt.date(2026, 12, 31), dt.date(2027, 1, 15)),
    ]


@pytest.fixture
def officers_with_mail(units, users):
    for key, email in [
        ("officer_new_commune", "xamoi@example.vn"),
        ("officer_other_commune", "xakhac@example.vn"),
        ("leader", "lanhdao@example.vn"),
    ]:
        users[key].email = email
        users[key].save()
    gone = user_create(username="daNghi", password="x", email="nghi@example.vn")
    gone.is_active = False
    gone.save()
    from trithuc.accounts.choices import Role
    from trithuc.accounts.services import user_assign

    user_assign(user=gone, unit=units.new_commune, role=Role.UNIT_OFFICER)


def test_remind_mails_the_units_active_officers_once_a_week_before(
    program, units, make_report, officers_with_mail
):
    report = make_report(units.new_commune, due_date=dt.date(2026, 1, 15))
    day = dt.date(2026, 1, 8)  # seven days before it is due

    assert services.unit_reports_remind(day=day - dt.timedelta(days=1)) == 0
    assert services.unit_reports_remind(day=day) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["xamoi@example.vn"]
    assert "15/01/2026" in mail.outbox[0].subject
    report.refresh_from_db()
    assert report.reminded_on == day

    assert services.unit_reports_remind(day=day + dt.timedelta(days=1)) == 0
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("status", [ReportStatus.SUBMITTED, ReportStatus.APPROVED])
def test_remind_leaves_reports_already_in_alone(
    program, units, make_report, officers_with_mail, status
):
    make_report(units.new_commune, due_date=dt.date(2026, 1, 15), status=status)
    assert services.unit_reports_remind(day=dt.date(2026, 1, 10)) == 0
    assert mail.outbox == []


def test_command_generates_and_reminds_for_the_day(program, units, officers_with_mail, capsys):
    ReportObligation.objects.create(
        program=program,
        unit=units.other_commune,
        frequency=ReportFrequency.YEARLY,
        days_to_submit=15,
    )
    call_command("report_reminders", "--ngay", "2026-01-10")
    out = capsys.readouterr().out
    assert "CTr-TEST: đã tạo 2 báo cáo định kỳ mới." in out
    assert "Đã gửi thư nhắc cho 1 báo cáo" in out
    assert mail.outbox[0].to == ["xakhac@example.vn"]


def test_remind_job_runs_the_service(program, units, make_report, officers_with_mail):
    make_report(units.other_commune, due_date=dt.date(2026, 1, 15))
    result = jobs.unit_reports_remind_job.enqueue("2026-01-09")
    assert result.return_value == 1
