"""Browser-side protections and sessions: security headers and a Content Security Policy on every
page with nothing inline that it would block; sessions that end; production settings that pass
Django's deployment check."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from trithuc.accounts.security import LAST_SEEN_AT, SIGNED_IN_AT

pytestmark = pytest.mark.django_db
TEMPLATES = Path(django_settings.BASE_DIR) / "templates"


def test_a_page_carries_the_security_headers_and_a_strict_csp(client, users):
    client.force_login(users["program_office"])
    response = client.get(reverse("people:person_list"))
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "'unsafe-inline'" not in csp
    assert "'unsafe-eval'" not in csp
    assert directives["script-src"].startswith("'self'")
    assert directives["style-src"].startswith("'self'")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_the_login_page_has_the_headers_too(client):
    response = client.get(reverse("accounts:login"))
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_htmx_loads_from_this_server_and_adds_no_inline_style(client, users):
    client.force_login(users["program_office"])
    page = client.get(reverse("people:person_list")).text
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts
    assert all('src="/static/' in tag for tag in scripts)
    assert '"includeIndicatorStyles": false' in page


def test_no_template_holds_inline_code_the_policy_would_block():
    """Inline <script>/<style> must carry the CSP nonce; event-handler attributes and style
    attributes can carry none, so there must be none."""
    problems = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        for tag in re.findall(r"<(?:script|style)\b[^>]*>", text):
            if "src=" not in tag and "request.csp_nonce" not in tag:
                problems.append(f"{path.name}: {tag}")
        for attribute in re.findall(r"\s(on[a-z]+|style)=[\"']", text):
            problems.append(f"{path.name}: {attribute}=")
    assert not problems, problems


def _age_session(client, **seconds_ago: int) -> None:
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_an_idle_session_ends(client, users, settings):
    settings.TRITHUC_SESSION_IDLE_SECONDS = 30 * 60
    client.force_login(users["program_office"])
    assert client.get(reverse("people:person_list")).status_code == 200
    _age_session(client, **{LAST_SEEN_AT: 31 * 60})
    response = client.get(reverse("people:person_list"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("accounts:login"))
    assert "hết hạn do không thao tác quá lâu" in response.text


def test_a_busy_session_still_ends_after_the_absolute_limit(client, users, settings):
    settings.SESSION_COOKIE_AGE = 8 * 3600
    client.force_login(users["program_office"])
    _age_session(client, **{SIGNED_IN_AT: 8 * 3600 + 60, LAST_SEEN_AT: 10})
    response = client.get(reverse("people:person_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def _production(tmp_path, code: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TRITHUC_", "DJANGO_"))},
        "DJANGO_SETTINGS_MODULE": "trithuc.settings",
        "TRITHUC_ENV": "production",
        "TRITHUC_VAR_DIR": str(tmp_path),
        "TRITHUC_ALLOWED_HOSTS": "trithuc.example.gov.vn",
        **env,
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=False
    )


def test_the_deployment_check_is_clean_for_production_settings(tmp_path):
    done = _production(
        tmp_path,
        "from trithuc.cli import main; import sys; "
        "sys.argv = ['trithuc', 'check', '--deploy', '--fail-level', 'WARNING']; main()",
    )
    assert done.returncode == 0, done.stderr + done.stdout
    assert "no issues" in done.stdout


def test_production_turns_on_secure_cookies_hsts_and_two_factors(tmp_path):
    names = [
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "TRITHUC_MFA_REQUIRED",
        "EMAIL_BACKEND",
    ]
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    )
    values = json.loads(_production(tmp_path, code).stdout)
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["TRITHUC_MFA_REQUIRED"] is True
    # Mail never goes to an outside service by default; only to the agency's own SMTP host.
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    smtp = _production(
        tmp_path,
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST)",
        TRITHUC_SMTP_HOST="mail.noi-bo.local",
    )
    assert smtp.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.noi-bo.local",
    ]
