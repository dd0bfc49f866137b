"""A word that a large share of the registry has ("hoà", "nguyễn") is found by walking the name order
rather than through the word index, when the database's statistics rate it so (people/search.py).
The office sees the same pages, in the same order, with the same count, either way; a walk that
gives up leaves the word index to count as before."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trithuc.people import search
from trithuc.people.selectors import PersonFilters, person_page
from trithuc.people.tests.factories import PersonFactory

GIVEN_NAMES = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Linh", "Minh", "Nam"]


@pytest.fixture
def registry(units, settings):
    """Eight people named Hoà among thirty-nine, statistics taken as a server's ANALYZE would."""
    settings.PEOPLE_COUNT_LIMIT = 5
    settings.PEOPLE_PAGE_SIZE = 2
    for index, given in enumerate(GIVEN_NAMES[:8]):
        PersonFactory(full_name=f"Trần Hoà {given}", unit=units.new_commune)
        PersonFactory(full_name=f"Lê Văn {given}", unit=units.new_commune)
        PersonFactory(full_name=f"Phạm Thị {given}", unit=units.other_commune)
        PersonFactory(full_name=f"Võ Minh {given} {index}", unit=units.department)
    for given in GIVEN_NAMES[8:]:
        PersonFactory(full_name=f"Đỗ Văn {given}", unit=units.department)
        PersonFactory(full_name=f"Ngô Văn {given}", unit=units.other_commune)
        PersonFactory(full_name=f"Huỳnh Văn {given}", unit=units.other_commune)
    PersonFactory(full_name="Tạ Quang Thiều", unit=units.department)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE people_person")
    return units


def shown(user, query: str, number: int) -> tuple[list[str], int]:
    page = person_page(user=user, filters=PersonFilters(q=query), number=number)
    return [person.full_name for person in page.object_list], page.paginator.count


def word_index_asked(queries: list[dict]) -> bool:
    return any("@@" in query["sql"] or "MATCH" in query["sql"] for query in queries)


def test_the_statistics_rate_a_common_word_broad_and_a_rare_one_not(registry):
    if connection.vendor != "postgresql":
        # SQLite keeps no statistics of words; its word index stops at the first matches.
        assert not search.looks_broad("default", name="hoa")
        return
    assert search.looks_broad("default", name="hoa")
    assert not search.looks_broad("default", name="thieu")
    assert not search.looks_broad("default", name="xuyen")
    # Each a tenth or more, together rated as independent words are: 2 %.
    assert search.looks_broad("default", name="khanh")
    assert not search.looks_broad("default", name="hoa khanh")
    assert not search.looks_broad("default", name="")


def test_a_broad_word_is_walked_in_name_order_with_the_pages_and_count_of_before(registry, users):
    office = users["program_office"]
    with CaptureQueriesContext(connection) as walked:
        first, count = shown(office, "hoà", 1)
    second, _ = shown(office, "hoà", 2)
    third, _ = shown(office, "hoà", 3)
    # Eight match, past the limit of five: "more than 5", and the first five by given name.
    assert count == 5
    assert first + second + third == [
        "Trần Hoà An",
        "Trần Hoà Bình",
        "Trần Hoà Cường",
        "Trần Hoà Dũng",
        "Trần Hoà Giang",
    ]
    assert word_index_asked(walked.captured_queries) == (connection.vendor == "sqlite")


def test_a_walk_that_gives_up_leaves_the_count_to_the_word_index(registry, users, monkeypatch):
    office = users["program_office"]
    walked, count = shown(office, "hoà", 1)
    # The walk may pass one entry per match it wants: too few for eight in thirty-nine.
    monkeypatch.setattr(search, "WALK_SPAN", 1)
    with CaptureQueriesContext(connection) as counted:
        first, count_after = shown(office, "hoà", 1)
    assert word_index_asked(counted.captured_queries)
    assert (first, count_after) == (walked, count) == (["Trần Hoà An", "Trần Hoà Bình"], 5)


@pytest.mark.parametrize("shape", ["list", "probe"])
def test_an_officer_walking_a_broad_word_sees_only_their_commune(registry, users, settings, shape):
    settings.PEOPLE_KEPT_LIST_LIMIT = 20_000 if shape == "list" else 0
    settings.PEOPLE_KEPT_LIST_SHARE = 1
    officer = users["officer_new_commune"]
    names, count = shown(officer, "hoà", 1)
    assert count == 5
    assert names == ["Trần Hoà An", "Trần Hoà Bình"]
    others, _ = shown(officer, "pham thi", 1)
    assert others == []


def test_a_filter_beside_a_broad_word_is_counted_through_the_word_index(registry, users):
    # The words' statistics do not say how far a walk must go for those who also pass a filter.
    office = users["program_office"]
    with CaptureQueriesContext(connection) as queries:
        page = person_page(
            user=office, filters=PersonFilters(q="hoa", unit=registry.new_commune), number=1
        )
        names = [person.full_name for person in page.object_list]
    assert word_index_asked(queries.captured_queries)
    assert names == ["Trần Hoà An", "Trần Hoà Bình"]
    assert page.paginator.count == 5


@pytest.fixture
def late_given_name(units, settings):
    """Five women named Yến, past a limit of three, behind eight people whose given names come
    first in the alphabet."""
    settings.PEOPLE_COUNT_LIMIT = 3
    settings.PEOPLE_PAGE_SIZE = 2
    for given in GIVEN_NAMES[:8]:
        PersonFactory(full_name=f"Lê Văn {given}", unit=units.new_commune)
    for family in ("Võ", "Lê", "Trần", "Đặng", "Phạm"):
        PersonFactory(full_name=f"{family} Hải Yến", unit=units.new_commune)
    return units


def word_index_reads(queries: list[dict]) -> int:
    return sum("@@" in query["sql"] or "MATCH" in query["sql"] for query in queries)


@pytest.mark.parametrize("who", ["program_office", "officer_new_commune"])
def test_a_page_beyond_the_walks_reach_is_read_by_the_keys_counted(
    late_given_name, users, monkeypatch, who
):
    # The walk of a page may pass one entry per match counted (four): the Yến are further.

    user = users[who]
    with CaptureQueriesContext(connection) as walked_far:
        far = [shown(user, "yen", number) for number in (1, 2)]
    monkeypatch.setattr(search, "WALK_SPAN", 1)
    with CaptureQueriesContext(connection) as keyed:
        near = [shown(user, "yen", number) for number in (1, 2)]
    assert near == far
    assert [names for names, _count in near] == [
        ["Đặng Hải Yến", "Lê Hải Yến"],
        ["Phạm Hải Yến"],
    ]
    assert {count for _names, count in near} == {3}
    if who == "program_office":  # the officer's few people are checked by name, not indexed
        assert word_index_reads(keyed.captured_queries) > word_index_reads(
            walked_far.captured_queries
        )


def offered(user, query: str, limit: int, selected: list[int] | None = None) -> list[str]:
    from trithuc.accounts.scoping import Action
    from trithuc.people.selectors import person_options

    people = person_options(
        user=user, action=Action.VIEW, query=query, selected=selected, limit=limit
    )
    return [person.full_name for person in people]


def test_a_picker_offers_the_first_of_a_broad_word_by_walking(registry, users):
    office = users["program_office"]
    with CaptureQueriesContext(connection) as queries:
        names = offered(office, "hoa", 3)
    assert names == ["Trần Hoà An", "Trần Hoà Bình", "Trần Hoà Cường"]
    assert word_index_asked(queries.captured_queries) == (connection.vendor == "sqlite")


@pytest.mark.parametrize("who", ["program_office", "officer_new_commune"])
def test_a_picker_offers_names_beyond_the_walks_reach_by_the_keys_counted(
    late_given_name, users, monkeypatch, who
):
    from trithuc.people.models import Person

    user = users[who]
    vo = Person.objects.get(full_name="Võ Hải Yến").pk
    far = offered(user, "yen", 2, selected=[vo])
    monkeypatch.setattr(search, "WALK_SPAN", 1)
    near = offered(user, "yen", 2, selected=[vo])
    # The one already picked first, then the first two others in name order.
    assert near == far == ["Võ Hải Yến", "Đặng Hải Yến", "Lê Hải Yến"]
