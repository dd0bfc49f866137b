"""Reads of the workforce records. Every record about a person starts from
``Model.objects.visible_to(user)`` (the one scoping rule); a record outside the user's scope answers
404 exactly like a missing one. Lists load what their rows show in a fixed number of queries.

Courses, position standards, award types and attraction policies are not personal data: every
signed-in user reads them. ``candidates`` and ``tables`` hold the candidate check and the summary
tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from trithuc.accounts.models import User
from trithuc.accounts.scoping import Action, get_in_scope_or_404, restrict
from trithuc.orgunits.models import OrgUnit
from trithuc.orgunits.selectors import orgunit_reach_ids
from trithuc.people.models import Person

from ..choices import SuccessionStatus
from ..models import (
    AnnualRating,
    AttractionCase,
    AttractionPolicy,
    Award,
    AwardCriterion,
    AwardNomination,
    AwardType,
    CareerEvent,
    Disbursement,
    PositionStandard,
    SuccessionPlan,
    TrainingCourse,
    TrainingEnrollment,
    TrainingPlan,
)


@dataclass(frozen=True)
class RecordFilters:
    """What a list page may be narrowed by; each list uses the fields that apply to it."""

    unit: OrgUnit | None = None
    year: int | None = None
    status: str = ""
    kind: str = ""
    position: PositionStandard | None = None
    term: str = ""
    award_type: AwardType | None = None
    policy: AttractionPolicy | None = None


def _in_unit(records: QuerySet, filters: RecordFilters, field: str = "unit") -> QuerySet:
    """Records kept by the unit or by any unit in its reach (subtree and predecessors)."""
    if filters.unit is None:
        return records
    return records.filter(**{f"{field}_id__in": orgunit_reach_ids({filters.unit.pk})})


# --- people to pick ----------------------------------------------------------------------------


def people_for_choice(*, user: User, action: Action = Action.CHANGE) -> QuerySet[Person]:
    """The people a user may file a record about: those whose profile they may change."""
    return (
        restrict(Person.objects.all(), user, action)
        .only("pk", "full_name")
        .order_by("sort_key", "pk")
    )


# --- training ----------------------------------------------------------------------------------


def course_list(*, user: User, filters: RecordFilters | None = None) -> QuerySet[TrainingCourse]:
    """Courses, each with the number of its enrolments the user may see."""
    filters = filters or RecordFilters()
    courses = TrainingCourse.objects.all()
    if filters.kind:
        courses = courses.filter(kind=filters.kind)
    if filters.year:
        courses = courses.filter(start_date__year=filters.year)
    visible = (
        TrainingEnrollment.objects.visible_to(user)
        .filter(course=OuterRef("pk"))
        .order_by()
        .values("course")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return courses.annotate(
        visible_enrollments=Coalesce(Subquery(visible, output_field=IntegerField()), Value(0))
    ).order_by("-start_date", "name", "pk")


def course_get(*, pk: int) -> TrainingCourse:
    return get_object_or_404(TrainingCourse, pk=pk)


def course_enrollments(*, user: User, course: TrainingCourse) -> QuerySet[TrainingEnrollment]:
    return (
        TrainingEnrollment.objects.visible_to(user)
        .filter(course=course)
        .select_related("person", "sending_unit")
        .order_by("person__sort_key", "pk")
    )


def enrollment_get_for_user(
    *, user: User, pk: int, action: Action = Action.VIEW
) -> TrainingEnrollment:
    enrollments = TrainingEnrollment.objects.select_related("person", "course", "sending_unit")
    return get_in_scope_or_404(enrollments, user, action, pk=pk)


def training_plans_of(*, unit: OrgUnit, year: int) -> dict[str, int]:
    """The unit's own plan for the year, by course kind (what the edit form starts from)."""
    plans = TrainingPlan.objects.filter(unit=unit, year=year)
    return dict(plans.values_list("kind", "planned"))


# --- ratings, succession, careers --------------------------------------------------------------


def rating_list(*, user: User, filters: RecordFilters | None = None) -> QuerySet[AnnualRating]:
    filters = filters or RecordFilters()
    ratings = _in_unit(AnnualRating.objects.visible_to(user), filters)
    if filters.year:
        ratings = ratings.filter(year=filters.year)
    if filters.status:
        ratings = ratings.filter(level=filters.status)
    return ratings.select_related("person", "unit").order_by("-year", "person__sort_key", "pk")


def rating_get_for_user(*, user: User, pk: int, action: Action = Action.VIEW) -> AnnualRating:
    ratings = AnnualRating.objects.select_related("person", "unit")
    return get_in_scope_or_404(ratings, user, action, pk=pk)


def position_list() -> QuerySet[PositionStandard]:
    return PositionStandard.objects.select_related("min_degree", "min_political_theory").order_by(
        "name"
    )


def succession_list(
    *, user: User, filters: RecordFilters | None = None
) -> QuerySet[SuccessionPlan]:
    filters = filters or RecordFilters()
    plans = _in_unit(SuccessionPlan.objects.visible_to(user), filters)
    if filters.position is not None:
        plans = plans.filter(position=filters.position)
    if filters.term:
        plans = plans.filter(term=filters.term)
    if filters.status:
        plans = plans.filter(status=filters.status)
    return plans.select_related("person", "unit", "position").order_by(
        "-term", "unit__path", "position__name", "person__sort_key", "pk"
    )


def succession_terms(*, user: User) -> list[str]:
    """The terms that appear in the plans the user sees, newest first."""
    terms = SuccessionPlan.objects.visible_to(user).order_by("-term").values_list("term", flat=True)
    return list(dict.fromkeys(terms))


def succession_get_for_user(*, user: User, pk: int, action: Action = Action.VIEW) -> SuccessionPlan:
    plans = SuccessionPlan.objects.select_related("person", "unit", "position")
    return get_in_scope_or_404(plans, user, action, pk=pk)


def active_plans_for_choice(*, user: User) -> QuerySet[SuccessionPlan]:
    """Plans an appointment may fulfil: active ones the user may change."""
    plans = SuccessionPlan.objects.visible_to(user, Action.CHANGE.value)
    return plans.filter(status=SuccessionStatus.ACTIVE).select_related("person", "position")


def career_event_list(*, user: User, filters: RecordFilters | None = None) -> QuerySet[CareerEvent]:
    filters = filters or RecordFilters()
    events = _in_unit(CareerEvent.objects.visible_to(user), filters)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.year:
        events = events.filter(effective_date__year=filters.year)
    return events.select_related("person", "unit", "from_unit").order_by("-effective_date", "pk")


# --- honours -----------------------------------------------------------------------------------


def award_type_list() -> QuerySet[AwardType]:
    return AwardType.objects.filter(is_active=True)


def nomination_list(
    *, user: User, filters: RecordFilters | None = None
) -> QuerySet[AwardNomination]:
    filters = filters or RecordFilters()
    nominations = _in_unit(AwardNomination.objects.visible_to(user), filters)
    if filters.year:
        nominations = nominations.filter(year=filters.year)
    if filters.status:
        nominations = nominations.filter(status=filters.status)
    if filters.award_type is not None:
        nominations = nominations.filter(award_type=filters.award_type)
    return nominations.select_related("person", "unit", "award_type", "award").order_by(
        "-year", "person__sort_key", "pk"
    )


def nomination_get_for_user(
    *, user: User, pk: int, action: Action = Action.VIEW
) -> AwardNomination:
    nominations = AwardNomination.objects.select_related("person", "unit", "award_type", "award")
    return get_in_scope_or_404(nominations, user, action, pk=pk)


def nomination_rubric(nomination: AwardNomination) -> list[tuple[AwardCriterion, Decimal | None]]:
    """Each criterion of the award type's rubric with the points given so far (None: not yet)."""
    points = dict(nomination.scores.values_list("criterion_id", "points"))
    criteria = AwardCriterion.objects.filter(award_type_id=nomination.award_type_id)
    return [(c, points.get(c.pk)) for c in criteria.order_by("order", "pk")]


def award_list(*, user: User, filters: RecordFilters | None = None) -> QuerySet[Award]:
    filters = filters or RecordFilters()
    awards = _in_unit(Award.objects.visible_to(user), filters)
    if filters.year:
        awards = awards.filter(year=filters.year)
    if filters.award_type is not None:
        awards = awards.filter(award_type=filters.award_type)
    return awards.select_related("person", "unit", "award_type").order_by(
        "-year", "-decision_date", "person__sort_key", "pk"
    )


def approved_nominations_for_choice(*, user: User) -> QuerySet[AwardNomination]:
    """Approved nominations still without an award, that the user may change."""
    from ..choices import NominationStatus

    nominations = AwardNomination.objects.visible_to(user, Action.CHANGE.value)
    return nominations.filter(status=NominationStatus.APPROVED, award__isnull=True).select_related(
        "person", "award_type"
    )


# --- attraction --------------------------------------------------------------------------------

_MONEY = DecimalField(max_digits=16, decimal_places=0)


def policy_list() -> QuerySet[AttractionPolicy]:
    return AttractionPolicy.objects.order_by("code")


def attraction_case_list(
    *, user: User, filters: RecordFilters | None = None
) -> QuerySet[AttractionCase]:
    """Cases the user sees, each with the total paid to it (``disbursed``)."""
    filters = filters or RecordFilters()
    cases = _in_unit(AttractionCase.objects.visible_to(user), filters)
    if filters.policy is not None:
        cases = cases.filter(policy=filters.policy)
    if filters.status:
        cases = cases.filter(status=filters.status)
    paid = (
        Disbursement.objects.filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return (
        cases.select_related("person", "unit", "policy")
        .annotate(disbursed=Coalesce(Subquery(paid, output_field=_MONEY), Value(Decimal(0))))
        .order_by("-applied_on", "pk")
    )


def attraction_case_get_for_user(
    *, user: User, pk: int, action: Action = Action.VIEW
) -> AttractionCase:
    cases = AttractionCase.objects.select_related("person", "unit", "policy").prefetch_related(
        Prefetch("disbursements", queryset=Disbursement.objects.order_by("date", "pk"))
    )
    return get_in_scope_or_404(cases, user, action, pk=pk)


def case_history(case: AttractionCase) -> list:
    """The case's states over time, oldest first, with who moved it."""
    return list(case.history.select_related("history_user").order_by("history_date"))
