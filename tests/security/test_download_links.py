"""Download links (an import's error report, the exports, task evidence, the statistics workbook)
fetched by a user of another unit, by an anonymous visitor, and after the session that saw them
ended. The links carry no token and never expire by themselves: each is a plain URL that checks,
on every fetch, the session's user and that user's scope (so a link passed on to someone else or
kept after sign-out gives nothing). Review report files and the statistics workbook:
trithuc/reports/tests/test_access.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from trithuc.imports import services as import_services
from trithuc.imports.tests.helpers import xlsx
from trithuc.people.tests.factories import PersonFactory
from trithuc.tasks import services as task_services

LOGIN = "/tai-khoan/dang-nhap/"


@pytest.fixture
def links(users, units, reference, tasks, program):
    PersonFactory(full_name="Lê Văn Riêng", unit=units.new_commune)
    batch = import_services.batch_create(
        actor=users["officer_new_commune"],
        kind="people",
        unit=units.new_commune,
        filename="ds.xlsx",
        content=xlsx(
            [["Họ và tên", "Ngày sinh", "Giới tính"], ["Trần Thị Lỗi", "31/02/1985", "Nữ"]]
        ),
    )
    import_services.batch_check(batch_id=batch.pk)
    progress = task_services.task_progress_add(
        actor=users["officer_new_commune"],
        task=tasks["new_commune"],
        unit=units.new_commune,
        date=dt.date(2025, 9, 1),
        note="Đã làm",
        files=[(SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 mat"), "Biên bản")],
    )
    return {
        "error_report": reverse("imports:batch_error_report", args=[batch.pk]),
        "export_of_unit": reverse("imports:export", args=["people"])
        + f"?don_vi={units.new_commune.pk}",
        "evidence": reverse("tasks:evidence_download", args=[progress.evidence.get().pk]),
    }


def _fetch(client: Client, url: str):
    response = client.get(url)
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)  # read to the end: the test client closes the file
    return response


def test_the_owner_unit_gets_every_file(client, users, links):
    client.force_login(users["officer_new_commune"])
    for url in links.values():
        assert _fetch(client, url).status_code == 200, url


@pytest.mark.parametrize("url_name", ["error_report", "export_of_unit"])
def test_another_units_officer_gets_404_for_the_same_link(client, users, links, url_name):
    client.force_login(users["officer_other_commune"])
    assert _fetch(client, links[url_name]).status_code == 404


def test_another_units_export_without_a_unit_holds_only_their_own_rows(client, users, links):
    from tests.security.test_formula_injection import cells

    client.force_login(users["officer_other_commune"])
    response = client.get(reverse("imports:export", args=["people"]), {"muc_dich": "bao-cao"})
    assert response.status_code == 200
    assert "Lê Văn Riêng" not in {c.value for c in cells(response.content)}


def test_evidence_is_for_task_readers_not_for_users_without_an_assignment(client, users, links):
    """Tasks and their evidence are not personal data: every assigned user reads them (DESIGN);
    a user with no assignment (the intellectual) does not."""
    client.force_login(users["intellectual"])
    assert _fetch(client, links["evidence"]).status_code == 403


@pytest.mark.parametrize("url_name", ["error_report", "export_of_unit", "evidence"])
def test_an_anonymous_visitor_is_sent_to_sign_in(client, links, url_name):
    response = _fetch(client, links[url_name])
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_a_link_kept_after_signing_out_gives_nothing(client, users, links):
    client.force_login(users["officer_new_commune"])
    assert _fetch(client, links["error_report"]).status_code == 200
    client.post(reverse("accounts:logout"))
    for url in links.values():
        response = _fetch(client, url)
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
