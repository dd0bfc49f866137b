"""The real server, run as users meet it: Django's threaded server (``serve.py``: what
``trithuc runserver --noreload`` runs, with a longer listen queue) in a subprocess on a free loopback port, against a database made for the test (a SQLite file, or a
PostgreSQL database on the same server as ``DATABASE_URL`` whose name holds ``secb``), plus a
small browser (cookies, CSRF token, form fields) for the client threads."""

from __future__ import annotations

import contextlib
import html.parser
import http.cookiejar
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Scratch:
    env: dict[str, str]
    url: str  # DATABASE_URL of the scratch database
    name: str  # the database's name (PostgreSQL) or file (SQLite)

    @property
    def is_postgres(self) -> bool:
        return self.url.startswith("postgres")


def _admin_connection():
    import psycopg

    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    return psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def _empty_copy_name(test_database: str) -> str:
    return f"{test_database}_empty"


def keep_empty_copy() -> None:
    """On PostgreSQL, copy the suite's test database while it is still empty and nobody else is
    connected to it (root ``conftest.py``, right after it is made). Scratch databases are copied
    from this copy: the test database itself cannot serve as a template once the browser
    journeys' live server holds a connection to it, and migrating instead takes a minute."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    test_database = connection.settings_dict["NAME"]
    connection.close()
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{_empty_copy_name(test_database)}"')
        admin.execute(
            f'CREATE DATABASE "{_empty_copy_name(test_database)}" TEMPLATE "{test_database}"'
        )


def drop_empty_copy() -> None:
    """Drop the copy, and end any session a test left open on the test database (a thread's
    connection, a killed process's), which would stop pytest-django from dropping it."""
    from django.db import connection

    if connection.vendor == "postgresql":
        test_database = connection.settings_dict["NAME"]
        connection.close()
        with _admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{_empty_copy_name(test_database)}"')
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [test_database],
            )


def _copy_test_database(name: str, folder: Path) -> bool:
    """The suite's own (migrated, empty) test database copied under ``name``: seconds, where a
    migration takes a minute. False when the copy cannot be made (then we migrate)."""
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        target = sqlite3.connect(name)
        with contextlib.closing(target):
            connection.connection.backup(target)
        return True
    template = _empty_copy_name(connection.settings_dict["NAME"])
    try:
        with _admin_connection() as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    except Exception:  # noqa: BLE001 — no kept copy (a run without conftest.py): migrate instead
        return False
    return True


@contextlib.contextmanager
def scratch_database(folder: Path, *, copy_test_database: bool = False) -> Iterator[Scratch]:
    """An empty database of the engine the suite runs on, migrated; dropped afterwards."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "trithuc.settings_test",
        "TRITHUC_VAR_DIR": str(folder / "var"),
        "PYTHONPATH": str(ROOT),
    }
    postgres = not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    if postgres:
        name = f"trithuc_secb_{uuid.uuid4().hex[:10]}"
        url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}"
    else:
        name = str(folder / "server.sqlite3")
        url = f"sqlite:///{name}"
    env["DATABASE_URL"] = url
    copied = copy_test_database and _copy_test_database(name, folder)
    if postgres and not copied:
        with _admin_connection() as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
    try:
        if not copied:
            run(env, "migrate", "-v0")
        yield Scratch(env, url, name)
    finally:
        if postgres:
            with _admin_connection() as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(  # noqa: S603 — our own console script, fixed arguments
        [sys.executable, "-m", "trithuc.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def run_python(env: dict[str, str], code: str) -> object:
    """Run ``code`` in Django's shell against the scratch database; it prints one JSON value."""
    return json.loads(run(env, "shell", "-c", code).strip().splitlines()[-1])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_server(
    env: dict[str, str], log: Path, *, single_thread: bool = False, **extra_env: str
) -> Iterator[str]:
    port = _free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 — our own console script
            [
                sys.executable,
                "-m",
                "tests.reliability.serve",
                f"127.0.0.1:{port}",
                *(["single"] if single_thread else []),
            ],
            env={**env, **extra_env},
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                assert process.poll() is None, log.read_text()[-3000:]
                assert time.monotonic() < deadline, "server did not start in 60 s"
                with contextlib.suppress(OSError):
                    urllib.request.urlopen(base + "/tai-khoan/dang-nhap/", timeout=5)  # noqa: S310
                    break
                time.sleep(0.3)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


class _FormFields(html.parser.HTMLParser):
    """The fields of the page's POST forms (the last one wins on a repeated name)."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self._in_post_form = False
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_post_form = (attrs.get("method") or "").lower() == "post"
        if not self._in_post_form or "name" not in attrs and tag != "option":
            return
        if tag == "input" and attrs.get("type") not in ("submit", "button", "file", "checkbox"):
            self.fields[attrs["name"]] = attrs.get("value") or ""
        elif tag == "input" and attrs.get("type") == "checkbox" and "checked" in attrs:
            self.fields[attrs["name"]] = attrs.get("value") or "on"
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.fields[self._textarea] = ""
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_post_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


class Browser:
    """One user's browser: its own cookies, never following redirects (the tests read them)."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), self._NoRedirect()
        )

    def request(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)  # noqa: S310
        if data is not None:
            request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def form(self, path: str) -> dict[str, str]:
        status, page = self.request(path)
        assert status == 200, (path, status, page[:500])
        parser = _FormFields()
        parser.feed(page)
        return parser.fields

    def login(self, username: str, password: str) -> None:
        fields = self.form("/tai-khoan/dang-nhap/")
        status, page = self.request(
            "/tai-khoan/dang-nhap/", {**fields, "username": username, "password": password}
        )
        assert status == 302, page[:1000]
