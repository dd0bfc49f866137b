"""Workforce structure analysis: age pyramid by unit, succession (who reaches retirement age in the
next years, by position, and who is planned to follow), shares of young / women / ethnic minority
against the ĐA 01 targets, and experts per field of the four pillars as a coverage map.

Counts read across the subtree; the succession view names people, so it lists only those the user's
scope reaches (``Person.objects.visible_to``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q

from trithuc.accounts.models import User
from trithuc.core.dates import age_on
from trithuc.orgunits.models import OrgUnit
from trithuc.orgunits.selectors import orgunit_reach_ids
from trithuc.people.choices import Gender
from trithuc.people.models import Employment, Field, Person, Pillar
from trithuc.programs.computations import EXPERT_TAG, at_work_on
from trithuc.workforce.choices import SuccessionStatus
from trithuc.workforce.models import SuccessionPlan
from trithuc.workforce.selectors.tables import structure_table

from .conf import AGE_PYRAMID_STEP, retirement_roadmap, structure_targets, succession_horizon_years
from .formatting import share


def retirement_date(birth: dt.date, gender: str) -> dt.date:
    """The first day a person's age reaches the retirement age set for that year (the roadmap
    raises it a few months a year, so the age of the year they reach it is the one that counts)."""
    roadmap = retirement_roadmap()[gender]
    for year in range(birth.year + 40, birth.year + 90):
        months = birth.month - 1 + roadmap.months_in(year)
        reached = _safe_date(birth.year + months // 12, months % 12 + 1, birth.day)
        if reached.year == year:
            return reached
        if reached.year < year:  # already past this year's age when the year began
            return dt.date(year, 1, 1)
    raise ValueError("no retirement date")


def _safe_date(year: int, month: int, day: int) -> dt.date:
    """The date, or the month's last day when the birth day does not exist in that month."""
    while True:
        try:
            return dt.date(year, month, day)
        except ValueError:
            day -= 1


# --- age pyramid ------------------------------------------------------------------------------


@dataclass
class Pyramid:
    bands: list[str]
    men: list[int]
    women: list[int]

    @property
    def total(self) -> int:
        return sum(self.men) + sum(self.women)

    @property
    def rows(self) -> list[tuple[str, int, int]]:
        """Oldest band first, as the pyramid reads from the top."""
        return list(zip(self.bands, self.men, self.women, strict=True))[::-1]


def age_pyramid(*, unit: OrgUnit, day: dt.date) -> Pyramid:
    reach = orgunit_reach_ids({unit.pk})
    people = (
        Employment.objects.filter(
            at_work_on(day), unit_id__in=reach, person__birth_date__isnull=False
        )
        .values_list("person_id", "person__birth_date", "person__gender")
        .distinct()
    )
    step = AGE_PYRAMID_STEP
    counts: dict[tuple[int, str], int] = defaultdict(int)
    seen: set[int] = set()
    for person_id, birth, gender in people:
        if person_id in seen:
            continue
        seen.add(person_id)
        low = max(18, age_on(birth, day)) // step * step
        counts[(min(low, 65), gender)] += 1
    lows = list(range(15, 70, step))
    bands = [f"{low}–{low + step - 1}" if low < 65 else "65+" for low in lows]
    return Pyramid(
        bands,
        [counts[(low, Gender.MALE)] for low in lows],
        [counts[(low, Gender.FEMALE)] for low in lows],
    )


# --- succession --------------------------------------------------------------------------------


@dataclass
class Retiring:
    person: Person
    unit: OrgUnit
    position: str
    retires_on: dt.date
    successors: list[SuccessionPlan] = field(default_factory=list)


def succession_view(*, user: User, unit: OrgUnit, day: dt.date) -> list[Retiring]:
    """People holding a position who reach retirement age within the horizon, soonest first, with
    the people in the succession pool for that position in the same unit."""
    reach = orgunit_reach_ids({unit.pk})
    horizon = day.replace(year=day.year + succession_horizon_years())
    visible = Person.objects.visible_to(user)
    jobs = (
        Employment.objects.filter(at_work_on(day), unit_id__in=reach, person__in=visible)
        .exclude(position="")
        .filter(person__birth_date__isnull=False)
        .filter(person__birth_date__lte=day.replace(year=day.year - 50))
        .select_related("person", "unit")
    )
    found = []
    for job in jobs:
        retires = retirement_date(job.person.birth_date, job.person.gender)
        if day <= retires <= horizon:
            found.append(Retiring(job.person, job.unit, job.position, retires))
    plans = (
        SuccessionPlan.objects.filter(
            unit_id__in={r.unit.pk for r in found}, status=SuccessionStatus.ACTIVE
        )
        .filter(person__in=visible)
        .select_related("person", "position")
    )
    by_key: dict[tuple[int, str], list[SuccessionPlan]] = defaultdict(list)
    for plan in plans:
        by_key[(plan.unit_id, plan.position.name.casefold())].append(plan)
    for retiring in found:
        retiring.successors = by_key.get((retiring.unit.pk, retiring.position.casefold()), [])
    return sorted(found, key=lambda r: (r.retires_on, r.unit.path))


# --- shares against ĐA 01 ------------------------------------------------------------------------


@dataclass
class ShareRow:
    label: str
    count: int
    total: int
    target: float

    @property
    def percent(self) -> float:
        return self.count * 100 / self.total if self.total else 0.0

    @property
    def text(self) -> str:
        return share(self.count, self.total)

    @property
    def met(self) -> bool:
        return self.total > 0 and self.percent >= self.target


def structure_shares(*, user: User, unit: OrgUnit, day: dt.date) -> tuple[list, list[ShareRow]]:
    """The ĐA 01 table by unit (workforce's own selector) and the subtree's shares vs targets."""
    rows = structure_table(user=user, unit=unit, day=day)
    total = sum(r.total for r in rows)
    targets = structure_targets()
    shares = [
        ShareRow("Cán bộ trẻ", sum(r.young for r in rows), total, targets["young"]),
        ShareRow("Cán bộ nữ", sum(r.women for r in rows), total, targets["women"]),
        ShareRow(
            "Người dân tộc thiểu số",
            sum(r.ethnic_minority for r in rows),
            total,
            targets["ethnic_minority"],
        ),
    ]
    return rows, shares


# --- expert coverage ------------------------------------------------------------------------------


@dataclass
class CoverageRow:
    field: Field
    by_pillar: list[int]
    total: int


@dataclass
class Coverage:
    pillars: list[Pillar]
    rows: list[CoverageRow]
    target_share: float

    @property
    def covered(self) -> int:
        return sum(1 for row in self.rows if row.total)

    @property
    def share_text(self) -> str:
        return share(self.covered, len(self.rows))


def expert_coverage(*, unit: OrgUnit, day: dt.date) -> Coverage:
    """Experts at work on ``day`` per level-2 field, split by pillar: which fields have none."""
    reach = orgunit_reach_ids({unit.pk})
    experts = Person.objects.filter(
        Q(tags__code=EXPERT_TAG),
        employments__in=Employment.objects.filter(at_work_on(day), unit_id__in=reach),
    )
    totals = dict(
        experts.filter(fields__parent__isnull=False)
        .values("fields")
        .annotate(n=Count("pk", distinct=True))
        .values_list("fields", "n")
    )
    per_pillar = {
        (row["fields"], row["pillars"]): row["n"]
        for row in experts.filter(fields__parent__isnull=False, pillars__isnull=False)
        .values("fields", "pillars")
        .annotate(n=Count("pk", distinct=True))
    }
    pillars = list(Pillar.objects.filter(is_active=True).order_by("order", "code"))
    fields = Field.objects.filter(parent__isnull=False, is_active=True).select_related("parent")
    rows = [
        CoverageRow(f, [per_pillar.get((f.pk, p.pk), 0) for p in pillars], totals.get(f.pk, 0))
        for f in fields.order_by("parent__order", "parent__code", "order", "code")
    ]
    return Coverage(pillars, rows, float(settings.TRITHUC_MOST_FIELDS_SHARE) * 100)
