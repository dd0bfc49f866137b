"""Expert-cooperation programmes (counted against «at least one a year»)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from trithuc.accounts.models import User
from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import Field, Person
from trithuc.programs.services import computed_figures_refresh

from ..access import check_may_run
from ..models import CooperationProgram
from ._common import save

COOPERATION = "science.CooperationProgram"


@transaction.atomic
def cooperation_program_create(
    *,
    actor: User | None,
    title: str,
    partner: str,
    organising_unit: OrgUnit,
    start_date: dt.date,
    end_date: dt.date | None = None,
    description: str = "",
    topic: str = "",
    field: Field | None = None,
    experts: Iterable[Person] = (),
    expert_names: str = "",
    participants: str = "",
    participant_count: int | None = None,
    outputs: str = "",
) -> CooperationProgram:
    check_may_run(actor, organising_unit.pk, "ghi nhận chương trình hợp tác của đơn vị này")
    if end_date and end_date < start_date:
        raise ValidationError({"end_date": "Ngày kết thúc phải sau ngày bắt đầu."})
    programme = CooperationProgram(
        title=title,
        partner=partner,
        organising_unit=organising_unit,
        start_date=start_date,
        end_date=end_date,
        description=description,
        topic=topic,
        field=field,
        expert_names=expert_names,
        participants=participants,
        participant_count=participant_count,
        outputs=outputs,
        year=start_date.year,
    )
    save(programme, actor)
    programme.experts.set(list(experts))
    computed_figures_refresh(
        source=COOPERATION, unit_ids={organising_unit.pk}, years={programme.year}
    )
    return programme


@transaction.atomic
def cooperation_program_record_outputs(
    *,
    actor: User | None,
    programme: CooperationProgram,
    outputs: str,
    participants: str = "",
    participant_count: int | None = None,
    end_date: dt.date | None = None,
) -> CooperationProgram:
    """What the programme produced and who took part, once it has run."""
    check_may_run(actor, programme.organising_unit_id, "cập nhật chương trình hợp tác này")
    if end_date and end_date < programme.start_date:
        raise ValidationError({"end_date": "Ngày kết thúc phải sau ngày bắt đầu."})
    programme.outputs = outputs
    programme.participants = participants or programme.participants
    programme.participant_count = participant_count or programme.participant_count
    programme.end_date = end_date or programme.end_date
    save(programme, actor)
    return programme
