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

import logging
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connections

T = TypeVar("T")

logger = logging.getLogger(__name__)

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
    permit = _Permit(free)
    try:
        return _executor().submit(_in_own_connection, read, using, permit)
    except RuntimeError:  # the pool was shut down (the process is ending), or no thread left
        permit.release()
        return None


def result_or_read_here(pending: Future[T] | None, read: Callable[[], T]) -> T:
    """The result of the read that went beside; or ``read()`` on the caller's own connection
    when none went, or when the other connection failed (a database restarted, no connection
    left on the server): going beside only saves time, so its failure must not fail the page.
    Any other error of the read is raised here, as the caller's own read would raise it."""
    if pending is not None:
        try:
            return pending.result()
        except DatabaseError:
            logger.warning(
                "A read beside failed on its connection; read again here.", exc_info=True
            )
    return read()


def wait_for_reads() -> None:
    """Wait until no read is under way beside, also those nobody waits for (benchmarks: between
    two timed pages, so that one's unwatched read is not charged to the next)."""
    with _no_read_under_way():
        pass


def threads() -> int:
    """How many reads may go beside at once in this process (``TRITHUC_READS_BESIDE``; 0: none)."""
    return settings.TRITHUC_READS_BESIDE


def close_connections() -> None:
    """Wait for the reads under way to end (also those nobody waits for), then close every
    connection the pool's threads hold: the test suite empties and at the end drops its
    database, which PostgreSQL makes wait for, or refuses to, while another connection reads."""
    with _no_read_under_way():
        for connection in list(_opened):
            connection.inc_thread_sharing()
            try:
                connection.close()
            finally:
                connection.dec_thread_sharing()
            _opened.discard(connection)


@contextmanager
def _no_read_under_way() -> Iterator[None]:
    # Every thread's permit held: each read under way has ended, and none starts meanwhile.
    free, size = _free, _size
    if free is None:  # nothing went beside yet in this process
        yield
        return
    for _ in range(size):
        free.acquire()
    try:
        yield
    finally:
        for _ in range(size):
            free.release()


def _may_read_beside(using: str) -> bool:
    connection = connections[using]
    return threads() > 0 and connection.vendor == "postgresql" and not connection.in_atomic_block


def _in_own_connection(read: Callable[[], T], using: str, permit: _Permit) -> T:
    try:
        # As a request begins and ends: a connection past its age or found broken is replaced.
        close_old_connections()
        _opened.add(connections[using])
        try:
            return read()
        finally:
            close_old_connections()
    finally:
        permit.release()


class _Permit:
    """A thread's permit, given back once: when a thread cannot be started, ``submit`` has
    queued the read already, and a later thread may still run it and give the permit back."""

    def __init__(self, free: threading.BoundedSemaphore) -> None:
        self._free = free
        self._held = True
        self._lock = threading.Lock()

    def release(self) -> None:
        with self._lock:
            if self._held:
                self._held = False
                self._free.release()


def _forget_pool() -> None:
    # A process forked from one that used the pool (a server that loads the code before it
    # forks its workers) inherits the pool without its threads: it starts its own.
    global _pool, _free, _size, _started
    _pool, _free, _size, _started = None, None, 0, threading.Lock()
    _opened.clear()


os.register_at_fork(after_in_child=_forget_pool)


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _started:
        if _pool is None:
            # As many threads as the permits (_semaphore, taken first, fixed their number).
            _pool = ThreadPoolExecutor(max_workers=_size, thread_name_prefix="trithuc-beside")
        return _pool


def _semaphore() -> threading.BoundedSemaphore:
    global _free, _size
    with _started:
        if _free is None:
            _size = threads()
            _free = threading.BoundedSemaphore(_size)
        return _free
