"""Ratings, succession planning and appointments."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from trithuc.accounts.models import User
from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import Person

from ..choices import (
    SuccessionStatus,
)
from ..models import (
    AnnualRating,
    CareerEvent,
    PositionStandard,
    SuccessionPlan,
)
from .common import check_may_change_unit, save_as

# --- ratings, succession, careers --------------------------------------------------------------


@transaction.atomic
def rating_set(
    *,
    actor: User | None,
    person: Person,
    year: int,
    level: str,
    unit: OrgUnit,
    note: str = "",
) -> AnnualRating:
    """Record (or correct) a person's rating for a year: one rating per person and year."""
    check_may_change_unit(actor, unit)
    rating = AnnualRating.objects.filter(person=person, year=year).first()
    if rating is not None and rating.unit_id != unit.pk:
        check_may_change_unit(actor, rating.unit)
    rating = rating or AnnualRating(person=person, year=year)
    rating.level, rating.unit, rating.note = level, unit, note
    save_as(rating, actor)
    return rating


@transaction.atomic
def succession_plan_add(
    *,
    actor: User | None,
    person: Person,
    unit: OrgUnit,
    position: PositionStandard,
    term: str,
    decision_number: str = "",
    decision_date: dt.date | None = None,
) -> SuccessionPlan:
    check_may_change_unit(actor, unit)
    if SuccessionPlan.objects.filter(
        person=person, unit=unit, position=position, term=term
    ).exists():
        raise ValidationError(f"{person} đã có trong quy hoạch «{position}» nhiệm kỳ {term}.")
    plan = SuccessionPlan(
        person=person,
        unit=unit,
        position=position,
        term=term,
        decision_number=decision_number,
        decision_date=decision_date,
    )
    save_as(plan, actor)
    return plan


@transaction.atomic
def succession_plan_remove(*, actor: User | None, plan: SuccessionPlan) -> SuccessionPlan:
    check_may_change_unit(actor, plan.unit)
    if plan.status != SuccessionStatus.ACTIVE:
        raise ValidationError("Chỉ đưa ra khỏi quy hoạch người đang trong quy hoạch.")
    plan.status = SuccessionStatus.REMOVED
    save_as(plan, actor, update_fields=["status"])
    return plan


@transaction.atomic
def career_event_record(
    *,
    actor: User | None,
    person: Person,
    kind: str,
    unit: OrgUnit,
    position: str,
    decision_number: str,
    decision_date: dt.date,
    effective_date: dt.date,
    from_unit: OrgUnit | None = None,
    fills_plan: SuccessionPlan | None = None,
) -> CareerEvent:
    """An appointment or move with its decision. Appointing someone from the succession pool marks
    their plan as fulfilled."""
    check_may_change_unit(actor, unit)
    if effective_date < decision_date:
        raise ValidationError(
            {"effective_date": "Ngày hiệu lực không thể trước ngày ký quyết định."}
        )
    event = CareerEvent(
        person=person,
        kind=kind,
        unit=unit,
        from_unit=from_unit,
        position=position,
        decision_number=decision_number,
        decision_date=decision_date,
        effective_date=effective_date,
    )
    save_as(event, actor)
    if fills_plan is not None:
        if fills_plan.person_id != person.pk:
            raise ValidationError("Quy hoạch được chọn là của người khác.")
        fills_plan.status = SuccessionStatus.APPOINTED
        save_as(fills_plan, actor, update_fields=["status"])
    return event
