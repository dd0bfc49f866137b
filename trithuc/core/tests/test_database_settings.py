"""How the project talks to its database: a kept connection, and on SQLite a page cache and a
memory map large enough for a registry's indexes (benchmarks/README.md, «sqlite_cache.py»)."""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.db import connection


def test_a_web_process_keeps_its_connection_between_requests_on_either_database():
    kept = int(os.environ.get("TRITHUC_DB_CONN_MAX_AGE", "60"))
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] == kept > 0


@pytest.mark.django_db
def test_a_sqlite_connection_reads_through_the_cache_and_the_map_the_settings_give():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's page cache and memory map; PostgreSQL's are the server's own")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (cache_kib,) = cursor.fetchone()
        cursor.execute("PRAGMA journal_mode")
        (journal,) = cursor.fetchone()
    # A negative cache size is in KiB (SQLite's own default is -2000, about 2 MiB).
    assert -cache_kib == int(os.environ.get("TRITHUC_SQLITE_CACHE_MB", "64")) * 1024
    # The test database lives in memory, where neither a journal file nor a map exists: the map
    # is checked as the connection is told it.
    assert journal in {"wal", "memory"}
    mmap_bytes = int(os.environ.get("TRITHUC_SQLITE_MMAP_MB", "1024")) * 2**20
    init = settings.DATABASES["default"]["OPTIONS"]["init_command"]
    assert f"PRAGMA mmap_size={mmap_bytes};" in init


@pytest.mark.django_db
def test_a_postgresql_connection_does_not_compile_queries_to_machine_code():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's JIT")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        (jit,) = cursor.fetchone()
    # Off unless TRITHUC_POSTGRES_JIT turns it back on (the README's table of settings).
    turned_on = os.environ.get("TRITHUC_POSTGRES_JIT", "").strip().lower() in {
        "1",
        "true",
        "yes",
        "on",
    }
    assert jit == ("on" if turned_on else "off")
