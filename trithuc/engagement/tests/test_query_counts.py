"""The engagement lists cost the same number of queries with many rows as with one: a page that
queried per consultation, idea, session or association would fail here."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from trithuc.core.dates import today
from trithuc.engagement import services
from trithuc.engagement.choices import AssociationKind
from trithuc.engagement.models import Association

from .conftest import SECTIONS

pytestmark = pytest.mark.django_db


def _consultation(units, people, number: int) -> None:
    draft = services.consultation_create(
        actor=people["agency_officer"],
        unit=units.department,
        title=f"Dự thảo số {number}",
        opens_on=today() - dt.timedelta(days=3),
        closes_on=today() + dt.timedelta(days=10),
        sections=SECTIONS,
    )
    services.consultation_publish(actor=people["agency_officer"], consultation=draft)


def _idea(units, people, number: int) -> None:
    services.idea_submit(
        actor=people["intellectual"], title=f"Hiến kế {number}", text="Nội dung", is_public=True
    )


def _session(units, people, number: int) -> None:
    services.session_create(
        actor=people["program_office"],
        unit=units.new_province,
        topic=f"Đối thoại {number}",
        leader_name="Bí thư",
        starts_at=timezone.now() + dt.timedelta(days=number + 1),
        place="Hội trường",
    )


def _association(units, people, number: int) -> None:
    parent = Association.objects.create(
        name=f"Liên hiệp {number}", kind=AssociationKind.choices[0][0]
    )
    services.member_association_create(actor=None, parent=parent, name=f"Hội thành viên {number}")


PAGES = [
    ("engagement:consultation_list", "intellectual", _consultation),
    ("engagement:idea_list", "intellectual", _idea),
    ("engagement:session_list", "intellectual", _session),
    ("engagement:association_list", "program_office", _association),
]


@pytest.mark.parametrize(("name", "role", "make"), PAGES)
def test_a_list_costs_no_more_queries_with_ten_rows_than_with_one(
    client, units, people, django_assert_max_num_queries, name, role, make
):
    client.force_login(people[role])
    make(units, people, 0)
    client.get(reverse(name))  # warm the session and per-process caches
    with CaptureQueriesContext(connection) as one_row:
        assert client.get(reverse(name)).status_code == 200
    for number in range(1, 10):
        make(units, people, number)
    with django_assert_max_num_queries(len(one_row)):
        page = client.get(reverse(name))
    assert page.status_code == 200
    assert "9" in page.content.decode()
