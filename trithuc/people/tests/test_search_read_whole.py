"""A name the statistics expect a little more people to have than the list counts has every
match read at once (PostgreSQL, ``search.matches_to_read``): past the limit, the first page is
put in name order from what was read instead of walking the name order for it. Those who bear a
typed given name stand together where it sorts, far from where a walk begins. The office sees
the same page and count as when only limit + 1 matches are counted; also when the statistics
expected far too few."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trithuc.accounts.scoping import Action
from trithuc.people import search, selectors
from trithuc.people.models import Person
from trithuc.people.selectors import PersonFilters, person_options, person_page
from trithuc.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)

GIVEN_NAMES = ["An", "Bình", "Cường", "Dũng", "Giang", "Khánh", "Linh", "Minh", "Quang", "Tâm"]


@pytest.fixture
def registry(units, settings):
    """Seven women named Nguyễn Thị Hoa, one of them Nguyễn Thị Hoà Bình (filed under B), among
    ninety others: Nguyễn Văn, Trần Thị and Võ Văn of every given name; committed, with
    statistics taken as a server's ANALYZE would."""
    settings.PEOPLE_COUNT_LIMIT = 3
    settings.PEOPLE_PAGE_SIZE = 2
    # The office's reach is probed per person, as a province's is; a reach this small would
    # otherwise be the list of its people's ids, searched person by person.
    settings.PEOPLE_KEPT_LIST_LIMIT = 0
    for _ in range(6):
        PersonFactory(full_name="Nguyễn Thị Hoa", unit=units.new_commune)
    PersonFactory(full_name="Nguyễn Thị Hoà Bình", unit=units.other_commune)
    for given in GIVEN_NAMES:
        PersonFactory(full_name=f"Nguyễn Văn {given}", unit=units.department)
        PersonFactory(full_name=f"Trần Thị {given}", unit=units.new_commune)
        for _ in range(7):
            PersonFactory(full_name=f"Võ Văn {given}", unit=units.other_commune)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE people_person")
    return units


def shown(user, query: str, number: int = 1) -> tuple[list[str], int, bool]:
    page = person_page(user=user, filters=PersonFilters(q=query), number=number)
    paginator = page.paginator
    return [person.full_name for person in page.object_list], paginator.count, paginator.capped


def walked(queries: list[dict]) -> bool:
    """Was the name order walked for the search (the LIKE words, in name order)?"""
    return any("LIKE" in query["sql"] and "sort_key" in query["sql"] for query in queries)


def shown_ids(user, query: str, number: int = 1, **filters) -> list[int]:
    page = person_page(user=user, filters=PersonFilters(q=query, **filters), number=number)
    return [person.pk for person in page.object_list]


def in_name_order(full_names: list[str]) -> list[int]:
    people = Person.objects.filter(full_name__in=full_names).order_by("sort_key", "pk")
    return list(people.values_list("pk", flat=True))


def limit_plus_one_read(monkeypatch) -> None:
    """The count as it was read before: limit + 1 matches, whatever the statistics expect."""
    monkeypatch.setattr(selectors, "matches_to_read", lambda using, limit, **typed: limit + 1)


def test_the_pairs_of_a_name_tell_how_many_have_it_better_than_its_words(registry):
    if connection.vendor != "postgresql":
        # SQLite keeps no statistics of words: a page always counts limit + 1.
        assert search.expected_matches("default", name="nguyen thi hoa") is None
        assert search.matches_to_read("default", name="nguyen thi hoa", limit=3) == 4
        return
    # Nguyễn 17, Thị 17 and Hoa 7 of 97: taken as independent, 0.2 people are all three.
    # Every Hoa is a Nguyễn Thị, which the statistics of the word pairs know: 7.
    expected = search.expected_matches("default", name="nguyen thi hoa")
    assert 6 <= expected <= 8
    # More than the limit of three, less than twice the four counted: read whole, up to 12.
    assert search.matches_to_read("default", name="nguyen thi hoa", limit=3) == 12
    # No Trần is a Nguyễn: taken as independent, 17 × 10 / 97 = 1.75 would be both; no pair of
    # theirs is among the most common, so at most as many as the rarest pair, 1 of 97.
    assert search.expected_matches("default", name="tran nguyen") < 1.5
    # A word the statistics do not know is rare for the walk beside the count, but may still be
    # as common as the rarest word they know: not enough to read every match unseen.
    assert search.expected_matches("default", name="xuan") == 0
    assert search.expected_matches("default", name="xuan", at_most=True) > 0


def test_a_given_name_past_the_limit_is_shown_from_every_match_read_once(
    registry, users, monkeypatch
):
    office = users["program_office"]
    with CaptureQueriesContext(connection) as queries:
        first = shown(office, "nguyen thi hoa")
    # Seven match: "more than 3"; Hoà Bình is filed under B, before the Hoa.
    assert first == (["Nguyễn Thị Hoà Bình", "Nguyễn Thị Hoa"], 3, True)
    # On PostgreSQL the name order is not walked: every match was read with its key.
    assert walked(queries.captured_queries) == (connection.vendor != "postgresql")
    # The six namesakes in the order of their ids, as the name order has them.
    order = in_name_order(["Nguyễn Thị Hoà Bình", "Nguyễn Thị Hoa"])
    pages = [shown_ids(office, "nguyen thi hoa", number) for number in (1, 2)]
    assert pages == [order[:2], order[2:3]]

    limit_plus_one_read(monkeypatch)
    assert [shown_ids(office, "nguyen thi hoa", number) for number in (1, 2)] == pages


def test_each_officer_reads_only_the_matches_in_scope(registry, users):
    office = users["program_office"]
    assert shown(office, "nguyen thi hoa binh") == (["Nguyễn Thị Hoà Bình"], 1, False)
    # The other commune keeps Hoà Bình alone of the seven, the new commune the six others.
    other = users["officer_other_commune"]
    assert shown(other, "nguyen thi hoa") == (["Nguyễn Thị Hoà Bình"], 1, False)
    new = users["officer_new_commune"]
    assert shown(new, "nguyen thi hoa") == (["Nguyễn Thị Hoa", "Nguyễn Thị Hoa"], 3, True)


def test_statistics_that_expect_far_too_few_still_show_the_first_page(registry, users, monkeypatch):
    office = users["program_office"]
    # Filed last, first of the Võ Văn in name order.
    PersonFactory(full_name="Võ Văn Ái", unit=registry.department)
    # Seventy-one Võ Văn, most of the registry: not walked as a broad word, for this story.
    monkeypatch.setattr(search, "BROAD_SHARE", 2.0)
    # Say the statistics expected one: twelve are read, the first filed, then the page is found
    # past them as for any search past the limit.
    monkeypatch.setattr(selectors, "expected_matches", lambda using, **typed: 1.0)
    assert shown(office, "vo van") == (["Võ Văn Ái", "Võ Văn An"], 3, True)


def test_a_unit_filter_and_a_listed_reach_show_the_same_pages(registry, users, settings):
    office = users["program_office"]
    order = in_name_order(["Nguyễn Thị Hoa"])  # the six of the new commune
    narrowed = {"unit": registry.new_commune}
    assert shown_ids(office, "nguyen thi hoa", 1, **narrowed) == order[:2]
    assert shown_ids(office, "nguyen thi hoa", 2, **narrowed) == order[2:3]
    # A reach small enough to be kept as the list of its people's ids: their names are checked
    # one by one, and read whole alike.
    settings.PEOPLE_KEPT_LIST_LIMIT = 1_000
    officer = users["officer_new_commune"]
    assert shown_ids(officer, "nguyen thi hoa", 1) == order[:2]
    assert shown_ids(officer, "nguyen thi hoa", 2) == order[2:3]


def test_the_picker_offers_the_same_people_read_whole(registry, users, monkeypatch):
    office = users["program_office"]
    picked = in_name_order(["Nguyễn Thị Hoa"])[4:]  # the last two namesakes, picked already

    def offered() -> list[int]:
        people = person_options(
            user=office, action=Action.VIEW, query="nguyen thi hoa", selected=picked, limit=2
        )
        return [person.pk for person in people]

    read_whole = offered()
    # Those picked first, then the first two others in name order.
    assert read_whole == picked + in_name_order(["Nguyễn Thị Hoà Bình", "Nguyễn Thị Hoa"])[:2]
    limit_plus_one_read(monkeypatch)
    assert offered() == read_whole
