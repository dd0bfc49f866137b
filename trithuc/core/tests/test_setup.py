"""`trithuc setup --demo` on the real structure: idempotent, deterministic, one account per role,
and the 2025 merger visible to the officers of today's units."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from trithuc.accounts.choices import Role
from trithuc.accounts.models import UnitAssignment, User
from trithuc.core.setup import system_setup
from trithuc.orgunits.models import OrgUnit, OrgUnitEvent
from trithuc.people.models import Employment, Person
from trithuc.people.selectors import person_list
from trithuc.workforce.models import TrainingCourse, TrainingEnrollment

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


def test_demo_people_are_the_same_on_every_install():
    system_setup(demo=True, persons=60, say=lambda _: None)
    names = list(Person.objects.order_by("pk").values_list("full_name", "birth_date"))
    # A second install: the demo's training records go with the people they name.
    TrainingEnrollment.objects.all().delete()
    TrainingCourse.objects.all().delete()
    Person.objects.all().delete()
    system_setup(demo=True, persons=60, say=lambda _: None)
    assert list(Person.objects.order_by("pk").values_list("full_name", "birth_date")) == names


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
