"""State changes of associations and memberships, and the load of the associations the program
names (they are org units already: linked, not duplicated)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from trithuc.accounts.models import User
from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import Person

from .. import access
from ..choices import AssociationKind
from ..models import Association, Membership
from ._common import with_actor

# Program 45, II.5 names these four; their org units of today carry the codes below (the 2023
# Hậu Giang ones merged into them, see orgunits/reference.py).
PROGRAM_ASSOCIATIONS = ("CT.LHH", "CT.HVHNT", "CT.HDNT", "CT.HHDN")


@transaction.atomic
def associations_load(codes: tuple[str, ...] = PROGRAM_ASSOCIATIONS) -> int:
    """An association for each named org unit that exists; idempotent. Returns how many were
    created."""
    created = 0
    for unit in OrgUnit.objects.filter(code__in=codes):
        _, made = Association.objects.get_or_create(
            unit=unit, defaults={"name": unit.name, "kind": AssociationKind.UNION}
        )
        created += made
    return created


def _require_keeper(actor: User | None, association: Association) -> None:
    if actor is not None and not access.may_keep_members(actor, association):
        raise PermissionDenied(f"Bạn không quản lý hội viên của «{association}».")


@transaction.atomic
def member_association_create(*, actor: User | None, parent: Association, name: str) -> Association:
    _require_keeper(actor, parent)
    association = Association(name=name.strip(), kind=AssociationKind.MEMBER, parent=parent)
    association.full_clean()
    with_actor(association, actor)
    association.save()
    return association


@transaction.atomic
def membership_add(
    *,
    actor: User | None,
    association: Association,
    person: Person,
    joined_on: dt.date | None = None,
    position: str = "",
) -> Membership:
    _require_keeper(actor, association)
    if Membership.objects.filter(association=association, person=person, left_on=None).exists():
        raise ValidationError({"person": f"{person} đang là hội viên của «{association}»."})
    membership = Membership(
        association=association, person=person, joined_on=joined_on, position=position.strip()
    )
    membership.full_clean(validate_constraints=False)
    with_actor(membership, actor)
    membership.save()
    return membership


@transaction.atomic
def membership_end(*, actor: User | None, membership: Membership, left_on: dt.date) -> Membership:
    _require_keeper(actor, membership.association)
    if membership.joined_on and left_on < membership.joined_on:
        raise ValidationError({"left_on": "Ngày thôi phải sau ngày vào hội."})
    membership.left_on = left_on
    with_actor(membership, actor)
    membership.save(update_fields=["left_on"])
    return membership
