"""Tables the program office reads: training plan against what was done, the ĐA 01 structure of
the workforce by unit, honours by type, and the attraction budget used against what was allocated.
They count; they list no one, so they read across the subtree the user picked."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum

from trithuc.accounts.models import User
from trithuc.orgunits.models import OrgUnit
from trithuc.orgunits.selectors import orgunit_reach_ids, orgunit_reach_map
from trithuc.people.models import Employment
from trithuc.programs.computations import KINH, at_work_on, young_on

from ..choices import SENT_STATUSES, CourseKind
from ..models import (
    AttractionBudget,
    AttractionPolicy,
    Award,
    AwardType,
    Disbursement,
    TrainingEnrollment,
    TrainingPlan,
)


@dataclass
class PlanRow:
    unit: OrgUnit
    kind: str
    planned: int | None
    actual: int

    @property
    def kind_label(self) -> str:
        return CourseKind(self.kind).label

    @property
    def gap(self) -> int | None:
        return None if self.planned is None else self.actual - self.planned


def training_plan_vs_actual(*, unit: OrgUnit, year: int) -> list[PlanRow]:
    """For each unit in ``unit``'s reach with a plan or a sending in ``year``: planned vs sent."""
    reach = orgunit_reach_ids({unit.pk})
    planned = {
        (p.unit_id, p.kind): p.planned
        for p in TrainingPlan.objects.filter(unit_id__in=reach, year=year)
    }
    actual = {
        (row["sending_unit_id"], row["kind"]): row["n"]
        for row in TrainingEnrollment.objects.filter(
            sending_unit_id__in=reach, year=year, status__in=SENT_STATUSES
        )
        .values("sending_unit_id", "kind")
        .annotate(n=Count("pk"))
    }
    keys = set(planned) | set(actual)
    units = OrgUnit.objects.in_bulk({unit_id for unit_id, _ in keys})
    rows = [PlanRow(units[u], k, planned.get((u, k)), actual.get((u, k), 0)) for u, k in keys]
    kinds = list(CourseKind)
    return sorted(rows, key=lambda r: (r.unit.path, kinds.index(r.kind)))


@dataclass
class StructureRow:
    unit: OrgUnit
    total: int
    young: int
    women: int
    ethnic_minority: int
    key_commune_cadres: int

    def share(self, count: int) -> str:
        return f"{count * 100 / self.total:.1f} %" if self.total else "—"


def _key_position_q() -> Q:
    """Positions of «cán bộ chủ chốt cấp xã» (ĐA 01-ĐA/TU), matched on the folded position title;
    the list is a setting (``TRITHUC_KEY_COMMUNE_POSITIONS``)."""
    condition = Q(pk__in=[])
    for words in settings.TRITHUC_KEY_COMMUNE_POSITIONS:
        condition |= Q(position__icontains=words)
    return condition


def structure_table(*, user: User, unit: OrgUnit, day: dt.date) -> list[StructureRow]:
    """People at work on ``day`` in each unit directly under ``unit`` (each with its history), and
    how many are young, women, ethnic minority, and key commune cadres."""
    children = list(OrgUnit.objects.filter(parent=unit).active_on(day).order_by("path")) or [unit]
    reach_of = orgunit_reach_map({child.pk for child in children})
    all_units = set().union(*reach_of.values())
    counts = (
        Employment.objects.filter(at_work_on(day), unit_id__in=all_units)
        .values("unit_id")
        .annotate(
            total=Count("person", distinct=True),
            young=Count("person", filter=young_on(day), distinct=True),
            women=Count("person", filter=Q(person__gender="female"), distinct=True),
            ethnic=Count(
                "person",
                filter=Q(person__ethnicity__isnull=False) & ~Q(person__ethnicity__code=KINH),
                distinct=True,
            ),
            key=Count(
                "person",
                filter=_key_position_q() & Q(unit__kind="commune"),
                distinct=True,
            ),
        )
    )
    per_unit = {row["unit_id"]: row for row in counts}
    rows = []
    for child in children:
        found = [per_unit[u] for u in reach_of[child.pk] if u in per_unit]
        total = defaultdict(int)
        for row in found:
            for name in ("total", "young", "women", "ethnic", "key"):
                total[name] += row[name]
        rows.append(
            StructureRow(
                child, total["total"], total["young"], total["women"], total["ethnic"], total["key"]
            )
        )
    return rows


def awards_by_type(*, unit: OrgUnit, year: int) -> list[tuple[object, int]]:
    reach = orgunit_reach_ids({unit.pk})
    counts = (
        Award.objects.filter(unit_id__in=reach, year=year)
        .values("award_type")
        .annotate(n=Count("pk"))
    )
    by_type = {row["award_type"]: row["n"] for row in counts}
    types = AwardType.objects.filter(pk__in=by_type).order_by("order", "code")
    return [(award_type, by_type[award_type.pk]) for award_type in types]


@dataclass
class BudgetRow:
    policy: AttractionPolicy
    allocated: Decimal | None
    used: Decimal

    @property
    def remaining(self) -> Decimal | None:
        return None if self.allocated is None else self.allocated - self.used


def attraction_budget(*, year: int) -> list[BudgetRow]:
    allocated = dict(
        AttractionBudget.objects.filter(year=year).values_list("policy_id", "allocated")
    )
    used = dict(
        Disbursement.objects.filter(date__year=year)
        .values("case__policy_id")
        .annotate(total=Sum("amount"))
        .values_list("case__policy_id", "total")
    )
    return [
        BudgetRow(policy, allocated.get(policy.pk), used.get(policy.pk, Decimal(0)))
        for policy in AttractionPolicy.objects.order_by("code")
    ]
