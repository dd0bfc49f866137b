"""Stored XSS: a script payload is written into every free-text column of every model users fill
(enumerated from the models: every CharField and TextField that is editable and not a choice,
a code or a key), then every page of the project is opened by a user who sees everything. No
page may contain the payload unescaped; the escaped payload must appear (the data is shown)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.db import models
from django.db.models.functions import Left

from trithuc.accounts.models import User
from trithuc.imports import services as import_services
from trithuc.imports.tests.helpers import xlsx
from trithuc.science import services as science_services
from trithuc.science.choices import CouncilRole
from trithuc.science.tests import factories as science_make
from trithuc.tasks import services as task_services
from trithuc.tasks.choices import ReportStatus

from .urls import project_routes

PAYLOAD = "<script>window.__xss=1</script><img src=x onerror=alert(1)>\"'"
SHORT_PAYLOAD = "<b onmouseover=alert(1)>"
RAW_MARKERS = ("<script>window.__xss", "<img src=x onerror", "<b onmouseover")
ESCAPED_MARKER = "&lt;script&gt;window.__xss=1&lt;/script&gt;"
# Codes and keys appear in URLs and lookups, not as free text; the rest is what users type.
NOT_FREE_TEXT = {
    "code",
    "key",
    "computation",
    "kind",
    "path",
    "password",
    "username",
    "email",
    "admin_code",
    "degree_code",
    "fingerprint",
    "notice_version",
    "section",
}


def free_text_fields() -> list[tuple[type[models.Model], models.Field]]:
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("trithuc.") or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.get_fields():
            if (
                isinstance(field, models.CharField | models.TextField)
                and field.editable
                and not field.choices
                and not field.unique
                and field.name not in NOT_FREE_TEXT
            ):
                found.append((model, field))
    return found


def stamp_payload_everywhere() -> int:
    """Every free-text column of every row gets the payload (cut to the column's length)."""
    stamped = 0
    for model, field in free_text_fields():
        limit = field.max_length or 10_000
        text = PAYLOAD if limit >= len(PAYLOAD) else SHORT_PAYLOAD[:limit]
        if len(text) < 3:
            continue
        stamped += model._default_manager.update(**{field.name: text})
    return stamped


@pytest.fixture
def world(users, units, reference, tasks, make_report, records, settings):
    """One record of each kind, in Xã Mới or Sở Nội vụ, for the pages to show."""
    office = users["program_office"]
    report = make_report(units.new_commune, status=ReportStatus.SUBMITTED)
    progress = task_services.task_progress_add(
        actor=office,
        task=tasks["new_commune"],
        unit=units.new_commune,
        date=dt.date(2025, 9, 1),
        note="Ghi chú",
    )
    chair = science_make.person("Trương Văn Chủ", units.department)
    science_task = science_make.called_task(units.department, units.new_commune)
    application = science_make.apply(
        science_task, science_make.person("Võ Thành Đạt", units.new_commune), units.new_commune
    )
    council = science_services.council_form(
        actor=None,
        task=science_task,
        decision_number="30/QĐ",
        formed_on=dt.date(2025, 5, 2),
        members=[(chair, CouncilRole.CHAIR)],
    )
    batch = import_services.batch_create(
        actor=office,
        kind="people",
        unit=units.new_commune,
        filename="ds.xlsx",
        content=xlsx([["Họ và tên", "Ngày sinh", "Giới tính"], ["Lê Văn Bình", "19x0", "Nam"]]),
    )
    import_services.batch_check(batch_id=batch.pk)
    viewer = User.objects.create_superuser(username="xem-het", password="mat-khau-thu-nghiem")
    return {
        "viewer": viewer,
        "pks": {
            "people:": records.person.pk,
            "orgunits:": units.new_commune.pk,
            "tasks:task": tasks["new_commune"].pk,
            "tasks:progress": tasks["new_commune"].pk,
            "tasks:unit_report": report.pk,
            "tasks:evidence": progress.pk,
            "workforce:course": records.course.pk,
            "workforce:enrollment": records.enrollment.pk,
            "workforce:rating": records.rating.pk,
            "workforce:nomination": records.nomination.pk,
            "workforce:case": records.case.pk,
            "workforce:succession": records.plan.pk,
            "science:application": application.pk,
            "science:council": council.pk,
            "science:": science_task.pk,
            "imports:": batch.pk,
        },
    }


def _pk_for(name: str, pks: dict[str, int]) -> int | None:
    matches = [prefix for prefix in pks if name.startswith(prefix)]
    return pks[max(matches, key=len)] if matches else None


def test_the_payload_reaches_the_fields_users_fill():
    names = {f"{m._meta.label}.{f.name}" for m, f in free_text_fields()}
    for expected in (
        "people.Person.full_name",
        "people.Person.hometown",
        "tasks.UnitReport.summary",
    ):
        assert expected in names
    assert "people.Person.sort_key" not in names  # derived, not typed


def test_no_page_shows_a_stored_script_unescaped(client, world):
    assert stamp_payload_everywhere() > 50
    client.force_login(world["viewer"])
    opened, escaped_somewhere = [], False
    for route in project_routes():
        kwargs = {}
        for key, kind in route.converters:
            if kind == "int":
                pk = _pk_for(route.name, world["pks"])
                if pk is None:
                    break
                kwargs[key] = pk
            elif route.name.startswith("programs:"):
                kwargs[key] = {"code": "CTr-TEST", "indicator": "hoi-thao"}[key]
            elif route.name.startswith("imports:"):
                kwargs[key] = "people"
            else:
                kwargs[key] = "docx"
        else:
            response = client.get(route.url(**kwargs))
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            page = response.content.decode()
            for marker in RAW_MARKERS:
                assert marker not in page, f"{route.name}: {marker}"
            escaped_somewhere |= ESCAPED_MARKER in page
            opened.append(route.name)
    assert len(opened) > 40, opened
    assert escaped_somewhere
    for page in ("people:person_detail", "tasks:unit_report_detail", "workforce:case_detail"):
        assert page in opened


def test_a_hostile_name_in_an_htmx_fragment_is_escaped(client, users, units, reference):
    from trithuc.people.tests.factories import PersonFactory

    PersonFactory(full_name="Nguyễn Văn An", unit=units.new_commune)
    from trithuc.people.models import Person

    Person.objects.update(
        hometown=PAYLOAD, expertise=PAYLOAD, full_name=Left(models.Value(PAYLOAD), 150)
    )
    client.force_login(users["officer_new_commune"])
    response = client.get("/nhan-su/?q=a", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    for marker in RAW_MARKERS:
        assert marker not in response.content.decode()
