"""Generation counters in the shared cache: one number per kind of kept data (the structure graph,
the dashboards, one user's record), part of every kept entry's key or check, moved by each change,
so that no process serves what was kept before the change.

A counter starts from the clock, not from 0: when it is evicted (the file cache culls at random
when full) or the cache is emptied, an entry kept under an earlier number must not match again.
"""

from __future__ import annotations

import time

from django.core.cache import cache


def current(key: str) -> int:
    return cache.get_or_set(key, time.time_ns, timeout=None)


def move(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # missing: any value no entry was ever kept under
        cache.set(key, time.time_ns(), timeout=None)
