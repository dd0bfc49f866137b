"""Reads of programs: where each target stands for a unit subtree and a year, and the rows behind.

The dashboard reads only the figures table (one row per indicator, unit and year, kept current by
the services) and the org structure: its cost grows with the number of units, not of people.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, QuerySet, Sum
from django.http import Http404

from trithuc.accounts.choices import SUBTREE_READ_ROLES
from trithuc.accounts.models import User
from trithuc.accounts.scoping import Action, units_in_scope, user_assignments
from trithuc.core.dates import today
from trithuc.orgunits.models import OrgUnit
from trithuc.orgunits.selectors import (
    orgunit_reach_ids,
    orgunit_reach_map,
    orgunit_successors_on,
    structure_memo,
)
from trithuc.tasks.choices import TaskStatus
from trithuc.tasks.models import Task

from .choices import IndicatorSource, TargetKind, TargetState
from .computations import REGISTRY
from .models import Indicator, IndicatorFigure, IndicatorFigureKey, Program, Target


@dataclass
class Assessment:
    state: str
    warning: str = ""

    @property
    def label(self) -> str:
        return TargetState(self.state).label


@dataclass
class IndicatorRow:
    indicator: Indicator
    value: Decimal | None
    target: Target | None
    assessment: Assessment
    # (year, value) for every year of the program up to the one shown, for the trend chart.
    series: list[tuple[int, Decimal | None]] = field(default_factory=list)
    # The figure the target is judged on: the year's value, or the total so far for a horizon.
    judged_value: Decimal | None = None


@dataclass
class UnitTableRow:
    unit: OrgUnit
    values: list[Decimal | None]
    indicators: list[Indicator] = field(default_factory=list)

    @property
    def cells(self) -> list[tuple[Indicator, Decimal | None]]:
        return list(zip(self.indicators, self.values, strict=True))


@dataclass
class Dashboard:
    program: Program
    unit: OrgUnit
    year: int
    day: dt.date
    rows: list[IndicatorRow]
    unit_table: list[UnitTableRow]
    unit_table_indicators: list[Indicator]
    task_counts: dict[str, int]
    overdue_tasks: list[Task]
    unassigned_tasks: int

    @property
    def warnings(self) -> list[IndicatorRow]:
        return [row for row in self.rows if row.assessment.warning]


def is_stock(indicator: Indicator) -> bool:
    computation = REGISTRY.get(indicator.computation)
    return bool(computation and computation.is_stock)


def is_additive(indicator: Indicator) -> bool:
    computation = REGISTRY.get(indicator.computation)
    return computation is None or computation.additive


def program_get(code: str) -> Program:
    try:
        return Program.objects.select_related("issuing_body").get(code=code)
    except Program.DoesNotExist as exc:
        raise Http404("Không tìm thấy chương trình.") from exc


def program_responsible_units(program: Program, day: dt.date) -> list[OrgUnit]:
    """Who answers for the program today: its issuing body, or that body's successors."""
    return orgunit_successors_on(program.issuing_body, day)


def dashboard_units(user: User) -> list[OrgUnit]:
    """The units a user may pick on the dashboard: those their assignments reach, units of today
    first, then the units that have ended (their years before the end still have figures)."""
    if not _reads_dashboard(user):
        return []
    units = units_in_scope(user, Action.VIEW, active_only=False)
    day = today()
    return sorted(units, key=lambda u: not u.is_active_on(day))


def _reads_dashboard(user: User) -> bool:
    return user.is_superuser or any(
        role in SUBTREE_READ_ROLES for role, _ in user_assignments(user)
    )


@dataclass(frozen=True)
class UnitChoice:
    pk: int
    name: str


@dataclass(frozen=True)
class UnitChoices:
    """``dashboard_units`` as ids and names. ``key`` names the list (the assignments' units and
    the day) so that what is made from it can be kept beside it (``structure_memo``)."""

    key: tuple
    units: tuple[UnitChoice, ...]
    ids: frozenset[int]


def dashboard_unit_choices(user: User) -> UnitChoices:
    """The units of :func:`dashboard_units`, read on every dashboard request and the same for
    every user whose assignments start from the same units: kept per process with the structure
    graph (``structure_memo``). The user's assignments are read on every request (one query
    shared with the scope and the menu), so an assignment removed takes the units away at once."""
    day = today()
    if user.is_superuser:
        roots: frozenset[int] | None = None
    elif _reads_dashboard(user):
        roots = frozenset(u for role, u in user_assignments(user) if role in SUBTREE_READ_ROLES)
    else:
        return UnitChoices(key=("none",), units=(), ids=frozenset())
    key = ("dashboard-units", roots, day)
    return structure_memo(key, lambda: _unit_choices(key, user, day))


def _unit_choices(key: tuple, user: User, day: dt.date) -> UnitChoices:
    units = tuple(UnitChoice(u.pk, u.name) for u in dashboard_units(user))
    return UnitChoices(key=key, units=units, ids=frozenset(u.pk for u in units))


def figures_by_year(
    program: Program, unit_ids: set[int], years: list[int]
) -> dict[tuple[int, int], Decimal]:
    """{(indicator id, year): total over ``unit_ids``} from the figures table."""
    rows = (
        IndicatorFigure.objects.filter(
            indicator__program=program, unit_id__in=unit_ids, year__in=years
        )
        .values("indicator_id", "year")
        .annotate(total=Sum("value"))
    )
    return {(row["indicator_id"], row["year"]): row["total"] for row in rows}


def distinct_keys_by_year(
    program: Program, unit_ids: set[int], years: list[int]
) -> dict[tuple[int, int], Decimal]:
    """{(indicator id, year): distinct keys over ``unit_ids``} for non-additive indicators."""
    rows = (
        IndicatorFigureKey.objects.filter(
            indicator__program=program, unit_id__in=unit_ids, year__in=years
        )
        .values("indicator_id", "year")
        .annotate(n=Count("key", distinct=True))
    )
    return {(row["indicator_id"], row["year"]): Decimal(row["n"]) for row in rows}


def dashboard_build(*, program: Program, unit: OrgUnit, year: int, day: dt.date) -> Dashboard:
    indicators = list(
        program.indicators.filter(is_active=True).prefetch_related("targets").order_by("order")
    )
    reach = orgunit_reach_ids({unit.pk})
    years = [y for y in program.years if y <= max(year, program.start_year)]
    totals = figures_by_year(program, reach, years)
    totals.update(distinct_keys_by_year(program, reach, years))
    rows = [_indicator_row(ind, totals, reach, years, year, day) for ind in indicators]
    table_indicators = [ind for ind in indicators if is_additive(ind)]
    tasks = Task.objects.filter(program=program).with_status(day)
    counts = dict(tasks.order_by().values_list("status").annotate(n=Count("pk")))
    return Dashboard(
        program=program,
        unit=unit,
        year=year,
        day=day,
        rows=rows,
        unit_table=_unit_table(program, unit, table_indicators, year, day),
        unit_table_indicators=table_indicators,
        task_counts={status: counts.get(status, 0) for status in TaskStatus},
        overdue_tasks=list(
            tasks.filter(status=TaskStatus.OPEN_OVERDUE).prefetch_related("lead_units")[:20]
        ),
        unassigned_tasks=tasks.filter(lead_units__isnull=True).count(),
    )


def _indicator_row(
    indicator: Indicator,
    totals: dict[tuple[int, int], Decimal],
    reach: set[int],
    years: list[int],
    year: int,
    day: dt.date,
) -> IndicatorRow:
    series = [(y, _value(indicator, totals, reach, y, day)) for y in years]
    by_year = dict(series)
    target = _target_for(indicator, year)
    if target is not None and target.kind == TargetKind.BY_YEAR and not is_stock(indicator):
        known = [v for y, v in series if y <= year and v is not None]
        judged = sum(known, Decimal(0)) if known else None
    else:
        judged = by_year.get(year)
    return IndicatorRow(
        indicator=indicator,
        value=by_year.get(year),
        target=target,
        assessment=assess(target, judged, year, day, program_start=indicator.program.start_year),
        series=series,
        judged_value=judged,
    )


def _value(
    indicator: Indicator,
    totals: dict[tuple[int, int], Decimal],
    reach: set[int],
    year: int,
    day: dt.date,
) -> Decimal | None:
    if year > day.year:
        return None
    if indicator.source == IndicatorSource.REPORTED:
        # No approved report yet is "no figure", not zero.
        return totals.get((indicator.pk, year))
    return totals.get((indicator.pk, year), Decimal(0))


def _target_for(indicator: Indicator, year: int) -> Target | None:
    for target in indicator.targets.all():
        if target.kind == TargetKind.EACH_YEAR and target.applies_to(year):
            return target
        if target.kind == TargetKind.BY_YEAR and year <= target.year_to:
            return target
    return None


def assess(
    target: Target | None,
    value: Decimal | None,
    year: int,
    day: dt.date,
    *,
    program_start: int,
) -> Assessment:
    """Met, on track, at risk or missed: the colour of one target in one year, seen on ``day``."""
    if target is None or year > day.year:
        return Assessment(TargetState.NO_DATA)
    if value is None:
        late = year < day.year
        return Assessment(
            TargetState.NO_DATA, "Chưa có số liệu được duyệt cho năm đã qua." if late else ""
        )
    low = target.min_value
    if low is None or value >= low:
        return Assessment(TargetState.MET)
    deadline_year = year if target.kind == TargetKind.EACH_YEAR else target.year_to
    if deadline_year < day.year:
        return Assessment(TargetState.MISSED)
    share = _elapsed_share(target, year, day, program_start)
    projected = value / Decimal(share) if share > 0 else value
    on_pace = value >= low * Decimal(share) * Decimal(str(settings.TRITHUC_ON_TRACK_SHARE))
    warning = ""
    if projected < low:
        period = "cả năm" if target.kind == TargetKind.EACH_YEAR else f"đến {target.year_to}"
        warning = (
            f"Theo nhịp hiện tại, {period} ước đạt {projected:.0f}, "
            f"dưới mức tối thiểu {low.normalize():f}."
        )
    return Assessment(TargetState.ON_TRACK if on_pace else TargetState.AT_RISK, warning)


def _elapsed_share(target: Target, year: int, day: dt.date, program_start: int) -> float:
    """How much of the target's period has gone by on ``day`` (0–1)."""
    if target.kind == TargetKind.EACH_YEAR:
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    else:
        start, end = dt.date(program_start, 1, 1), dt.date(target.year_to, 12, 31)
    return min(1.0, max(0.0, ((day - start).days + 1) / ((end - start).days + 1)))


def _unit_table(
    program: Program, unit: OrgUnit, indicators: list[Indicator], year: int, day: dt.date
) -> list[UnitTableRow]:
    """The figures of ``year`` for each unit directly under ``unit`` (as it stands on ``day``),
    each counting its own history."""
    children = list(OrgUnit.objects.filter(parent=unit).active_on(day).order_by("path"))
    if not children or not indicators:
        return []
    reach_of = orgunit_reach_map({child.pk for child in children})
    all_units = set().union(*reach_of.values())
    per_unit: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    figures = IndicatorFigure.objects.filter(
        indicator__in=indicators, year=year, unit_id__in=all_units
    ).values_list("indicator_id", "unit_id", "value")
    for indicator_id, unit_id, value in figures:
        per_unit[(indicator_id, unit_id)] += value
    rows = []
    for child in children:
        values = []
        for indicator in indicators:
            found = [
                per_unit[(indicator.pk, u)]
                for u in reach_of[child.pk]
                if (indicator.pk, u) in per_unit
            ]
            reported = indicator.source == IndicatorSource.REPORTED
            values.append(sum(found, Decimal(0)) if found or not reported else None)
        rows.append(UnitTableRow(child, values, indicators))
    return rows


def indicator_get(program: Program, code: str) -> Indicator:
    try:
        return program.indicators.get(code=code)
    except Indicator.DoesNotExist as exc:
        raise Http404("Không tìm thấy chỉ tiêu.") from exc


@dataclass
class Breakdown:
    """The rows behind one number, as far as the user may see them."""

    kind: str  # "enrollments", "cooperation", "dialogues", "employments", "fields", "reports"
    rows: QuerySet
    total: int
    visible: int


def indicator_rows(*, user: User, indicator: Indicator, unit: OrgUnit, year: int) -> Breakdown:
    """The records counted for ``indicator`` in ``unit``'s subtree and ``year``, scoped to what
    ``user`` may see (the count on the dashboard is not personal; the rows may be)."""
    from trithuc.people.models import Person
    from trithuc.tasks.choices import ReportStatus
    from trithuc.tasks.models import UnitReport, UnitReportFigure
    from trithuc.workforce.models import TrainingEnrollment

    reach = orgunit_reach_ids({unit.pk})
    if indicator.source == IndicatorSource.REPORTED:
        rows = UnitReportFigure.objects.filter(
            indicator=indicator,
            report__unit_id__in=reach,
            report__year=year,
            report__status=ReportStatus.APPROVED,
        )
        visible = rows.filter(report__in=UnitReport.objects.visible_to(user))
        # Ordered, so that the page's pagination is stable.
        visible = visible.select_related("report__unit").order_by(
            "report__unit__path", "report__period_start", "pk"
        )
        return Breakdown("reports", visible, rows.count(), visible.count())
    computation = REGISTRY[indicator.computation]
    rows = computation.rows(reach, year)
    model = rows.model
    if model is TrainingEnrollment:
        visible = rows.filter(pk__in=TrainingEnrollment.objects.visible_to(user).values("pk"))
        visible = visible.select_related("person", "course", "sending_unit")
        return Breakdown("enrollments", visible, rows.count(), visible.count())
    if computation.name == "expert_fields":
        from trithuc.people.models import Field

        fields = Field.objects.filter(pk__in=rows.values("person__fields")).order_by("code")
        return Breakdown("fields", fields, fields.count(), fields.count())
    if computation.name == "dialogue_sessions":
        rows = rows.select_related("unit").order_by("starts_at")
        return Breakdown("dialogues", rows, rows.count(), rows.count())
    if computation.name == "cooperation_programs":
        rows = rows.select_related("organising_unit")
        return Breakdown("cooperation", rows, rows.count(), rows.count())
    visible = rows.filter(person__in=Person.objects.visible_to(user))
    visible = visible.select_related("person", "unit")
    return Breakdown("employments", visible, rows.count(), visible.count())
