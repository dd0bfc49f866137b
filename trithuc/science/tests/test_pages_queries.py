"""Query budgets of the science list pages: the count is the same with one row as with thirty."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from trithuc.science.models import (
    Application,
    CooperationProgram,
    Initiative,
    Need,
    ScienceTask,
    TeamMember,
)
from trithuc.science.tests import factories as make

ROWS = 30


def _tasks(world, n):
    task = world["task"]
    start = ScienceTask.objects.count()
    ScienceTask.objects.bulk_create(
        ScienceTask(
            code=f"NV-2025-{100 + start + i}",
            kind=task.kind,
            title=f"Nhiệm vụ {i}",
            field=world["field"],
            year=2025,
            ordering_list=task.ordering_list,
            managing_unit=task.managing_unit,
        )
        for i in range(n)
    )


def _needs(world, n):
    units = world["units"]
    Need.objects.bulk_create(
        Need(
            proposing_unit=units.new_commune,
            managing_unit=units.department,
            kind="de_tai",
            title=f"Đề xuất {i}",
            field=world["field"],
            year=2026,
            proposed_on=dt.date(2025, 9, 1),
        )
        for i in range(n)
    )


def _initiatives(world, n):
    made = Initiative.objects.bulk_create(
        Initiative(
            kind="sang_kien",
            title=f"Sáng kiến {i}",
            unit=world["units"].new_commune,
            field=world["field"],
            description="x",
            submitted_on=dt.date(2025, 8, 1),
        )
        for i in range(n)
    )
    Initiative.authors.through.objects.bulk_create(
        Initiative.authors.through(initiative=i, person=world["person"]) for i in made
    )


def _programmes(world, n):
    made = CooperationProgram.objects.bulk_create(
        CooperationProgram(
            title=f"Hợp tác {i}",
            partner="Viện",
            organising_unit=world["units"].department,
            field=world["field"],
            start_date=dt.date(2025, 3, 1),
            year=2025,
        )
        for i in range(n)
    )
    CooperationProgram.experts.through.objects.bulk_create(
        CooperationProgram.experts.through(cooperationprogram=c, person=world["person"])
        for c in made
    )


def _applications(world, n):
    units = world["units"]
    made = Application.objects.bulk_create(
        Application(
            task=world["task"],
            lead=world["person"],
            submitting_unit=units.new_commune,
            host_name=f"Tổ chức {i}",
            budget=Decimal(100),
            submitted_on=dt.date(2025, 3, 1),
        )
        for i in range(n)
    )
    TeamMember.objects.bulk_create(
        TeamMember(application=a, person=world["person"], role="lead") for a in made
    )


PAGES = [
    # (URL name, user, row maker, budget): the reach of the user's roles costs a few queries
    # once per page (proposing and running reaches on the need and initiative lists). The menu
    # reads the user's roles once (one query on pages that do not scope personal data).
    ("science:task_list", "program_office", _tasks, 8),
    ("science:need_list", "program_office", _needs, 15),
    ("science:initiative_list", "program_office", _initiatives, 15),
    ("science:cooperation_list", "agency_officer", _programmes, 9),
    ("science:review_list", "reviewer", _applications, 4),
]


@pytest.fixture
def world(units, users, aquaculture):
    """A task under review whose council the reviewer chairs, and a person to hang rows on."""
    from trithuc.science import services
    from trithuc.science.choices import CouncilRole

    task = make.called_task(units.department, units.new_commune)
    make.apply(task, make.person("Võ Thành Đạt", units.new_commune), units.new_commune)
    chair = make.person("Phan Văn Biện", units.department, user=users["reviewer"])
    services.council_form(
        actor=None,
        task=task,
        decision_number="30/QĐ",
        formed_on=dt.date(2025, 5, 2),
        members=[(chair, CouncilRole.CHAIR)],
    )
    person = make.person("Đặng Thị Trí", units.new_commune)
    return {"units": units, "task": task, "field": aquaculture, "person": person}


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(("name", "role", "rows", "budget"), PAGES)
def test_list_page_queries_stay_flat_with_thirty_rows(
    client, users, world, django_assert_max_num_queries, name, role, rows, budget
):
    client.force_login(users[role])
    url = reverse(name)
    rows(world, 1)
    _count(client, url)  # warm the session and per-process caches
    one = _count(client, url)
    rows(world, ROWS - 1)
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    listed = next(
        response.context[key]
        for key in ("tasks", "needs", "initiatives", "programmes", "applications")
        if key in response.context
    )
    assert len(listed) >= ROWS
    assert _count(client, url) == one
