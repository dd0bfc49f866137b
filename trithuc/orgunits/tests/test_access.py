"""The org structure is not personal data: every signed-in user may read it, nobody anonymous."""

from __future__ import annotations

import pytest
from django.urls import reverse

URL_TABLE = {
    "orgunits:orgunit_tree": "any signed-in user",
    "orgunits:orgunit_detail": "any signed-in user",
}
ROLES = [
    "program_office",
    "leader",
    "administrator",
    "agency_officer",
    "officer_new_commune",
    "reviewer",
    "intellectual",
]


def _urls(units):
    return [
        reverse("orgunits:orgunit_tree"),
        reverse("orgunits:orgunit_detail", args=[units.new_commune.pk]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_structure(client, users, units, role):
    client.force_login(users[role])
    for url in _urls(units):
        assert client.get(url).status_code == 200


def test_anonymous_user_is_sent_to_login(client, units):
    for url in _urls(units):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]
