"""Writes beyond scope: every view that changes state, posted by users who must not change the
record it names (an officer of another unit, a read-only leader, a reviewer, an intellectual, an
agency officer of another branch, an anonymous visitor), with the ids of Xã Mới's records or of
Xã Mới itself in the form. Each is refused (404 out of scope, 403 in scope but not allowed, the
login page for anonymous; a create form re-shown with the foreign unit refused) and the database
is unchanged, row for row (a digest of every table). The same post by the rightful writer does
change the database: the data would have been written, so the refusal is the scope check.

The form data are read from the page the rightful writer opens, so each entry says only what
differs. Views enumerated from the URL resolver: a view that accepts POST and is in none of the
tables below fails ``test_every_state_changing_view_is_covered``; the REST API's write endpoints,
once merged, are listed in ``WRITES`` with ``as_json=True`` (see docs/security.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import build_units, build_users
from tests.reliability.server import _FormFields
from trithuc.accounts.models import User
from trithuc.imports import services as import_services
from trithuc.imports.tests.helpers import xlsx
from trithuc.people.reference import reference_data_load
from trithuc.tasks.choices import ReportStatus
from trithuc.tasks.tests.conftest import build_program, build_tasks, report_maker
from trithuc.workforce.choices import AttractionStatus, EnrollmentStatus
from trithuc.workforce.tests import factories as make
from trithuc.workforce.tests.conftest import build_records

from .conftest import changed_tables, database_fingerprint
from .urls import project_routes

OUTSIDERS = ("officer_other_commune", "agency_officer", "reviewer", "intellectual", "leader")


@dataclass
class Write:
    """A state-changing view aimed at one of Xã Mới's records (``target``), or a create form
    given Xã Mới's id (``target`` None)."""

    target: Callable[[dict], int | None]
    data: Callable[[dict], dict[str, Any]] = lambda w: {}
    form_page: bool = True  # the view shows a form on GET, whose fields are the post's base
    writer: str = "officer_new_commune"
    attackers: tuple[str, ...] = OUTSIDERS
    as_json: bool = False  # REST API endpoints take JSON bodies


def _degree(code: str) -> int:
    from trithuc.people.models import DegreeLevel

    return DegreeLevel.objects.get(code=code).pk


def _sheet(w):
    content = xlsx([["Họ và tên", "Ngày sinh", "Giới tính"], ["Lê Văn Bình", "1980", "Nam"]])
    return {
        "kind": "people",
        "unit": w["units"].new_commune.pk,
        "file": SimpleUploadedFile("a.xlsx", content),
    }


WRITES: dict[str, Write] = {
    "people:person_edit": Write(lambda w: w["person"].pk, lambda w: {"hometown": "Sửa trái phép"}),
    "people:employment_add": Write(
        lambda w: w["person"].pk,
        lambda w: {
            "unit": w["units"].new_commune.pk,
            "sector": "public",
            "position": "Chuyên viên",
            "start_date": "2025-08-01",
        },
    ),
    "people:qualification_add": Write(
        lambda w: w["person"].pk,
        lambda w: {
            "level": _degree("thac-si"),
            "major": "Thủy sản",
            "institution": "Trường Đại học Cần Thơ",
            "country": "Việt Nam",
        },
    ),
    "people:person_create": Write(
        lambda w: None,
        lambda w: {
            "full_name": "Lý Văn Lạ",
            "gender": "male",
            "birth_date_precision": "day",
            "birth_date": "1990-01-01",
            "unit": w["units"].new_commune.pk,
        },
    ),
    "tasks:progress_add": Write(
        lambda w: w["tasks"]["new_commune"].pk,
        lambda w: {"unit": w["units"].new_commune.pk, "date": "2025-09-01", "note": "Ghi hộ"},
    ),
    "tasks:unit_report_edit": Write(lambda w: w["report"].pk, lambda w: {"summary": "Sửa hộ"}),
    "tasks:unit_report_submit": Write(lambda w: w["returned"].pk, form_page=False),
    "tasks:unit_report_approve": Write(
        lambda w: w["submitted"].pk,
        form_page=False,
        writer="program_office",
        attackers=(*OUTSIDERS, "officer_new_commune"),
    ),
    "tasks:unit_report_return": Write(
        lambda w: w["submitted"].pk,
        lambda w: {"comment": "Trả lại"},
        form_page=False,
        writer="program_office",
        attackers=(*OUTSIDERS, "officer_new_commune"),
    ),
    "imports:batch_list": Write(lambda w: None, _sheet),
    "imports:batch_commit": Write(lambda w: w["batch"].pk, form_page=False),
    "workforce:rating_edit": Write(lambda w: w["records"].rating.pk, lambda w: {"note": "Sửa hộ"}),
    "workforce:rating_set": Write(
        lambda w: None,
        lambda w: {
            "person": w["records"].person.pk,
            "year": "2023",
            "level": "good",
            "unit": w["units"].new_commune.pk,
        },
    ),
    "workforce:enrollment_status": Write(
        lambda w: w["records"].enrollment.pk,
        lambda w: {"status": EnrollmentStatus.STUDYING},
        form_page=False,
    ),
    "workforce:succession_remove": Write(lambda w: w["records"].plan.pk, form_page=False),
    "workforce:nomination_submit": Write(lambda w: w["records"].nomination.pk, form_page=False),
    "workforce:case_start": Write(
        lambda w: w["approved_case"].pk,
        lambda w: {"service_start": "2025-04-01"},
        form_page=False,
    ),
}
# Proven, role by role with the record checked unchanged, by the apps' own access tests.
COVERED_ELSEWHERE = {
    **dict.fromkeys(
        [r.name for r in project_routes() if r.name.startswith("science:")],
        "trithuc/science/tests/test_access.py (every science URL × every role)",
    ),
    **dict.fromkeys(
        [r.name for r in project_routes() if r.name.startswith("engagement:")],
        "trithuc/engagement/tests/test_access.py (every engagement URL × every role) and "
        "test_flows.py (moderation, routing, sessions refused to every other role)",
    ),
    **dict.fromkeys(
        [r.name for r in project_routes() if r.name.startswith("api:")],
        "trithuc/api/tests/test_access.py (every operation × every role, visible ids checked)",
    ),
    **dict.fromkeys(
        [
            "workforce:nomination_score",
            "workforce:nomination_decide",
            "workforce:case_appraise",
            "workforce:case_decide",
            "workforce:disbursement_add",
            "workforce:case_end",
        ],
        "trithuc/workforce/tests/test_access.py::test_actions_are_done_only_by_the_roles_allowed",
    ),
    "workforce:training_plan": "trithuc/workforce/tests/test_access.py::test_training_plan_of_xa_moi_is_saved_only_by_its_writers",
    "workforce:course_create": "courses are not personal data; trithuc/workforce/tests/test_access.py (course managers only)",
    "workforce:enrollment_add": "trithuc/workforce/tests/test_access.py (writers of some unit; units offered are their own)",
    "workforce:succession_add": "same form as rating_set (ScopedForm): units and people offered are the writer's own",
    "workforce:career_record": "same ScopedForm as rating_set",
    "workforce:award_record": "same ScopedForm as rating_set",
    "workforce:nomination_create": "same ScopedForm as rating_set",
    "workforce:case_apply": "same ScopedForm as rating_set",
    "tasks:task_mark_done": "trithuc/tasks/tests/test_access.py::test_only_program_office_and_administrator_mark_tasks_done",
    "tasks:task_reopen": "trithuc/tasks/tests/test_access.py::test_only_program_office_and_administrator_mark_tasks_done",
    "tasks:period_close": "trithuc/tasks/tests/test_access.py::test_only_the_program_office_opens_period_closing",
    "reports:review_list": "trithuc/reports/tests/test_access.py (a leader may not ask for another commune's report)",
    "imports:batch_decide": "trithuc/imports/tests/test_access.py (404 outside the change reach)",
    "accounts:login": "tests/security/test_lockout.py",
    "accounts:mfa_setup": "acts on the poster's own authenticator only: trithuc/accounts/tests/test_mfa.py",
    "accounts:mfa_verify": "acts on the poster's own session only: trithuc/accounts/tests/test_mfa.py",
    "apitokens:token_list": "makes a token for the poster only: trithuc/api/tests/test_tokens.py::test_an_officer_cannot_make_a_token_for_someone_else",
    "apitokens:token_revoke": "trithuc/api/tests/test_tokens.py::test_nobody_revokes_another_users_token",
    **dict.fromkeys(
        [r.name for r in project_routes() if r.name.startswith("privacy:")],
        "trithuc/privacy/tests/test_access.py (program office and administrators within their "
        "scope; a person's own record) and test_cases.py",
    ),
    "accounts:logout": "ends the poster's own session only",
}
# Pages that change nothing: a POST is answered like a GET (no decorator limits the method).
READ_ONLY = {
    "people:person_options",
    "orgunits:orgunit_tree",
    "orgunits:orgunit_detail",
    "programs:dashboard",
    "programs:indicator_rows",
    "imports:template_download",
    "imports:export",
    "imports:batch_detail",
    "imports:batch_progress",
    "imports:batch_error_report",
    "reports:review_detail",
    "reports:review_progress",
    "reports:review_download",
    "reports:statistics",
    "reports:structure",
    "tasks:task_list",
    "tasks:task_detail",
    "tasks:evidence_download",
    "tasks:unit_report_list",
    "tasks:unit_report_detail",
    "people:person_list",
    "people:person_detail",
    "home",
}
# The REST API (django-ninja, /api/v1/) is merged separately. Its routes are in the resolver, so
# once merged every write endpoint must be listed in WRITES (``as_json=True``, its data as the
# JSON body) or the coverage test below fails.


@pytest.fixture(scope="module")
def kept(module_transaction):
    units = build_units()
    users = build_users(units)
    reference_data_load()
    program = build_program(units)
    tasks = build_tasks(program, units)
    records = build_records(units, users)
    return build_world(users, units, tasks, report_maker(program), records)


@pytest.fixture
def world(kept_copy):
    return kept_copy


@pytest.fixture
def units(kept_copy):
    return kept_copy["units"]


def build_world(users, units, tasks, make_report, records):
    batch = import_services.batch_create(
        actor=users["officer_new_commune"],
        kind="people",
        unit=units.new_commune,
        filename="ds.xlsx",
        content=xlsx([["Họ và tên", "Ngày sinh", "Giới tính"], ["Lê Văn Bình", "1980", "Nam"]]),
    )
    import_services.batch_check(batch_id=batch.pk)
    return {
        "users": users,
        "units": units,
        "tasks": tasks,
        "records": records,
        "batch": batch,
        "person": records.person,
        "report": make_report(units.new_commune),
        "returned": make_report(units.new_commune, year=2023, status=ReportStatus.RETURNED),
        "submitted": make_report(units.new_commune, year=2024, status=ReportStatus.SUBMITTED),
        "approved_case": make.attraction_case(
            records.person, units.new_commune, status=AttractionStatus.APPROVED
        ),
    }


def _fields(client: Client, url: str) -> dict[str, str]:
    parser = _FormFields()
    parser.feed(client.get(url).content.decode())
    parser.fields.pop("csrfmiddlewaretoken", None)
    return parser.fields


def _post(user: User | None, url: str, data: dict, *, as_json: bool = False) -> Any:
    client = Client()
    if user is not None:
        client.force_login(user)
    if as_json:
        return client.post(url, data, content_type="application/json")
    return client.post(url, data)


@pytest.mark.parametrize("name", sorted(WRITES))
def test_outsiders_cannot_write_and_nothing_changes(world, name):
    entry = WRITES[name]
    pk = entry.target(world)
    url = reverse(name, args=[pk] if pk is not None else [])
    writer = world["users"][entry.writer]
    base = {}
    if entry.form_page:
        own = Client()
        own.force_login(writer)
        base = _fields(own, url)
    before = database_fingerprint()
    for attacker in (None, *entry.attackers):
        user = world["users"][attacker] if attacker else None
        response = _post(user, url, {**base, **entry.data(world)}, as_json=entry.as_json)
        if user is None:
            assert response.status_code == 302, name
            assert "/tai-khoan/dang-nhap/" in response["Location"]
        elif pk is not None:
            assert response.status_code in (403, 404), (name, attacker, response.status_code)
        else:
            assert response.status_code in (200, 403), (name, attacker, response.status_code)
        assert changed_tables(before, database_fingerprint()) == [], (name, attacker)
    # The rightful writer's identical post does write: the refusals above were the scope check.
    response = _post(writer, url, {**base, **entry.data(world)}, as_json=entry.as_json)
    assert response.status_code == 302, (
        name,
        getattr(response, "context", None)
        and response.context.get("form")
        and response.context["form"].errors,
    )
    assert changed_tables(before, database_fingerprint()), name


def test_every_state_changing_view_is_covered(db):
    superuser = User.objects.create_superuser(username="sieu", password="mat-khau-thu-nghiem")
    client = Client()
    client.force_login(superuser)
    # Signing out is probed apart: it would end the prober's session for the routes after it.
    routes = [r for r in project_routes() if r.name != "accounts:logout"]
    accepting = {r.name for r in routes if client.post(r.url()).status_code != 405}
    listed = set(WRITES) | set(COVERED_ELSEWHERE) | READ_ONLY
    assert not accepting - listed, (
        f"View nhận POST chưa được kiểm thử phạm vi: {sorted(accepting - listed)}"
    )
    assert set(WRITES) <= accepting


def test_an_officer_cannot_approve_another_units_report_even_with_a_program_office_role_elsewhere(
    world, units
):
    """A program office member assigned to Xã Khác only reaches Xã Khác: Xã Mới's report is
    out of their scope, whatever their role."""
    from conftest import make_user
    from trithuc.accounts.choices import Role

    narrow = make_user("vanphongxa", Role.PROGRAM_OFFICE, units.other_commune)
    report = world["submitted"]
    before = database_fingerprint()
    response = _post(narrow, reverse("tasks:unit_report_approve", args=[report.pk]), {})
    assert response.status_code in (403, 404)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert changed_tables(before, database_fingerprint()) == []
