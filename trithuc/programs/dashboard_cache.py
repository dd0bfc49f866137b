"""The rendered dashboard, kept per program, unit, year, day and language.

Building the dashboard reads the figures table and the structure (about 20 queries, 50–70 ms at a
million people) and rendering its unit table is as much again; leaders open the same few pages
all day. The page's figure parts are the same for every user allowed to open that unit (the unit
list they pick from is not, and stays outside), so they are kept as HTML in the shared cache.

Invalidation: every service that writes figures calls :func:`figures_changed`, which, once the
transaction commits, moves a generation counter that is part of every key, so no kept page
outlives a change of figures. Task statuses, targets and unit names change without figures; for
them the page is kept at most ``TRITHUC_DASHBOARD_CACHE_SECONDS`` (300; 0 turns the cache off).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

GENERATION_KEY = "programs:figures-generation"
Parts = dict[str, str]


def figures_changed() -> None:
    """Called inside the transaction that wrote figures: every kept dashboard is stale once it
    commits (not before, or a page built from the old figures could be kept as new)."""
    transaction.on_commit(_next_generation)


def _next_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted: any new value makes the old keys unreachable
        cache.set(GENERATION_KEY, 1, timeout=None)


def _generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 0, timeout=None)


def dashboard_parts(
    *, program_id: int, unit_id: int, year: int, day: dt.date, render: Callable[[], Parts]
) -> Parts:
    seconds = settings.TRITHUC_DASHBOARD_CACHE_SECONDS
    if seconds <= 0:
        return render()
    key = (
        f"programs:dashboard:{get_language()}:{program_id}:{unit_id}:{year}:{day.isoformat()}:"
        f"{_generation()}"
    )
    parts = cache.get(key)
    if parts is None:
        parts = render()
        cache.set(key, parts, seconds)
    return parts
