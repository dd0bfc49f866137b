"""A small world for the API tests: the people of the people tests, the program, tasks and unit
reports of the tasks tests, a training course with enrolments and ratings, and a token per role.

``call(role, method, path, ...)`` sends a request as ``role`` with that role's API token
("anonymous" sends none)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from conftest import Units
from trithuc.accounts.models import User
from trithuc.api import services
from trithuc.people.models import Person
from trithuc.people.tests.conftest import people  # noqa: F401 - a fixture
from trithuc.people.tests.factories import a_cccd
from trithuc.programs.models import Program
from trithuc.tasks.choices import ReportStatus
from trithuc.tasks.models import Task, UnitReport
from trithuc.tasks.tests.conftest import (  # noqa: F401 - fixtures
    _media_in_tmp,
    make_report,
    program,
    tasks,
)
from trithuc.workforce.tests import factories as workforce

ROLES = [
    "program_office",
    "leader",
    "administrator",
    "agency_officer",
    "officer_new_commune",
    "officer_other_commune",
    "officer_old_commune",
    "reviewer",
    "intellectual",
]
ANONYMOUS = "anonymous"


@dataclass
class World:
    units: Units
    people: dict[str, Person]
    program: Program
    tasks: dict[str, Task]
    reports: dict[str, UnitReport]
    course: Any
    second_course: Any
    enrollments: dict[str, Any]
    ratings: dict[str, Any]


@pytest.fixture
def world(units, people, program, tasks, make_report) -> World:  # noqa: F811
    from trithuc.people import services as people_services

    person = people["in_commune_one"]
    people_services.person_update(
        actor=None,
        person_id=person.pk,
        expected_version=person.version,
        data={},
        cccd=a_cccd(birth_year=1985),
    )
    reports = {
        "new_commune": make_report(units.new_commune),
        "other_commune": make_report(units.other_commune),
        "commune_one": make_report(units.commune_one, year=2024),
        "returned": make_report(units.new_commune, status=ReportStatus.RETURNED, quarter=1),
        "submitted": make_report(units.new_commune, status=ReportStatus.SUBMITTED, quarter=2),
    }
    course = workforce.course(start=dt.date(2025, 3, 1))
    new, other = people["in_new_commune"], people["in_other_commune"]
    return World(
        units=units,
        people=people,
        program=program,
        tasks=tasks,
        reports=reports,
        course=course,
        second_course=workforce.course(start=dt.date(2025, 9, 1)),
        enrollments={
            "in_new_commune": workforce.enrollment(new, units.new_commune, of=course),
            "in_other_commune": workforce.enrollment(other, units.other_commune, of=course),
        },
        ratings={
            "in_new_commune": workforce.rating(new, units.new_commune),
            "in_other_commune": workforce.rating(other, units.other_commune),
        },
    )


@pytest.fixture
def tokens(users: dict[str, User]) -> dict[str, str]:
    return {
        role: services.token_create(actor=None, user=user, name="Kiểm thử")[1]
        for role, user in users.items()
    }


@pytest.fixture
def call(tokens: dict[str, str]) -> Callable[..., Any]:
    def send(role: str, method: str, path: str, body: Any = None, *, multipart: bool = False):
        client = Client()
        headers = {} if role == ANONYMOUS else {"authorization": f"Bearer {tokens[role]}"}
        if method == "GET":
            return client.get(path, headers=headers)
        if multipart:
            return client.post(path, body or {}, headers=headers)
        return client.generic(
            method,
            path,
            data=b"" if body is None else json.dumps(body),
            content_type="application/json",
            headers=headers,
        )

    return send
