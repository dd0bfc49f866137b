"""Two-factor sign-in: whoever reads other people's data in bulk sets up an authenticator right
after the password, gets recovery codes once, and from then on passes a code at every sign-in."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from trithuc.accounts.security import mfa_required_for

pytestmark = pytest.mark.django_db

MUST_USE_MFA = {
    "program_office": True,
    "administrator": True,
    "leader": True,
    "agency_officer": True,
    "officer_new_commune": True,
    "officer_other_commune": True,
    "officer_old_commune": True,
    "reviewer": False,
    "intellectual": False,
}


@pytest.fixture
def mfa_on(settings):
    settings.TRITHUC_MFA_REQUIRED = True


def _code(device: TOTPDevice, *, later: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + later * device.step
    return f"{totp.token():0{device.digits}d}"


def _sign_in(client, user) -> str:
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client.get(response["Location"])


def _set_up(client, user) -> list[str]:
    """Sign in, scan the key, confirm with a code; returns the recovery codes shown."""
    _sign_in(client, user)
    client.get(reverse("accounts:mfa_setup"))
    device = TOTPDevice.objects.get(user=user)
    page = client.post(reverse("accounts:mfa_setup"), {"token": _code(device), "next": "/nhan-su/"})
    assert "Mã dự phòng chỉ hiện một lần này" in page.text
    return [line.split("<code>")[1].split("</code>")[0] for line in page.text.split("<li>")[1:]]


@pytest.mark.parametrize("role", MUST_USE_MFA)
def test_roles_that_read_others_data_must_use_two_factors(users, role):
    assert mfa_required_for(users[role]) is MUST_USE_MFA[role]


def test_an_administrator_without_a_device_is_taken_to_set_one_up(client, users, mfa_on):
    response = _sign_in(client, users["administrator"])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa_setup"))
    page = client.get(response["Location"])
    assert "Cài đặt xác thực hai lớp" in page.text
    assert 'src="data:image/svg+xml' in page.text  # the QR code is drawn here, not fetched
    # No page of data opens before the second factor.
    assert client.get(reverse("people:person_list")).status_code == 302


def test_setting_up_shows_ten_recovery_codes_once_and_opens_the_system(client, users, mfa_on):
    codes = _set_up(client, users["program_office"])
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert client.get(reverse("people:person_list")).status_code == 200
    # The codes are not shown again: the setup page now sends a verified user on.
    again = client.get(reverse("accounts:mfa_setup"))
    assert not any(code in again.text for code in codes)


def test_a_wrong_code_is_explained_in_vietnamese(client, users, mfa_on):
    _sign_in(client, users["administrator"])
    client.get(reverse("accounts:mfa_setup"))
    page = client.post(reverse("accounts:mfa_setup"), {"token": "000000"})
    assert "Mã không đúng hoặc đã hết hạn" in page.text
    assert not TOTPDevice.objects.get(user=users["administrator"]).confirmed


def test_the_next_sign_in_asks_for_a_code_from_the_app(client, users, mfa_on):
    user = users["program_office"]
    _set_up(client, user)
    client.post(reverse("accounts:logout"))
    response = _sign_in(client, user)
    assert response["Location"].startswith(reverse("accounts:mfa_verify"))
    device = TOTPDevice.objects.get(user=user)
    done = client.post(reverse("accounts:mfa_verify"), {"token": _code(device, later=1)})
    assert done.status_code == 302
    assert client.get(reverse("people:person_list")).status_code == 200


def test_a_recovery_code_works_once(client, users, mfa_on):
    user = users["program_office"]
    codes = _set_up(client, user)
    client.post(reverse("accounts:logout"))
    _sign_in(client, user)
    used = client.post(reverse("accounts:mfa_verify"), {"token": codes[0]}, follow=True)
    assert "còn 9 mã chưa dùng" in used.text
    client.post(reverse("accounts:logout"))
    _sign_in(client, user)
    again = client.post(reverse("accounts:mfa_verify"), {"token": codes[0]})
    assert again.status_code == 200
    assert "Mã không đúng, đã dùng hoặc đã hết hạn" in again.text
    assert client.get(reverse("people:person_list")).status_code == 302


def test_an_intellectual_is_not_asked_for_a_second_factor(client, users, mfa_on):
    response = _sign_in(client, users["intellectual"])
    assert response.status_code == 200


def test_without_the_setting_nobody_is_stopped(client, users):
    assert _sign_in(client, users["administrator"]).status_code == 200


def test_the_verify_page_cannot_be_used_without_a_device(client, users, mfa_on):
    _sign_in(client, users["administrator"])
    response = client.get(reverse("accounts:mfa_verify"))
    assert response["Location"].startswith(reverse("accounts:mfa_setup"))
