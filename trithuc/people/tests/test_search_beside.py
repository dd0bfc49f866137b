"""A search whose words the statistics say match more people than the list counts has its first
page walked in name order on a second connection while its matches are counted (PostgreSQL,
core/beside.py). The office sees the same page and count as when both are read one after the
other, also when the statistics guessed wrong."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trithuc.core import beside
from trithuc.people import search
from trithuc.people.selectors import PersonFilters, person_page
from trithuc.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)

GIVEN_NAMES = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Linh", "Minh", "Quang"]


@pytest.fixture
def registry(units, settings):
    """A hundred people: a fifth Phạm, a fifth Ngọc, ten both, a fifth Văn; committed, with
    statistics taken as a server's ANALYZE would."""
    settings.PEOPLE_COUNT_LIMIT = 3
    settings.PEOPLE_PAGE_SIZE = 2
    # The office's reach is probed per person, as a province's is; a reach this small would
    # otherwise be the list of its people's ids, searched person by person, never beside.
    settings.PEOPLE_KEPT_LIST_LIMIT = 0
    for given in GIVEN_NAMES:
        PersonFactory(full_name=f"Phạm Ngọc {given}", unit=units.new_commune)
        PersonFactory(full_name=f"Phạm Văn {given}", unit=units.other_commune)
        PersonFactory(full_name=f"Lê Ngọc {given}", unit=units.department)
        PersonFactory(full_name=f"Trần Văn {given}", unit=units.new_commune)
        for _ in range(6):
            PersonFactory(full_name=f"Võ Thị {given}", unit=units.other_commune)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE people_person")
    yield units
    beside.close_connections()


def shown(user, query: str) -> tuple[list[str], int]:
    page = person_page(user=user, filters=PersonFilters(q=query), number=1)
    return [person.full_name for person in page.object_list], page.paginator.count


def walked_here(queries: list[dict]) -> bool:
    """Did this connection walk the name order for the search (the LIKE words, in name order)?"""
    return any("LIKE" in query["sql"] and "sort_key" in query["sql"] for query in queries)


def expected(query: str) -> float | None:
    return search.expected_matches("default", name=query)


def test_the_statistics_guess_many_matches_for_two_common_words_together(registry):
    if connection.vendor != "postgresql":
        # SQLite keeps no statistics of words, and reads in this process anyway.
        assert expected("pham ngoc") is None
        return
    # Ten of a hundred are Phạm Ngọc, as the statistics of word pairs know: more than three.
    # (Not so many that the whole count is walked instead: that is for a twentieth or more.)
    assert expected("pham ngoc") > 3
    assert not search.looks_broad("default", name="pham ngoc")
    # A tenth are Trần, a tenth An: one of a hundred both.
    assert expected("tran an") <= 3
    assert expected("") is None


def test_the_first_page_walked_beside_the_count_is_the_page_read_after_it(
    registry, users, settings
):
    office = users["program_office"]
    with CaptureQueriesContext(connection) as here:
        names, count = shown(office, "pham ngoc")
    # Ten match, past the limit of three: "more than 3", the first two by given name.
    assert (names, count) == (["Phạm Ngọc An", "Phạm Ngọc Bình"], 3)
    assert walked_here(here.captured_queries) == (connection.vendor != "postgresql")

    settings.TRITHUC_READS_BESIDE = 0
    with CaptureQueriesContext(connection) as here:
        assert shown(office, "pham ngoc") == (names, count)
    assert walked_here(here.captured_queries)


def test_a_wrong_guess_still_shows_exactly_the_matches(registry, users, settings):
    office = users["program_office"]
    settings.PEOPLE_COUNT_LIMIT = 1
    # A fifth are Phạm, half of them Ngọc and half Văn: by the statistics of word pairs, taken as
    # independent beside Phạm, 5 of a hundred are all three; nobody is. (More than twice the
    # count read, limit + 1, so the count is not read whole and the page is walked beside it.)
    if connection.vendor == "postgresql":
        assert expected("pham ngoc van") > 1
        assert search.matches_to_read("default", name="pham ngoc van", limit=1) == 2
    assert shown(office, "pham ngoc van") == ([], 0)
    # One Phạm Ngọc has a given name beginning with C.
    assert shown(office, "ngoc pham c") == (["Phạm Ngọc Cường"], 1)


def test_a_later_page_and_a_narrowed_search_are_walked_on_the_request_connection(registry, users):
    office = users["program_office"]
    with CaptureQueriesContext(connection) as here:
        page = person_page(user=office, filters=PersonFilters(q="pham ngoc"), number=2)
        names = [person.full_name for person in page.object_list]
    # The last page up to the limit of three.
    assert names == ["Phạm Ngọc Cường"]
    assert walked_here(here.captured_queries)

    with CaptureQueriesContext(connection) as here:
        narrowed = person_page(
            user=office, filters=PersonFilters(q="pham ngoc", unit=registry.new_commune), number=1
        )
        names = [person.full_name for person in narrowed.object_list]
    assert names == ["Phạm Ngọc An", "Phạm Ngọc Bình"]
    assert walked_here(here.captured_queries)
