"""API tokens: made on the account page (the secret shown once, only its hash kept), listed and
revoked there or by command; expired, revoked and wrong tokens answer 401 with the JSON error."""

from __future__ import annotations

import datetime as dt
import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from trithuc.api import services
from trithuc.api.models import ApiToken

ME = "/api/v1/me"


def _bearer(secret: str) -> dict[str, str]:
    return {"authorization": f"Bearer {secret}"}


def test_officer_makes_a_token_on_the_account_page_and_sees_the_secret_once(client, users):
    client.force_login(users["officer_new_commune"])
    made = client.post(reverse("apitokens:token_list"), {"name": "Báo cáo quý", "days": 30})
    assert made.status_code == 200
    secret = made.context["secret"]
    assert secret in made.text
    token = ApiToken.objects.get(user=users["officer_new_commune"])
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.prefix, token.token_hash, token.name}
    assert dt.timedelta(days=29) < token.expires_at - timezone.now() <= dt.timedelta(days=30)
    listed = client.get(reverse("apitokens:token_list"))
    assert "Báo cáo quý" in listed.text
    assert secret not in listed.text
    assert client.get(ME, headers=_bearer(secret)).json()["username"] == "xamoi"


def test_a_token_longer_than_allowed_is_refused_with_the_limit(client, users, settings):
    settings.TRITHUC_API_TOKEN_MAX_DAYS = 365
    client.force_login(users["leader"])
    response = client.post(reverse("apitokens:token_list"), {"name": "Quá dài", "days": 1000})
    assert "365" in response.text
    assert not ApiToken.objects.exists()


def test_revoked_token_answers_401_with_the_reason(client, users):
    token, secret = services.token_create(actor=None, user=users["leader"], name="Tạm")
    client.force_login(users["leader"])
    assert client.post(reverse("apitokens:token_revoke", args=[token.pk])).status_code == 302
    client.logout()
    response = client.get(ME, headers=_bearer(secret))
    assert response.status_code == 401
    assert response.json()["code"] == "token_revoked"
    assert "thu hồi" in response.json()["message"]


def test_nobody_revokes_another_users_token(client, users):
    token, secret = services.token_create(actor=None, user=users["leader"], name="Của lãnh đạo")
    client.force_login(users["officer_other_commune"])
    assert client.post(reverse("apitokens:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_expired_token_answers_401(client, users):
    token, secret = services.token_create(actor=None, user=users["leader"], name="Cũ", days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(ME, headers=_bearer(secret))
    assert response.status_code == 401
    assert response.json()["code"] == "token_expired"


@pytest.mark.parametrize(
    ("header", "code"),
    [
        (None, "unauthenticated"),
        ("Bearer tt_00000000_khong-dung", "token_invalid"),
        ("Bearer rac", "token_invalid"),
    ],
)
def test_missing_or_wrong_token_answers_401(client, users, header, code):
    headers = {"authorization": header} if header else {}
    response = client.get(ME, headers=headers)
    assert response.status_code == 401
    assert response.json()["code"] == code


def test_a_token_with_a_changed_secret_is_refused(client, users):
    _, secret = services.token_create(actor=None, user=users["leader"], name="Thật")
    forged = secret[:-2] + ("aa" if not secret.endswith("aa") else "bb")
    assert client.get(ME, headers=_bearer(forged)).status_code == 401


def test_page_session_reads_the_api_and_writes_need_the_csrf_token(users, world):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(users["officer_new_commune"])
    assert browser.get(ME).json()["username"] == "xamoi"
    person = world.people["in_new_commune"]
    refused = browser.patch(
        f"/api/v1/people/{person.pk}",
        {"version": person.version, "hometown": "Ngã Bảy"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"
    person.refresh_from_db()
    assert person.hometown != "Ngã Bảy"


def test_command_creates_lists_and_revokes(users):
    out = StringIO()
    call_command("api_token", "create", "--user", "lanhdao", "--name", "Đồng bộ CSDL", stdout=out)
    secret = out.getvalue().strip().splitlines()[-1]
    token = services.token_authenticate(secret)
    assert token.user == users["leader"]
    out = StringIO()
    call_command("api_token", "list", "--user", "lanhdao", stdout=out)
    assert "Đồng bộ CSDL" in out.getvalue()
    call_command("api_token", "revoke", token.prefix, stdout=StringIO())
    with pytest.raises(services.TokenRejected):
        services.token_authenticate(secret)


def test_an_officer_cannot_make_a_token_for_someone_else(users):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.token_create(
            actor=users["officer_new_commune"], user=users["program_office"], name="Mượn"
        )
