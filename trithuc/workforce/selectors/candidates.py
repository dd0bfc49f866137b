"""Who in a unit meets the standards of a position, with the reason for each check.

A candidate is someone at work in the unit's subtree on the day asked. Each standard of the position
(degree, political theory, age, recent ratings, being in the succession pool) is one check that
says what the record holds and what the position asks, so an officer can see why a name is or is
not on the list, and what is missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from trithuc.accounts.models import User
from trithuc.core.dates import age_on
from trithuc.orgunits.models import OrgUnit
from trithuc.orgunits.selectors import orgunit_reach_ids
from trithuc.people.models import Employment, Person, Qualification

from ..choices import RATING_ORDER, RatingLevel, SuccessionStatus
from ..models import AnnualRating, PositionStandard, SuccessionPlan

AT_LEAST_GOOD = set(RATING_ORDER[:2])


@dataclass(frozen=True)
class Check:
    label: str
    ok: bool
    reason: str


@dataclass
class Candidate:
    person: Person
    checks: list[Check] = field(default_factory=list)

    @property
    def qualifies(self) -> bool:
        return all(check.ok for check in self.checks)

    @property
    def failed(self) -> list[Check]:
        return [check for check in self.checks if not check.ok]


def candidates_for(
    *, user: User, unit: OrgUnit, position: PositionStandard, day: dt.date
) -> list[Candidate]:
    """Everyone at work in ``unit``'s subtree on ``day`` whom ``user`` may see, each checked against
    ``position``; those who qualify first, then by how few checks they fail."""
    at_work = Employment.objects.filter(
        unit__path__startswith=unit.path,
    ).filter(
        (Q(start_date__isnull=True) | Q(start_date__lte=day))
        & (Q(end_date__isnull=True) | Q(end_date__gt=day))
    )
    people = (
        Person.objects.visible_to(user)
        .filter(pk__in=at_work.values("person_id"))
        .select_related("political_theory")
        .prefetch_related(
            Prefetch("qualifications", queryset=Qualification.objects.select_related("level")),
            Prefetch("ratings", queryset=AnnualRating.objects.order_by("-year")),
            Prefetch(
                "succession_plans",
                queryset=SuccessionPlan.objects.filter(
                    position=position, status=SuccessionStatus.ACTIVE
                ),
            ),
        )
    )
    reach = orgunit_reach_ids({unit.pk})
    candidates = [Candidate(p, _checks(p, position, day, reach)) for p in people]
    return sorted(candidates, key=lambda c: (not c.qualifies, len(c.failed), c.person.sort_key))


def _checks(
    person: Person, position: PositionStandard, day: dt.date, reach: set[int]
) -> list[Check]:
    checks = []
    if position.min_degree is not None:
        checks.append(_degree_check(person, position))
    if position.min_political_theory is not None:
        checks.append(_theory_check(person, position))
    if position.max_age is not None:
        checks.append(_age_check(person, position, day))
    if position.good_rating_years:
        checks.append(_ratings_check(person, position, day))
    if position.requires_succession_plan:
        checks.append(_plan_check(person, position, reach))
    return checks


def _degree_check(person: Person, position: PositionStandard) -> Check:
    wanted = position.min_degree
    best = max(person.qualifications.all(), key=lambda q: q.level.order, default=None)
    label = "Trình độ chuyên môn"
    if best is None:
        return Check(label, False, f"Chưa có văn bằng nào trong hồ sơ (yêu cầu từ {wanted}).")
    ok = best.level.order >= wanted.order
    return Check(label, ok, f"Cao nhất: {best.level} (yêu cầu từ {wanted}).")


def _theory_check(person: Person, position: PositionStandard) -> Check:
    wanted = position.min_political_theory
    held = person.political_theory
    label = "Lý luận chính trị"
    if held is None:
        return Check(label, False, f"Chưa có trình độ lý luận chính trị (yêu cầu từ {wanted}).")
    return Check(label, held.order >= wanted.order, f"Hiện có: {held} (yêu cầu từ {wanted}).")


def _age_check(person: Person, position: PositionStandard, day: dt.date) -> Check:
    label = "Tuổi"
    if person.birth_date is None:
        return Check(label, False, "Hồ sơ chưa có ngày sinh.")
    age = age_on(person.birth_date, day)
    return Check(label, age <= position.max_age, f"{age} tuổi (tối đa {position.max_age}).")


def _ratings_check(person: Person, position: PositionStandard, day: dt.date) -> Check:
    years = list(range(day.year - position.good_rating_years, day.year))
    by_year = {r.year: r.level for r in person.ratings.all()}
    missing = [y for y in years if y not in by_year]
    low = [y for y in years if y in by_year and by_year[y] not in AT_LEAST_GOOD]
    label = f"Xếp loại {position.good_rating_years} năm gần nhất"
    wanted = f"yêu cầu từ «{RatingLevel.GOOD.label}»"
    if missing or low:
        parts = []
        if missing:
            parts.append("chưa có xếp loại năm " + ", ".join(map(str, missing)))
        if low:
            shown = ", ".join(f"{y}: {RatingLevel(by_year[y]).label}" for y in low)
            parts.append(f"thấp hơn yêu cầu ({shown})")
        text = "; ".join(parts)
        return Check(label, False, f"{text[0].upper()}{text[1:]} — {wanted}.")
    return Check(label, True, f"Các năm {years[0]}–{years[-1]} đều đạt ({wanted}).")


def _plan_check(person: Person, position: PositionStandard, reach: set[int]) -> Check:
    plans = [p for p in person.succession_plans.all() if p.unit_id in reach]
    label = "Quy hoạch"
    if not plans:
        return Check(label, False, f"Chưa có trong quy hoạch chức danh «{position}».")
    terms = ", ".join(sorted({p.term for p in plans}))
    return Check(label, True, f"Trong quy hoạch «{position}», nhiệm kỳ {terms}.")
