"""Honours: nominations with output-based evidence, scored on a rubric, decided by the council;
awards granted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from trithuc.accounts.models import User
from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import Person
from trithuc.programs.computations import AWARDS
from trithuc.programs.services import computed_figures_refresh

from ..choices import (
    NOMINATION_TRANSITIONS,
    NominationStatus,
)
from ..models import (
    Award,
    AwardNomination,
    AwardType,
    NominationScore,
)
from .common import check_may_change_unit, check_may_decide, move_status, save_as

# --- honours -----------------------------------------------------------------------------------


@transaction.atomic
def nomination_create(
    *,
    actor: User | None,
    person: Person,
    award_type: AwardType,
    year: int,
    unit: OrgUnit,
    **evidence: str,
) -> AwardNomination:
    check_may_change_unit(actor, unit)
    if AwardNomination.objects.filter(person=person, award_type=award_type, year=year).exists():
        raise ValidationError(f"{person} đã được đề nghị «{award_type}» năm {year}.")
    nomination = AwardNomination(
        person=person, award_type=award_type, year=year, unit=unit, **evidence
    )
    if not any(evidence.values()):
        raise ValidationError(
            "Hồ sơ đề nghị cần ít nhất một kết quả cụ thể: nhiệm vụ được nghiệm thu, sáng kiến, "
            "công trình công bố hoặc kết quả được ứng dụng."
        )
    save_as(nomination, actor)
    return nomination


@transaction.atomic
def nomination_submit(*, actor: User | None, nomination: AwardNomination) -> AwardNomination:
    check_may_change_unit(actor, nomination.unit)
    move_status(
        nomination.status, NominationStatus.SUBMITTED, NOMINATION_TRANSITIONS, NominationStatus
    )
    nomination.status = NominationStatus.SUBMITTED
    save_as(nomination, actor, update_fields=["status"])
    return nomination


@transaction.atomic
def nomination_score(
    *, actor: User | None, nomination: AwardNomination, points: dict[int, Decimal]
) -> AwardNomination:
    """The council's points per rubric criterion; each within its maximum. The total is their sum."""
    check_may_decide(actor, nomination.unit_id, "chấm điểm hồ sơ khen thưởng")
    if nomination.status != NominationStatus.SUBMITTED:
        raise ValidationError("Chỉ chấm điểm hồ sơ đã trình hội đồng.")
    criteria = {c.pk: c for c in nomination.award_type.criteria.all()}
    for criterion_id, value in points.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise ValidationError("Tiêu chí không thuộc hình thức khen thưởng này.")
        if not Decimal(0) <= value <= criterion.max_points:
            raise ValidationError(
                f"Tiêu chí «{criterion.name}»: điểm phải từ 0 đến {criterion.max_points.normalize():f}."
            )
        NominationScore.objects.update_or_create(
            nomination=nomination, criterion=criterion, defaults={"points": value}
        )
    nomination.total_score = sum(nomination.scores.values_list("points", flat=True), Decimal(0))
    save_as(nomination, actor, update_fields=["total_score"])
    return nomination


@transaction.atomic
def nomination_decide(
    *, actor: User | None, nomination: AwardNomination, approve: bool, note: str
) -> AwardNomination:
    check_may_decide(actor, nomination.unit_id, "kết luận hồ sơ khen thưởng")
    target = NominationStatus.APPROVED if approve else NominationStatus.REJECTED
    move_status(nomination.status, target, NOMINATION_TRANSITIONS, NominationStatus)
    if not note.strip():
        raise ValidationError({"council_note": "Cần ghi kết luận của hội đồng."})
    pass_score = nomination.award_type.pass_score
    if approve and pass_score is not None and (nomination.total_score or 0) < pass_score:
        raise ValidationError(
            f"Tổng điểm {nomination.total_score or 0} thấp hơn điểm tối thiểu "
            f"{pass_score.normalize():f} của hình thức «{nomination.award_type}»."
        )
    nomination.status, nomination.council_note = target, note
    save_as(nomination, actor, update_fields=["status", "council_note"])
    return nomination


@transaction.atomic
def award_record(
    *,
    actor: User | None,
    person: Person,
    award_type: AwardType,
    year: int,
    decision_number: str,
    decision_date: dt.date,
    granting_body: str,
    unit: OrgUnit,
    nomination: AwardNomination | None = None,
) -> Award:
    """An honour granted by a decision; from an approved nomination, or recorded as it was."""
    check_may_change_unit(actor, unit)
    if nomination is not None and nomination.status != NominationStatus.APPROVED:
        raise ValidationError("Chỉ ghi khen thưởng cho hồ sơ đã được hội đồng đề nghị.")
    if Award.objects.filter(
        person=person, award_type=award_type, decision_number=decision_number
    ).exists():
        raise ValidationError(
            f"{person} đã có «{award_type}» theo quyết định số {decision_number}."
        )
    award = Award(
        person=person,
        award_type=award_type,
        year=year,
        decision_number=decision_number,
        decision_date=decision_date,
        granting_body=granting_body,
        unit=unit,
        nomination=nomination,
    )
    save_as(award, actor)
    computed_figures_refresh(source=AWARDS, unit_ids={unit.pk}, years={year})
    return award
