"""Who may make and read review reports, the statistics workbook and the structure pages: the
program office, leaders and administrators, for the units their assignments reach. A stored report
outside them answers 404 like a missing one; a user with no such role gets 403 with the reason."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import make_user
from trithuc.accounts.choices import Role
from trithuc.reports.choices import PeriodKind
from trithuc.reports.services import review_report_create

URL_TABLE = {
    "reports:review_list": "list of stored reports and the form that asks for one",
    "reports:review_detail": "one stored report with its progress and files",
    "reports:review_progress": "the progress block the detail page polls",
    "reports:review_download": "the DOCX, PDF or XLSX of a stored report",
    "reports:statistics": "the statistics workbook of a unit and year",
    "reports:structure": "age pyramid, succession, ĐA 01 shares, expert coverage",
}

MAY = {"program_office", "leader", "administrator"}
MAY_NOT = {
    "agency_officer",
    "officer_new_commune",
    "officer_other_commune",
    "officer_old_commune",
    "reviewer",
    "intellectual",
}


@pytest.fixture
def stored(users, units, program, committee, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return review_report_create(
            actor=users["program_office"],
            program=program,
            period=PeriodKind.YEAR,
            year=2025,
            unit=units.new_province,
            issuer=committee,
        )


def _pages(report):
    """(url, is a stored report): pages answer 403 to users with no report role, a stored report
    404 (it reveals nothing about what exists)."""
    return [
        (reverse("reports:review_list"), False),
        (reverse("reports:review_detail", args=[report.pk]), True),
        (reverse("reports:review_progress", args=[report.pk]), True),
        (reverse("reports:review_download", args=[report.pk, "docx"]), True),
        (reverse("reports:review_download", args=[report.pk, "xlsx"]), True),
        (reverse("reports:statistics") + "?nam=2025", False),
        (reverse("reports:structure"), False),
    ]


@pytest.mark.parametrize("role", sorted(MAY | MAY_NOT))
def test_report_pages_by_role(client, users, stored, role):
    client.force_login(users[role])
    for url, is_record in _pages(stored):
        expected = 200 if role in MAY else (404 if is_record else 403)
        response = client.get(url)
        assert response.status_code == expected, url


def test_anonymous_is_sent_to_login(client, stored):
    for url, _ in _pages(stored):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


def test_a_leader_of_one_commune_cannot_open_a_report_of_the_province(client, units, stored):
    leader = make_user("lanhdaoxa", Role.LEADER, units.other_commune)
    client.force_login(leader)
    assert client.get(reverse("reports:review_detail", args=[stored.pk])).status_code == 404
    assert (
        client.get(reverse("reports:review_download", args=[stored.pk, "docx"])).status_code == 404
    )
    assert stored.issuer.name not in client.get(reverse("reports:review_list")).content.decode()


def test_a_leader_of_one_commune_may_not_ask_for_another_communes_report(client, units, program):
    leader = make_user("lanhdaoxa", Role.LEADER, units.other_commune)
    client.force_login(leader)
    response = client.post(
        reverse("reports:review_list"),
        {
            "period": "year",
            "year": 2025,
            "unit": units.new_commune.pk,
            "issuer": units.new_commune.pk,
        },
    )
    assert response.status_code == 200  # the form again: that unit is not among the choices
    assert not program.review_reports.exists()


def test_program_office_asks_for_a_report_and_is_sent_to_its_progress(
    client, users, units, program, committee, django_capture_on_commit_callbacks
):
    client.force_login(users["program_office"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:review_list"),
            {
                "period": "year",
                "year": 2025,
                "unit": units.new_province.pk,
                "issuer": committee.pk,
                "number": "7",
            },
        )
    report = program.review_reports.get()
    assert response["Location"] == reverse("reports:review_detail", args=[report.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Đã lập xong" in page
    assert reverse("reports:review_download", args=[report.pk, "docx"]) in page
    assert "Số 7-BC/TU" in page


def test_a_missing_file_kind_is_not_found(client, users, stored):
    client.force_login(users["program_office"])
    assert (
        client.get(reverse("reports:review_download", args=[stored.pk, "pdf"])).status_code == 404
    )
    assert (
        client.get(reverse("reports:review_download", args=[stored.pk, "exe"])).status_code == 404
    )
