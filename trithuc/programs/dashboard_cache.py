"""The rendered dashboard, kept per program, unit, year, day and language.

Building the dashboard reads the figures table and the structure (about 20 queries, 50–70 ms at a
million people) and rendering its unit table is as much again; leaders open the same few pages
all day. The page's figure parts are the same for every user allowed to open that unit (the unit
list they pick from is not, and stays outside), so they are kept as HTML in the shared cache.

The program itself (its row and issuing body) is kept beside them, so that a kept dashboard is
served without a query.

Invalidation: every service that writes figures calls :func:`figures_changed`, which, once the
transaction commits, moves a generation counter that is part of every key, so no kept page
outlives a change of figures; saving or deleting a program, an indicator or a target (the admin,
``trithuc setup``) does the same. Task statuses and unit names change without figures; for them
the page is kept at most ``TRITHUC_DASHBOARD_CACHE_SECONDS`` (300; 0 turns the cache off).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language

from trithuc.core import generations

from .models import Indicator, Program, Target

GENERATION_KEY = "programs:figures-generation"
Parts = dict[str, str]
# The pages this process served last, by key: (kept until, parts).
_here: OrderedDict[str, tuple[float, Parts]] = OrderedDict()
_HERE_LIMIT = 32
_here_lock = threading.Lock()


def figures_changed() -> None:
    """Called inside the transaction that wrote figures: every kept dashboard is stale once it
    commits (not before, or a page built from the old figures could be kept as new)."""
    transaction.on_commit(_next_generation)


def _next_generation() -> None:
    generations.move(GENERATION_KEY)


def _generation() -> int:
    return generations.current(GENERATION_KEY)


@receiver([post_save, post_delete], sender=Program, dispatch_uid="dashboard-program")
@receiver([post_save, post_delete], sender=Indicator, dispatch_uid="dashboard-indicator")
@receiver([post_save, post_delete], sender=Target, dispatch_uid="dashboard-target")
def _program_saved(sender, **kwargs) -> None:
    figures_changed()


def dashboard_program(code: str, read: Callable[[], Program]) -> Program:
    """The program with this code (``read()`` when it is not kept; it raises 404 when there is
    no such program, and nothing is kept)."""
    seconds = settings.TRITHUC_DASHBOARD_CACHE_SECONDS
    if seconds <= 0:
        return read()
    key = f"programs:program:{code}:{_generation()}"
    program = cache.get(key)
    if program is None:
        program = read()
        cache.set(key, program, seconds)
    return program


def dashboard_parts(
    *, program_id: int, unit_id: int, year: int, day: dt.date, render: Callable[[], Parts]
) -> Parts:
    seconds = settings.TRITHUC_DASHBOARD_CACHE_SECONDS
    if seconds <= 0:
        return render()
    key = (
        f"programs:dashboard-parts:{get_language()}:{program_id}:{unit_id}:{year}:{day.isoformat()}:"
        f"{_generation()}"
    )
    now = time.time()
    kept = _here.get(key) or cache.get(key)
    if kept is None or kept[0] <= now:
        kept = (now + seconds, render())
        cache.set(key, kept, seconds)
    # Also kept in this process until the same moment: reading ~150 kB from the file cache and
    # unpacking it was a tenth of a kept page's cost. The key holds the generation, read from
    # the shared cache on every request, so a change of figures reaches every process at once.
    with _here_lock:  # threaded workers share _here
        _here[key] = kept
        _here.move_to_end(key)
        while len(_here) > _HERE_LIMIT:
            _here.popitem(last=False)
    return kept[1]
