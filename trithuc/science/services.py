"""State changes of the science records; each keeps the program's figures current."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from trithuc.accounts.models import User
from trithuc.orgunits.models import OrgUnit
from trithuc.programs.services import computed_figures_refresh

from .models import CooperationProgram

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
) -> CooperationProgram:
    if end_date and end_date < start_date:
        raise ValidationError({"end_date": "Ngày kết thúc phải sau ngày bắt đầu."})
    programme = CooperationProgram(
        title=title,
        partner=partner,
        organising_unit=organising_unit,
        start_date=start_date,
        end_date=end_date,
        description=description,
        year=start_date.year,
    )
    programme.full_clean()
    programme._history_user = actor  # type: ignore[attr-defined]
    programme.save()
    computed_figures_refresh(
        source=COOPERATION, unit_ids={organising_unit.pk}, years={programme.year}
    )
    return programme
