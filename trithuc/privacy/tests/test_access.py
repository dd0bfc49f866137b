"""Who may open the personal-data protection pages: the program office and administrators (over
the people in their scope); a person may open their own privacy record; everyone else is refused.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from trithuc.people.tests.factories import PersonFactory
from trithuc.privacy import services

pytestmark = pytest.mark.django_db

OFFICERS = {"program_office", "administrator"}
ROLES = [
    "program_office",
    "administrator",
    "leader",
    "agency_officer",
    "officer_new_commune",
    "officer_other_commune",
    "officer_old_commune",
    "reviewer",
    "intellectual",
]

# URL name → who may open it ("officers": OFFICERS only; "officers or self": also the person).
URL_TABLE = {
    "privacy:access_log": "officers",
    "privacy:person_privacy": "officers or self (404 outside scope)",
    "privacy:request_create": "officers (POST only)",
    "privacy:request_list": "officers",
    "privacy:request_detail": "officers (404 outside scope)",
    "privacy:incident_list": "officers",
    "privacy:incident_detail": "officers",
    "privacy:retention": "officers",
}


@pytest.fixture
def world(units, users):
    own = PersonFactory(full_name="Trí Thức", unit=units.other_commune)
    own.user = users["intellectual"]
    own.save(update_fields=["user"])
    other = PersonFactory(full_name="Võ Thị Lan", unit=units.new_commune)
    officer = users["program_office"]
    case = services.subject_request_create(
        actor=officer, person=other, kind="see", details="Xin bản sao hồ sơ."
    )
    incident = services.incident_create(
        actor=officer,
        title="Mất máy tính xách tay",
        description="Máy có tệp danh sách cán bộ.",
        detected_at=timezone.now() - dt.timedelta(hours=1),
    )
    return {"own": own, "other": other, "case": case, "incident": incident}


def _urls(world):
    return {
        "privacy:access_log": reverse("privacy:access_log"),
        "privacy:request_list": reverse("privacy:request_list"),
        "privacy:request_detail": reverse("privacy:request_detail", args=[world["case"].pk]),
        "privacy:incident_list": reverse("privacy:incident_list"),
        "privacy:incident_detail": reverse("privacy:incident_detail", args=[world["incident"].pk]),
        "privacy:retention": reverse("privacy:retention"),
    }


@pytest.mark.parametrize("role", ROLES)
def test_privacy_pages_open_only_for_the_program_office_and_administrators(
    client, users, world, role
):
    client.force_login(users[role])
    for name, url in _urls(world).items():
        expected = 200 if role in OFFICERS else 403
        assert client.get(url).status_code == expected, name


@pytest.mark.parametrize("role", ROLES)
def test_a_persons_privacy_record_opens_for_officers_and_the_person(client, users, world, role):
    client.force_login(users[role])
    other = client.get(reverse("privacy:person_privacy", args=[world["other"].pk]))
    own = client.get(reverse("privacy:person_privacy", args=[world["own"].pk]))
    if role in OFFICERS:
        assert (other.status_code, own.status_code) == (200, 200)
    elif role == "intellectual":
        assert (other.status_code, own.status_code) == (404, 200)
    elif role == "officer_new_commune":
        assert other.status_code == 403  # in scope, but not a privacy officer
    else:
        assert other.status_code in (403, 404)


@pytest.mark.parametrize("role", ROLES)
def test_only_officers_open_a_request_case(client, users, world, role):
    client.force_login(users[role])
    response = client.post(
        reverse("privacy:request_create", args=[world["other"].pk]),
        {"kind": "correct", "details": "Sửa ngày sinh", "received_on": "2026-11-20"},
    )
    assert response.status_code == (302 if role in OFFICERS else 403)


def test_anonymous_users_are_sent_to_login(client, world):
    urls = [*_urls(world).values(), reverse("privacy:person_privacy", args=[world["own"].pk])]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


def test_request_create_refuses_get(client, users, world):
    client.force_login(users["program_office"])
    url = reverse("privacy:request_create", args=[world["other"].pk])
    assert client.get(url).status_code == 405


def test_the_privacy_menu_shows_for_officers_only(client, users, world):
    client.force_login(users["program_office"])
    assert "Bảo vệ dữ liệu" in client.get(reverse("people:person_list")).text
    client.force_login(users["officer_new_commune"])
    assert "Bảo vệ dữ liệu" not in client.get(reverse("people:person_list")).text
