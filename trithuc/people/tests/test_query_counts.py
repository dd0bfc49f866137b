"""The person list costs the same queries with thirty people as with two, searching or not: a
query per row (an N+1) would make the second count larger."""

from __future__ import annotations

import pytest
from django.urls import reverse

from trithuc.core.testing import queries_of
from trithuc.people.tests.factories import PersonFactory

SEARCHES = [
    {},
    {"q": "nguyen van"},
    {"expertise": "thuy san"},
    {"q": "so", "expertise": "nuoi trong"},
]


def _people(units, first: int, last: int) -> None:
    for i in range(first, last):
        PersonFactory(
            full_name=f"Nguyễn Văn Số {i:02d}",
            expertise="Nuôi trồng thủy sản",
            unit=units.new_commune if i % 2 else units.other_commune,
        )


@pytest.mark.parametrize("search", SEARCHES)
def test_person_list_queries_do_not_grow_with_the_people_listed(
    client, units, users, search, django_assert_num_queries
):
    client.force_login(users["program_office"])
    url = reverse("people:person_list")
    _people(units, 0, 2)
    queries_of(client, url, search)  # warm the session and the per-request caches
    few = queries_of(client, url, search)
    _people(units, 2, 30)
    with django_assert_num_queries(few):
        response = client.get(url, search)
    assert response.text.count("Nguyễn Văn Số") == 30


@pytest.mark.parametrize("search", [{"q": "nguyen van"}, {"expertise": "thuy san"}])
def test_a_search_costs_the_same_queries_below_and_past_the_count_limit(
    client, units, users, search, settings, django_assert_num_queries
):
    # Two matches are read through the word index; thirty, past the limit of ten, by walking
    # the name order (people/selectors.py): neither way may cost a query per row. Where the walk
    # stops is read once and kept by a server, as here (people/search.py, walk_bound).
    from trithuc.people import search as word_search

    settings.PEOPLE_COUNT_LIMIT = 10
    settings.PEOPLE_SEARCH_STATS_SECONDS = 300
    word_search._kept.clear()
    client.force_login(users["program_office"])
    url = reverse("people:person_list")
    _people(units, 0, 2)
    queries_of(client, url, search)
    few = queries_of(client, url, search)
    _people(units, 2, 30)
    queries_of(client, url, search)
    try:
        with django_assert_num_queries(few):
            response = client.get(url, search)
    finally:
        word_search._kept.clear()
    assert "Hơn 10 người" in response.text
    assert response.text.count("Nguyễn Văn Số") == 10
