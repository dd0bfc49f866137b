"""Reads of the org structure: the tree on a date, and where a unit's history comes from."""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, Q

from trithuc.core import generations

from .choices import SUCCESSION_EVENT_KINDS, OrgUnitEventKind
from .models import OrgUnit, OrgUnitEvent

T = TypeVar("T")
# children of each unit, predecessors of each unit (merges and splits)
Graph = tuple[dict[int, list[int]], dict[int, list[int]]]


@dataclass
class TreeNode:
    unit: OrgUnit
    name: str
    children: list[TreeNode] = field(default_factory=list)


def orgunit_tree_as_of(day: dt.date, *, root: OrgUnit | None = None) -> list[TreeNode]:
    """The units that existed on ``day``, as a forest, each under the name it bore that day."""
    units = OrgUnit.objects.active_on(day)
    if root is not None:
        units = units.subtree_of(root)
    units = list(units.order_by("path"))
    names = _names_on(day, units)
    nodes = {u.pk: TreeNode(unit=u, name=names.get(u.pk, u.name)) for u in units}
    roots: list[TreeNode] = []
    for unit in units:
        parent = nodes.get(unit.parent_id) if unit.parent_id else None
        (parent.children if parent else roots).append(nodes[unit.pk])
    return roots


def _names_on(day: dt.date, units: list[OrgUnit]) -> dict[int, str]:
    """For each unit renamed after ``day``, the name it had on ``day`` (the first later rename's old name)."""
    renames = (
        OrgUnitEvent.objects.filter(kind=OrgUnitEventKind.RENAMED, date__gt=day)
        .filter(units_before__in=units)
        .order_by("-date", "-pk")
        .values_list("units_before", "old_name")
    )
    # Walking back from the latest rename, the last write is the earliest rename after the day.
    return dict(renames)


def names_on(day: dt.date, units: list[OrgUnit]) -> dict[int, str]:
    """For each of ``units`` renamed after ``day``, the name it bore on ``day``."""
    return _names_on(day, units)


def orgunit_name_as_of(unit: OrgUnit, day: dt.date) -> str:
    return _names_on(day, [unit]).get(unit.pk, unit.name)


def succession_edges() -> list[tuple[int, int]]:
    """(predecessor id, successor id) for every merge and split ever recorded."""
    events = OrgUnitEvent.objects.filter(kind__in=SUCCESSION_EVENT_KINDS)
    before_through = OrgUnitEvent.units_before.through
    after_through = OrgUnitEvent.units_after.through
    before = defaultdict(list)
    for event_id, unit_id in before_through.objects.filter(orgunitevent__in=events).values_list(
        "orgunitevent_id", "orgunit_id"
    ):
        before[event_id].append(unit_id)
    edges = set()
    for event_id, unit_id in after_through.objects.filter(orgunitevent__in=events).values_list(
        "orgunitevent_id", "orgunit_id"
    ):
        edges.update((pred, unit_id) for pred in before[event_id] if pred != unit_id)
    return sorted(edges)


def orgunit_history_leading_into(unit: OrgUnit) -> list[OrgUnit]:
    """The units (and their subunits) whose records now count for ``unit``: a 2023 district's
    records count for the unit it was merged into."""
    ids = orgunit_reach_ids({unit.pk}) - set(
        OrgUnit.objects.subtree_of(unit).values_list("pk", flat=True)
    )
    return list(OrgUnit.objects.filter(pk__in=ids).order_by("path"))


def orgunit_reach_ids(root_ids: set[int]) -> set[int]:
    """The units whose records count for ``root_ids``: their subtrees, every unit whose history
    leads into any unit found, and those units' subtrees, until nothing new is found."""
    graph, memo = _structure_kept()
    key = ("reach", frozenset(root_ids))
    reach = memo.get(key)
    if reach is None:
        reach = memo[key] = frozenset(_reach(graph, root_ids))
    return set(reach)  # a copy: callers may change theirs


# Past this many runs the condition is the plain IN list.
_MAX_ID_RUNS = 16


def unit_ids_q(field: str, unit_ids: set[int]) -> Q:
    """``field`` (a unit id column) is one of ``unit_ids``, written as ranges of consecutive ids
    where there are few: a province's reach of 249 units loaded together is ``BETWEEN 1 AND 249``
    instead of 249 parameters that Django prepares one by one and the database compares with on
    every row. Exact: a range holds only ids of the set, and a unit made later gets a new id."""
    runs: list[tuple[int, int]] = []
    for unit_id in sorted(unit_ids):
        if runs and unit_id == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], unit_id)
        else:
            runs.append((unit_id, unit_id))
    if not runs or len(runs) > _MAX_ID_RUNS:
        return Q(**{f"{field}__in": unit_ids})
    condition = Q()
    for low, high in runs:
        # gte/lte, not range: a foreign key has no range lookup.
        condition |= (
            Q(**{f"{field}__gte": low, f"{field}__lte": high}) if high > low else Q(**{field: low})
        )
    return condition


def orgunit_reach_map(root_ids: set[int]) -> dict[int, set[int]]:
    """``orgunit_reach_ids`` of each root on its own, reading the structure once."""
    graph = _structure_graph()
    return {root: _reach(graph, {root}) for root in root_ids}


def structure_memo(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, kept in this process with the structure graph and dropped with it: for
    values worked out from the units and their history alone (a user's reach, the list of units
    a reach holds). They are as fresh as the graph: a service's change of the structure is seen
    by the next request, a change made elsewhere within ``TRITHUC_STRUCTURE_CACHE_SECONDS``.
    The value is shared by every request of the process: return something immutable."""
    memo = _structure_kept()[1]
    value = memo.get(key, _MISSING)
    if value is _MISSING:
        if len(memo) >= _MEMO_LIMIT:  # many distinct users' reaches: start again, do not grow
            memo.clear()
        value = memo[key] = compute()
    return value


# The structure graph (children and history edges of every unit) is read for every scoped request;
# it changes a few times a year. Each process keeps it while the shared structure generation is
# unchanged (the services move it on every change, see structure_changed) and at most
# TRITHUC_STRUCTURE_CACHE_SECONDS, which bounds the lag after a change made outside the services
# (the admin, SQL). 0 turns it off (the tests, whose rolled-back units would otherwise linger).
STRUCTURE_GENERATION_KEY = "orgunits:structure-generation"
# generation, deadline, graph, and the values derived from it (structure_memo)
_kept_graph: dict[str, tuple[int, float, Graph, dict[Hashable, Any]]] = {}
_MEMO_LIMIT = 2000
_MISSING = object()


def structure_changed() -> None:
    """Called by the services that change units or their history: every process reads the
    structure again (now, and once more when the transaction commits)."""
    _next_structure_generation()
    transaction.on_commit(_next_structure_generation)


def _next_structure_generation() -> None:
    generations.move(STRUCTURE_GENERATION_KEY)


def _structure_graph() -> Graph:
    return _structure_kept()[0]


def _structure_kept() -> tuple[Graph, dict[Hashable, Any]]:
    """The structure graph and the memo of values derived from it, read again when the shared
    generation moved or the time ran out (with the cache off: every call, with an empty memo)."""
    seconds = settings.TRITHUC_STRUCTURE_CACHE_SECONDS
    if seconds <= 0:
        return _read_structure_graph(), {}
    generation = generations.current(STRUCTURE_GENERATION_KEY)
    kept = _kept_graph.get("graph")
    if kept and kept[0] == generation and kept[1] > time.monotonic():
        return kept[2], kept[3]
    graph = _read_structure_graph()
    _kept_graph["graph"] = (generation, time.monotonic() + seconds, graph, {})
    return graph, _kept_graph["graph"][3]


def _read_structure_graph() -> Graph:
    children_of: dict[int, list[int]] = defaultdict(list)
    for pk, parent_id in OrgUnit.objects.values_list("pk", "parent_id"):
        if parent_id is not None:
            children_of[parent_id].append(pk)
    predecessors_of: dict[int, list[int]] = defaultdict(list)
    for pred, succ in succession_edges():
        predecessors_of[succ].append(pred)
    return children_of, predecessors_of


def _reach(graph: Graph, root_ids: set[int]) -> set[int]:
    children_of, predecessors_of = graph
    found = set(root_ids)
    stack = list(root_ids)
    while stack:
        current = stack.pop()
        for nxt in (*children_of.get(current, ()), *predecessors_of.get(current, ())):
            if nxt not in found:
                found.add(nxt)
                stack.append(nxt)
    return found


def orgunit_successors_on(unit: OrgUnit, day: dt.date) -> list[OrgUnit]:
    """The units that carry ``unit``'s responsibilities on ``day``: itself while it exists, else
    the units it was merged or split into, followed until they exist on that day."""
    return orgunit_successor_map({unit.pk}, day)[unit.pk]


def orgunit_successor_map(unit_ids: set[int], day: dt.date) -> dict[int, list[OrgUnit]]:
    """``orgunit_successors_on`` for many units, reading the structure once."""
    successors_of: dict[int, list[int]] = defaultdict(list)
    for pred, succ in succession_edges():
        successors_of[pred].append(succ)
    active = set(OrgUnit.objects.active_on(day).values_list("pk", flat=True))
    found_for: dict[int, set[int]] = {}
    for unit_id in unit_ids:
        found: set[int] = set()
        frontier, seen = [unit_id], {unit_id}
        while frontier:
            current = frontier.pop()
            if current in active:
                found.add(current)
                continue
            for nxt in successors_of.get(current, ()):
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append(nxt)
        found_for[unit_id] = found
    units = OrgUnit.objects.in_bulk(set().union(*found_for.values()) if found_for else set())
    return {
        unit_id: sorted((units[pk] for pk in found), key=lambda u: u.path)
        for unit_id, found in found_for.items()
    }


def orgunit_events_of(unit: OrgUnit) -> list[OrgUnitEvent]:
    prefetch = [
        Prefetch("units_before", queryset=OrgUnit.objects.order_by("path")),
        Prefetch("units_after", queryset=OrgUnit.objects.order_by("path")),
    ]
    before = OrgUnitEvent.objects.filter(units_before=unit)
    after = OrgUnitEvent.objects.filter(units_after=unit)
    return list((before | after).distinct().prefetch_related(*prefetch).order_by("date", "pk"))


def orgunit_list_for_choice(day: dt.date | None = None) -> list[OrgUnit]:
    units = OrgUnit.objects.all() if day is None else OrgUnit.objects.active_on(day)
    return list(units.order_by("path"))
