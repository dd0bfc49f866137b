"""The dashboard is kept rendered between visits, and a change of figures shows at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from trithuc.core.testing import queries_of
from trithuc.orgunits.choices import OrgUnitKind
from trithuc.orgunits.services import orgunit_create, orgunit_rename
from trithuc.programs.tests.test_computed_values import _send


@pytest.fixture
def cached(settings):
    settings.TRITHUC_DASHBOARD_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def _advanced_tile(client, program, units) -> str:
    url = reverse("programs:dashboard", args=[program.code])
    page = client.get(url, {"don-vi": units.new_province.pk, "nam": 2024}).text
    return page.split("Cử đi học cao cấp lý luận chính trị")[1].split("</p>")[0]


def test_a_second_visit_reads_the_kept_page(client, users, units, program, cached):
    client.force_login(users["program_office"])
    url = reverse("programs:dashboard", args=[program.code])
    first = queries_of(client, url, {"nam": 2024})
    second = queries_of(client, url, {"nam": 2024})
    assert second < first - 5  # the figures, targets, tasks and structure are not read again


def test_a_new_enrolment_shows_on_the_kept_dashboard_at_once(
    client, users, units, program, advanced_courses, cached, django_capture_on_commit_callbacks
):
    client.force_login(users["program_office"])
    with django_capture_on_commit_callbacks(execute=True):
        _send(advanced_courses[2024], units.commune_one, "Nguyễn Văn Một")
    assert ">1</a>" in _advanced_tile(client, program, units)
    with django_capture_on_commit_callbacks(execute=True):
        _send(advanced_courses[2024], units.other_commune, "Võ Thị Năm")
    assert ">2</a>" in _advanced_tile(client, program, units)


def test_the_unit_list_stays_each_users_own(client, users, units, program, cached):
    client.force_login(users["program_office"])
    url = reverse("programs:dashboard", args=[program.code])
    client.get(url, {"don-vi": units.other_commune.pk, "nam": 2024})
    client.force_login(users["officer_other_commune"])
    page = client.get(url, {"don-vi": units.other_commune.pk, "nam": 2024}).text
    assert "Xã Khác" in page
    assert "Xã Mới</option>" not in page  # the office's wider choice was not kept with the page


@pytest.fixture
def structure_kept(settings):
    settings.TRITHUC_STRUCTURE_CACHE_SECONDS = 60


def _picker(client, program) -> str:
    page = client.get(reverse("programs:dashboard", args=[program.code]), {"nam": 2024}).text
    return page.split('<select id="don-vi" name="don-vi">')[1].split("</select>")[0]


def test_a_renamed_or_new_unit_shows_in_the_kept_unit_list_at_once(
    client, users, units, program, cached, structure_kept
):
    client.force_login(users["program_office"])
    assert ">Xã Khác</option>" in _picker(client, program)
    orgunit_rename(
        unit=units.other_commune,
        new_name="Phường Khác",
        date=dt.date(2025, 9, 1),
        legal_basis="QĐ 1",
    )
    orgunit_create(code="TM.X3", name="Xã Ba", kind=OrgUnitKind.COMMUNE, parent=units.new_province)
    picker = _picker(client, program)
    assert ">Phường Khác</option>" in picker
    assert ">Xã Ba</option>" in picker


def test_an_edited_program_shows_on_the_kept_dashboard_at_once(
    client, users, units, program, cached, django_capture_on_commit_callbacks
):
    client.force_login(users["program_office"])
    url = reverse("programs:dashboard", args=[program.code])
    assert "Chương trình thử nghiệm" in client.get(url, {"nam": 2024}).text
    with django_capture_on_commit_callbacks(execute=True):
        program.title = "Chương trình đã sửa tên"
        program.save()
    assert "Chương trình đã sửa tên" in client.get(url, {"nam": 2024}).text


def test_a_kept_dashboard_is_served_without_a_query(client, users, units, program, cached):
    """With the user kept too (accounts/usercache.py), as in production."""
    client.force_login(users["program_office"])
    url = reverse("programs:dashboard", args=[program.code])
    with override_settings(TRITHUC_USER_CACHE_SECONDS=300, TRITHUC_STRUCTURE_CACHE_SECONDS=60):
        queries_of(client, url, {"nam": 2024})
        assert queries_of(client, url, {"nam": 2024}) == 0
