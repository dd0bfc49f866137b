"""Which shape of the scope rule suits a reach: the ids its units keep, or a probe per person.

``Person.scope_q_for_units`` asks of every person read whether one of the reach's units keeps them
(``people_personkeeper``). For a province office, who sees most people, a probe per person is
right: a page or the capped count reads about as many people as it shows. For the officer of one
commune in a large registry it is wrong: one person in two hundred is in scope, so the capped
count probes some 175 000 people to find 1 001. For such a small reach the rule is the list of
the people its units keep, read from the keepers' index (one query, about 2 ms for 6 000 people),
which the database then matches as a hashed list. Both shapes select the same people; the choice
changes only the speed.

A reach is small when it keeps at most ``PEOPLE_KEPT_LIST_LIMIT`` people and at most
``PEOPLE_KEPT_LIST_SHARE`` of the registry (a share of 1: any share; a limit of 0: always the
probe). The judgement, never the ids, is kept in this process for ``PEOPLE_KEPT_LIST_SECONDS``,
so that a province office does not read a list it will not use on every request; a stale
judgement costs only speed.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from django.conf import settings
from django.db.models import QuerySet

from .models import Person, PersonKeeper

# (reach, limit, share) → (is the reach small, until when the judgement holds)
_judged: dict[tuple[frozenset[int], int, float], tuple[bool, float]] = {}
_MEMO_LIMIT = 2000


def kept_ids_if_few(keepers: QuerySet[PersonKeeper], unit_ids: Iterable[int]) -> list[int] | None:
    """The ids of the people held by ``keepers`` (the keeper rows of the reach ``unit_ids``) when
    the reach is small, else None."""
    limit, share = settings.PEOPLE_KEPT_LIST_LIMIT, settings.PEOPLE_KEPT_LIST_SHARE
    if limit <= 0 or share <= 0:
        return None
    key = (frozenset(unit_ids), limit, share)
    small, until = _judged.get(key, (True, 0.0))
    if not small and until > time.monotonic():
        return None
    # Keeper rows, not people: a person kept by two of the units is read twice, and the limit
    # bounds what is read.
    rows = list(keepers.values_list("person_id", flat=True)[: limit + 1])
    if until <= time.monotonic():
        small = len(rows) <= limit and (share >= 1 or _few_in_registry(len(rows), share))
        _remember(key, small)
    elif len(rows) > limit:  # grew past the limit since it was judged small
        small = False
        _remember(key, small)
    return sorted(set(rows)) if small else None


def _few_in_registry(kept: int, share: float) -> bool:
    # The registry is counted only as far as it takes to tell.
    bound = int(kept / share)
    return Person.objects.order_by()[: bound + 1].count() > bound


def _remember(key: tuple[frozenset[int], int, float], small: bool) -> None:
    seconds = settings.PEOPLE_KEPT_LIST_SECONDS
    if seconds <= 0:
        return
    if len(_judged) >= _MEMO_LIMIT:  # many distinct reaches: start again, do not grow
        _judged.clear()
    _judged[key] = (small, time.monotonic() + seconds)
