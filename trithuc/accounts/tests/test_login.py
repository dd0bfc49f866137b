"""Signing in: a Vietnamese page, Argon2-hashed passwords, and throttled guessing."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(units):
    return make_user("canbo", None, None)


def test_login_page_speaks_vietnamese(client):
    page = client.get(reverse("accounts:login")).text
    assert "Đăng nhập" in page
    assert "Tên đăng nhập" in page
    assert "Mật khẩu" in page


def test_officer_signs_in_and_lands_on_the_person_list(client, officer):
    response = client.post(reverse("accounts:login"), {"username": "canbo", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person_list")


def test_wrong_password_is_explained_in_vietnamese(client, officer):
    response = client.post(reverse("accounts:login"), {"username": "canbo", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.text


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_passwords_are_stored_as_argon2_hashes(units):
    user = make_user("argon", None, None)
    assert user.password.startswith("argon2$")
    assert PASSWORD not in user.password


def test_repeated_wrong_passwords_lock_the_account_for_a_while(client, officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "canbo", "password": "doan-mo"})
    locked = client.post(reverse("accounts:login"), {"username": "canbo", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.text


@pytest.mark.parametrize(
    ("hours", "said"),
    [
        (0.5, "thử lại sau 30 phút"),
        (2.5, "thử lại sau 2 giờ 30 phút"),
        (24, "thử lại sau 1 ngày"),
    ],
)
def test_the_lock_out_page_says_the_wait_the_settings_set(client, officer, settings, hours, said):
    settings.AXES_COOLOFF_TIME = hours
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "canbo", "password": "doan-mo"})
    locked = client.post(reverse("accounts:login"), {"username": "canbo", "password": PASSWORD})
    assert said in locked.text


def test_signing_out_ends_the_session(client, officer):
    client.force_login(officer)
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("people:person_list")).status_code == 302
