"""The data stays on the agency's own servers: the main pages and commands run with every network
connection to anything but this machine refused, and none is even attempted."""

from __future__ import annotations

import io
import ipaddress
import re
import socket

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from trithuc.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _is_local(host: object) -> bool:
    if not isinstance(host, str):
        return True  # AF_UNIX paths and the like
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture
def outbound(monkeypatch):
    """Refuses, and records, every connection or name look-up beyond this machine."""
    attempts: list[str] = []
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if not _is_local(host):
            attempts.append(f"connect {address}")
            raise ConnectionRefusedError(f"outbound connection to {address} refused by the test")
        return real_connect(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        if not _is_local(host):
            attempts.append(f"resolve {host}")
            raise socket.gaierror(f"name look-up of {host} refused by the test")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return attempts


def test_the_fence_itself_catches_an_outbound_attempt(outbound):
    with pytest.raises(OSError, match="refused by the test"):
        socket.create_connection(("192.0.2.1", 443), timeout=1)
    assert outbound


PAGES = [
    ("people:person_list", []),
    ("people:person_detail", ["person"]),
    ("orgunits:orgunit_tree", []),
    ("tasks:task_list", []),
    ("tasks:unit_report_list", []),
    ("workforce:index", []),
    ("science:task_list", []),
    ("imports:batch_list", []),
    ("privacy:access_log", []),
    ("privacy:person_privacy", ["person"]),
    ("privacy:request_list", []),
    ("privacy:incident_list", []),
    ("privacy:retention", []),
]


def test_main_pages_and_an_export_make_no_outbound_call(client, units, users, outbound, settings):
    from trithuc.people.reference import reference_data_load

    reference_data_load()
    person = PersonFactory(full_name="Võ Thị Lan", unit=units.new_commune)
    client.force_login(users["program_office"])
    for name, args in PAGES:
        url = reverse(name, args=[person.pk for _ in args])
        response = client.get(url)
        assert response.status_code == 200, name
    export = client.get(reverse("imports:export", args=["people"]), {"muc_dich": "bao-cao"})
    assert export.status_code == 200
    settings.TRITHUC_MFA_REQUIRED = True  # the setup page's QR code is drawn here, not fetched
    assert client.get(reverse("accounts:mfa_setup")).status_code == 200
    assert outbound == []


def test_commands_make_no_outbound_call(units, outbound, tmp_path):
    from trithuc.people.reference import reference_data_load

    reference_data_load()
    PersonFactory(full_name="Võ Thị Lan", unit=units.commune_one)
    quiet = {"stdout": io.StringIO()}
    call_command("export", "people", "--unit", "TC.X1", "-o", str(tmp_path / "a.xlsx"), **quiet)
    call_command("retention", **quiet)
    call_command("check", **quiet)
    assert outbound == []


def test_no_setting_names_an_outside_service():
    """No setting points at a host beyond this machine (a CDN, an analytics or mail service)."""
    outside = []
    for name in dir(settings):
        if name.isupper():
            for host in re.findall(
                r"\b(?:https?|smtp|redis|amqp)://([^/:\s'\"]+)", str(getattr(settings, name))
            ):
                if not _is_local(host):
                    outside.append(f"{name}: {host}")
    assert outside == []
    assert settings.EMAIL_BACKEND != "django.core.mail.backends.smtp.EmailBackend"
