"""A search that the statistics say many people match is counted first in an eighth of the
registry (PostgreSQL's partial word indexes, migration people.0012): when the eighth already
holds more than the list counts, so does the whole. The office sees the same count and page as
when every match is counted, and the exact count when the eighth held fewer."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trithuc.accounts.scoping import Action
from trithuc.people import search, selectors
from trithuc.people.models import Person
from trithuc.people.selectors import PersonFilters, person_options, person_page
from trithuc.people.tests.factories import PersonFactory

GIVEN_NAMES = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Linh"]
FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]


@pytest.fixture
def registry(units, settings, monkeypatch) -> list[int]:
    """Eighty people filed one after another, so that ten have an id that is a multiple of 8:
    seventy-two know digital transformation, and eight eco-tourism. Three of the former, filed
    one after another, work in the new commune, one of them with an id in the eighth; their ids
    are returned. Statistics taken as a server's ANALYZE would."""
    settings.PEOPLE_COUNT_LIMIT = 3
    settings.PEOPLE_PAGE_SIZE = 2
    # The office's reach is probed per person, as a province's is; a reach this small would
    # otherwise be the list of its people's ids, whose texts are checked one by one.
    settings.PEOPLE_KEPT_LIST_LIMIT = 0
    # Here each word is most of the registry, which would have it walked in name order as a
    # broad word; at a million, each word of "chuyển đổi số" is a few hundredths of it.
    monkeypatch.setattr(search, "BROAD_SHARE", 2.0)
    commune: list[int] = []
    joined_from = 80
    for number in range(80):
        digital = number < 72
        joins_commune = joined_from <= number < joined_from + 3
        person = PersonFactory(
            full_name=f"{FAMILY_NAMES[number % 10]} Văn {GIVEN_NAMES[number // 10]}",
            expertise="Chuyển đổi số, dữ liệu" if digital else "Du lịch sinh thái",
            unit=units.new_commune if joins_commune else units.other_commune,
        )
        if number == 0:
            # Ids follow one another from the first: the commune's three start at the first
            # multiple of 8 after it.
            joined_from = 8 - person.pk % 8
        if joins_commune:
            commune.append(person.pk)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE people_person")
    return commune


def shown(user, **typed: str) -> tuple[list[str], int, bool]:
    page = person_page(user=user, filters=PersonFilters(**typed), number=1)
    paginator = page.paginator
    return [person.full_name for person in page.object_list], paginator.count, paginator.capped


def asked_the_eighth(queries: list[dict]) -> bool:
    return any("% 8 = 0" in query["sql"] for query in queries)


def first_in_name_order(people, wanted: int) -> list[str]:
    return [person.full_name for person in people.order_by("sort_key", "pk")[:wanted]]


def test_a_phrase_many_people_have_is_counted_in_an_eighth(registry, users, monkeypatch):
    office = users["program_office"]
    holders = Person.objects.filter(expertise_text__contains="chuyen doi so")
    with CaptureQueriesContext(connection) as queries:
        names, count, capped = shown(office, expertise="chuyen doi so")
    # Seventy-two match: "more than 3", and the first two of all of them by name.
    assert (count, capped) == (3, True)
    assert names == first_in_name_order(holders, 2)
    assert asked_the_eighth(queries.captured_queries) == (connection.vendor == "postgresql")

    # Counted over the whole registry, the office sees the same.
    monkeypatch.setattr(search, "EIGHTH_MARGIN", 10**9)
    with CaptureQueriesContext(connection) as queries:
        assert shown(office, expertise="chuyen doi so") == (names, count, capped)
    assert not asked_the_eighth(queries.captured_queries)


def test_an_eighth_holding_fewer_than_the_limit_is_counted_whole(registry, users):
    if connection.vendor == "postgresql":
        # Seventy-two of eighty by the statistics: nine expected in the eighth, more than twice
        # the four the list counts, so the eighth is asked first.
        assert search.eighth_holds("default", expertise="chuyen doi so", wanted=4)
    assert [pk % 8 == 0 for pk in registry] == [True, False, False]
    officer = users["officer_new_commune"]
    with CaptureQueriesContext(connection) as queries:
        names, count, capped = shown(officer, expertise="chuyen doi so")
    # The commune sees three holders, one of them in the eighth: every match is counted, and
    # the count is exact.
    assert (count, capped) == (3, False)
    assert names == first_in_name_order(Person.objects.filter(pk__in=registry), 2)
    assert asked_the_eighth(queries.captured_queries) == (connection.vendor == "postgresql")


def test_words_the_statistics_rate_rare_are_counted_whole(registry, users):
    office = users["program_office"]
    # Eight of eighty know eco-tourism: one expected in the eighth, fewer than twice four.
    assert not search.eighth_holds("default", expertise="du lich", wanted=4)
    with CaptureQueriesContext(connection) as queries:
        names, count, capped = shown(office, expertise="du lich")
    assert (count, capped) == (3, True)
    assert names == first_in_name_order(
        Person.objects.filter(expertise_text="du lich sinh thai"), 2
    )
    assert not asked_the_eighth(queries.captured_queries)


def test_a_picker_offers_the_same_people_when_a_name_is_counted_in_an_eighth(registry, users):
    office = users["program_office"]
    # Every one of the eighty is "Văn", in the eighth too: more than the limit there.
    with CaptureQueriesContext(connection) as queries:
        offered = person_options(user=office, action=Action.VIEW, query="van", limit=3)
    assert [person.full_name for person in offered] == first_in_name_order(
        Person.objects.filter(search_text__contains="van"), 3
    )
    assert asked_the_eighth(queries.captured_queries) == (connection.vendor == "postgresql")


def test_a_page_past_the_walks_bound_is_read_by_the_keys_counted_in_the_eighth(
    registry, users, monkeypatch
):
    office = users["program_office"]
    holders = Person.objects.filter(expertise_text__contains="chuyen doi so")
    # A walk of the name order that gives up at once, as for a given name late in the alphabet
    # at a million people: the page is read by the keys of the matches counted, here those of
    # the eighth, a subset of all matches.
    monkeypatch.setattr(selectors, "list_walk_entries", lambda: 1)
    keys_given: list[list[int]] = []

    def by_keys(*args, counted, **kwargs):
        keys_given.append([pk for pk, _key in counted])
        return search.first_by_keys(*args, counted=counted, **kwargs)

    monkeypatch.setattr(selectors, "first_by_keys", by_keys)
    names, count, capped = shown(office, expertise="chuyen doi so")
    assert (count, capped) == (3, True)
    assert names == first_in_name_order(holders, 2)
    counted_in_eighth = all(pk % 8 == 0 for pk in keys_given[0])
    assert counted_in_eighth == (connection.vendor == "postgresql")
    page = person_page(user=office, filters=PersonFilters(expertise="chuyen doi so"), number=2)
    assert [person.full_name for person in page.object_list] == first_in_name_order(holders, 3)[2:]


def test_postgresql_reads_the_eighth_through_its_own_indexes(registry):
    if connection.vendor != "postgresql":
        pytest.skip("the eighth's indexes are PostgreSQL's (SQLite's word index stops early)")
    for name, expertise, index in (
        ("", "chuyen doi so", "people_person_expertise_prefixes_eighth"),
        ("van", "", "people_person_name_prefixes_eighth"),
        ("le van", "", "people_person_name_pairs_eighth"),
    ):
        eighth = search.person_search(Person.objects.all(), name=name, expertise=expertise)
        with connection.cursor() as cursor:
            # Eighty rows are read fastest whole; the question is which index PostgreSQL
            # would take, which holds only if the condition is its predicate word for word.
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = eighth.filter(search.in_eighth()).values("pk").explain()
        assert index in plan
