"""Initiatives, technical improvements and useful solutions: submitted, then recognised (with the
scope of their effect) or not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from trithuc.accounts.models import User
from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import Field, Person

from ..access import check_may_propose, check_may_run
from ..choices import InitiativeStatus
from ..models import Initiative
from ._common import save


@transaction.atomic
def initiative_submit(
    *,
    actor: User | None,
    unit: OrgUnit,
    kind: str,
    title: str,
    authors: Iterable[Person],
    description: str,
    submitted_on: dt.date,
    field: Field | None = None,
    effect: str = "",
) -> Initiative:
    check_may_propose(actor, unit.pk, "nộp đơn công nhận sáng kiến")
    authors = list(authors)
    if not authors:
        raise ValidationError({"authors": "Cần ít nhất một tác giả."})
    initiative = Initiative(
        unit=unit,
        kind=kind,
        title=title,
        description=description,
        submitted_on=submitted_on,
        field=field,
        effect=effect,
    )
    save(initiative, actor)
    initiative.authors.set(authors)
    return initiative


def _decide(initiative: Initiative, actor: User | None) -> None:
    check_may_run(actor, initiative.unit_id, "xét công nhận sáng kiến")
    if initiative.status != InitiativeStatus.SUBMITTED:
        raise ValidationError(
            f"«{initiative.title}» đã được xét ({initiative.get_status_display().lower()})."
        )


@transaction.atomic
def initiative_recognise(
    *,
    actor: User | None,
    initiative: Initiative,
    decision_number: str,
    decided_on: dt.date,
    scope: str,
    effect: str = "",
) -> Initiative:
    _decide(initiative, actor)
    if decided_on < initiative.submitted_on:
        raise ValidationError({"decided_on": "Ngày công nhận không thể trước ngày nộp đơn."})
    initiative.status = InitiativeStatus.RECOGNISED
    initiative.decision_number = decision_number
    initiative.decided_on = decided_on
    initiative.scope = scope
    initiative.effect = effect or initiative.effect
    save(initiative, actor)
    return initiative


@transaction.atomic
def initiative_reject(
    *, actor: User | None, initiative: Initiative, decided_on: dt.date, reason: str
) -> Initiative:
    _decide(initiative, actor)
    if not reason.strip():
        raise ValidationError({"note": "Cần ghi lý do không công nhận."})
    initiative.status = InitiativeStatus.REJECTED
    initiative.decided_on = decided_on
    initiative.note = reason
    save(initiative, actor)
    return initiative
