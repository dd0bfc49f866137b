"""Picking a person on a form: the picker offers only people the user may see (or change), found
by typing any part of the name without marks, and never drops those already picked."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from trithuc.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _offered(response) -> list[str]:
    return re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', response.content.decode())


def test_typing_without_marks_finds_the_person_in_scope_only(client, users, people):
    client.force_login(users["officer_old_commune"])
    response = client.get(reverse("people:person_options"), {"q": "nguyen mot"})
    assert _offered(response) == ["Nguyễn Văn Một"]

    client.force_login(users["officer_other_commune"])
    response = client.get(reverse("people:person_options"), {"q": "nguyen mot"})
    assert _offered(response) == []
    assert "Không tìm thấy ai khớp với «nguyen mot»" in response.content.decode()


def test_a_search_keeps_the_people_already_picked(client, users, people):
    client.force_login(users["program_office"])
    picked = people["in_commune_two"]
    response = client.get(
        reverse("people:person_options"),
        {"q": "vo minh", "o": "members", "members": [picked.pk], "nhieu": "1"},
    )
    assert _offered(response) == ["Trần Thị Hai", "Võ Minh Sở"]
    assert f'<option value="{picked.pk}" selected>' in response.content.decode()


def test_a_person_out_of_scope_cannot_be_smuggled_in_as_already_picked(client, users, people):
    client.force_login(users["officer_other_commune"])
    response = client.get(
        reverse("people:person_options"),
        {"o": "person", "person": [people["in_commune_one"].pk]},
    )
    assert "Nguyễn Văn Một" not in _offered(response)


def test_the_change_scope_offers_only_people_the_user_may_change(client, users, people):
    # A leader reads the whole province but changes nobody's records.
    client.force_login(users["leader"])
    url = reverse("people:person_options")
    assert "Nguyễn Văn Một" in _offered(client.get(url, {"q": "mot"}))
    assert _offered(client.get(url, {"q": "mot", "quyen": "sua"})) == []


@override_settings(TRITHUC_PERSON_PICKER_LIMIT=5)
def test_a_form_lists_a_few_people_not_the_whole_province(client, users, units, people):
    for number in range(12):
        PersonFactory(full_name=f"Lâm Văn Số {number:02}", unit=units.commune_one)
    client.force_login(users["program_office"])
    page = client.get(reverse("workforce:rating_set"))
    assert page.status_code == 200
    select = re.search(r'<select name="person".*?</select>', page.content.decode(), re.S)
    assert select is not None
    assert len(re.findall(r'<option value="\d+"', select.group(0))) == 5
    assert 'hx-get="' + reverse("people:person_options") in page.content.decode()


@pytest.mark.parametrize("count_limit", [1000, 2])
def test_a_name_many_people_share_offers_the_first_in_name_order_within_scope(
    client, users, units, people, settings, count_limit
):
    # Past the count limit the picker walks the name order instead of sorting every match; the
    # officer of Xã Khác sees the same first names either way, and none from Xã Một.
    settings.PEOPLE_COUNT_LIMIT = count_limit
    for number in range(4):
        PersonFactory(full_name=f"Lâm Văn Khác {number}", unit=units.other_commune)
        PersonFactory(full_name=f"Lâm Văn Một {number}", unit=units.commune_one)
    client.force_login(users["officer_other_commune"])
    with override_settings(TRITHUC_PERSON_PICKER_LIMIT=3):
        response = client.get(reverse("people:person_options"), {"q": "lam van"})
    assert _offered(response) == ["Lâm Văn Khác 0", "Lâm Văn Khác 1", "Lâm Văn Khác 2"]


def test_a_name_found_by_the_word_index_is_offered_even_when_it_sorts_after_the_first_few(
    client, users, units, people
):
    # The picker reads the first ids, then their rows: Yến sorts after the five An of the commune,
    # and the picker shows three names, but she is the one who matches.
    for number in range(5):
        PersonFactory(full_name=f"Lâm Văn An {number}", unit=units.commune_one)
    PersonFactory(full_name="Trần Thị Yến", unit=units.commune_one)
    client.force_login(users["program_office"])
    with override_settings(TRITHUC_PERSON_PICKER_LIMIT=3):
        response = client.get(reverse("people:person_options"), {"q": "yen"})
    assert _offered(response) == ["Trần Thị Yến"]


def test_many_people_picked_already_still_leave_a_full_list_of_others(
    client, users, units, people, settings
):
    # The picker counts its matches as the list does, up to the limit (here 2, so three are
    # read); eight Yến, filed in name order, come after 130 An in the name order, beyond where
    # a walk looks. With the first three of them picked, the two offered besides are the next two.
    settings.PEOPLE_COUNT_LIMIT = 2
    settings.PEOPLE_KEPT_LIST_LIMIT = 0  # the office's reach is probed, as a province's is
    for _ in range(130):
        PersonFactory(full_name="Nguyễn Văn An", unit=units.other_commune)
    families = ["Đỗ", "Hồ", "Lâm", "Mai", "Ngô", "Phạm", "Trần", "Võ"]
    yen = [
        PersonFactory(full_name=f"{family} Thị Yến", unit=units.other_commune)
        for family in families
    ]
    client.force_login(users["program_office"])
    picked = {"o": "members", "members": [person.pk for person in yen[:3]], "nhieu": "1"}
    with override_settings(TRITHUC_PERSON_PICKER_LIMIT=2):
        response = client.get(reverse("people:person_options"), {"q": "thi yen", **picked})
    assert _offered(response) == [
        "Đỗ Thị Yến",
        "Hồ Thị Yến",
        "Lâm Thị Yến",
        "Mai Thị Yến",
        "Ngô Thị Yến",
    ]
