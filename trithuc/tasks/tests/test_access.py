"""Who may open and act on each task and report page: one table over every URL and every role.

Tasks are not personal data: everyone with an assignment reads them. Unit reports follow the
scoping rule: out of scope answers 404, alike for missing reports. In scope but not allowed by the
role (a leader submitting, an officer approving, the program office writing a unit's report) answers
403 with the reason. Anonymous users are sent to the login page.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import kept_fixtures, kept_province
from trithuc.tasks import services
from trithuc.tasks.choices import ReportStatus
from trithuc.tasks.tests.conftest import build_program, build_tasks

# Every tasks URL, with what it needs. The URL-coverage test fails when a URL is in no table.
URL_TABLE = {
    "tasks:task_list": "task reader",
    "tasks:task_detail": "task reader",
    "tasks:progress_add": "officer of a unit working on the task, or program office",
    "tasks:task_mark_done": "program office or administrator (POST)",
    "tasks:task_reopen": "program office or administrator (POST)",
    "tasks:evidence_download": "task reader",
    "tasks:unit_report_list": "signed in (shows the reports in scope)",
    "tasks:unit_report_detail": "report in view scope",
    "tasks:unit_report_edit": "officer of the report's unit",
    "tasks:unit_report_submit": "officer of the report's unit (POST)",
    "tasks:unit_report_approve": "program office (POST)",
    "tasks:unit_report_return": "program office (POST)",
    "tasks:period_close": "program office",
}
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
TASK_READERS = set(ROLES) - {"intellectual"}  # the intellectual holds no assignment
# Roles that see reports of Xã Mới (its own officer, and the province-wide roles).
SEES_NEW_COMMUNE = {"program_office", "leader", "administrator", "officer_new_commune"}
# Roles that may record progress on the task led by Xã Một and supported by Sở Nội vụ: the
# successor commune's officer, the supporting department, the program office, and the
# administrator (who may change every unit's records). Xã Một itself ended on 1 July 2025.
PROGRESS_ON_COMMUNE_ONE_TASK = {
    "program_office",
    "administrator",
    "agency_officer",
    "officer_new_commune",
}


@pytest.fixture(scope="module")
def kept(module_transaction):
    kept = kept_province()
    kept["program"] = build_program(kept["units"])
    kept["tasks"] = build_tasks(kept["program"], kept["units"])
    return kept


units, users, program, tasks = kept_fixtures("units", "users", "program", "tasks")


def _expected(role: str, allowed: set[str], visible: set[str]) -> int:
    if role in allowed:
        return 200
    return 403 if role in visible else 404


@pytest.fixture
def evidence(users, tasks, units):
    progress = services.task_progress_add(
        actor=users["officer_new_commune"],
        task=tasks["commune_one"],
        unit=units.new_commune,
        date=dt.date(2025, 9, 1),
        note="Đã tổ chức hội nghị",
        files=[(SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 bien ban"), "Biên bản hội nghị")],
    )
    return progress.evidence.get()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["tasks:task_list", "tasks:unit_report_list"])
def test_list_pages_open_for_every_task_reader(client, users, tasks, role, name):
    client.force_login(users[role])
    response = client.get(reverse(name))
    if name == "tasks:unit_report_list":
        assert response.status_code == 200
    else:
        assert response.status_code == (200 if role in TASK_READERS else 403)


@pytest.mark.parametrize("role", ROLES)
def test_task_detail_opens_for_every_task_reader(client, users, tasks, role):
    client.force_login(users[role])
    response = client.get(reverse("tasks:task_detail", args=[tasks["commune_one"].pk]))
    assert response.status_code == (200 if role in TASK_READERS else 403)


@pytest.mark.parametrize("role", ROLES)
def test_progress_form_opens_only_for_units_working_on_the_task(client, users, tasks, role):
    client.force_login(users[role])
    response = client.get(reverse("tasks:progress_add", args=[tasks["commune_one"].pk]))
    assert response.status_code == (200 if role in PROGRESS_ON_COMMUNE_ONE_TASK else 403)


@pytest.mark.parametrize("role", ROLES)
def test_evidence_downloads_for_task_readers_only(client, users, evidence, role):
    client.force_login(users[role])
    response = client.get(reverse("tasks:evidence_download", args=[evidence.pk]))
    assert response.status_code == (200 if role in TASK_READERS else 403)
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == b"%PDF-1.4 bien ban"


@pytest.mark.parametrize("role", ROLES)
def test_only_program_office_and_administrator_mark_tasks_done(client, users, tasks, role):
    task = tasks["new_commune"]
    client.force_login(users[role])
    response = client.post(
        reverse("tasks:task_mark_done", args=[task.pk]), {"completed_on": "2025-10-01"}
    )
    task.refresh_from_db()
    if role in {"program_office", "administrator"}:
        assert response.status_code == 302
        assert str(task.completed_on) == "2025-10-01"
        assert client.post(reverse("tasks:task_reopen", args=[task.pk])).status_code == 302
        task.refresh_from_db()
        assert task.completed_on is None
    else:
        assert response.status_code == 403
        assert task.completed_on is None
        assert client.post(reverse("tasks:task_reopen", args=[task.pk])).status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_report_detail_opens_only_in_scope(client, users, units, make_report, role):
    report = make_report(units.new_commune)
    client.force_login(users[role])
    response = client.get(reverse("tasks:unit_report_detail", args=[report.pk]))
    assert response.status_code == (200 if role in SEES_NEW_COMMUNE else 404)


@pytest.mark.parametrize("role", ROLES)
def test_report_edit_form_opens_only_for_the_units_officers(
    client, users, units, tasks, make_report, role
):
    report = make_report(units.new_commune)
    client.force_login(users[role])
    response = client.get(reverse("tasks:unit_report_edit", args=[report.pk]))
    assert response.status_code == _expected(role, {"officer_new_commune"}, SEES_NEW_COMMUNE)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_units_officers_submit(client, users, units, make_report, role):
    report = make_report(units.new_commune, status=ReportStatus.RETURNED)
    client.force_login(users[role])
    response = client.post(reverse("tasks:unit_report_submit", args=[report.pk]))
    report.refresh_from_db()
    if role == "officer_new_commune":
        assert response.status_code == 302
        assert report.status == ReportStatus.SUBMITTED
    else:
        assert response.status_code == (403 if role in SEES_NEW_COMMUNE else 404)
        assert report.status == ReportStatus.RETURNED


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "data", "result"),
    [
        ("tasks:unit_report_approve", {}, ReportStatus.APPROVED),
        ("tasks:unit_report_return", {"comment": "Bổ sung số liệu"}, ReportStatus.RETURNED),
    ],
)
def test_only_the_program_office_approves_or_returns(
    client, users, units, make_report, role, name, data, result
):
    report = make_report(units.new_commune, status=ReportStatus.SUBMITTED)
    client.force_login(users[role])
    response = client.post(reverse(name, args=[report.pk]), data)
    report.refresh_from_db()
    if role == "program_office":
        assert response.status_code == 302
        assert report.status == result
    else:
        assert response.status_code == (403 if role in SEES_NEW_COMMUNE else 404)
        assert report.status == ReportStatus.SUBMITTED


@pytest.mark.parametrize("role", ROLES)
def test_only_the_program_office_opens_period_closing(client, users, program, role):
    client.force_login(users[role])
    response = client.get(reverse("tasks:period_close"))
    assert response.status_code == (200 if role == "program_office" else 403)


def test_refusal_page_says_why(client, users, units, make_report):
    report = make_report(units.new_commune, status=ReportStatus.SUBMITTED)
    client.force_login(users["leader"])
    response = client.post(reverse("tasks:unit_report_approve", args=[report.pk]))
    assert response.status_code == 403
    assert "Chỉ cơ quan thường trực Chương trình" in response.text


def test_missing_and_out_of_scope_reports_answer_alike(client, users, units, make_report):
    report = make_report(units.new_commune)
    client.force_login(users["officer_other_commune"])
    for name in ("tasks:unit_report_detail", "tasks:unit_report_edit"):
        out_of_scope = client.get(reverse(name, args=[report.pk]))
        missing = client.get(reverse(name, args=[999999]))
        assert out_of_scope.status_code == missing.status_code == 404


def test_missing_task_and_evidence_answer_404(client, users, tasks):
    client.force_login(users["leader"])
    assert client.get(reverse("tasks:task_detail", args=[999999])).status_code == 404
    assert client.get(reverse("tasks:evidence_download", args=[999999])).status_code == 404


@pytest.mark.parametrize("name", URL_TABLE)
def test_anonymous_user_is_sent_to_login(client, db, name):
    needs_pk = name not in {"tasks:task_list", "tasks:unit_report_list", "tasks:period_close"}
    url = reverse(name, args=[1] if needs_pk else [])
    response = client.post(url) if "(POST)" in URL_TABLE[name] else client.get(url)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_action_urls_refuse_get(client, users, units, tasks, make_report):
    report = make_report(units.new_commune)
    client.force_login(users["program_office"])
    for name, pk in [
        ("tasks:unit_report_submit", report.pk),
        ("tasks:unit_report_approve", report.pk),
        ("tasks:unit_report_return", report.pk),
        ("tasks:task_mark_done", tasks["new_commune"].pk),
        ("tasks:task_reopen", tasks["new_commune"].pk),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 405
