"""Searching people by name the way officials type: without marks, in any case, in any order."""

from __future__ import annotations

import pytest

from trithuc.accounts.models import User
from trithuc.core.text import search_tokens
from trithuc.people.selectors import PersonFilters, person_list
from trithuc.people.tests.factories import PersonFactory

NAMES = [
    "Đặng Văn Hùng",  # đ/Đ
    "Nguyễn Thị Hoà",  # old tone placement
    "Trần Thị Hòa",  # new tone placement
    "Lê Thị Thuỷ",
    "ÐẶNG THỊ LAN",  # typed with the look-alike Ð (U+00D0), in capitals
    "Phạm Đăng Khoa",
    "Dương Văn An",
]


@pytest.fixture
def searchable(units, users):
    for name in NAMES:
        PersonFactory(full_name=name, unit=units.new_commune)
    return users["program_office"]


def found(user: User, query: str) -> list[str]:
    return sorted(p.full_name for p in person_list(user=user, filters=PersonFilters(q=query)))


def test_typing_without_marks_finds_dang_with_d_stroke(searchable):
    assert found(searchable, "dang van") == ["Đặng Văn Hùng"]


def test_look_alike_eth_is_found_and_stored_as_d_stroke(searchable):
    assert found(searchable, "dang thi lan") == ["Đặng Thị Lan"]
    assert found(searchable, "ÐẶNG LAN") == ["Đặng Thị Lan"]


def test_both_tone_placements_find_each_other(searchable):
    assert found(searchable, "Hoà") == ["Nguyễn Thị Hoà", "Trần Thị Hòa"]
    assert found(searchable, "Hòa") == ["Nguyễn Thị Hoà", "Trần Thị Hòa"]
    assert found(searchable, "thủy") == ["Lê Thị Thuỷ"]


def test_upper_case_and_lower_case_are_the_same(searchable):
    assert found(searchable, "PHẠM ĐĂNG") == ["Phạm Đăng Khoa"]
    assert found(searchable, "phạm đăng") == ["Phạm Đăng Khoa"]


def test_word_order_and_partial_words_do_not_matter(searchable):
    assert found(searchable, "hung dang") == ["Đặng Văn Hùng"]
    assert found(searchable, "khoa ph") == ["Phạm Đăng Khoa"]
    assert found(searchable, "dan") == ["Phạm Đăng Khoa", "Đặng Thị Lan", "Đặng Văn Hùng"]


def test_partial_word_must_start_a_word(searchable):
    # "an" begins "An" (Dương Văn An) but is only inside "Lan", "Đặng" and "Khoa".
    assert found(searchable, "an") == ["Dương Văn An"]


def test_search_never_reaches_outside_scope(units, users):
    PersonFactory(full_name="Đặng Văn Ngoài", unit=units.other_commune)
    assert found(users["officer_new_commune"], "dang van ngoai") == []
    assert found(users["officer_other_commune"], "dang van ngoai") == ["Đặng Văn Ngoài"]


def test_typing_a_full_name_without_marks_finds_it(units, users):
    PersonFactory(full_name="Nguyễn Văn Đức", unit=units.new_commune)
    PersonFactory(full_name="Nguyễn Văn Đạt", unit=units.new_commune)
    PersonFactory(full_name="Nguyễn Đức Văn", unit=units.new_commune)
    assert found(users["program_office"], "nguyen van duc") == ["Nguyễn Văn Đức", "Nguyễn Đức Văn"]
    assert found(users["program_office"], "NGUYEN VAN ĐUC") == found(
        users["program_office"], "nguyen van duc"
    )


def by_expertise(user: User, query: str, name: str = "") -> list[str]:
    filters = PersonFilters(q=name, expertise=query)
    return sorted(p.full_name for p in person_list(user=user, filters=filters))


@pytest.fixture
def experts(units, users):
    PersonFactory(
        full_name="Trần Văn Thủy", expertise="Nuôi trồng thủy sản, cá tra", unit=units.new_commune
    )
    PersonFactory(
        full_name="Lê Thị Mai", expertise="Chuyển đổi số, dữ liệu đô thị", unit=units.new_commune
    )
    PersonFactory(full_name="Võ Văn Thuỷ", expertise="", unit=units.new_commune)
    return users["program_office"]


def test_expertise_is_found_without_marks_and_by_word_starts(experts):
    assert by_expertise(experts, "thuy san") == ["Trần Văn Thủy"]
    assert by_expertise(experts, "Đô thị") == ["Lê Thị Mai"]
    assert by_expertise(experts, "chuyen doi so") == ["Lê Thị Mai"]
    assert by_expertise(experts, "uyen") == []  # inside "chuyển", not the start of a word


def test_name_and_expertise_boxes_both_apply(experts):
    # A name alone finds both men called Thủy; with the expertise only the aquaculture one.
    assert found(experts, "thuy") == ["Trần Văn Thủy", "Võ Văn Thuỷ"]
    assert by_expertise(experts, "thuy san", name="thuy") == ["Trần Văn Thủy"]


def test_search_follows_an_edited_name_and_expertise(units, users, experts):
    from trithuc.people.services import person_update

    person = PersonFactory(full_name="Đỗ Văn Cũ", expertise="cơ khí", unit=units.new_commune)
    person_update(
        actor=None,
        person_id=person.pk,
        expected_version=person.version,
        data={"full_name": "Đỗ Văn Mới", "expertise": "điện gió"},
    )
    assert found(experts, "do van cu") == []
    assert found(experts, "do van moi") == ["Đỗ Văn Mới"]
    assert by_expertise(experts, "co khi") == []
    assert by_expertise(experts, "dien gio") == ["Đỗ Văn Mới"]


def test_expertise_search_never_reaches_outside_scope(units, users):
    PersonFactory(full_name="Lâm Văn Xa", expertise="thủy lợi", unit=units.other_commune)
    assert by_expertise(users["officer_new_commune"], "thuy loi") == []
    assert by_expertise(users["officer_other_commune"], "thuy loi") == ["Lâm Văn Xa"]


@pytest.mark.parametrize(
    ("name", "expertise"),
    [("dang", ""), ("hoa", ""), ("", "thuy san"), ("thuy", "thuy san"), ("an", ""), ("xyz", "")],
)
def test_the_first_matches_the_list_counts_are_the_people_the_search_finds(
    units, users, searchable, experts, name, expertise
):
    # The list reads the ids it counts with the word index leading the query (search.py,
    # first_matches): the same people as the search, scope included.
    from trithuc.people.search import first_matches

    PersonFactory(full_name="Đặng Văn Ngoài", expertise="thủy sản", unit=units.other_commune)
    for user in (users["program_office"], users["officer_new_commune"]):
        scoped = person_list(user=user)
        expected = set(
            person_list(user=user, filters=PersonFilters(q=name, expertise=expertise)).values_list(
                "pk", flat=True
            )
        )
        assert set(first_matches(scoped, name=name, expertise=expertise, limit=100)) == expected
        assert len(first_matches(scoped, name=name, expertise=expertise, limit=1)) == min(
            len(expected), 1
        )


PREFIX_TEXTS = [
    "",
    "nguyen van an",
    "ton nu thi ha",
    "---",
    " a-b  c ",
    "nuoi trong thuy san, ca tra",
    "h'hen nie",
    "y hoc co truyen; duoc lieu 2024",
]


def test_every_beginning_of_every_word_is_indexed(units, users):
    """Each word is found by each of its beginnings, on both databases. On PostgreSQL the index
    function (migration people.0006, a loop) also gives, for every text, exactly the terms the
    query of migration 0004 gave, so the indexes built with that one stay valid."""
    from django.db import connection

    person = PersonFactory(
        full_name="Tôn Nữ Thị Hà", expertise="Nuôi trồng thủy sản", unit=units.new_commune
    )
    office = users["program_office"]
    for word in ("ton", "nu", "thi", "ha"):
        for end in range(1, len(word) + 1):
            assert person.full_name in found(office, word[:end]), word[:end]
    for word in ("nuoi", "trong", "thuy", "san"):
        assert by_expertise(office, word[:2]) == [person.full_name]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for text in PREFIX_TEXTS:
            cursor.execute(
                "SELECT trithuc_word_prefixes(%s)::text, ("
                "SELECT coalesce(array_to_tsvector(array_agg(DISTINCT left(word, n))), "
                "''::tsvector) FROM regexp_split_to_table(%s, '[^0-9a-z]+') AS word, "
                "generate_series(1, length(word)) AS n WHERE word <> '')::text",
                [text, text],
            )
            now, before = cursor.fetchone()
            assert now == before, text


PAIR_NAMES = [
    "Trần Thị Hoà",
    "Trần Thị Hoàng Anh",
    "Hoàng Trần Thị",
    "Trang Thị Hoa",
    "Thị Trần",
    "Nguyễn Văn Thịnh",
    "Nguyễn Nguyễn An",
    "Phạm Ngọc Anh",
    "Phạm Ngọc",
    "Ngô Phạm Ngọc Ánh",
    "Lê Hoa",
]
PAIR_QUERIES = [
    "tran thi hoa",  # three words, each the beginning of longer ones too (trang, thinh, hoang)
    "hoa tran",
    "thi tran",
    "tr th",
    "pham ngoc anh",
    "anh ngoc",
    "ng ph",
    "nguyen an",
    "nguyen nguyen",  # the same word twice: one word of a name is enough for both
    "nguyen ng",  # one the beginning of the other: one word can be enough
    "ngoc ng",
    "hoa le x",
]


def test_several_words_find_exactly_the_people_whose_name_has_them_all(units, users):
    """On PostgreSQL several words, none the beginning of another, are looked for in the index
    of words two by two (migration people.0011); the others in the word index. Either way every
    query finds exactly the people whose name has a word beginning with each typed word."""
    from trithuc.people.search import SearchColumn, scan_condition

    for name in PAIR_NAMES:
        PersonFactory(full_name=name, unit=units.new_commune)
    office = users["program_office"]
    for query in PAIR_QUERIES:
        words = search_tokens(query)
        expected = sorted(
            person_list(user=office)
            .filter(scan_condition(SearchColumn.NAME, words))
            .values_list("full_name", flat=True)
        )
        assert found(office, query) == expected, query
    # "Trang" begins with "tran", "Hoàng" with "hoa".
    assert found(office, "tran thi hoa") == sorted(
        ["Trần Thị Hoà", "Trần Thị Hoàng Anh", "Hoàng Trần Thị", "Trang Thị Hoa"]
    )
    assert found(office, "nguyen nguyen") == ["Nguyễn Nguyễn An", "Nguyễn Văn Thịnh"]


def test_a_word_longer_than_any_name_finds_nobody(units, users):
    # Longer than the folded name can be, so no word of it begins so (and PostgreSQL refuses a
    # term of over 2 047 bytes in a word-index query).
    PersonFactory(full_name="Phạm Ngọc Anh", unit=units.new_commune)
    office = users["program_office"]
    assert found(office, "pham " + "x" * 3000) == []
    assert found(office, "a" * 1100 + " " + "b" * 1100) == []
    assert found(office, "pham ngoc") == ["Phạm Ngọc Anh"]
