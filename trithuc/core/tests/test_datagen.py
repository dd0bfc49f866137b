"""`trithuc generate-data`: a synthetic province that is the same for the same seed, with every
record family, that the pages and the search can read."""

from __future__ import annotations

import contextlib

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from trithuc.accounts.choices import Role
from trithuc.accounts.services import user_assign, user_create
from trithuc.core.datagen import generate_data
from trithuc.core.setup import system_setup
from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import Person
from trithuc.people.selectors import PersonFilters, person_list
from trithuc.programs.models import IndicatorFigure

pytestmark = pytest.mark.django_db


@pytest.fixture
def province():
    system_setup(demo=False, say=lambda _: None)


class _Again(Exception):
    """Rolls the first run back, so the second starts from the same empty registry."""


def _people() -> list[tuple]:
    return list(
        Person.objects.order_by("pk").values_list(
            "full_name", "birth_date", "cccd_digest", "expertise", "employments__unit__code"
        )
    )


def test_the_same_seed_gives_the_same_people(province):
    with contextlib.suppress(_Again), transaction.atomic():
        generate_data(persons=120, seed=7)
        first = _people()
        raise _Again
    generate_data(persons=120, seed=7)
    assert _people() == first
    assert len({row[0] for row in first}) > 50  # many different names, not one repeated


def test_every_record_family_is_generated_in_the_asked_amount(province):
    data = generate_data(persons=400, records=2000, seed=3, chunk=150)
    assert data.counts["person"] == Person.objects.count() == 400
    assert data.records == 2000  # employment rows plus enrolments, as asked
    for family in ("job", "enrolment", "degree", "rating", "link"):
        assert data.counts[family] > 0, family


def test_generated_people_are_found_by_the_program_office_search(province):
    generate_data(persons=200, seed=5)
    office = user_create(username="vanphong", password="x-Mat-khau-9", full_name="Văn phòng")
    user_assign(user=office, unit=OrgUnit.objects.get(code="CT"), role=Role.PROGRAM_OFFICE)
    someone = Person.objects.filter(employments__end_date__isnull=True).order_by("pk").first()
    found = person_list(user=office, filters=PersonFilters(q=someone.full_name))
    assert someone in found


def test_the_scope_table_filled_by_triggers_has_fresh_statistics_on_postgresql(province):
    # Planned from statistics taken while the scope table was empty, the search's scope probe
    # read a whole range of units per person: 800 ms a page at 100 000 people instead of 5 ms.
    from django.db import connection

    from trithuc.people.models import PersonKeeper

    if connection.vendor != "postgresql":
        pytest.skip("statistics for the planner: a PostgreSQL matter")
    generate_data(persons=150, seed=9)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE relname = %s", [PersonKeeper._meta.db_table]
        )
        (estimated,) = cursor.fetchone()
    assert estimated == PersonKeeper.objects.count() > 0


def test_the_command_fills_the_dashboard_figures_and_refuses_a_filled_registry(province, capsys):
    call_command("generate-data", persons=150, seed=1)
    assert "150" in capsys.readouterr().out
    assert IndicatorFigure.objects.exists()
    with pytest.raises(CommandError):
        call_command("generate-data", persons=10)
