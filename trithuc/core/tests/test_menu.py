"""The top menu offers each user only the sections they may open: no link leads to a refusal."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from conftest import make_program

pytestmark = pytest.mark.django_db

ROLES = [
    "program_office",
    "leader",
    "administrator",
    "agency_officer",
    "officer_new_commune",
    "officer_other_commune",
    "reviewer",
    "intellectual",
]


def _menu_links(html: str) -> list[str]:
    menu = re.search(r'<nav aria-label="Chức năng">(.*?)</nav>', html, re.S)
    assert menu, "the page has no main menu"
    return re.findall(r'href="([^"]+)"', menu.group(1))


@pytest.fixture
def program(units):
    """Program 45 as the menu links it (by its code), issued by the old province."""
    return make_program(units, code="CTr-45")


@pytest.mark.parametrize("role", ROLES)
def test_every_menu_link_opens_for_the_user_who_sees_it(client, users, program, role):
    client.force_login(users[role])
    home = client.get(reverse("people:person_list"))
    links = _menu_links(home.content.decode())
    assert reverse("people:person_list") in links
    for link in links:
        assert client.get(link).status_code == 200, f"{role}: {link}"


def test_a_reviewer_is_not_offered_the_dashboard_but_the_program_office_is(client, users, program):
    dashboard = reverse("programs:dashboard", args=["CTr-45"])
    client.force_login(users["reviewer"])
    assert dashboard not in _menu_links(client.get(reverse("people:person_list")).content.decode())
    client.force_login(users["program_office"])
    assert dashboard in _menu_links(client.get(reverse("people:person_list")).content.decode())


OFFICER_SECTIONS = ["orgunits:orgunit_tree", "tasks:unit_report_list", "imports:batch_list"]


@pytest.mark.parametrize("role", ["intellectual", "reviewer"])
def test_a_user_without_a_unit_to_read_is_offered_their_own_profile(client, users, program, role):
    client.force_login(users[role])
    html = client.get(reverse("people:person_list")).content.decode()
    links = _menu_links(html)
    for section in OFFICER_SECTIONS:
        assert reverse(section) not in links
    assert f'<a href="{reverse("people:person_list")}">Hồ sơ của tôi</a>' in html


def test_a_unit_officer_is_offered_the_registry_sections(client, users, program):
    client.force_login(users["officer_new_commune"])
    html = client.get(reverse("people:person_list")).content.decode()
    links = _menu_links(html)
    for section in OFFICER_SECTIONS:
        assert reverse(section) in links
    assert f'<a href="{reverse("people:person_list")}">Nhân sự</a>' in html
