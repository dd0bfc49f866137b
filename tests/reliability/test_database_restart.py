"""The database goes away under the running server. On PostgreSQL the test database stops taking
connections and the server's are ended (``pg_terminate_backend``), as during a restart (the
shared server itself is left alone); on
SQLite the database file is taken away. A request that meets the dead database gets the
Vietnamese 503 page, not a traceback or a bare 500; the next request works again. With the
connection health checks on (the default), a restart between requests costs no failed request."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.databases import admin_connection

from .server import Browser, running_server

UNAVAILABLE_TEXT = "Hệ thống tạm thời gián đoạn"
PASSWORD = "mat-khau-may-chu"


def _end_connections(database: str) -> int:
    with admin_connection() as admin:
        ended = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        ).fetchone()
    return ended[0]


def _allow_connections(database: str, *, allow: bool) -> None:
    with admin_connection() as admin:
        admin.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS {str(allow).lower()}')


def _signed_in(base: str) -> Browser:
    browser = Browser(base)
    browser.login("canbo1", PASSWORD)
    return browser


def test_a_request_meeting_a_dead_database_gets_the_503_page_and_the_next_one_works(
    seeded, tmp_path
):
    scratch, ids = seeded
    page = f"/nhan-su/{ids['person']}/"
    # Health checks off: the kept connection is used as it is, so the request meets the failure.
    with running_server(scratch.env, tmp_path / "server.log", TRITHUC_DB_HEALTH_CHECKS="0") as base:
        browser = _signed_in(base)
        assert browser.request(page)[0] == 200
        if scratch.is_postgres:
            # Down as during a restart: connections ended and new ones refused, until it is back.
            _allow_connections(scratch.name, allow=False)
            try:
                _end_connections(scratch.name)
                status, body = browser.request(page)
            finally:
                _allow_connections(scratch.name, allow=True)
        else:
            database = Path(scratch.name)
            moved = {p: p.with_name(p.name + ".away") for p in _sqlite_files(database)}
            for source, target in moved.items():
                os.replace(source, target)
            try:
                status, body = browser.request(page)
            finally:
                for source, target in moved.items():
                    os.replace(target, source)
                for leftover in (database.with_name(database.name + s) for s in ("-wal", "-shm")):
                    if leftover not in moved:
                        leftover.unlink(missing_ok=True)
        assert status == 503
        assert UNAVAILABLE_TEXT in body
        assert "Traceback" not in body
        # The broken connection was dropped at the end of that request: the next one works.
        status, body = browser.request(page)
        assert status == 200
        assert "Nguyễn Văn Chung" in body


def _sqlite_files(database: Path) -> list[Path]:
    return [
        p
        for p in (database, *(database.with_name(database.name + s) for s in ("-wal", "-shm")))
        if p.exists()
    ]


def test_with_health_checks_a_restart_between_requests_costs_no_failed_request(seeded, tmp_path):
    scratch, ids = seeded
    if not scratch.is_postgres:
        pytest.skip("SQLite opens a new connection for every request: nothing kept goes stale")
    page = f"/nhan-su/{ids['person']}/"
    with running_server(
        scratch.env, tmp_path / "server.log", single_thread=True, TRITHUC_DB_HEALTH_CHECKS="1"
    ) as base:
        browser = _signed_in(base)
        assert browser.request(page)[0] == 200
        assert _end_connections(scratch.name) >= 1
        assert browser.request(page)[0] == 200
