"""Accounts: creating users and assigning them to units in a role."""

from __future__ import annotations

from django.db import transaction

from trithuc.orgunits.models import OrgUnit

from .models import UnitAssignment, User


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    full_name: str = "",
    email: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    family, _, given = full_name.rpartition(" ")
    user = User(
        username=username,
        email=email,
        first_name=given,
        last_name=family,
        is_staff=is_staff,
        is_superuser=is_superuser,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def user_assign(*, user: User, unit: OrgUnit, role: str) -> UnitAssignment:
    assignment, _ = UnitAssignment.objects.get_or_create(user=user, unit=unit, role=role)
    for kept in ("_trithuc_scope", "_trithuc_assignments", "_trithuc_role_reach"):
        user.__dict__.pop(kept, None)
    return assignment
