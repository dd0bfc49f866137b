"""Who may call what: one table over every API operation × every role of ``conftest.py users``
plus anonymous, with the status each gets and, for lists, exactly which records each sees.

The table is the API's entry in the project's URL-coverage mechanism (``URL_TABLE`` below is
built from it): a new operation without a row here fails ``core/tests/test_url_coverage.py``.
Each role's call runs in a rolled-back savepoint, so every role starts from the same records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from conftest import build_units, build_users
from trithuc.people.tests.conftest import build_people
from trithuc.people.tests.test_access import SCOPE as PEOPLE_SCOPE
from trithuc.tasks.tests.conftest import build_program, build_tasks, report_maker

from .conftest import ANONYMOUS, ROLES, World, build_tokens, build_world


@pytest.fixture(scope="module")
def kept(module_transaction):
    units = build_units()
    users = build_users(units)
    people = build_people(units, users)
    program = build_program(units)
    tasks = build_tasks(program, units)
    world = build_world(units, users, people, program, tasks, report_maker(program))
    return {"world": world, "tokens": build_tokens(users)}


@pytest.fixture
def world(kept_copy):
    return kept_copy["world"]


@pytest.fixture
def tokens(kept_copy):
    return kept_copy["tokens"]


API = "/api/v1"
SIGNED_IN = set(ROLES)
ASSIGNED = SIGNED_IN - {"intellectual"}  # tasks are read by everyone with an assignment
FOLLOWERS = SIGNED_IN - {"intellectual", "reviewer"}  # the program dashboard's readers
NEW_COMMUNE_EDITORS = {"program_office", "administrator", "officer_new_commune"}
NEW_PROVINCE_READERS = {"program_office", "leader", "administrator"}


def expect(default: int, **by_role: int) -> dict[str, int]:
    """A status for every role (``default`` unless named) and 401 for anonymous callers."""
    return {**{role: by_role.get(role, default) for role in ROLES}, ANONYMOUS: 401}


def only(roles: set[str], yes: int, no: int, **by_role: int) -> dict[str, int]:
    return expect(no, **(dict.fromkeys(roles, yes) | by_role))


@dataclass(frozen=True)
class Row:
    operation: str  # the view function: its URL name is "api:<operation>"
    method: str
    path: Callable[[World], str]
    statuses: dict[str, int]
    body: Callable[[World], Any] | None = None
    multipart: bool = False
    # For lists: the records by key, and which keys each role sees.
    records: Callable[[World], dict[str, int]] | None = None
    sees: dict[str, set[str]] = field(default_factory=dict)


def _people(w: World) -> dict[str, int]:
    return {key: p.pk for key, p in w.people.items()}


def _reports(w: World) -> dict[str, int]:
    return {key: r.pk for key, r in w.reports.items()}


def _evidence(w: World) -> dict[str, Any]:
    return {
        "unit": w.units.new_commune.pk,
        "date": "2025-05-01",
        "note": "Đã tổ chức hội nghị quán triệt cho 120 cán bộ",
        "files": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 bien ban", "application/pdf"),
    }


REPORTS_SEEN = {
    **{role: set() for role in ROLES},
    **{
        role: {"new_commune", "other_commune", "commune_one", "returned", "submitted"}
        for role in NEW_PROVINCE_READERS
    },
    "officer_new_commune": {"new_commune", "commune_one", "returned", "submitted"},
    "officer_other_commune": {"other_commune"},
    "officer_old_commune": {"commune_one"},
}
RECORDS_SEEN = {
    **{role: set() for role in ROLES},
    **{role: {"in_new_commune", "in_other_commune"} for role in NEW_PROVINCE_READERS},
    "officer_new_commune": {"in_new_commune"},
    "officer_other_commune": {"in_other_commune"},
}
EDIT_COMMUNE_ONE = {"program_office", "administrator", "officer_new_commune", "officer_old_commune"}
SEE_COMMUNE_ONE = EDIT_COMMUNE_ONE | {"leader"}
NEW_COMMUNE_REPORT_READERS = NEW_PROVINCE_READERS | {"officer_new_commune"}

MODERATORS = {"agency_officer", "program_office"}  # of the Sở Nội vụ's drafts and sessions
PRIVATE_IDEA_READERS = {"intellectual", "agency_officer"}  # its author and the answering agency


def _engaged(kind: str) -> Callable[[World], dict[str, int]]:
    return lambda w: {key: r.pk for key, r in getattr(w.engagement, kind).items()}


def _sees(everyone: set[str], **more: set[str]) -> dict[str, set[str]]:
    return {role: everyone | more.get(role, set()) for role in ROLES}


TABLE: dict[str, Row] = {
    "me": Row("me", "GET", lambda w: f"{API}/me", expect(200)),
    "orgunit list as of a date": Row(
        "orgunit_list", "GET", lambda w: f"{API}/orgunits?as_of=2024-01-01", expect(200)
    ),
    "orgunit with its history": Row(
        "orgunit_detail", "GET", lambda w: f"{API}/orgunits/{w.units.new_commune.pk}", expect(200)
    ),
    "person list": Row(
        "person_list",
        "GET",
        lambda w: f"{API}/people?limit=200",
        expect(200),
        records=_people,
        sees={role: visible for role, (visible, _) in PEOPLE_SCOPE.items()},
    ),
    "person of Xã Một": Row(
        "person_detail",
        "GET",
        lambda w: f"{API}/people/{w.people['in_commune_one'].pk}",
        only(SEE_COMMUNE_ONE, 200, 404),
    ),
    "person of Xã Một with the whole CCCD": Row(
        "person_detail",
        "GET",
        lambda w: f"{API}/people/{w.people['in_commune_one'].pk}?reveal_cccd=true",
        only(SEE_COMMUNE_ONE, 200, 404, leader=403, administrator=403),
    ),
    "add a person to Xã Mới": Row(
        "person_create",
        "POST",
        lambda w: f"{API}/people",
        only(
            NEW_COMMUNE_EDITORS,
            201,
            403,
            agency_officer=422,
            officer_other_commune=422,
        ),
        body=lambda w: {
            "full_name": "Lý Thị Mai",
            "gender": "female",
            "unit": w.units.new_commune.pk,
        },
    ),
    "edit the person of Xã Một": Row(
        "person_update",
        "PATCH",
        lambda w: f"{API}/people/{w.people['in_commune_one'].pk}",
        only(EDIT_COMMUNE_ONE, 200, 404),
        body=lambda w: {"version": w.people["in_commune_one"].version + 1, "hometown": "Vị Thanh"},
    ),
    "a reference table": Row(
        "reference_list", "GET", lambda w: f"{API}/reference/ethnicities", expect(200)
    ),
    "program list": Row(
        "program_list", "GET", lambda w: f"{API}/programs", only(FOLLOWERS, 200, 403)
    ),
    "a program": Row(
        "program_detail",
        "GET",
        lambda w: f"{API}/programs/{w.program.code}",
        only(FOLLOWERS, 200, 403),
    ),
    "a program's indicators and targets": Row(
        "indicator_list",
        "GET",
        lambda w: f"{API}/programs/{w.program.code}/indicators",
        only(FOLLOWERS, 200, 403),
    ),
    "computed values for Xã Mới": Row(
        "figure_list",
        "GET",
        lambda w: (
            f"{API}/programs/{w.program.code}/figures?unit={w.units.new_commune.pk}&year=2025"
        ),
        only(
            NEW_PROVINCE_READERS | {"officer_new_commune"}, 200, 404, reviewer=403, intellectual=403
        ),
    ),
    "task list": Row(
        "task_list",
        "GET",
        lambda w: f"{API}/tasks?program={w.program.code}",
        only(ASSIGNED, 200, 403),
        records=lambda w: {key: t.pk for key, t in w.tasks.items()},
        sees={role: {"commune_one", "new_commune", "other_commune"} for role in ASSIGNED},
    ),
    "a task": Row(
        "task_detail",
        "GET",
        lambda w: f"{API}/tasks/{w.tasks['commune_one'].pk}",
        only(ASSIGNED, 200, 403),
    ),
    "progress with evidence for Xã Mới": Row(
        "progress_add",
        "POST",
        lambda w: f"{API}/tasks/{w.tasks['commune_one'].pk}/progress",
        only(NEW_COMMUNE_EDITORS, 201, 403),
        body=_evidence,
        multipart=True,
    ),
    "mark a task done": Row(
        "task_complete",
        "POST",
        lambda w: f"{API}/tasks/{w.tasks['commune_one'].pk}/complete",
        only({"program_office", "administrator"}, 200, 403),
        body=lambda w: {"completed_on": "2025-06-30"},
    ),
    "unit report list": Row(
        "unit_report_list",
        "GET",
        lambda w: f"{API}/unit-reports",
        expect(200),
        records=_reports,
        sees=REPORTS_SEEN,
    ),
    "report of Xã Mới": Row(
        "unit_report_detail",
        "GET",
        lambda w: f"{API}/unit-reports/{w.reports['new_commune'].pk}",
        only(NEW_COMMUNE_REPORT_READERS, 200, 404),
    ),
    "save the report of Xã Mới": Row(
        "unit_report_save",
        "PUT",
        lambda w: f"{API}/unit-reports/{w.reports['new_commune'].pk}",
        only(NEW_COMMUNE_REPORT_READERS, 403, 404, officer_new_commune=200),
        body=lambda w: {"version": 1, "summary": "Đã quán triệt Nghị quyết"},
    ),
    "submit the returned report": Row(
        "unit_report_submit",
        "POST",
        lambda w: f"{API}/unit-reports/{w.reports['returned'].pk}/submit",
        only(NEW_COMMUNE_REPORT_READERS, 403, 404, officer_new_commune=200),
    ),
    "approve the submitted report": Row(
        "unit_report_approve",
        "POST",
        lambda w: f"{API}/unit-reports/{w.reports['submitted'].pk}/approve",
        only(NEW_COMMUNE_REPORT_READERS, 403, 404, program_office=200),
    ),
    "return the submitted report": Row(
        "unit_report_return",
        "POST",
        lambda w: f"{API}/unit-reports/{w.reports['submitted'].pk}/return",
        only(NEW_COMMUNE_REPORT_READERS, 403, 404, program_office=200),
        body=lambda w: {"comment": "Bổ sung số liệu hội thảo"},
    ),
    "course list": Row("course_list", "GET", lambda w: f"{API}/workforce/courses", expect(200)),
    "enrolment list": Row(
        "enrollment_list",
        "GET",
        lambda w: f"{API}/workforce/enrollments",
        expect(200),
        records=lambda w: {key: e.pk for key, e in w.enrollments.items()},
        sees=RECORDS_SEEN,
    ),
    "enrol a person of Xã Mới": Row(
        "enrollment_create",
        "POST",
        lambda w: f"{API}/workforce/enrollments",
        only(NEW_COMMUNE_EDITORS, 201, 422),
        body=lambda w: {
            "person": w.people["in_new_commune"].pk,
            "course": w.second_course.pk,
            "sending_unit": w.units.new_commune.pk,
        },
    ),
    "move an enrolment of Xã Mới": Row(
        "enrollment_status",
        "PATCH",
        lambda w: f"{API}/workforce/enrollments/{w.enrollments['in_new_commune'].pk}",
        only(NEW_COMMUNE_EDITORS, 200, 404),
        body=lambda w: {"status": "studying"},
    ),
    "rating list": Row(
        "rating_list",
        "GET",
        lambda w: f"{API}/workforce/ratings",
        expect(200),
        records=lambda w: {key: r.pk for key, r in w.ratings.items()},
        sees=RECORDS_SEEN,
    ),
    "rate a person of Xã Mới": Row(
        "rating_set",
        "POST",
        lambda w: f"{API}/workforce/ratings",
        only(NEW_COMMUNE_EDITORS, 200, 422),
        body=lambda w: {
            "person": w.people["in_new_commune"].pk,
            "year": 2025,
            "level": "excellent",
            "unit": w.units.new_commune.pk,
        },
    ),
    "career events": Row(
        "career_event_list", "GET", lambda w: f"{API}/workforce/career-events", expect(200)
    ),
    "awards": Row("award_list", "GET", lambda w: f"{API}/workforce/awards", expect(200)),
    "nominations": Row(
        "nomination_list", "GET", lambda w: f"{API}/workforce/nominations", expect(200)
    ),
    "attraction cases": Row(
        "attraction_case_list", "GET", lambda w: f"{API}/workforce/attraction-cases", expect(200)
    ),
    "science tasks": Row("science_task_list", "GET", lambda w: f"{API}/science/tasks", expect(200)),
    "a missing science task": Row(
        "science_task_detail", "GET", lambda w: f"{API}/science/tasks/999999", expect(404)
    ),
    "science needs": Row("need_list", "GET", lambda w: f"{API}/science/needs", expect(200)),
    "science applications": Row(
        "application_list", "GET", lambda w: f"{API}/science/applications", expect(200)
    ),
    "initiatives": Row(
        "initiative_list", "GET", lambda w: f"{API}/science/initiatives", expect(200)
    ),
    "consultation list": Row(
        "consultation_list",
        "GET",
        lambda w: f"{API}/consultations",
        expect(200),
        records=_engaged("consultations"),
        sees=_sees({"open"}, **dict.fromkeys(MODERATORS, {"draft"})),
    ),
    "the open draft": Row(
        "consultation_detail",
        "GET",
        lambda w: f"{API}/consultations/{w.engagement.consultations['open'].pk}",
        expect(200),
    ),
    "the draft not yet published": Row(
        "consultation_detail",
        "GET",
        lambda w: f"{API}/consultations/{w.engagement.consultations['draft'].pk}",
        only(MODERATORS, 200, 404),
    ),
    "comments on the open draft": Row(
        "comment_list",
        "GET",
        lambda w: f"{API}/consultations/{w.engagement.consultations['open'].pk}/comments",
        expect(200),
        records=_engaged("comments"),
        # The hidden comment: its moderators, and the leader who wrote it.
        sees=_sees({"shown"}, **dict.fromkeys(MODERATORS | {"leader"}, {"hidden"})),
    ),
    "comment on a section of the open draft": Row(
        "comment_add",
        "POST",
        lambda w: f"{API}/consultations/{w.engagement.consultations['open'].pk}/comments",
        # Only the intellectual and the leader have given their consent.
        only({"intellectual", "leader"}, 201, 403),
        body=lambda w: {
            "section": w.engagement.consultations["open"].current_version.sections.first().pk,
            "paragraph": 1,
            "text": "Đề nghị làm rõ đối tượng áp dụng",
        },
    ),
    "idea list": Row(
        "idea_list",
        "GET",
        lambda w: f"{API}/ideas",
        expect(200),
        records=_engaged("ideas"),
        sees=_sees({"public"}, **dict.fromkeys(PRIVATE_IDEA_READERS, {"private"})),
    ),
    "the private idea": Row(
        "idea_detail",
        "GET",
        lambda w: f"{API}/ideas/{w.engagement.ideas['private'].pk}",
        only(PRIVATE_IDEA_READERS, 200, 404),
    ),
    "dialogue sessions": Row(
        "session_list",
        "GET",
        lambda w: f"{API}/dialogues",
        expect(200),
        records=lambda w: {"session": w.engagement.session.pk},
        sees=_sees({"session"}),
    ),
    "a dialogue session with its questions": Row(
        "session_detail",
        "GET",
        lambda w: f"{API}/dialogues/{w.engagement.session.pk}",
        expect(200),
    ),
    "associations": Row(
        "association_list",
        "GET",
        lambda w: f"{API}/associations",
        expect(200),
        records=_engaged("associations"),
        sees=_sees({"union", "member"}),
    ),
}

URL_TABLE = {
    **{f"api:{row.operation}": label for label, row in TABLE.items()},
    "api:api-root": "answers 404 to everyone: it only names the API's root for reversing",
    "api:openapi-json": "public: the OpenAPI schema (test_openapi.py)",
    "api:openapi-view": "public: the interactive documentation, served from local files",
    "apitokens:token_list": "any signed-in user, their own tokens (test_tokens.py)",
    "apitokens:token_revoke": "the token's owner only (test_tokens.py)",
}


def _call_as_each_role(row: Row, world: World, call: Callable[..., Any]) -> dict[str, Any]:
    responses = {}
    for role in [*ROLES, ANONYMOUS]:
        with transaction.atomic():
            body = row.body(world) if row.body else None
            responses[role] = call(role, row.method, row.path(world), body, multipart=row.multipart)
            transaction.set_rollback(True)
    return responses


@pytest.mark.parametrize("label", TABLE)
def test_each_role_gets_the_status_of_the_table(label, world, call):
    row = TABLE[label]
    responses = _call_as_each_role(row, world, call)
    assert {role: r.status_code for role, r in responses.items()} == row.statuses
    for response in responses.values():
        if response.status_code >= 400:
            body = response.json()
            assert body["code"], body
            assert body["message"], body
    if row.records is not None:
        ids = row.records(world)
        for role, seen in row.sees.items():
            shown = {item["id"] for item in responses[role].json()["items"]}
            assert shown == {ids[key] for key in seen}, role


def test_every_operation_of_the_api_has_a_row():
    from trithuc.api.main import api

    operations = {
        op.view_func.__name__
        for router in [
            api.default_router,
            *(r for _, r in api._routers if r is not api.default_router),
        ]
        for path_view in router.path_operations.values()
        for op in path_view.operations
    }
    assert operations == {row.operation for row in TABLE.values()}
