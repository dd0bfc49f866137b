"""Reads of tasks and unit reports. Tasks are open to everyone who works in the system; unit
reports are read only through the scoping rule (``UnitReport.objects.visible_to``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from trithuc.accounts.models import User
from trithuc.accounts.scoping import Action
from trithuc.orgunits.models import OrgUnit
from trithuc.orgunits.selectors import orgunit_reach_ids
from trithuc.programs.choices import IndicatorSource
from trithuc.programs.models import Indicator, Program

from . import access
from .choices import ReportStatus
from .models import ClosedPeriod, Task, TaskEvidence, TaskProgress, UnitReport

OVERDUE = "overdue"
# The states a report list shows at a glance: the stored statuses plus "overdue", which is "due"
# or "returned" past the due date.
REPORT_STATES = [
    (ReportStatus.DUE.value, "Phải nộp, còn hạn"),
    (OVERDUE, "Quá hạn chưa nộp"),
    (ReportStatus.SUBMITTED.value, ReportStatus.SUBMITTED.label),
    (ReportStatus.RETURNED.value, "Trả lại, còn hạn"),
    (ReportStatus.APPROVED.value, ReportStatus.APPROVED.label),
]

_UNITS = OrgUnit.objects.order_by("path")


def _require_reader(user: User | AnonymousUser) -> None:
    if not access.may_read_tasks(user):
        raise PermissionDenied("Tài khoản chưa được phân công vào đơn vị nào.")


def program_list() -> QuerySet[Program]:
    return Program.objects.order_by("code")


def program_current(code: str | None = None) -> Program | None:
    """The program a page is about: the one asked for, else the first."""
    programs = program_list()
    return (programs.filter(code=code).first() if code else None) or programs.first()


# --- Tasks ---------------------------------------------------------------------------------------


@dataclass
class TaskFilters:
    status: str = ""
    section: str = ""
    unit: OrgUnit | None = None


def task_list(
    *, user: User, program: Program, filters: TaskFilters | None = None, day: dt.date
) -> QuerySet[Task]:
    """The program's tasks with their status on ``day`` and their units (no query per row)."""
    _require_reader(user)
    filters = filters or TaskFilters()
    tasks = Task.objects.filter(program=program).with_status(day)
    if filters.status:
        tasks = tasks.filter(status=filters.status)
    if filters.section:
        tasks = tasks.filter(section=filters.section)
    if filters.unit is not None:
        reach = orgunit_reach_ids({filters.unit.pk})
        with_unit = Task.objects.filter(Q(lead_units__in=reach) | Q(supporting_units__in=reach))
        tasks = tasks.filter(pk__in=with_unit.values("pk"))
    return tasks.prefetch_related(
        Prefetch("lead_units", queryset=_UNITS), Prefetch("supporting_units", queryset=_UNITS)
    ).order_by("order")


def task_status_counts(*, program: Program, day: dt.date) -> dict[str, int]:
    rows = (
        Task.objects.filter(program=program)
        .with_status(day)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["status"]: row["n"] for row in rows}


def task_sections(program: Program) -> list[tuple[str, str]]:
    rows = (
        Task.objects.filter(program=program)
        .order_by("order")
        .values_list("section", "section_title")
    )
    seen: dict[str, str] = {}
    for section, title in rows:
        seen.setdefault(section, f"{section}. {title}" if title else section)
    return list(seen.items())


def task_units(program: Program) -> list[OrgUnit]:
    """The units named as lead or support by some task of the program."""
    tasks = Task.objects.filter(program=program)
    return list(
        OrgUnit.objects.filter(Q(tasks_led__in=tasks) | Q(tasks_supported__in=tasks))
        .distinct()
        .order_by("path")
    )


def task_get(*, user: User, pk: int, day: dt.date) -> Task:
    _require_reader(user)
    tasks = (
        Task.objects.with_status(day)
        .select_related("program")
        .prefetch_related(
            Prefetch("lead_units", queryset=_UNITS), Prefetch("supporting_units", queryset=_UNITS)
        )
    )
    try:
        return tasks.get(pk=pk)
    except Task.DoesNotExist as exc:
        raise Http404("Không tìm thấy nhiệm vụ.") from exc


def task_progress_list(task: Task) -> QuerySet[TaskProgress]:
    return (
        task.progress.select_related("unit", "author", "report")
        .prefetch_related("evidence")
        .order_by("-date", "-pk")
    )


def evidence_get_for_user(*, user: User, pk: int) -> TaskEvidence:
    """Evidence is downloadable by whoever may read its task; 404 alike when missing."""
    _require_reader(user)
    try:
        return TaskEvidence.objects.select_related("progress__task").get(pk=pk)
    except TaskEvidence.DoesNotExist as exc:
        raise Http404("Không tìm thấy tệp minh chứng.") from exc


def progress_units_for(user: User, task: Task) -> list[OrgUnit]:
    """The units for which ``user`` may record progress on ``task``, in tree order."""
    from trithuc.accounts.scoping import units_in_scope

    return [
        u for u in units_in_scope(user, Action.CHANGE) if access.may_add_progress(user, task, u.pk)
    ]


# --- Unit reports --------------------------------------------------------------------------------


@dataclass
class ReportFilters:
    program: Program | None = None
    state: str = ""
    year: int | None = None
    unit: OrgUnit | None = None


def _state_q(state: str, day: dt.date) -> Q:
    open_ = Q(status__in=[ReportStatus.DUE, ReportStatus.RETURNED])
    if state == OVERDUE:
        return open_ & Q(due_date__lt=day)
    if state in (ReportStatus.DUE, ReportStatus.RETURNED):
        return Q(status=state, due_date__gte=day)
    return Q(status=state)


def unit_report_list(
    *, user: User, filters: ReportFilters | None = None, day: dt.date
) -> QuerySet[UnitReport]:
    filters = filters or ReportFilters()
    reports = UnitReport.objects.visible_to(user)
    if filters.program is not None:
        reports = reports.filter(program=filters.program)
    if filters.state:
        reports = reports.filter(_state_q(filters.state, day))
    if filters.year:
        reports = reports.filter(year=filters.year)
    if filters.unit is not None:
        reports = reports.filter(unit_id__in=orgunit_reach_ids({filters.unit.pk}))
    return reports.select_related("unit", "program", "submitted_by", "reviewed_by").order_by(
        "due_date", "unit__path", "pk"
    )


def unit_report_state_counts(reports: QuerySet[UnitReport], day: dt.date) -> dict[str, int]:
    """How many of ``reports`` are in each state of :data:`REPORT_STATES`, in one query."""
    counts = reports.order_by().aggregate(
        **{code: Count("pk", filter=_state_q(code, day)) for code, _ in REPORT_STATES}
    )
    return {code: counts[code] for code, _ in REPORT_STATES}


def unit_report_rows(reports, day: dt.date) -> list[UnitReport]:
    """The reports with ``overdue`` set from :meth:`UnitReport.is_overdue_on` for display."""
    rows = list(reports)
    for report in rows:
        report.overdue = report.is_overdue_on(day)
    return rows


def unit_report_get_for_user(*, user: User, pk: int) -> UnitReport:
    """The report, or 404 whether it does not exist or lies outside the user's scope."""
    reports = UnitReport.objects.visible_to(user).select_related(
        "unit", "program", "submitted_by", "reviewed_by"
    )
    try:
        return reports.get(pk=pk)
    except UnitReport.DoesNotExist as exc:
        raise Http404("Không tìm thấy báo cáo.") from exc


def unit_report_indicators(report: UnitReport) -> list[Indicator]:
    return list(
        Indicator.objects.filter(
            program_id=report.program_id, source=IndicatorSource.REPORTED, is_active=True
        ).order_by("order", "code")
    )


def unit_report_tasks(report: UnitReport) -> list[Task]:
    """The program's tasks the report's unit leads or supports, or carries on from a predecessor."""
    reach = orgunit_reach_ids({report.unit_id})
    with_unit = Task.objects.filter(Q(lead_units__in=reach) | Q(supporting_units__in=reach))
    return list(
        Task.objects.filter(program_id=report.program_id, pk__in=with_unit.values("pk")).order_by(
            "order"
        )
    )


def unit_report_figures(report: UnitReport) -> dict[int, object]:
    return dict(report.figures.values_list("indicator_id", "value"))


def unit_report_task_notes(report: UnitReport) -> dict[int, str]:
    return dict(report.task_progress.values_list("task_id", "note"))


def unit_report_history(report: UnitReport, limit: int = 30) -> list:
    return list(report.history.select_related("history_user").order_by("-history_date")[:limit])


def period_is_closed(report: UnitReport) -> bool:
    return ClosedPeriod.objects.filter(program_id=report.program_id, year=report.year).exists()


def closed_periods(program: Program) -> QuerySet[ClosedPeriod]:
    return ClosedPeriod.objects.filter(program=program).select_related("closed_by").order_by("year")


def open_reports_of_year(program: Program) -> dict[int, int]:
    """For each year, how many reports are not yet approved (shown before closing a year)."""
    rows = (
        UnitReport.objects.filter(program=program)
        .exclude(status=ReportStatus.APPROVED)
        .values("year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["year"]: row["n"] for row in rows}
