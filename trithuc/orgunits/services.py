"""State changes of the org structure: creating units and recording their history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from .choices import OrgUnitEventKind
from .models import OrgUnit, OrgUnitEvent
from .selectors import structure_changed


@transaction.atomic
def orgunit_create(
    *,
    code: str,
    name: str,
    kind: str,
    parent: OrgUnit | None = None,
    short_name: str = "",
    symbol: str = "",
    admin_code: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> OrgUnit:
    unit = OrgUnit(
        code=code,
        name=name,
        kind=kind,
        parent=parent,
        short_name=short_name,
        symbol=symbol,
        admin_code=admin_code,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    unit.full_clean(exclude=["path"])
    unit.save()
    # The path holds the unit's own key, which exists only once it is saved.
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.save(update_fields=["path"])
    structure_changed()
    return unit


@transaction.atomic
def orgunit_record_event(
    *,
    kind: str,
    date: dt.date,
    legal_basis: str,
    units_before: Iterable[OrgUnit] = (),
    units_after: Iterable[OrgUnit] = (),
    note: str = "",
) -> OrgUnitEvent:
    """Record a founding, merge, split or dissolution and close or open the units it touches.

    Units before a merge, split or dissolution end on ``date``; units after a founding start on it,
    and so do units after a merge or split that were set to start later.
    """
    before, after = list(units_before), list(units_after)
    _check_event_shape(kind, before, after)
    if not legal_basis.strip():
        raise ValidationError(
            {"legal_basis": "Cần ghi căn cứ pháp lý của sự kiện (số, ngày văn bản)."}
        )
    event = OrgUnitEvent.objects.create(kind=kind, date=date, legal_basis=legal_basis, note=note)
    event.units_before.set(before)
    event.units_after.set(after)
    for unit in before:
        if unit not in after:
            _close(unit, date)
    for unit in after:
        # A unit with no start date already existed (as when units merge into an existing one);
        # only a founding gives it one.
        unknown_start = unit.valid_from is None and kind == OrgUnitEventKind.FOUNDED
        if unknown_start or (unit.valid_from is not None and unit.valid_from > date):
            unit.valid_from = date
            unit.save(update_fields=["valid_from"])
    structure_changed()
    return event


@transaction.atomic
def orgunit_rename(
    *, unit: OrgUnit, new_name: str, date: dt.date, legal_basis: str, new_short_name: str = ""
) -> OrgUnitEvent:
    event = OrgUnitEvent.objects.create(
        kind=OrgUnitEventKind.RENAMED,
        date=date,
        legal_basis=legal_basis,
        old_name=unit.name,
        new_name=new_name,
    )
    event.units_before.set([unit])
    event.units_after.set([unit])
    unit.name = new_name
    unit.short_name = new_short_name or unit.short_name
    unit.save(update_fields=["name", "short_name"])
    structure_changed()  # kept unit lists show names (structure_memo)
    return event


def _close(unit: OrgUnit, date: dt.date) -> None:
    if unit.valid_to is not None and unit.valid_to <= date:
        raise ValidationError(
            f"Đơn vị «{unit.name}» đã kết thúc từ {unit.valid_to:%d/%m/%Y}, không thể ghi sự kiện "
            f"ngày {date:%d/%m/%Y}."
        )
    unit.valid_to = date
    unit.save(update_fields=["valid_to"])


_SHAPES = {
    OrgUnitEventKind.FOUNDED: (0, 0, 1, None),
    OrgUnitEventKind.MERGED: (1, None, 1, 1),
    OrgUnitEventKind.SPLIT: (1, 1, 1, None),
    OrgUnitEventKind.DISSOLVED: (1, None, 0, 0),
}


def _check_event_shape(kind: str, before: list[OrgUnit], after: list[OrgUnit]) -> None:
    """Merges are many → one, splits one → many; foundings have no 'before', dissolutions no 'after'."""
    if kind not in _SHAPES:
        raise ValidationError(f"Loại sự kiện «{kind}» không ghi được bằng hàm này.")
    min_before, max_before, min_after, max_after = _SHAPES[kind]
    label = OrgUnitEventKind(kind).label
    if len(before) < min_before or (max_before is not None and len(before) > max_before):
        raise ValidationError(f"Sự kiện «{label}»: số đơn vị trước sự kiện không hợp lệ.")
    if len(after) < min_after or (max_after is not None and len(after) > max_after):
        raise ValidationError(f"Sự kiện «{label}»: số đơn vị sau sự kiện không hợp lệ.")
