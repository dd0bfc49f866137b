"""A commune's officer in a large registry reads the people their units keep as a list of ids; a
province office, who sees most people, is checked person by person (people/keepers.py). The
choice changes only the speed: the officer sees the same people either way, a person hired a
moment ago included."""

from __future__ import annotations

import pytest

from trithuc.accounts.scoping import Action, restrict
from trithuc.orgunits.selectors import orgunit_reach_ids, unit_ids_q
from trithuc.people import keepers as keeper_shapes
from trithuc.people.models import Person, PersonKeeper
from trithuc.people.tests.factories import PersonFactory


@pytest.fixture(autouse=True)
def _no_judgement_kept_between_tests():
    keeper_shapes._judged.clear()
    yield
    keeper_shapes._judged.clear()


def kept_ids(unit) -> list[int] | None:
    reach = orgunit_reach_ids({unit.pk})
    rows = PersonKeeper.objects.filter(unit_ids_q("unit_id", reach))
    return keeper_shapes.kept_ids_if_few(rows, reach)


def staff(unit, count: int, family: str) -> list[Person]:
    return [PersonFactory(full_name=f"{family} Văn Số{i}", unit=unit) for i in range(count)]


def seen_by(user) -> set[str]:
    return set(
        restrict(Person.objects.all(), user, Action.VIEW).values_list("full_name", flat=True)
    )


def test_a_small_commune_is_read_as_the_list_of_the_people_it_keeps(units, settings):
    settings.PEOPLE_KEPT_LIST_SHARE = 0.25
    mine = staff(units.other_commune, 2, "Phạm")
    staff(units.department, 10, "Võ")
    assert kept_ids(units.other_commune) == sorted(person.pk for person in mine)


def test_a_reach_holding_much_of_the_registry_is_probed_person_by_person(units, settings):
    settings.PEOPLE_KEPT_LIST_SHARE = 0.25
    staff(units.other_commune, 4, "Phạm")
    staff(units.department, 4, "Võ")
    # Half of the registry: over the share.
    assert kept_ids(units.other_commune) is None


def test_a_reach_over_the_limit_is_probed_person_by_person(units, settings):
    settings.PEOPLE_KEPT_LIST_LIMIT = 3
    settings.PEOPLE_KEPT_LIST_SHARE = 1
    staff(units.other_commune, 4, "Phạm")
    assert kept_ids(units.other_commune) is None


def test_a_person_hired_after_the_judgement_is_seen_at_once(units, users, settings):
    settings.PEOPLE_KEPT_LIST_SHARE = 1
    settings.PEOPLE_KEPT_LIST_SECONDS = 300
    officer = users["officer_other_commune"]
    staff(units.other_commune, 2, "Phạm")
    assert seen_by(officer) == {"Phạm Văn Số0", "Phạm Văn Số1"}
    PersonFactory(full_name="Lý Thị Mới", unit=units.other_commune)
    assert "Lý Thị Mới" in seen_by(officer)


def test_a_reach_judged_small_that_grows_past_the_limit_is_probed_from_then_on(units, settings):
    settings.PEOPLE_KEPT_LIST_LIMIT = 3
    settings.PEOPLE_KEPT_LIST_SHARE = 1
    settings.PEOPLE_KEPT_LIST_SECONDS = 300
    first = staff(units.other_commune, 2, "Phạm")
    assert kept_ids(units.other_commune) == sorted(person.pk for person in first)
    staff(units.other_commune, 2, "Lý")
    assert kept_ids(units.other_commune) is None


def test_a_reach_judged_large_is_remembered_for_the_configured_time(
    units, settings, django_assert_num_queries
):
    settings.PEOPLE_KEPT_LIST_LIMIT = 3
    settings.PEOPLE_KEPT_LIST_SHARE = 1
    settings.PEOPLE_KEPT_LIST_SECONDS = 300
    staff(units.other_commune, 4, "Phạm")
    reach = orgunit_reach_ids({units.other_commune.pk})
    rows = PersonKeeper.objects.filter(unit_ids_q("unit_id", reach))
    assert keeper_shapes.kept_ids_if_few(rows, reach) is None
    with django_assert_num_queries(0):  # not read again to be judged again
        assert keeper_shapes.kept_ids_if_few(rows, reach) is None


@pytest.mark.parametrize("limit", [0, 20_000])
def test_the_officer_sees_the_same_people_whichever_the_shape(units, users, settings, limit):
    settings.PEOPLE_KEPT_LIST_LIMIT = limit
    settings.PEOPLE_KEPT_LIST_SHARE = 1
    staff(units.other_commune, 3, "Phạm")
    staff(units.department, 3, "Võ")
    assert seen_by(users["officer_other_commune"]) == {f"Phạm Văn Số{i}" for i in range(3)}
    assert seen_by(users["agency_officer"]) == {f"Võ Văn Số{i}" for i in range(3)}


@pytest.mark.parametrize("limit", [0, 20_000])
def test_the_office_searching_one_commune_finds_the_same_people_whichever_the_shape(
    units, users, settings, limit
):
    from trithuc.people.selectors import PersonFilters, person_page

    settings.PEOPLE_KEPT_LIST_LIMIT = limit
    settings.PEOPLE_KEPT_LIST_SHARE = 1
    staff(units.other_commune, 3, "Phạm")
    staff(units.other_commune, 2, "Lê")
    staff(units.department, 3, "Phạm")
    filters = PersonFilters(q="pham", unit=units.other_commune)
    page = person_page(user=users["program_office"], filters=filters, number=1)
    assert [person.full_name for person in page.object_list] == [
        f"Phạm Văn Số{i}" for i in range(3)
    ]


def test_opening_one_record_checks_that_person_alone_even_for_a_small_reach(units, users, settings):
    """A record's page and a permission check ask about one person: the probe answers that at
    once, where the list of a small reach would first be read whole (24 ms against 3 ms for a
    commune of 6 000 people at a million). Who may open what stays the same."""
    from django.db import connection
    from django.http import Http404
    from django.test.utils import CaptureQueriesContext

    from trithuc.accounts.scoping import can, get_in_scope_or_404

    settings.PEOPLE_KEPT_LIST_SHARE = 1
    mine = staff(units.other_commune, 3, "Phạm")
    elsewhere = staff(units.department, 1, "Võ")[0]
    officer = users["officer_other_commune"]
    assert kept_ids(units.other_commune) is not None  # lists are read as a list of ids
    people = Person.objects.all()
    with CaptureQueriesContext(connection) as reads:
        assert get_in_scope_or_404(people, officer, Action.VIEW, pk=mine[0].pk) == mine[0]
        with pytest.raises(Http404):
            get_in_scope_or_404(people, officer, Action.VIEW, pk=elsewhere.pk)
        assert can(officer, Action.CHANGE, mine[1])
        assert not can(officer, Action.VIEW, elsewhere)
    keepers_read_alone = [
        query["sql"]
        for query in reads.captured_queries
        if query["sql"].startswith('SELECT "people_personkeeper"."person_id"')
    ]
    assert keepers_read_alone == []
