"""Checks shared by the workforce services: who may change a unit's records, who may decide,
and the move from one status to another."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model

from trithuc.accounts.choices import Role
from trithuc.accounts.models import User
from trithuc.accounts.scoping import Action, may_act_in_role, unit_ids_in_scope
from trithuc.orgunits.models import OrgUnit

DECIDING_ROLES = frozenset({Role.AGENCY_OFFICER, Role.PROGRAM_OFFICE, Role.ADMINISTRATOR})


# --- shared checks -----------------------------------------------------------------------------


def check_may_change_unit(actor: User | None, unit: OrgUnit) -> None:
    """Records of ``unit`` are written by users who may change its records. ``actor=None`` is the
    system itself (setup, imports run by a command)."""
    if actor is None or actor.is_superuser:
        return
    if unit.pk not in unit_ids_in_scope(actor, Action.CHANGE):
        raise PermissionDenied(f"Bạn không được cập nhật hồ sơ của đơn vị «{unit.name}».")


def check_may_decide(actor: User | None, unit_id: int, what: str) -> None:
    if actor is None or may_act_in_role(actor, DECIDING_ROLES, unit_id):
        return
    raise PermissionDenied(
        f"Chỉ cơ quan chuyên môn (sở, ban) hoặc cơ quan thường trực Chương trình mới được {what}."
    )


def move_status(current: str, target: str, transitions: dict, labels: Any) -> None:
    if target not in transitions[current]:
        allowed = ", ".join(f"«{s.label}»" for s in labels if s in transitions[current]) or "không"
        raise ValidationError(
            f"Không thể chuyển từ «{labels(current).label}» sang «{labels(target).label}». "
            f"Từ trạng thái này chỉ chuyển được sang: {allowed}."
        )


def save_as(obj: Model, actor: User | None, **save_kwargs: Any) -> None:
    obj.full_clean()
    obj._history_user = actor  # type: ignore[attr-defined]
    obj.save(**save_kwargs)
