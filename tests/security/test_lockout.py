"""Password guessing is throttled (django-axes): after the allowed number of wrong passwords for a
username from one address, even the right password is refused, with a Vietnamese page, until the
cool-off has passed. Other accounts are not locked by someone else's guessing."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from conftest import PASSWORD

LOGIN = "/tai-khoan/dang-nhap/"
LOCK_PAGE = "Tạm khóa đăng nhập"


def _login(client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def _guess(client, username: str, times: int) -> None:
    for attempt in range(times):
        response = _login(client, username, f"doan-sai-{attempt}")
        assert response.status_code in (200, 429)


def test_one_guess_short_of_the_limit_the_right_password_still_works(client, users, settings):
    _guess(client, "xamoi", settings.AXES_FAILURE_LIMIT - 1)
    response = _login(client, "xamoi", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person_list")


def test_after_the_limit_the_right_password_is_refused_with_the_lock_page(client, users, settings):
    _guess(client, "xamoi", settings.AXES_FAILURE_LIMIT)
    locked = _login(client, "xamoi", PASSWORD)
    assert locked.status_code == 429
    assert LOCK_PAGE in locked.text
    assert "liên hệ quản trị hệ thống" in locked.text
    # No session was opened: the person list still sends the visitor to the login page.
    assert client.get(reverse("people:person_list")).status_code == 302


def test_the_lock_holds_for_every_further_try(client, users, settings):
    _guess(client, "xamoi", settings.AXES_FAILURE_LIMIT)
    for _ in range(3):
        assert _login(client, "xamoi", PASSWORD).status_code == 429


def test_someone_elses_guessing_does_not_lock_another_account(client, users, settings):
    _guess(client, "xamoi", settings.AXES_FAILURE_LIMIT + 2)
    assert _login(client, "xakhac", PASSWORD).status_code == 302


def test_guessing_an_unknown_username_is_throttled_alike(client, db, settings):
    """No difference between a wrong password and a missing account: nothing to enumerate."""
    _guess(client, "khong-ton-tai", settings.AXES_FAILURE_LIMIT)
    response = _login(client, "khong-ton-tai", "bat-ky")
    assert response.status_code == 429
    assert LOCK_PAGE in response.text


def test_after_the_cool_off_the_right_password_works_again(client, users, settings):
    _guess(client, "xamoi", settings.AXES_FAILURE_LIMIT)
    assert _login(client, "xamoi", PASSWORD).status_code == 429
    cool_off = dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    attempt = AccessAttempt.objects.get(username="xamoi")
    attempt.attempt_time -= cool_off + dt.timedelta(minutes=1)
    attempt.save(update_fields=["attempt_time"])
    assert _login(client, "xamoi", PASSWORD).status_code == 302


@pytest.mark.parametrize("wrong", ["", " ", "x" * 5000, "' OR '1'='1", "mat-khau-thu-nghiem "])
def test_odd_passwords_are_plain_failures_not_errors(client, users, wrong):
    response = _login(client, "xamoi", wrong)
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.text or "bắt buộc" in response.text
