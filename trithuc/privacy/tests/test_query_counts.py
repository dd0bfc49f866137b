"""The privacy lists (requests, incidents) and the API token list cost the same number of queries
with ten rows as with one."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from trithuc.api.services import token_create
from trithuc.people.tests.factories import PersonFactory
from trithuc.privacy import services
from trithuc.privacy.choices import RequestKind

pytestmark = pytest.mark.django_db


def _request(units, users, number: int) -> None:
    person = PersonFactory(full_name=f"Người Yêu Cầu {number}", unit=units.commune_one)
    services.subject_request_create(
        actor=users["program_office"],
        person=person,
        kind=RequestKind.choices[0][0],
        details=f"Yêu cầu số {number}",
    )


def _incident(units, users, number: int) -> None:
    services.incident_create(
        actor=users["program_office"],
        title=f"Sự cố số {number}",
        description="Mô tả",
        detected_at=timezone.now(),
    )


def _token(units, users, number: int) -> None:
    token_create(actor=None, user=users["program_office"], name=f"Khóa {number}")


# What the tenth row shows on its page.
MARKS = {
    "privacy:request_list": "Người Yêu Cầu 9",
    "privacy:incident_list": "Sự cố số 9",
    "apitokens:token_list": "Khóa 9",
}
PAGES = [
    ("privacy:request_list", _request),
    ("privacy:incident_list", _incident),
    ("apitokens:token_list", _token),
]


@pytest.mark.parametrize(("name", "make"), PAGES)
def test_a_list_costs_no_more_queries_with_ten_rows_than_with_one(
    client, units, users, django_assert_max_num_queries, name, make
):
    client.force_login(users["program_office"])
    make(units, users, 0)
    client.get(reverse(name))  # warm the session and per-process caches
    with CaptureQueriesContext(connection) as one_row:
        assert client.get(reverse(name)).status_code == 200
    for number in range(1, 10):
        make(units, users, number)
    with django_assert_max_num_queries(len(one_row)):
        page = client.get(reverse(name))
    assert page.status_code == 200
    assert MARKS[name] in page.content.decode()
