"""Databases made for a test, apart from the suite's own: a scratch database of the engine the
suite runs on (a SQLite file, or a PostgreSQL database whose name holds ``secb``), copied from the
suite's migrated, empty test database in seconds instead of migrated in a minute; and the command
line run against it. Used by the killed-import test, the real-server tests and the root
``conftest.py`` (which keeps the empty copy for the whole run)."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Scratch:
    env: dict[str, str]
    url: str  # DATABASE_URL of the scratch database
    name: str  # the database's name (PostgreSQL) or file (SQLite)

    @property
    def is_postgres(self) -> bool:
        return self.url.startswith("postgres")


def admin_connection():
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
    with admin_connection() as admin:
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
        with admin_connection() as admin:
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
        with admin_connection() as admin:
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
        with admin_connection() as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
    try:
        if not copied:
            run(env, "migrate", "-v0")
        yield Scratch(env, url, name)
    finally:
        if postgres:
            with admin_connection() as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_cli(
    env: dict[str, str], *args: str, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """``trithuc ARGS`` in a subprocess, against the database ``env`` points at; ``check``: the
    command must succeed."""
    result = subprocess.run(  # noqa: S603 — our own console script, fixed arguments
        [sys.executable, "-m", "trithuc.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    if check:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


def run(env: dict[str, str], *args: str) -> str:
    return run_cli(env, *args).stdout


def run_python(env: dict[str, str], code: str) -> object:
    """Run ``code`` in Django's shell against the scratch database; it prints one JSON value."""
    return json.loads(run(env, "shell", "-c", code).strip().splitlines()[-1])
