"""Units record what they did for a task, with evidence served only through a checked view."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from trithuc.tasks import services
from trithuc.tasks.models import TaskEvidence, TaskProgress


def test_officer_of_successor_commune_records_progress_with_evidence(client, users, units, tasks):
    task = tasks["commune_one"]
    client.force_login(users["officer_new_commune"])
    response = client.post(
        reverse("tasks:progress_add", args=[task.pk]),
        {
            "unit": units.new_commune.pk,
            "date": "2025-09-15",
            "note": "Tổ chức hội nghị quán triệt cho 120 đảng viên",
            "file_1": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4"),
            "description_1": "Biên bản hội nghị",
        },
    )
    assert response.status_code == 302
    progress = TaskProgress.objects.get()
    assert (progress.unit, progress.author) == (units.new_commune, users["officer_new_commune"])
    evidence = progress.evidence.get()
    assert evidence.description == "Biên bản hội nghị"
    assert progress.history.get().history_user == users["officer_new_commune"]

    page = client.get(reverse("tasks:task_detail", args=[task.pk])).text
    assert reverse("tasks:evidence_download", args=[evidence.pk]) in page
    assert evidence.file.url not in page  # no direct media link


def test_officer_cannot_record_progress_for_a_task_of_another_unit(users, units, tasks):
    with pytest.raises(PermissionDenied):
        services.task_progress_add(
            actor=users["officer_other_commune"],
            task=tasks["commune_one"],
            unit=units.other_commune,
            date=dt.date(2025, 9, 1),
            note="Không phải việc của xã",
        )


def test_officer_cannot_record_progress_in_the_name_of_a_unit_outside_their_scope(
    users, units, tasks
):
    with pytest.raises(PermissionDenied):
        services.task_progress_add(
            actor=users["officer_other_commune"],
            task=tasks["new_commune"],
            unit=units.new_commune,
            date=dt.date(2025, 9, 1),
            note="Ghi hộ xã khác",
        )


def test_program_office_records_progress_for_any_unit_in_scope(users, units, tasks):
    progress = services.task_progress_add(
        actor=users["program_office"],
        task=tasks["other_commune"],
        unit=units.new_province,
        date=dt.date(2025, 9, 1),
        note="Ban Tuyên giáo và Dân vận kiểm tra, đôn đốc",
    )
    assert progress.unit == units.new_province


def test_evidence_of_a_forbidden_type_is_refused_and_nothing_is_kept(users, units, tasks):
    with pytest.raises(ValidationError, match="không đúng định dạng"):
        services.task_progress_add(
            actor=users["officer_new_commune"],
            task=tasks["new_commune"],
            unit=units.new_commune,
            date=dt.date(2025, 9, 1),
            note="Có tệp lạ",
            files=[(SimpleUploadedFile("virus.exe", b"MZ"), "")],
        )
    assert not TaskProgress.objects.exists()
    assert not TaskEvidence.objects.exists()


def test_progress_form_shows_the_error_for_a_future_date(client, users, units, tasks):
    client.force_login(users["officer_new_commune"])
    response = client.post(
        reverse("tasks:progress_add", args=[tasks["new_commune"].pk]),
        {"unit": units.new_commune.pk, "date": "2099-01-01", "note": "Sẽ làm"},
    )
    assert response.status_code == 200
    assert "không được sau hôm nay" in response.text


def test_marking_done_keeps_who_did_it(users, tasks):
    task = services.task_mark_done(
        actor=users["program_office"], task=tasks["new_commune"], completed_on=dt.date(2025, 8, 1)
    )
    assert task.history.latest().history_user == users["program_office"]
    with pytest.raises(ValidationError, match="không được sau hôm nay"):
        services.task_mark_done(
            actor=users["program_office"], task=task, completed_on=dt.date(2099, 1, 1)
        )


def test_units_carrying_on_a_task_are_exactly_those_whose_reach_contains_its_units(units):
    from trithuc.orgunits.models import OrgUnit
    from trithuc.orgunits.selectors import orgunit_reach_ids
    from trithuc.tasks.access import units_carrying_on

    every = list(OrgUnit.objects.values_list("pk", flat=True))
    for target in every:
        expected = {u for u in every if target in orgunit_reach_ids({u})}
        assert units_carrying_on({target}) == expected
    assert units_carrying_on({units.commune_one.pk}) == {
        units.commune_one.pk,
        units.district.pk,
        units.old_province.pk,
        units.new_commune.pk,
        units.new_province.pk,
    }
