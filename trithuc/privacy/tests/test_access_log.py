"""Every read of a person's record by someone else lands in the access log: opening a page that
shows one person, and exporting a file, which first asks what the data is for."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from trithuc.people.tests.factories import PersonFactory
from trithuc.privacy.models import AccessLogEntry
from trithuc.workforce.tests import factories as make

pytestmark = pytest.mark.django_db


def test_an_officer_opening_a_person_is_logged_with_who_what_when(client, units, users):
    person = PersonFactory(full_name="Võ Thị Lan", unit=units.new_commune)
    officer = users["officer_new_commune"]
    client.force_login(officer)
    url = reverse("people:person_detail", args=[person.pk])
    assert client.get(url).status_code == 200
    entry = AccessLogEntry.objects.get(person=person)
    assert (entry.user, entry.action, entry.path) == (officer, "view", url)
    assert entry.at is not None


def test_opening_ones_own_profile_is_not_logged(client, units, users):
    person = PersonFactory(full_name="Trí Thức", unit=units.other_commune)
    person.user = users["intellectual"]
    person.save(update_fields=["user"])
    client.force_login(users["intellectual"])
    assert client.get(reverse("people:person_detail", args=[person.pk])).status_code == 200
    assert not AccessLogEntry.objects.filter(person=person).exists()


def test_a_refused_page_writes_nothing(client, units, users):
    person = PersonFactory(full_name="Võ Thị Lan", unit=units.new_commune)
    client.force_login(users["officer_other_commune"])
    assert client.get(reverse("people:person_detail", args=[person.pk])).status_code == 404
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize("page", ["nomination_detail", "case_detail", "rating_edit"])
def test_workforce_pages_about_one_person_are_logged(client, units, users, page):
    person = make.person_at(units.new_commune, "Đặng Văn Hải")
    record = {
        "nomination_detail": lambda: make.nomination(person, units.new_commune),
        "case_detail": lambda: make.attraction_case(person, units.new_commune),
        "rating_edit": lambda: make.rating(person, units.new_commune),
    }[page]()
    client.force_login(users["program_office"])
    assert client.get(reverse(f"workforce:{page}", args=[record.pk])).status_code == 200
    assert AccessLogEntry.objects.filter(person=person, action="view").count() == 1


def test_export_asks_for_a_purpose_before_any_file_is_made(client, units, users, reference):
    PersonFactory(full_name="Lê Văn Bình", unit=units.other_commune)
    client.force_login(users["officer_other_commune"])
    url = reverse("imports:export", args=["people"])
    page = client.get(url)
    assert page["Content-Type"].startswith("text/html")
    assert "Mục đích xuất dữ liệu" in page.text
    assert not AccessLogEntry.objects.exists()


def test_other_purpose_must_be_written_out(client, units, users, reference):
    client.force_login(users["officer_other_commune"])
    page = client.get(reverse("imports:export", args=["people"]), {"muc_dich": "khac"})
    assert page["Content-Type"].startswith("text/html")
    assert "phải ghi rõ mục đích" in page.text


def test_an_export_logs_every_person_in_the_file_with_its_purpose(client, units, users, reference):
    shown = [
        PersonFactory(full_name="Lê Văn Bình", unit=units.other_commune),
        PersonFactory(full_name="Lý Thị Cúc", unit=units.other_commune),
    ]
    hidden = PersonFactory(full_name="Trần Văn Một", unit=units.commune_one)
    officer = users["officer_other_commune"]
    client.force_login(officer)
    response = client.get(
        reverse("imports:export", args=["people"]),
        {"muc_dich": "khac", "ghi_ro": "Rà soát danh sách dự hội nghị"},
    )
    assert response["Content-Disposition"].startswith("attachment")
    logged = AccessLogEntry.objects.filter(action="export")
    assert {e.person_id for e in logged} == {p.pk for p in shown}
    assert {e.purpose for e in logged} == {"Khác: Rà soát danh sách dự hội nghị"}
    assert {e.user for e in logged} == {officer}
    assert not AccessLogEntry.objects.filter(person=hidden).exists()


def test_record_exports_log_the_people_they_name(client, units, users, reference):
    person = make.person_at(units.new_commune, "Đặng Văn Hải")
    make.rating(person, units.new_commune)
    client.force_login(users["program_office"])
    response = client.get(reverse("imports:export", args=["ratings"]), {"muc_dich": "thi-dua"})
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get(action="export")
    assert (entry.person, entry.purpose) == (person, "Thi đua, khen thưởng")


def test_the_export_command_logs_with_its_purpose(units, reference, tmp_path):
    person = PersonFactory(full_name="Trần Văn Một", unit=units.commune_one)
    call_command(
        "export", "people", "--unit", "TC.X1", "-o", str(tmp_path / "x.xlsx"),
        "--purpose", "Báo cáo Ban Tổ chức", stdout=io.StringIO(),
    )  # fmt: skip
    entry = AccessLogEntry.objects.get(person=person)
    assert (entry.user, entry.action, entry.purpose) == (None, "export", "Báo cáo Ban Tổ chức")
