"""`trithuc setup --demo` on the real structure: idempotent, deterministic, one account per role,
and the 2025 merger visible to the officers of today's units."""

from __future__ import annotations

import contextlib

import pytest
from django.core.management import call_command
from django.db import transaction

from trithuc.accounts.choices import Role
from trithuc.accounts.models import UnitAssignment, User
from trithuc.core.setup import system_setup
from trithuc.orgunits.models import OrgUnit, OrgUnitEvent
from trithuc.people.models import Employment, Person
from trithuc.people.selectors import person_list

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (OrgUnit, OrgUnitEvent, Person, Employment, User, UnitAssignment)
    }


def test_setup_twice_changes_nothing():
    system_setup(demo=True, persons=120, say=lambda _: None)
    first = _counts()
    system_setup(demo=True, persons=120, say=lambda _: None)
    assert _counts() == first
    assert first["Person"] == 120


class _SecondInstall(Exception):
    """Raised to roll the first install back, so the second starts from an empty database."""


def _demo_people() -> list[tuple]:
    return list(Person.objects.order_by("pk").values_list("full_name", "birth_date"))


def test_demo_people_are_the_same_on_every_install():
    with contextlib.suppress(_SecondInstall), transaction.atomic():
        system_setup(demo=True, persons=60, say=lambda _: None)
        first = _demo_people()
        raise _SecondInstall
    assert not Person.objects.exists()
    system_setup(demo=True, persons=60, say=lambda _: None)
    assert _demo_people() == first


def test_demo_has_an_account_for_every_role():
    system_setup(demo=True, persons=60, say=lambda _: None)
    roles = set(UnitAssignment.objects.values_list("role", flat=True))
    assert roles == set(Role) - {Role.INTELLECTUAL}
    assert Person.objects.filter(user__username="trithuc").exists()


def test_commune_officer_of_today_sees_people_filed_under_2023_communes():
    system_setup(demo=True, persons=400, say=lambda _: None)
    officer = User.objects.get(username="canboxa")
    visible = list(person_list(user=officer))
    assert visible
    units = {job.unit.code[:3] for p in visible for job in p.current_employments}
    assert "HG." in units  # filed under a Hậu Giang commune that no longer exists
    assert len(visible) < Person.objects.count()


def test_setup_command_runs_migrations_and_loads_reference_data(capsys):
    call_command("setup")
    out = capsys.readouterr().out
    assert "Danh mục" in out
    assert "Cơ cấu tổ chức" in out
