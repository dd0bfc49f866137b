"""Who may open and act on each workforce page: one table over every URL and every role.

The records here are kept by Xã Mới (see ``conftest.py``). Officers reach their unit's subtree and
the units whose history leads into it; leaders read and never write; reviewers and intellectuals
see only the records about themselves (``Person.user``). Out of scope answers 404, alike for
missing records; in scope but not allowed answers 403 with the reason; anonymous users are sent to
the login page.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import NoReverseMatch, reverse

from conftest import kept_fixtures, kept_province
from trithuc.workforce.choices import (
    AttractionStatus,
    EnrollmentStatus,
    NominationStatus,
    SuccessionStatus,
)
from trithuc.workforce.models import TrainingPlan
from trithuc.workforce.tests import factories as make
from trithuc.workforce.tests.conftest import build_records

# Every workforce URL, with who may use it. The URL-coverage test fails when a URL is in no table.
URL_TABLE = {
    "workforce:index": "signed in",
    "workforce:course_list": "signed in (courses are not personal data)",
    "workforce:course_create": "agency officer, program office or administrator",
    "workforce:course_detail": "signed in (shows the enrolments in scope)",
    "workforce:enrollment_add": "writer of some unit",
    "workforce:enrollment_status": "writer of the sending unit (POST)",
    "workforce:training_plan": "reader of some unit; the plan is saved by the unit's writers",
    "workforce:rating_list": "signed in (shows the ratings in scope)",
    "workforce:rating_set": "writer of some unit",
    "workforce:rating_edit": "writer of the rating's unit",
    "workforce:succession_list": "signed in (shows the plans in scope)",
    "workforce:succession_add": "writer of some unit",
    "workforce:succession_remove": "writer of the plan's unit (POST)",
    "workforce:candidates": "reader of some unit",
    "workforce:career_list": "signed in (shows the events in scope)",
    "workforce:career_record": "writer of some unit",
    "workforce:award_list": "signed in (shows the awards in scope)",
    "workforce:award_record": "writer of some unit",
    "workforce:nomination_list": "signed in (shows the nominations in scope)",
    "workforce:nomination_create": "writer of some unit",
    "workforce:nomination_detail": "nomination in view scope",
    "workforce:nomination_submit": "writer of the nomination's unit (POST)",
    "workforce:nomination_score": "deciding body reaching the unit (POST)",
    "workforce:nomination_decide": "deciding body reaching the unit (POST)",
    "workforce:case_list": "signed in (shows the cases in scope)",
    "workforce:case_apply": "writer of some unit",
    "workforce:policy_list": "signed in (policies are public)",
    "workforce:budget": "reader of some unit",
    "workforce:case_detail": "case in view scope",
    "workforce:case_appraise": "deciding body reaching the unit (POST)",
    "workforce:case_decide": "deciding body reaching the unit (POST)",
    "workforce:case_start": "writer of the case's unit (POST)",
    "workforce:disbursement_add": "deciding body reaching the unit (POST)",
    "workforce:case_end": "deciding body reaching the unit (POST)",
    "workforce:structure": "reader of some unit",
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
ALL = set(ROLES)
# Xã Một ended on 1 July 2025: its officer still reads its old records but has no unit to pick.
READS_UNITS = ALL - {"reviewer", "intellectual", "officer_old_commune"}
WRITERS = {
    "program_office",
    "administrator",
    "agency_officer",
    "officer_new_commune",
    "officer_other_commune",
}
COURSE_MANAGERS = {"program_office", "administrator", "agency_officer"}
SEES_NEW_COMMUNE = {"program_office", "leader", "administrator", "officer_new_commune"}
CHANGES_NEW_COMMUNE = {"program_office", "administrator", "officer_new_commune"}
DECIDES_NEW_COMMUNE = {"program_office", "administrator"}
POST_ONLY = {name for name, who in URL_TABLE.items() if who.endswith("(POST)")}


@pytest.fixture(scope="module")
def kept(module_transaction):
    kept = kept_province()
    kept["records"] = build_records(kept["units"], kept["users"])
    return kept


units, users, records = kept_fixtures("units", "users", "records")


def _expected(role: str, allowed: set[str], visible: set[str] = ALL) -> int:
    if role in allowed:
        return 200
    return 403 if role in visible else 404


def _url(name: str, pk: int | None = None) -> str:
    return reverse(name, args=[pk] if pk is not None else [])


@pytest.mark.parametrize("name", URL_TABLE)
def test_anonymous_user_is_sent_to_login(client, db, name):
    try:
        url = _url(name)
    except NoReverseMatch:
        url = _url(name, 1)
    response = client.post(url) if name in POST_ONLY else client.get(url)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


LIST_PAGES = [
    "workforce:rating_list",
    "workforce:succession_list",
    "workforce:career_list",
    "workforce:nomination_list",
    "workforce:award_list",
    "workforce:case_list",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", LIST_PAGES)
def test_lists_show_records_of_xa_moi_only_to_those_who_reach_it(
    client, users, records, role, name
):
    client.force_login(users[role])
    response = client.get(_url(name))
    assert response.status_code == 200
    assert ("Lê Văn Mới" in response.text) == (role in SEES_NEW_COMMUNE)


@pytest.mark.parametrize("role", ROLES)
def test_course_page_lists_only_the_enrolments_in_scope(client, users, records, role):
    client.force_login(users[role])
    response = client.get(_url("workforce:course_detail", records.course.pk))
    assert response.status_code == 200
    assert ("Lê Văn Mới" in response.text) == (role in SEES_NEW_COMMUNE)


@pytest.mark.parametrize(
    ("role", "own", "other"),
    [
        ("intellectual", "Đặng Thị Trí", "Phan Văn Biện"),
        ("reviewer", "Phan Văn Biện", "Đặng Thị Trí"),
    ],
)
def test_reviewer_and_intellectual_see_only_records_about_themselves(
    client, users, records, role, own, other
):
    client.force_login(users[role])
    ratings = client.get(_url("workforce:rating_list")).text
    assert own in ratings
    assert other not in ratings
    assert "Lê Văn Mới" not in ratings


def test_intellectual_opens_own_records_but_may_not_act_on_them(client, users, records):
    client.force_login(users["intellectual"])
    assert client.get(_url("workforce:case_detail", records.own_case.pk)).status_code == 200
    assert (
        client.get(_url("workforce:nomination_detail", records.own_nomination.pk)).status_code
        == 200
    )
    response = client.post(
        _url("workforce:case_appraise", records.own_case.pk), {"passed": "1", "note": "Tự duyệt"}
    )
    assert response.status_code == 403
    assert "cơ quan chuyên môn" in response.text
    records.own_case.refresh_from_db()
    assert records.own_case.status == AttractionStatus.APPLIED
    response = client.post(_url("workforce:nomination_submit", records.own_nomination.pk))
    assert response.status_code == 403
    records.own_nomination.refresh_from_db()
    assert records.own_nomination.status == NominationStatus.DRAFT


# name → (record attribute giving the pk, or None; roles allowed; roles that see the record)
GET_PAGES = {
    "workforce:index": (None, ALL, ALL),
    "workforce:course_list": (None, ALL, ALL),
    "workforce:policy_list": (None, ALL, ALL),
    **dict.fromkeys(LIST_PAGES, (None, ALL, ALL)),
    "workforce:course_detail": ("course", ALL, ALL),
    "workforce:training_plan": (None, READS_UNITS, ALL),
    "workforce:candidates": (None, READS_UNITS, ALL),
    "workforce:budget": (None, READS_UNITS, ALL),
    "workforce:structure": (None, READS_UNITS, ALL),
    "workforce:course_create": (None, COURSE_MANAGERS, ALL),
    "workforce:enrollment_add": ("course", WRITERS, ALL),
    "workforce:rating_set": (None, WRITERS, ALL),
    "workforce:succession_add": (None, WRITERS, ALL),
    "workforce:career_record": (None, WRITERS, ALL),
    "workforce:nomination_create": (None, WRITERS, ALL),
    "workforce:award_record": (None, WRITERS, ALL),
    "workforce:case_apply": (None, WRITERS, ALL),
    "workforce:rating_edit": ("rating", CHANGES_NEW_COMMUNE, SEES_NEW_COMMUNE),
    "workforce:nomination_detail": ("nomination", SEES_NEW_COMMUNE, SEES_NEW_COMMUNE),
    "workforce:case_detail": ("case", SEES_NEW_COMMUNE, SEES_NEW_COMMUNE),
}


def test_every_url_is_tested_for_every_role():
    assert set(GET_PAGES) | set(POST_ACTIONS) | {"workforce:training_plan"} == set(URL_TABLE)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", GET_PAGES)
def test_pages_open_for_the_roles_allowed(client, users, records, role, name):
    attribute, allowed, visible = GET_PAGES[name]
    pk = getattr(records, attribute).pk if attribute else None
    client.force_login(users[role])
    response = client.get(_url(name, pk))
    assert response.status_code == _expected(role, allowed, visible)
    if response.status_code == 403:
        assert "Không có quyền thực hiện" in response.text


def _submitted(records, units):
    return make.nomination(records.person, units.new_commune, status=NominationStatus.SUBMITTED)


def _case(status):
    return lambda records, units: make.attraction_case(
        records.person, units.new_commune, status=status
    )


# name → (record to act on, POST data, roles allowed, how to tell it was done)
POST_ACTIONS = {
    "workforce:enrollment_status": (
        lambda records, units: records.enrollment,
        lambda record: {"status": EnrollmentStatus.STUDYING},
        CHANGES_NEW_COMMUNE,
        lambda record: record.status == EnrollmentStatus.STUDYING,
    ),
    "workforce:succession_remove": (
        lambda records, units: records.plan,
        lambda record: {},
        CHANGES_NEW_COMMUNE,
        lambda record: record.status == SuccessionStatus.REMOVED,
    ),
    "workforce:nomination_submit": (
        lambda records, units: records.nomination,
        lambda record: {},
        CHANGES_NEW_COMMUNE,
        lambda record: record.status == NominationStatus.SUBMITTED,
    ),
    "workforce:nomination_score": (
        _submitted,
        lambda record: {f"diem_{c.pk}": "50" for c in record.award_type.criteria.all()[:1]},
        DECIDES_NEW_COMMUNE,
        lambda record: record.total_score == Decimal(50),
    ),
    "workforce:nomination_decide": (
        _submitted,
        lambda record: {"approve": "0", "council_note": "Chưa đủ kết quả ứng dụng."},
        DECIDES_NEW_COMMUNE,
        lambda record: record.status == NominationStatus.REJECTED,
    ),
    "workforce:case_appraise": (
        lambda records, units: records.case,
        lambda record: {"passed": "1", "note": "Đủ điều kiện."},
        DECIDES_NEW_COMMUNE,
        lambda record: record.status == AttractionStatus.APPRAISED,
    ),
    "workforce:case_decide": (
        _case(AttractionStatus.APPRAISED),
        lambda record: {"decision_number": "12/QĐ-UBND", "decision_date": "2025-03-01"},
        DECIDES_NEW_COMMUNE,
        lambda record: record.status == AttractionStatus.APPROVED,
    ),
    "workforce:case_start": (
        _case(AttractionStatus.APPROVED),
        lambda record: {"service_start": "2025-04-01"},
        CHANGES_NEW_COMMUNE,
        lambda record: record.status == AttractionStatus.SERVING,
    ),
    "workforce:disbursement_add": (
        _case(AttractionStatus.APPROVED),
        lambda record: {"date": "2025-04-02", "amount": "5000000", "note": "Đợt 1"},
        DECIDES_NEW_COMMUNE,
        lambda record: record.disbursements.count() == 1,
    ),
    "workforce:case_end": (
        _case(AttractionStatus.SERVING),
        lambda record: {"ended_on": "2030-04-01"},
        DECIDES_NEW_COMMUNE,
        lambda record: record.status == AttractionStatus.COMPLETED,
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", POST_ACTIONS)
def test_actions_are_done_only_by_the_roles_allowed(client, users, units, records, role, name):
    build, data, allowed, done = POST_ACTIONS[name]
    record = build(records, units)
    client.force_login(users[role])
    response = client.post(_url(name, record.pk), data(record))
    record.refresh_from_db()
    if role in allowed:
        assert response.status_code == 302
        assert done(record)
    else:
        assert response.status_code == _expected(role, allowed, SEES_NEW_COMMUNE)
        assert not done(record)


@pytest.mark.parametrize("role", ROLES)
def test_training_plan_of_xa_moi_is_saved_only_by_its_writers(client, users, units, role):
    client.force_login(users[role])
    url = f"{_url('workforce:training_plan')}?don_vi={units.new_commune.pk}&nam=2025"
    response = client.post(url, {"llct_cao_cap": "3"})
    saved = TrainingPlan.objects.filter(unit=units.new_commune, year=2025, planned=3).exists()
    assert saved == (role in CHANGES_NEW_COMMUNE)
    if role in CHANGES_NEW_COMMUNE:
        assert response.status_code == 302
    else:
        assert response.status_code == (404 if role in READS_UNITS - SEES_NEW_COMMUNE else 403)


def test_missing_and_out_of_scope_records_answer_alike(client, users, records):
    client.force_login(users["officer_other_commune"])
    for name, record in [
        ("workforce:rating_edit", records.rating),
        ("workforce:nomination_detail", records.nomination),
        ("workforce:case_detail", records.case),
    ]:
        out_of_scope = client.get(_url(name, record.pk))
        missing = client.get(_url(name, 999999))
        assert out_of_scope.status_code == missing.status_code == 404
    assert client.get(_url("workforce:course_detail", 999999)).status_code == 404


def test_leader_reads_every_page_but_is_told_why_it_may_not_write(client, users, records):
    client.force_login(users["leader"])
    assert client.get(_url("workforce:case_detail", records.case.pk)).status_code == 200
    response = client.get(_url("workforce:rating_set"))
    assert response.status_code == 403
    assert "chỉ được xem" in response.text
    response = client.post(_url("workforce:succession_remove", records.plan.pk))
    assert response.status_code == 403
    assert "Xã Mới" in response.text


@pytest.mark.parametrize("name", sorted(POST_ONLY))
def test_action_urls_refuse_get(client, users, records, name):
    client.force_login(users["program_office"])
    assert client.get(_url(name, records.case.pk)).status_code == 405
