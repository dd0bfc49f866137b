"""A read goes beside the request's own connection only on PostgreSQL, outside a transaction, and
when a thread is free; otherwise the caller is told to read itself (core/beside.py)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from trithuc.core import beside
from trithuc.orgunits.choices import OrgUnitKind
from trithuc.orgunits.models import OrgUnit
from trithuc.orgunits.services import orgunit_create


@pytest.fixture
def closed_after():
    yield
    beside.close_connections()


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def test_inside_a_transaction_the_caller_reads_itself(db):
    # The test's rows are not committed: another connection would not see them.
    assert connection.in_atomic_block
    assert beside.read_beside(lambda: "read", using="default") is None


@pytest.mark.django_db(transaction=True)
def test_with_no_threads_set_the_caller_reads_itself(settings):
    settings.TRITHUC_READS_BESIDE = 0
    assert beside.read_beside(lambda: "read", using="default") is None


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_read_runs_on_another_connection_that_sees_committed_rows(closed_after):
    orgunit_create(code="BS", name="Tỉnh Song Song", kind=OrgUnitKind.PROVINCE)
    if connection.vendor != "postgresql":
        # SQLite reads in this process anyway: nothing to gain from a second connection.
        assert beside.read_beside(lambda: "read", using="default") is None
        return

    def read() -> tuple[int, str]:
        return backend_pid(), OrgUnit.objects.get(code="BS").name

    pending = beside.read_beside(read, using="default")
    assert pending is not None
    pid, name = pending.result(timeout=30)
    assert name == "Tỉnh Song Song"
    assert pid != backend_pid()


@pytest.mark.django_db(transaction=True)
def test_a_failing_read_raises_where_its_result_is_awaited(closed_after):
    if connection.vendor != "postgresql":
        pytest.skip("reads go beside on PostgreSQL only")

    def read() -> None:
        OrgUnit.objects.get(code="KHONG-CO")

    pending = beside.read_beside(read, using="default")
    assert pending is not None
    with pytest.raises(OrgUnit.DoesNotExist):
        pending.result(timeout=30)


@pytest.mark.django_db(transaction=True)
def test_when_every_thread_is_busy_the_caller_reads_itself_instead_of_waiting(closed_after):
    if connection.vendor != "postgresql":
        pytest.skip("reads go beside on PostgreSQL only")
    go_on = threading.Event()
    busy = [beside.read_beside(go_on.wait, using="default") for _ in range(beside.threads())]
    try:
        assert all(pending is not None for pending in busy)
        assert beside.read_beside(lambda: "read", using="default") is None
    finally:
        go_on.set()
    assert all(pending.result(timeout=30) for pending in busy)
    # A thread is free again once its read has ended.
    again = beside.read_beside(lambda: "read", using="default")
    assert again is not None
    assert again.result(timeout=30) == "read"


@pytest.mark.django_db(transaction=True)
def test_a_read_that_failed_on_its_connection_is_read_again_here(closed_after):
    if connection.vendor != "postgresql":
        pytest.skip("reads go beside on PostgreSQL only")

    def read() -> str:
        with connection.cursor() as cursor:  # a database error on the other connection
            cursor.execute("SELECT * FROM khong_co_bang_nay")
        return "beside"

    pending = beside.read_beside(read, using="default")
    assert pending is not None
    assert beside.result_or_read_here(pending, lambda: "here") == "here"


def test_with_nothing_beside_the_caller_reads_here(db):
    assert beside.result_or_read_here(None, lambda: "here") == "here"
