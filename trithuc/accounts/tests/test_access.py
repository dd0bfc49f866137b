"""Account pages are open to everyone: they are how one signs in and out."""

from __future__ import annotations

import pytest
from django.urls import reverse

URL_TABLE = {
    "accounts:login": "public",
    "accounts:logout": "public (POST only)",
    "accounts:mfa_setup": "signed in (test_mfa.py)",
    "accounts:mfa_verify": "signed in, with a device (test_mfa.py)",
}


@pytest.mark.django_db
def test_login_page_is_open_to_anonymous_users(client):
    assert client.get(reverse("accounts:login")).status_code == 200


@pytest.mark.django_db
def test_logout_refuses_get(client):
    assert client.get(reverse("accounts:logout")).status_code == 405
