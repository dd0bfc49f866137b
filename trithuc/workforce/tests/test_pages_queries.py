"""Every list page costs the same few queries however many rows it shows (30 here)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import kept_fixtures, kept_province
from trithuc.workforce.choices import NominationStatus
from trithuc.workforce.tests import factories as make

ROWS = 30
# name → the most queries the page may make (session, user, scope, the rows and their relations,
# the filter's choices), measured plus one; a query per row would add thirty.
BUDGETS = {
    "workforce:course_list": 13,
    "workforce:rating_list": 10,
    "workforce:succession_list": 12,
    "workforce:career_list": 10,
    "workforce:nomination_list": 11,
    "workforce:award_list": 15,
    "workforce:case_list": 11,
    "workforce:policy_list": 9,
    "workforce:budget": 11,
}


@pytest.fixture(scope="module")
def kept(module_transaction):
    kept = kept_province()
    kept["many"] = build_many(kept["units"])
    return kept


units, users, many = kept_fixtures("units", "users", "many")


def build_many(units):
    """ROWS records of each kind, each about a different person of Xã Mới."""
    unit = units.new_commune
    course, position, kind, policy = (
        make.course(),
        make.position(),
        make.award_type(),
        make.policy(),
    )
    for i in range(ROWS):
        person = make.person_at(unit, f"Nguyễn Văn Số {i:02d}")
        make.enrollment(person, unit, of=course)
        make.rating(person, unit)
        make.succession_plan(person, unit, of=position)
        make.career_event(person, unit)
        make.nomination(person, unit, of=kind, status=NominationStatus.SUBMITTED)
        make.award(person, unit, of=kind)
        make.attraction_case(person, unit, of=policy)
    return course


@pytest.mark.parametrize("name", BUDGETS)
def test_list_pages_cost_a_fixed_number_of_queries(
    client, users, many, name, django_assert_max_num_queries
):
    client.force_login(users["program_office"])
    with django_assert_max_num_queries(BUDGETS[name]):
        response = client.get(reverse(name))
    assert response.status_code == 200
    if name not in ("workforce:policy_list", "workforce:budget", "workforce:course_list"):
        assert response.text.count("Nguyễn Văn Số") == ROWS


def test_course_page_costs_a_fixed_number_of_queries(
    client, users, many, django_assert_max_num_queries
):
    client.force_login(users["officer_new_commune"])
    with django_assert_max_num_queries(9):
        response = client.get(reverse("workforce:course_detail", args=[many.pk]))
    assert response.text.count("Nguyễn Văn Số") == ROWS
    assert response.text.count(">Đang học</button>") == ROWS


def test_structure_table_costs_a_fixed_number_of_queries(
    client, users, many, units, django_assert_max_num_queries
):
    client.force_login(users["program_office"])
    with django_assert_max_num_queries(14):
        response = client.get(reverse("workforce:structure"), {"don_vi": units.new_province.pk})
    row = response.text.split("Xã Mới</td>")[1].split("</tr>")[0]
    assert f"<td>{ROWS}</td>" in row
