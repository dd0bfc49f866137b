"""The signed-in user and their assignments are kept between requests (accounts/usercache.py),
and every change of them counts from the next request: a kept copy never widens or keeps access."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PASSWORD, make_program
from trithuc.accounts.choices import Role
from trithuc.accounts.models import UnitAssignment
from trithuc.accounts.services import user_assign
from trithuc.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(settings):
    """Every cache on, as in production."""
    settings.TRITHUC_USER_CACHE_SECONDS = 300
    settings.TRITHUC_STRUCTURE_CACHE_SECONDS = 60
    settings.TRITHUC_DASHBOARD_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def program(units):
    return make_program(units, code="CTr-45")


def _dashboard(program) -> str:
    return reverse("programs:dashboard", args=[program.code])


def _person_page(person) -> str:
    return reverse("people:person_detail", args=[person.pk])


def test_a_second_page_reads_neither_the_user_nor_their_assignments(client, users, kept):
    client.force_login(users["program_office"])
    client.get(reverse("people:person_list"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("people:person_list")).status_code == 200
    tables = " ".join(q["sql"] for q in captured.captured_queries)
    assert '"accounts_user"' not in tables
    assert '"accounts_unitassignment"' not in tables
    assert '"django_session"' not in tables


def test_an_officer_whose_assignment_is_removed_loses_access_at_once(
    client, users, units, program, kept
):
    officer = users["officer_new_commune"]
    person = PersonFactory(full_name="Nguyễn Văn Một", unit=units.commune_one)
    client.force_login(officer)
    assert client.get(_person_page(person)).status_code == 200
    assert client.get(_dashboard(program)).status_code == 200

    UnitAssignment.objects.get(user=officer).delete()  # as the admin's inline does

    assert client.get(_person_page(person)).status_code == 404
    assert client.get(_dashboard(program)).status_code == 403
    assert person.full_name not in client.get(reverse("people:person_list")).text


def test_a_new_assignment_counts_at_once(client, users, units, kept):
    officer = users["officer_other_commune"]
    person = PersonFactory(full_name="Nguyễn Văn Một", unit=units.commune_one)
    client.force_login(officer)
    assert client.get(_person_page(person)).status_code == 404
    user_assign(user=officer, unit=units.new_commune, role=Role.UNIT_OFFICER)
    assert client.get(_person_page(person)).status_code == 200


def test_a_deactivated_account_is_signed_out_at_once(client, users, program, kept):
    user = users["program_office"]
    client.force_login(user)
    assert client.get(_dashboard(program)).status_code == 200
    user.is_active = False
    user.save()
    response = client.get(_dashboard(program))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_changed_password_ends_the_other_sessions_at_once(client, users, program, kept):
    user = users["program_office"]
    client.force_login(user)
    assert client.get(_dashboard(program)).status_code == 200
    user.set_password(PASSWORD + "-moi")
    user.save()
    assert client.get(_dashboard(program)).status_code == 302


def test_an_evicted_version_does_not_bring_back_an_old_copy(client, users, program, kept):
    """A change made without signals (SQL) is seen once the version is gone from the cache (or the
    entry's time is up): the version starts again from a value no old entry holds."""
    user = users["program_office"]
    client.force_login(user)
    assert client.get(_dashboard(program)).status_code == 200
    type(user).objects.filter(pk=user.pk).update(is_active=False)  # no signal
    cache.delete(f"accounts:user-version:{user.pk}")
    assert client.get(_dashboard(program)).status_code == 302
