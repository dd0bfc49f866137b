"""Who may list, open and edit whom: one table over every person page and every role.

Officers read the subtree of their units plus every unit whose history leads into them; leaders read
and do not write; reviewers and intellectuals see only their own profile; anonymous users are sent
to the login page. Out-of-scope and missing records answer the same 404.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from conftest import kept_fixtures, kept_province
from trithuc.people.models import DegreeLevel
from trithuc.people.reference import reference_data_load
from trithuc.people.tests.conftest import build_people

ALL = {
    "in_commune_one",
    "in_commune_two",
    "in_new_commune",
    "in_other_commune",
    "in_department",
    "retired_from_commune_one",
    "own_profile",
    "in_district",
}

# role → (people it can see, people it can edit)
SCOPE = {
    "program_office": (ALL, ALL),
    "administrator": (ALL, ALL),
    "leader": (ALL, set()),
    "agency_officer": ({"in_department"}, {"in_department"}),
    # The dissolved district's staff count for the new province (its old province merged into it),
    # not for any one new commune.
    # Xã Mới took over Xã Một and Xã Hai: its officer sees their people, retirees included.
    "officer_new_commune": (
        {"in_new_commune", "in_commune_one", "in_commune_two", "retired_from_commune_one"},
        {"in_new_commune", "in_commune_one", "in_commune_two", "retired_from_commune_one"},
    ),
    "officer_other_commune": (
        {"in_other_commune", "own_profile"},
        {"in_other_commune", "own_profile"},
    ),
    "officer_old_commune": (
        {"in_commune_one", "retired_from_commune_one"},
        {"in_commune_one", "retired_from_commune_one"},
    ),
    "reviewer": (set(), set()),
    "intellectual": ({"own_profile"}, {"own_profile"}),
}
CAN_CREATE = {
    "program_office",
    "administrator",
    "agency_officer",
    "officer_new_commune",
    "officer_other_commune",
}

# Every person URL, with how it is reached. The URL-coverage test fails when a URL is in no table.
URL_TABLE = {
    "people:person_list": "list",
    "people:person_detail": "view",
    "people:person_edit": "edit",
    "people:person_create": "create",
    "people:employment_add": "edit",
    "people:qualification_add": "edit",
    "people:person_options": "picker",
}
EDIT_URLS = [name for name, kind in URL_TABLE.items() if kind == "edit"]


@pytest.fixture(scope="module")
def kept(module_transaction):
    kept = kept_province()
    kept["people"] = build_people(kept["units"], kept["users"])
    return kept


units, users, people = kept_fixtures("units", "users", "people")


# The scope rule has two shapes (people/keepers.py): a probe per person, and the list of the ids
# a small reach keeps. Both must select exactly the same people for every role.
SHAPES = {
    "probe per person": {"PEOPLE_KEPT_LIST_LIMIT": 0},
    "list of kept ids": {"PEOPLE_KEPT_LIST_LIMIT": 20_000, "PEOPLE_KEPT_LIST_SHARE": 1},
}


@pytest.fixture(params=SHAPES)
def shape(request, settings):
    for name, value in SHAPES[request.param].items():
        setattr(settings, name, value)
    return request.param


def _client_for(client, users, role):
    client.force_login(users[role])
    return client


@pytest.mark.parametrize("role", SCOPE)
def test_person_list_shows_exactly_the_people_in_scope(client, users, people, role, shape):
    visible, _ = SCOPE[role]
    response = _client_for(client, users, role).get(reverse("people:person_list"))
    assert response.status_code == 200
    shown = {key for key, person in people.items() if person.full_name in response.text}
    assert shown == visible


@pytest.mark.parametrize("role", SCOPE)
@pytest.mark.parametrize("person_key", sorted(ALL))
def test_person_detail_opens_only_in_scope(client, users, people, role, person_key, shape):
    visible, _ = SCOPE[role]
    url = reverse("people:person_detail", args=[people[person_key].pk])
    response = _client_for(client, users, role).get(url)
    assert response.status_code == (200 if person_key in visible else 404)


@pytest.mark.parametrize("url_name", EDIT_URLS)
@pytest.mark.parametrize("role", SCOPE)
@pytest.mark.parametrize("person_key", sorted(ALL))
def test_edit_forms_open_only_for_editors(client, users, people, url_name, role, person_key):
    _, editable = SCOPE[role]
    url = reverse(url_name, args=[people[person_key].pk])
    response = _client_for(client, users, role).get(url)
    assert response.status_code == (200 if person_key in editable else 404)


@pytest.mark.parametrize("role", SCOPE)
@pytest.mark.parametrize("person_key", ["in_commune_one", "in_other_commune", "own_profile"])
def test_person_edit_saves_only_for_editors(client, users, people, role, person_key, shape):
    _, editable = SCOPE[role]
    person = people[person_key]
    url = reverse("people:person_edit", args=[person.pk])
    form = {
        "full_name": person.full_name,
        "gender": person.gender,
        "birth_date_precision": "day",
        "hometown": "Đã sửa bởi kiểm thử",
        "version": person.version,
    }
    response = _client_for(client, users, role).post(url, form)
    person.refresh_from_db()
    if person_key in editable:
        assert response.status_code == 302
        assert person.hometown == "Đã sửa bởi kiểm thử"
    else:
        assert response.status_code == 404
        assert person.hometown != "Đã sửa bởi kiểm thử"


@pytest.mark.parametrize("role", SCOPE)
def test_only_officers_with_write_scope_can_add_people(client, users, people, role):
    response = _client_for(client, users, role).get(reverse("people:person_create"))
    assert response.status_code == (200 if role in CAN_CREATE else 403)


def test_officer_cannot_file_a_person_under_a_unit_outside_scope(client, users, units, people):
    client.force_login(users["officer_other_commune"])
    response = client.post(
        reverse("people:person_create"),
        {
            "full_name": "Lý Văn Lạ",
            "gender": "male",
            "birth_date_precision": "day",
            "unit": units.new_commune.pk,
        },
    )
    assert response.status_code == 200
    assert "Lựa chọn không hợp lệ" in response.text or "Hãy chọn" in response.text
    assert not people["in_new_commune"].__class__.objects.filter(full_name="Lý Văn Lạ").exists()


@pytest.mark.parametrize("name", URL_TABLE)
def test_anonymous_user_is_sent_to_login(client, people, name):
    args = [people["in_commune_one"].pk] if URL_TABLE[name] in ("view", "edit") else []
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_missing_and_out_of_scope_people_answer_alike(client, users, people):
    client.force_login(users["officer_other_commune"])
    out_of_scope = client.get(reverse("people:person_detail", args=[people["in_commune_one"].pk]))
    missing = client.get(reverse("people:person_detail", args=[999999]))
    assert out_of_scope.status_code == missing.status_code == 404
    assert _without_csrf(out_of_scope.text) == _without_csrf(missing.text)


def _without_csrf(html: str) -> str:
    """The page with its per-response CSRF tokens blanked, so two pages can be compared."""
    html = re.sub(r'"X-CSRFToken": "[^"]+"', "", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_officer_of_merged_commune_reaches_records_of_predecessors_only_through_successor(
    client, users, people
):
    """Xã Một's 2023 records count for Xã Mới: the successor's officer sees them, the officer of an
    unrelated new commune does not, and the old commune's own officer still sees only Xã Một."""
    client.force_login(users["officer_new_commune"])
    assert (
        client.get(reverse("people:person_detail", args=[people["in_commune_one"].pk])).status_code
        == 200
    )
    client.logout()
    client.force_login(users["officer_other_commune"])
    assert (
        client.get(reverse("people:person_detail", args=[people["in_commune_one"].pk])).status_code
        == 404
    )


def test_officer_adds_a_job_only_in_a_unit_of_their_own(client, users, units, people):
    person = people["in_other_commune"]
    client.force_login(users["officer_other_commune"])
    url = reverse("people:employment_add", args=[person.pk])
    refused = client.post(url, {"unit": units.new_commune.pk, "sector": "public"})
    assert refused.status_code == 200
    saved = client.post(
        url,
        {
            "unit": units.other_commune.pk,
            "sector": "public",
            "position": "Phó Chủ tịch UBND",
            "start_date": "2025-07-01",
        },
    )
    assert saved.status_code == 302
    assert list(person.employments.values_list("unit_id", flat=True).order_by("pk")) == [
        units.other_commune.pk,
        units.other_commune.pk,
    ]


def test_intellectual_adds_a_degree_to_own_profile(client, users, people):
    reference_data_load()
    person = people["own_profile"]
    client.force_login(users["intellectual"])
    response = client.post(
        reverse("people:qualification_add", args=[person.pk]),
        {
            "level": DegreeLevel.objects.get(code="thac-si").pk,
            "major": "Khoa học cây trồng",
            "institution": "Trường Đại học Cần Thơ",
            "country": "Việt Nam",
            "year": 2015,
        },
    )
    assert response.status_code == 302
    assert person.qualifications.get().major == "Khoa học cây trồng"


# A search that matches more people than the list counts is read by walking the name order
# (people/selectors.py, person_page) instead of through the word index: the same people, in
# the same order, and never anyone outside the scope.
BROAD_SEARCHES = [{"q": "van"}, {"q": "thi"}, {"q": "h"}, {"q": ""}]


@pytest.mark.parametrize("role", SCOPE)
@pytest.mark.parametrize("search", BROAD_SEARCHES)
def test_a_search_read_in_name_order_shows_exactly_the_people_in_scope(
    users, people, role, search, settings, shape
):
    from trithuc.people.selectors import PersonFilters, person_list, person_page

    filters = PersonFilters(**search)
    visible, _ = SCOPE[role]
    through_index = list(person_list(user=users[role], filters=filters))
    # A count limit of 2 and pages of 2: a search matching more than two people walks.
    settings.PEOPLE_COUNT_LIMIT = 2
    settings.PEOPLE_PAGE_SIZE = 2
    page = list(person_page(user=users[role], filters=filters, number=1).object_list)
    assert page == through_index[:2]
    assert {key for key, person in people.items() if person in page} <= visible


@pytest.mark.parametrize("role", SCOPE)
@pytest.mark.parametrize("search", [{"q": "van"}, {"q": "nguyen"}, {"q": "h"}])
def test_the_pages_of_a_counted_search_follow_one_another_in_name_order(
    users, people, role, search, settings, shape
):
    # Under the count limit the matches are put in name order from the keys the search read,
    # and each page reads only its own rows: page after page must give the whole list.
    from trithuc.people.selectors import PersonFilters, person_list, person_page

    filters = PersonFilters(**search)
    whole = list(person_list(user=users[role], filters=filters))
    settings.PEOPLE_PAGE_SIZE = 2
    first = person_page(user=users[role], filters=filters, number=1)
    pages = [
        first,
        *(
            person_page(user=users[role], filters=filters, number=n)
            for n in range(2, first.paginator.num_pages + 1)
        ),
    ]
    assert first.paginator.count == len(whole)
    assert [person for page in pages for person in page.object_list] == whole


@pytest.mark.parametrize("role", SCOPE)
def test_a_search_past_the_count_limit_lists_the_people_in_scope(
    client, users, people, role, settings, shape
):
    settings.PEOPLE_COUNT_LIMIT = 2  # "van" matches 4 people, so it is read in name order
    response = _client_for(client, users, role).get(reverse("people:person_list"), {"q": "van"})
    assert response.status_code == 200
    shown = {key for key, person in people.items() if person.full_name in response.text}
    visible, _ = SCOPE[role]
    with_van = {key for key in visible if " Văn " in people[key].full_name}
    assert shown <= with_van
    assert len(shown) == min(len(with_van), 2)
