"""Reading on a second database connection while the request's own connection reads on.

A page that needs two independent reads waits for their sum on one connection. On PostgreSQL each
connection is a server process of its own, so two connections read at the same time on two
cores: the page waits for the longer read only. The person list uses it for a search that
likely matches more than the count limit (people/selectors.py): its first page is walked in
name order beside the count through the word index (1M people, "phạm ngọc": 20.2 → 14.6 ms,
benchmarks/README.md, «Reading beside the count»).

The second connection belongs to a small pool of threads, each keeping its connection between
reads as a request's is kept (``CONN_MAX_AGE``, health checks before use). A read goes beside
only when that cannot change what the page shows or cost a wait:

* the database is PostgreSQL (SQLite reads in this process anyway);
* the request's connection is not in a transaction: another connection would not see its
  uncommitted rows, nor share its snapshot (the test suite wraps each test in one, so tests
  that check this path commit their rows, ``transaction=True``);
* a thread is free at once; else the caller is told to read itself, rather than queue.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from django.conf import settings
from django.db import close_old_connections, connections

T = TypeVar("T")

_pool: ThreadPoolExecutor | None = None
_free: threading.BoundedSemaphore | None = None
_size = 0  # the threads of the pool, as many as _free lets through
_started = threading.Lock()
# Every connection a pool thread opened, so that they can all be closed (close_connections).
_opened: set = set()


def read_beside(read: Callable[[], T], *, using: str) -> Future[T] | None:
    """Start ``read`` on another connection to ``using``; None when it cannot go beside now (see
    the module's docstring), and the caller reads itself. A started read runs to its end even
    if nobody waits for it: its rows were asked of the database already."""
    if not _may_read_beside(using):
        return None
    free = _semaphore()
    if not free.acquire(blocking=False):
        return None
    try:
        return _executor().submit(_in_own_connection, read, using, free)
    except RuntimeError:  # the pool was shut down (the process is ending)
        free.release()
        return None


def threads() -> int:
    """How many reads may go beside at once in this process (``TRITHUC_READS_BESIDE``; 0: none)."""
    return settings.TRITHUC_READS_BESIDE


def close_connections() -> None:
    """Wait for the reads under way to end (also those nobody waits for), then close every
    connection the pool's threads hold: the test suite empties and at the end drops its
    database, which PostgreSQL makes wait for, or refuses to, while another connection reads."""
    held = _hold_every_thread()
    try:
        for connection in list(_opened):
            connection.inc_thread_sharing()
            try:
                connection.close()
            finally:
                connection.dec_thread_sharing()
            _opened.discard(connection)
    finally:
        for _ in range(held):
            _free.release()


def _hold_every_thread() -> int:
    if _free is None:  # nothing went beside yet in this process
        return 0
    for _ in range(_size):
        _free.acquire()
    return _size


def _may_read_beside(using: str) -> bool:
    connection = connections[using]
    return threads() > 0 and connection.vendor == "postgresql" and not connection.in_atomic_block


def _in_own_connection(read: Callable[[], T], using: str, free: threading.BoundedSemaphore) -> T:
    try:
        # As a request begins and ends: a connection past its age or found broken is replaced.
        close_old_connections()
        _opened.add(connections[using])
        try:
            return read()
        finally:
            close_old_connections()
    finally:
        free.release()


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _started:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=threads(), thread_name_prefix="trithuc-beside")
        return _pool


def _semaphore() -> threading.BoundedSemaphore:
    global _free, _size
    with _started:
        if _free is None:
            _size = threads()
            _free = threading.BoundedSemaphore(_size)
        return _free
