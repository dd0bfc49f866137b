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
    engagement: Engagement


@dataclass
class Engagement:
    """A draft open for comments (one comment shown, one hidden) and one not yet published, both of
    the Sở Nội vụ; a public and a private idea of the intellectual (the private one routed to the
    Sở Nội vụ); a dialogue session with a named and an anonymous question; a union of associations
    with one member association."""

    consultations: dict[str, Any]
    comments: dict[str, Any]
    ideas: dict[str, Any]
    session: Any
    questions: dict[str, Any]
    associations: dict[str, Any]


def _engagement(units: Units, users: dict[str, User], persons: dict[str, Person]) -> Engagement:
    from django.utils import timezone

    from trithuc.core.dates import today
    from trithuc.engagement import services as engage
    from trithuc.engagement.choices import AssociationKind
    from trithuc.engagement.models import Association, Membership
    from trithuc.privacy.services import consent_give

    officer, intellectual, leader = (
        users["agency_officer"],
        users["intellectual"],
        users["leader"],
    )
    for user in (intellectual, leader):
        consent_give(user)

    def draft(title: str) -> Any:
        return engage.consultation_create(
            actor=officer,
            unit=units.department,
            title=title,
            opens_on=today() - dt.timedelta(days=3),
            closes_on=today() + dt.timedelta(days=10),
            sections=[
                ("Điều 1. Phạm vi", "Áp dụng cho trí thức.\nKhông áp dụng cho khách."),
                ("Điều 2. Hỗ trợ", "Hỗ trợ 50 triệu đồng mỗi người."),
            ],
        )

    open_draft = engage.consultation_publish(actor=officer, consultation=draft("Quy định hỗ trợ"))
    section = open_draft.current_version.sections.order_by("order").first()
    shown = engage.comment_add(
        actor=intellectual, consultation=open_draft, section=section, text="Nên tăng mức hỗ trợ"
    )
    hidden = engage.comment_add(
        actor=leader, consultation=open_draft, text="Ý kiến có thông tin cá nhân của người khác"
    )
    engage.comment_hide(actor=officer, comment=hidden, reason="Có thông tin cá nhân")
    public = engage.idea_submit(
        actor=intellectual, title="Vườn ươm khởi nghiệp", text="Lập vườn ươm", is_public=True
    )
    private = engage.idea_submit(
        actor=intellectual, title="Chế độ cho chuyên gia", text="Đề xuất riêng", is_public=False
    )
    engage.idea_assign(actor=users["program_office"], idea=private, agency=units.department)
    session = engage.session_create(
        actor=officer,
        unit=units.department,
        topic="Đối thoại với trí thức trẻ",
        leader_name="Bí thư Tỉnh ủy",
        starts_at=timezone.now() + dt.timedelta(days=7),
        place="Hội trường Tỉnh ủy",
    )
    named = engage.question_submit(actor=leader, session=session, text="Chính sách nhà ở?")
    anonymous = engage.question_submit(
        actor=intellectual, session=session, text="Lương khởi điểm?", is_anonymous=True
    )
    union = Association.objects.create(name="Liên hiệp các hội", kind=AssociationKind.UNION)
    member = Association.objects.create(
        name="Hội Nông học", kind=AssociationKind.MEMBER, parent=union
    )
    Membership.objects.create(association=member, person=persons["in_new_commune"])
    return Engagement(
        consultations={"open": open_draft, "draft": draft("Dự thảo chưa công bố")},
        comments={"shown": shown, "hidden": hidden},
        ideas={"public": public, "private": private},
        session=session,
        questions={"named": named, "anonymous": anonymous},
        associations={"union": union, "member": member},
    )


@pytest.fixture
def world(units, users, people, program, tasks, make_report) -> World:  # noqa: F811
    return build_world(units, users, people, program, tasks, make_report)


def build_world(units, users, people, program, tasks, make_report) -> World:  # noqa: F811
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
        engagement=_engagement(units, users, people),
    )


@pytest.fixture
def tokens(users: dict[str, User]) -> dict[str, str]:
    return build_tokens(users)


def build_tokens(users: dict[str, User]) -> dict[str, str]:
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
