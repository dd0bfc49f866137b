"""The named queries that compute indicators from the records.

Each computation answers two questions over the same rows: *how many* per unit and year (``counts``,
a GROUP BY the figures table stores), and *which rows* stand behind one number (``rows``, for the
drill-down). Both are written once, from one ``base`` queryset, so the list a user opens is the
list that was counted.

A computation counts either events of a year (a flow: people sent to training in 2025) or the state
at the end of a year (a stock: women at work on 31 December). Additive ones are stored per unit and
summed over a subtree; ``expert_fields`` counts distinct fields, which do not add up across units,
so the fields found per unit are stored instead (``IndicatorFigureKey``) and counted distinct over
the subtree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from trithuc.core.dates import today
from trithuc.engagement.choices import SessionStatus
from trithuc.engagement.models import DialogueSession
from trithuc.people.choices import Gender
from trithuc.people.models import Employment
from trithuc.science.models import AppliedTask, CooperationProgram
from trithuc.workforce.choices import SENT_STATUSES, AttractionStatus, CourseKind
from trithuc.workforce.models import AttractionCase, Award, TrainingEnrollment

KINH = "01"
EXPERT_TAG = "chuyen-gia"


@dataclass(frozen=True)
class Computation:
    name: str
    # The records it reads, so that a change to them refreshes it ("workforce.TrainingEnrollment").
    source: str
    is_stock: bool
    additive: bool
    # (unit ids or None for all, year) → the rows counted for that year.
    base: Callable[[set[int] | None, int], QuerySet]
    # The field of ``base``'s rows that names the unit they count for.
    unit_field: str
    # For non-additive computations, the field whose distinct values are counted.
    key_field: str = ""

    def rows(self, unit_ids: set[int] | None, year: int) -> QuerySet:
        return self.base(unit_ids, year)

    def counts(self, unit_ids: set[int] | None, years: Iterable[int]) -> dict[tuple[int, int], int]:
        """{(unit id, year): count}; one GROUP BY per year."""
        result: dict[tuple[int, int], int] = {}
        for year in years:
            grouped = (
                self.base(unit_ids, year)
                .order_by()
                .values(self.unit_field)
                .annotate(n=Count("pk", distinct=not self.additive))
            )
            for row in grouped:
                result[(row[self.unit_field], year)] = row["n"]
        return result

    def keys(self, unit_ids: set[int] | None, years: Iterable[int]) -> set[tuple[int, int, str]]:
        """For non-additive computations: {(unit id, year, key)} of the distinct things counted."""
        found: set[tuple[int, int, str]] = set()
        for year in years:
            rows = self.base(unit_ids, year).order_by().values_list(self.unit_field, self.key_field)
            found.update((unit_id, year, str(key)) for unit_id, key in rows.distinct())
        return found


def _in_units(queryset: QuerySet, field: str, unit_ids: set[int] | None) -> QuerySet:
    return queryset if unit_ids is None else queryset.filter(**{f"{field}__in": unit_ids})


def _training(*kinds: str) -> Callable[[set[int] | None, int], QuerySet]:
    def base(unit_ids: set[int] | None, year: int) -> QuerySet:
        rows = TrainingEnrollment.objects.filter(
            kind__in=kinds, year=year, status__in=SENT_STATUSES
        )
        return _in_units(rows, "sending_unit_id", unit_ids)

    return base


# An attraction case counts in the year of its decision, whatever happened to it afterwards.
ATTRACTED_STATUSES = (
    AttractionStatus.APPROVED,
    AttractionStatus.SERVING,
    AttractionStatus.COMPLETED,
    AttractionStatus.BROKEN,
)


def _attracted(unit_ids: set[int] | None, year: int) -> QuerySet:
    rows = AttractionCase.objects.filter(decision_year=year, status__in=ATTRACTED_STATUSES)
    return _in_units(rows, "unit_id", unit_ids)


def _awards(unit_ids: set[int] | None, year: int) -> QuerySet:
    return _in_units(Award.objects.filter(year=year), "unit_id", unit_ids)


def _cooperation(unit_ids: set[int] | None, year: int) -> QuerySet:
    return _in_units(CooperationProgram.objects.filter(year=year), "organising_unit_id", unit_ids)


def _science_applied(unit_ids: set[int] | None, year: int) -> QuerySet:
    """Science tasks led or co-led by a provincial intellectual whose results were first applied in
    ``year``, for that intellectual's host unit (kept by ``science.services``)."""
    return _in_units(AppliedTask.objects.filter(year=year), "unit_id", unit_ids)


def _dialogues(unit_ids: set[int] | None, year: int) -> QuerySet:
    """Dialogue sessions held in ``year``, for the unit that organised them."""
    rows = DialogueSession.objects.filter(status=SessionStatus.HELD, starts_at__year=year)
    return _in_units(rows, "unit_id", unit_ids)


def year_end(year: int) -> dt.date:
    """The day a stock is read: 31 December, or today for the year under way."""
    return min(dt.date(year, 12, 31), today())


def at_work_on(day: dt.date) -> Q:
    return (Q(start_date__isnull=True) | Q(start_date__lte=day)) & (
        Q(end_date__isnull=True) | Q(end_date__gt=day)
    )


def _staff(person_filter: Callable[[dt.date], Q]) -> Callable[[set[int] | None, int], QuerySet]:
    def base(unit_ids: set[int] | None, year: int) -> QuerySet:
        day = year_end(year)
        rows = Employment.objects.filter(at_work_on(day)).filter(person_filter(day))
        return _in_units(rows, "unit_id", unit_ids)

    return base


def young_born_after(day: dt.date) -> dt.date:
    """Younger than the «cán bộ trẻ» limit on ``day`` means born after this day."""
    limit = settings.TRITHUC_YOUNG_AGE_LIMIT
    try:
        return day.replace(year=day.year - limit)
    except ValueError:  # 29 February
        return dt.date(day.year - limit, 2, 28)


def young_on(day: dt.date) -> Q:
    """Younger than the «cán bộ trẻ» limit on ``day``: born after the day that many years before."""
    return Q(person__birth_date__gt=young_born_after(day))


def _women(day: dt.date) -> Q:
    return Q(person__gender=Gender.FEMALE)


def _ethnic_minority(day: dt.date) -> Q:
    return Q(person__ethnicity__isnull=False) & ~Q(person__ethnicity__code=KINH)


def _expert_fields(unit_ids: set[int] | None, year: int) -> QuerySet:
    """Experts at work at the end of ``year``, one row per (job, level-2 field of the person)."""
    rows = Employment.objects.filter(
        at_work_on(year_end(year)),
        person__tags__code=EXPERT_TAG,
        person__fields__parent__isnull=False,
    )
    return _in_units(rows, "unit_id", unit_ids)


TRAINING = "workforce.TrainingEnrollment"
STAFF = "people.Employment"
ATTRACTION = "workforce.AttractionCase"
AWARDS = "workforce.Award"
DIALOGUES = "engagement.DialogueSession"

REGISTRY: dict[str, Computation] = {
    c.name: c
    for c in [
        Computation(
            "training_advanced_theory",
            TRAINING,
            False,
            True,
            _training(CourseKind.ADVANCED_THEORY),
            "sending_unit_id",
        ),
        Computation(
            "training_intermediate_theory",
            TRAINING,
            False,
            True,
            _training(CourseKind.INTERMEDIATE_THEORY),
            "sending_unit_id",
        ),
        Computation(
            "training_postgraduate",
            TRAINING,
            False,
            True,
            _training(CourseKind.POSTGRADUATE_HOME, CourseKind.POSTGRADUATE_ABROAD),
            "sending_unit_id",
        ),
        Computation(
            "training_fostering",
            TRAINING,
            False,
            True,
            _training(CourseKind.STATE_MANAGEMENT, CourseKind.FOSTERING),
            "sending_unit_id",
        ),
        Computation(
            "cooperation_programs",
            "science.CooperationProgram",
            False,
            True,
            _cooperation,
            "organising_unit_id",
        ),
        Computation(
            "science_applied", "science.ResultApplication", False, True, _science_applied, "unit_id"
        ),
        Computation("attraction_cases", ATTRACTION, False, True, _attracted, "unit_id"),
        Computation("awards", AWARDS, False, True, _awards, "unit_id"),
        Computation("dialogue_sessions", DIALOGUES, False, True, _dialogues, "unit_id"),
        Computation("staff_young", STAFF, True, True, _staff(young_on), "unit_id"),
        Computation("staff_women", STAFF, True, True, _staff(_women), "unit_id"),
        Computation(
            "staff_ethnic_minority", STAFF, True, True, _staff(_ethnic_minority), "unit_id"
        ),
        Computation(
            "expert_fields", STAFF, True, False, _expert_fields, "unit_id", "person__fields"
        ),
    ]
}
