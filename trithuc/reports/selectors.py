"""Reads behind the review reports: the program's figures for a period and a unit subtree (taken
from the dashboard's own selector, so the numbers match it by construction), what the tasks and the
unit reports say, and who may see which stored report."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404

from trithuc.accounts.choices import Role
from trithuc.accounts.models import User
from trithuc.accounts.scoping import role_reach_ids
from trithuc.orgunits.choices import OrgUnitKind
from trithuc.orgunits.models import OrgUnit
from trithuc.orgunits.selectors import (
    orgunit_name_as_of,
    orgunit_reach_ids,
    orgunit_successor_map,
)
from trithuc.programs.choices import TargetState
from trithuc.programs.models import Program
from trithuc.programs.selectors import (
    Dashboard,
    IndicatorRow,
    dashboard_build,
    program_responsible_units,
)
from trithuc.tasks.choices import ReportStatus as UnitReportStatus
from trithuc.tasks.choices import TaskStatus
from trithuc.tasks.models import Task, TaskProgress, UnitReport

from .choices import PeriodKind
from .models import ReviewReport

# Who may generate and read review reports, for the units their assignment reaches.
REPORT_ROLES = frozenset({Role.PROGRAM_OFFICE, Role.LEADER, Role.ADMINISTRATOR})
PARTY_KINDS = (OrgUnitKind.PARTY_COMMITTEE, OrgUnitKind.PARTY_COMMISSION)


# --- who may see what -------------------------------------------------------------------------


def report_unit_ids(user: User) -> set[int] | None:
    """Units whose reports ``user`` may make and read; None means every unit (superuser)."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return None
    return role_reach_ids(user, REPORT_ROLES)


def may_use_reports(user: User) -> bool:
    ids = report_unit_ids(user)
    return ids is None or bool(ids)


def review_reports_visible_to(user: User) -> QuerySet[ReviewReport]:
    reports = ReviewReport.objects.select_related("program", "unit", "issuer", "created_by")
    ids = report_unit_ids(user)
    return reports if ids is None else reports.filter(unit_id__in=ids)


def review_report_get(*, user: User, pk: int) -> ReviewReport:
    """The report, or 404 alike for a missing one and one outside the user's units."""
    try:
        return review_reports_visible_to(user).get(pk=pk)
    except ReviewReport.DoesNotExist as exc:
        raise Http404("Không tìm thấy báo cáo.") from exc


def report_units(user: User, day: dt.date) -> list[OrgUnit]:
    """Units a user may pick as a report's scope or issuer, as they stand on ``day``."""
    units = OrgUnit.objects.active_on(day)
    ids = report_unit_ids(user)
    if ids is not None:
        units = units.filter(pk__in=ids)
    return list(units.order_by("path"))


# --- period, scope and header -----------------------------------------------------------------


def period_years(program: Program, period: str, year: int) -> tuple[int, int]:
    """(first, last) year a report covers: one year, or from the program's start to ``year``."""
    if period == PeriodKind.YEAR:
        return year, year
    return program.start_year, year


def default_period_year(program: Program, period: str, day: dt.date) -> int:
    if period == PeriodKind.MIDTERM:
        return program.midterm_year or day.year
    if period == PeriodKind.FINAL:
        return program.end_year
    return min(max(day.year, program.start_year), program.end_year)


def default_issuer(program: Program, day: dt.date) -> OrgUnit:
    """The body that answers for the program on ``day`` (its issuer or that body's successor)."""
    responsible = program_responsible_units(program, day)
    return responsible[0] if responsible else program.issuing_body


def default_scope(program: Program, day: dt.date) -> OrgUnit:
    """The whole territory of the body that answers for the program: the top of its tree."""
    unit = default_issuer(program, day)
    while unit.parent_id is not None:
        unit = unit.parent
    return unit


@dataclass
class Header:
    higher_body: str
    issuer: str
    symbol: str


def header_as_of(issuer: OrgUnit, day: dt.date) -> Header:
    """The header of a document issued by ``issuer`` on ``day``: the names it and its parent bore
    that day. A Party body under another Party body names it above itself ("TỈNH ỦY HẬU GIANG /
    BAN TUYÊN GIÁO"); a committee under a territory stands alone."""
    parent = issuer.parent
    higher = ""
    if parent is not None and parent.kind in PARTY_KINDS:
        higher = orgunit_name_as_of(parent, day)
    name = orgunit_name_as_of(issuer, day)
    if higher and issuer.short_name:
        name = issuer.short_name
    return Header(higher_body=higher, issuer=name, symbol=issuer.symbol)


# --- the data of a review --------------------------------------------------------------------


@dataclass
class TaskLine:
    task: Task
    status: str
    notes: list[TaskProgress]
    # The bodies answering for the task on the report date (the 2023 lead units' successors).
    responsible: list[OrgUnit] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return TaskStatus(self.status).label


@dataclass
class TaskGroup:
    section: str
    title: str
    lines: list[TaskLine] = field(default_factory=list)


@dataclass
class ReviewData:
    program: Program
    unit: OrgUnit
    unit_name: str
    year_from: int
    year_to: int
    day: dt.date
    # The dashboard of each year of the period, as the dashboard itself builds it.
    boards: dict[int, Dashboard]
    task_groups: list[TaskGroup]
    late_reports: list[UnitReport]
    reports_due: int
    reports_approved: int

    @property
    def years(self) -> list[int]:
        return list(range(self.year_from, self.year_to + 1))

    @property
    def last(self) -> Dashboard:
        return self.boards[self.year_to]

    @property
    def all_years(self) -> list[int]:
        """The program's years from its start to the end of the period (appendix 1)."""
        return [year for year, _ in self.last.rows[0].series] if self.last.rows else self.years

    def rows_in(self, *states: str) -> list[IndicatorRow]:
        return [row for row in self.last.rows if row.target and row.assessment.state in states]

    @property
    def met(self) -> list[IndicatorRow]:
        return self.rows_in(TargetState.MET, TargetState.ON_TRACK)

    @property
    def missed(self) -> list[IndicatorRow]:
        return self.rows_in(TargetState.MISSED, TargetState.AT_RISK)

    @property
    def overdue(self) -> list[TaskLine]:
        return [
            line
            for group in self.task_groups
            for line in group.lines
            if line.status == TaskStatus.OPEN_OVERDUE
        ]

    @property
    def open_tasks(self) -> list[TaskLine]:
        open_ = (TaskStatus.OPEN_ON_TIME, TaskStatus.OPEN_OVERDUE)
        return [line for g in self.task_groups for line in g.lines if line.status in open_]


def review_data(
    *, program: Program, unit: OrgUnit, year_from: int, year_to: int, day: dt.date
) -> ReviewData:
    boards = {
        year: dashboard_build(program=program, unit=unit, year=year, day=day)
        for year in range(year_from, year_to + 1)
    }
    reach = orgunit_reach_ids({unit.pk})
    reports = UnitReport.objects.filter(
        program=program, unit_id__in=reach, year__gte=year_from, year__lte=year_to
    )
    late = (
        reports.exclude(status=UnitReportStatus.APPROVED)
        .filter(due_date__lt=day)
        .select_related("unit")
        .order_by("unit__path", "period_end")
    )
    return ReviewData(
        program=program,
        unit=unit,
        unit_name=orgunit_name_as_of(unit, day),
        year_from=year_from,
        year_to=year_to,
        day=day,
        boards=boards,
        task_groups=_task_groups(program, reach, year_from, year_to, day),
        late_reports=list(late),
        reports_due=reports.filter(due_date__lt=day).count(),
        reports_approved=reports.filter(status=UnitReportStatus.APPROVED).count(),
    )


def _task_groups(
    program: Program, reach: set[int], year_from: int, year_to: int, day: dt.date
) -> list[TaskGroup]:
    tasks = list(
        Task.objects.filter(program=program)
        .with_status(day)
        .prefetch_related("lead_units")
        .order_by("order")
    )
    notes: dict[int, list[TaskProgress]] = {}
    progress = (
        TaskProgress.objects.filter(
            task__program=program,
            unit_id__in=reach,
            date__gte=dt.date(year_from, 1, 1),
            date__lte=min(dt.date(year_to, 12, 31), day),
        )
        .select_related("unit")
        .order_by("task_id", "date", "pk")
    )
    for note in progress:
        notes.setdefault(note.task_id, []).append(note)
    leads = {unit.pk for task in tasks for unit in task.lead_units.all()}
    successors = orgunit_successor_map(leads, day)
    groups: OrderedDict[str, TaskGroup] = OrderedDict()
    for task in tasks:
        group = groups.setdefault(task.section, TaskGroup(task.section, task.section_title))
        responsible = list(
            dict.fromkeys(u for lead in task.lead_units.all() for u in successors[lead.pk])
        )
        group.lines.append(TaskLine(task, task.status, notes.get(task.pk, []), responsible))
    return list(groups.values())
