"""What a script sees through the API, beyond who may call what (test_access.py): the CCCD rule
and the access log, optimistic locking, errors, cursor pages, the structure as of a date, and
writes that go through the pages' services."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from trithuc.people.cccd import decrypt_cccd
from trithuc.privacy.choices import AccessAction
from trithuc.privacy.models import AccessLogEntry
from trithuc.tasks.models import TaskEvidence

API = "/api/v1"


def test_person_list_masks_cccd_and_logs_the_people_of_the_page_in_one_insert(
    world, call, users, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        response = call("officer_new_commune", "GET", f"{API}/people?limit=2")
    items = response.json()["items"]
    assert len(items) == 2
    assert all(not item["cccd"] or item["cccd"].startswith("*********") for item in items)
    logged = AccessLogEntry.objects.filter(user=users["officer_new_commune"])
    assert sorted(logged.values_list("person_id", flat=True)) == sorted(i["id"] for i in items)
    assert set(logged.values_list("action", flat=True)) == {AccessAction.API_READ}
    assert set(logged.values_list("path", flat=True)) == {f"{API}/people"}


def test_reading_ones_own_profile_is_not_logged(world, call):
    own = world.people["own_profile"]
    assert call("intellectual", "GET", f"{API}/people/{own.pk}").status_code == 200
    assert not AccessLogEntry.objects.exists()


def test_officer_reveals_a_cccd_in_scope_and_the_reveal_is_logged(world, call, users):
    person = world.people["in_commune_one"]
    masked = call("officer_new_commune", "GET", f"{API}/people/{person.pk}").json()
    assert masked["cccd"].startswith("*********")
    assert masked["cccd_revealed"] is False
    revealed = call("officer_new_commune", "GET", f"{API}/people/{person.pk}?reveal_cccd=true")
    body = revealed.json()
    person.refresh_from_db()
    assert body["cccd"] == decrypt_cccd(person.cccd_ciphertext)
    assert len(body["cccd"]) == 12
    assert body["cccd_revealed"] is True
    reveals = AccessLogEntry.objects.filter(action=AccessAction.REVEAL_CCCD)
    assert list(reveals.values_list("user__username", "person_id")) == [("xamoi", person.pk)]


def test_leader_reads_the_record_but_not_the_whole_cccd(world, call):
    person = world.people["in_commune_one"]
    response = call("leader", "GET", f"{API}/people/{person.pk}?reveal_cccd=true")
    assert response.status_code == 403
    assert "CCCD" in response.json()["message"]
    assert not AccessLogEntry.objects.filter(action=AccessAction.REVEAL_CCCD).exists()


def test_the_reveal_roles_are_a_setting(world, call, settings):
    settings.TRITHUC_CCCD_REVEAL_ROLES = frozenset({"program_office"})
    person = world.people["in_commune_one"]
    path = f"{API}/people/{person.pk}?reveal_cccd=true"
    assert call("officer_new_commune", "GET", path).status_code == 403
    assert call("program_office", "GET", path).status_code == 200


def test_a_stale_version_is_refused_with_409_and_nothing_is_saved(world, call):
    person = world.people["in_new_commune"]
    path = f"{API}/people/{person.pk}"
    first = call(
        "officer_new_commune", "PATCH", path, {"version": person.version, "hometown": "Vị Thanh"}
    )
    assert first.status_code == 200
    assert first.json()["version"] == person.version + 1
    late = call("program_office", "PATCH", path, {"version": person.version, "hometown": "Ngã Bảy"})
    assert late.status_code == 409
    assert late.json()["code"] == "conflict"
    assert "hometown" in late.json()["fields"]
    person.refresh_from_db()
    assert person.hometown == "Vị Thanh"


def test_bad_input_gets_a_vietnamese_message_naming_the_field(world, call):
    bad_cccd = call(
        "officer_new_commune",
        "POST",
        f"{API}/people",
        {
            "full_name": "Lý Thị Mai",
            "gender": "female",
            "unit": world.units.new_commune.pk,
            "cccd": "12345",
        },
    )
    assert bad_cccd.status_code == 422
    assert bad_cccd.json()["code"] == "invalid"
    assert "12 chữ số" in bad_cccd.json()["fields"]["cccd"][0]
    missing = call("officer_new_commune", "POST", f"{API}/people", {"gender": "female"})
    assert missing.status_code == 422
    assert missing.json()["code"] == "invalid_input"
    assert "bắt buộc" in missing.json()["fields"]["full_name"][0]
    unknown = call(
        "officer_new_commune",
        "POST",
        f"{API}/people",
        {
            "full_name": "Lý Thị Mai",
            "gender": "female",
            "unit": world.units.new_commune.pk,
            "ethnicity": "99x",
        },
    )
    assert "99x" in unknown.json()["fields"]["ethnicity"][0]


def test_cursor_pages_walk_every_visible_person_once_in_id_order(world, call):
    seen, cursor = [], None
    while True:
        query = f"?limit=2&cursor={cursor}" if cursor else "?limit=2"
        page = call("program_office", "GET", f"{API}/people{query}").json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(p.pk for p in world.people.values())


@pytest.mark.parametrize("cursor", ["khong-hop-le", "aWQ6LTE", "%00"])
def test_a_forged_cursor_is_a_422(world, call, cursor):
    response = call("program_office", "GET", f"{API}/people?cursor={cursor}")
    assert response.status_code == 422
    assert "cursor" in response.json()["fields"]


def test_a_limit_above_the_maximum_is_refused(world, call):
    response = call("program_office", "GET", f"{API}/people?limit=5000")
    assert response.status_code == 422
    assert "limit" in response.json()["fields"]


def test_structure_as_of_a_date_before_the_merger(world, call):
    before = call("leader", "GET", f"{API}/orgunits?as_of=2024-06-01&limit=200").json()
    codes = {unit["code"] for unit in before["items"]}
    assert {"TC.X1", "TC.X2", "TC.H1"} <= codes
    assert "TM.X1" not in codes
    unit = call(
        "leader", "GET", f"{API}/orgunits/{world.units.commune_one.pk}?as_of=2025-08-01"
    ).json()
    assert unit["active_as_of"] is False
    assert [u["code"] for u in unit["successors_as_of"]] == ["TM.X1"]
    assert unit["events"][0]["kind"] == "merged"


def test_progress_with_evidence_is_stored_through_the_service(world, call):
    task = world.tasks["new_commune"]
    response = call(
        "officer_new_commune",
        "POST",
        f"{API}/tasks/{task.pk}/progress",
        {
            "unit": world.units.new_commune.pk,
            "date": "2025-05-01",
            "note": "Đã tổ chức hội nghị",
            "description": "Biên bản",
            "files": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4", "application/pdf"),
        },
        multipart=True,
    )
    assert response.status_code == 201
    evidence = TaskEvidence.objects.get()
    assert evidence.description == "Biên bản"
    assert response.json()["evidence"][0]["id"] == evidence.pk
    refused = call(
        "officer_new_commune",
        "POST",
        f"{API}/tasks/{task.pk}/progress",
        {
            "unit": world.units.new_commune.pk,
            "date": "2025-05-01",
            "note": "Tệp lạ",
            "files": SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream"),
        },
        multipart=True,
    )
    assert refused.status_code == 422
    assert "virus.exe" in refused.json()["fields"]["files"][0]


def test_a_report_saved_over_a_stale_version_is_a_409(world, call):
    report = world.reports["new_commune"]
    path = f"{API}/unit-reports/{report.pk}"
    saved = call("officer_new_commune", "PUT", path, {"version": 1, "summary": "Bản thứ nhất"})
    assert saved.json()["version"] == 2
    stale = call("officer_new_commune", "PUT", path, {"version": 1, "summary": "Bản cũ"})
    assert stale.status_code == 409
    report.refresh_from_db()
    assert report.summary == "Bản thứ nhất"
    submitted = call("officer_new_commune", "POST", f"{path}/submit")
    assert submitted.json()["status"] == "submitted"


def test_text_postgresql_cannot_store_is_a_422_on_both_databases(world, call):
    response = call("program_office", "GET", f"{API}/unit-reports?program=CTr%00")
    assert response.status_code == 422
    assert "NUL" in response.json()["fields"]["program"][0]
