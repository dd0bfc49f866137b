"""Talent attraction: cases from application to the end of the commitment, and disbursements."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from trithuc.accounts.models import User
from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import Person
from trithuc.programs.computations import ATTRACTION
from trithuc.programs.services import computed_figures_refresh

from ..choices import (
    ATTRACTION_TRANSITIONS,
    AttractionStatus,
)
from ..models import (
    AttractionCase,
    AttractionPolicy,
    Disbursement,
)
from .common import check_may_change_unit, check_may_decide, move_status, save_as

# --- attraction --------------------------------------------------------------------------------


@transaction.atomic
def attraction_case_apply(
    *,
    actor: User | None,
    person: Person,
    policy: AttractionPolicy,
    unit: OrgUnit,
    applied_on: dt.date,
) -> AttractionCase:
    check_may_change_unit(actor, unit)
    open_statuses = {AttractionStatus.APPLIED, AttractionStatus.APPRAISED, AttractionStatus.SERVING}
    if AttractionCase.objects.filter(
        person=person, policy=policy, status__in=open_statuses
    ).exists():
        raise ValidationError(f"{person} đang có hồ sơ theo chính sách «{policy}».")
    case = AttractionCase(person=person, policy=policy, unit=unit, applied_on=applied_on)
    save_as(case, actor)
    return case


@transaction.atomic
def attraction_case_appraise(
    *, actor: User | None, case: AttractionCase, passed: bool, note: str
) -> AttractionCase:
    check_may_decide(actor, case.unit_id, "thẩm định hồ sơ thu hút")
    target = AttractionStatus.APPRAISED if passed else AttractionStatus.REJECTED
    move_status(case.status, target, ATTRACTION_TRANSITIONS, AttractionStatus)
    if not note.strip():
        raise ValidationError({"appraisal_note": "Cần ghi kết quả thẩm định."})
    case.status, case.appraisal_note = target, note
    save_as(case, actor, update_fields=["status", "appraisal_note"])
    return case


@transaction.atomic
def attraction_case_decide(
    *,
    actor: User | None,
    case: AttractionCase,
    decision_number: str,
    decision_date: dt.date,
) -> AttractionCase:
    check_may_decide(actor, case.unit_id, "quyết định thu hút")
    move_status(case.status, AttractionStatus.APPROVED, ATTRACTION_TRANSITIONS, AttractionStatus)
    if not decision_number.strip():
        raise ValidationError({"decision_number": "Cần ghi số quyết định thu hút."})
    case.status = AttractionStatus.APPROVED
    case.decision_number, case.decision_date = decision_number, decision_date
    case.decision_year = decision_date.year
    case.commitment_years = case.commitment_years or case.policy.commitment_years
    save_as(case, actor)
    computed_figures_refresh(source=ATTRACTION, unit_ids={case.unit_id}, years={case.decision_year})
    return case


@transaction.atomic
def attraction_case_start_service(
    *, actor: User | None, case: AttractionCase, service_start: dt.date
) -> AttractionCase:
    check_may_change_unit(actor, case.unit)
    move_status(case.status, AttractionStatus.SERVING, ATTRACTION_TRANSITIONS, AttractionStatus)
    case.status, case.service_start = AttractionStatus.SERVING, service_start
    save_as(case, actor, update_fields=["status", "service_start"])
    return case


@transaction.atomic
def disbursement_add(
    *, actor: User | None, case: AttractionCase, date: dt.date, amount: Decimal, note: str = ""
) -> Disbursement:
    check_may_decide(actor, case.unit_id, "ghi khoản chi hỗ trợ")
    if case.status not in (AttractionStatus.APPROVED, AttractionStatus.SERVING):
        raise ValidationError("Chỉ chi hỗ trợ cho hồ sơ đã có quyết định thu hút.")
    if amount <= 0:
        raise ValidationError({"amount": "Số tiền phải lớn hơn 0."})
    disbursement = Disbursement(case=case, date=date, amount=amount, note=note)
    save_as(disbursement, actor)
    return disbursement


@transaction.atomic
def attraction_case_end(
    *, actor: User | None, case: AttractionCase, ended_on: dt.date
) -> AttractionCase:
    """End the commitment: completed if the promised years were served, otherwise broken, with the
    support received owed back in proportion to the years not served."""
    check_may_decide(actor, case.unit_id, "kết thúc cam kết")
    if case.status != AttractionStatus.SERVING or case.service_start is None:
        raise ValidationError("Chỉ kết thúc cam kết của hồ sơ đang thực hiện cam kết.")
    if ended_on < case.service_start:
        raise ValidationError({"ended_on": "Ngày kết thúc không thể trước ngày bắt đầu công tác."})
    years = case.commitment_years or case.policy.commitment_years
    served_days = (ended_on - case.service_start).days
    promised_days = (_add_years(case.service_start, years) - case.service_start).days
    target = AttractionStatus.COMPLETED if served_days >= promised_days else AttractionStatus.BROKEN
    move_status(case.status, target, ATTRACTION_TRANSITIONS, AttractionStatus)
    case.status, case.ended_on = target, ended_on
    if target == AttractionStatus.BROKEN:
        received = sum(case.disbursements.values_list("amount", flat=True), Decimal(0))
        unserved = Decimal(promised_days - served_days) / Decimal(promised_days)
        case.repayment_owed = (received * unserved).quantize(Decimal(1))
    save_as(case, actor)
    return case


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
