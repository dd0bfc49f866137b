#!/usr/bin/env python
"""Search benchmark: the person search (FTS5 on SQLite, full-text GIN on PostgreSQL) against the
unindexed ``LIKE '%…%'`` scan, at 100 000 and 1 000 000 people, on both databases.

For each database and size, in a process of its own, a fixed set of realistic queries (full and
partial names, typed without marks, and expertise keywords) runs through ``person_list`` as the
person list page calls it, for a program-office user of the whole province (so the scope rule is
on every query): the first page (50 rows, with their current jobs) and the count the paginator
shows. Beside it, the search alone: the same count and the ids of that first page in name
order, without reading the rows the table shows (what finding the people costs, apart from
building the page). The same queries then run with the indexed condition swapped for
``scan_condition`` (the leading-wildcard LIKE that the registry used before). On PostgreSQL the page
is also read with every read on one connection, taking turns with the default that walks a
first page beside the count (core/beside.py). Prints p50/p95 per
database, size and method; the goal is checked against the page, the stricter measure. Usage::

    .venv/bin/python benchmarks/search.py                       # 100k and 1M, both databases
    .venv/bin/python benchmarks/search.py --sizes 100000 --results benchmarks/results/search.txt

The databases are made on first use (`trithuc setup` + `trithuc generate-data`) and reused; see
benchmarks/common.py.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402 - after the path is set
    Report,
    add_database_arguments,
    bench_user,
    each_database,
    nearest_rank,
    report_for,
)

GOAL_P95_MS = 20.0
# What officials type: names without marks, partial names, a family name with a middle name, a
# given name in either tone placement, and expertise keywords (each with the name box empty).
NAME_QUERIES = [
    "nguyen van hung",
    "tran thi hoa",
    "le minh tuan",
    "huynh thanh son",
    "dang van dat",
    "pham ngoc",
    "vo quoc vinh",
    "thach thi",
    "hoà",
    "duong cong",
    "ngo huu nghia",
    "lam kim",
]
EXPERTISE_QUERIES = ["chuyen doi so", "du lich sinh thai", "ca that lat", "nang luong tai tao"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_database_arguments(parser, sizes="100000,1000000")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each query")
    parser.add_argument(
        "--scan-repeat", type=int, default=2, help="timed runs of each query, unindexed (slow)"
    )
    args = parser.parse_args()
    if args.worker:
        return worker(args)
    report = report_for(
        "Search benchmark: person list search, indexed vs unindexed scan", args.pg_url
    )
    report.say(
        f"queries: {len(NAME_QUERIES)} names + {len(EXPERTISE_QUERIES)} expertise, "
        f"{args.repeat} timed runs each (unindexed: {args.scan_repeat}) after one warm-up; user: program office of CT (whole "
        "province in scope); timed: first page (50 rows + current jobs) + count (stopping at "
        "PEOPLE_COUNT_LIMIT, 1 000), as the page does; 'search' lines: the count and the "
        "first page's ids only; the goal is checked against the page"
    )
    report.say()
    results = []
    worker_args = ["--repeat", str(args.repeat), "--scan-repeat", str(args.scan_repeat)]
    for result in each_database(args, __file__, worker_args, report.say):
        results.append(result)
        for line in result["lines"]:
            report.say(line)
    summary(report, results)
    report.write(args.results)
    return 0


def summary(report: Report, results: list[dict]) -> None:
    report.say()
    report.say("Summary (ms; p50 / p95 over all queries × runs)")
    header = f"{'database':10} {'persons':>9} {'indexed p50':>12} {'indexed p95':>12} "
    header += f"{'search p95':>11} "
    header += (
        f"{'scan p50':>9} {'scan p95':>9} {'speed-up p50':>13}  goal p95 ≤ {GOAL_P95_MS:.0f} ms"
    )
    report.say(header)
    report.say("-" * len(header))
    for r in results:
        met = "met" if r["indexed_p95"] <= GOAL_P95_MS else "NOT met"
        report.say(
            f"{r['database']:10} {r['persons']:>9,} {r['indexed_p50']:>12.1f} "
            f"{r['indexed_p95']:>12.1f} {r['search_p95']:>11.1f} {r['scan_p50']:>9.1f} {r['scan_p95']:>9.1f} "
            f"{r['scan_p50'] / r['indexed_p50']:>12.0f}×  {met}"
        )


# ---------------------------------------------------------------------------------------------
# Worker: one database, in its own process (Django reads its settings once)


def worker(args: argparse.Namespace) -> int:
    import django

    django.setup()
    from django.db import connection

    from trithuc.people.models import Person

    user = bench_user()
    persons = Person.objects.count()
    lines = [f"== {args.worker} ({connection.vendor}), {persons:,} persons"]
    cpu_before = process_cpu_seconds(connection)
    indexed = run_queries(user, args.repeat, page_once, "indexed", lines)
    cpu = [
        after - before
        for after, before in zip(process_cpu_seconds(connection), cpu_before, strict=True)
    ]
    views = len(indexed) + len(NAME_QUERIES) + len(EXPERTISE_QUERIES)  # timed runs + warm-ups
    lines.append(
        f"   indexed CPU per page view: this process {cpu[0] / views * 1000:.1f} ms"
        + (
            f" + PostgreSQL backend {cpu[1] / views * 1000:.1f} ms"
            if connection.vendor == "postgresql"
            else " (SQLite runs in it)"
        )
        + f"; load average now {os.getloadavg()[0]:.2f}"
    )
    found = run_queries(user, args.repeat, search_once, "search ", lines)
    broad_words(user, args.repeat, lines)
    if connection.vendor == "postgresql":  # SQLite reads every page on its one connection
        beside_pages(user, args.repeat, lines)
        eighth_counts(user, args.repeat, lines)
        read_whole(user, args.repeat, lines)
    far_pages(user, args.repeat, lines)
    scan = run_queries(user, args.scan_repeat, scan_once, "scan   ", lines)
    result = {
        "database": args.worker,
        "persons": persons,
        "indexed_p50": statistics.median(indexed),
        "indexed_p95": nearest_rank(indexed, 0.95),
        "search_p50": statistics.median(found),
        "search_p95": nearest_rank(found, 0.95),
        "scan_p50": statistics.median(scan),
        "scan_p95": nearest_rank(scan, 0.95),
        "lines": lines,
    }
    lines.append(
        f"   indexed: p50 {result['indexed_p50']:.1f} ms, p95 {result['indexed_p95']:.1f} ms; "
        f"search alone: p50 {result['search_p50']:.1f} ms, p95 {result['search_p95']:.1f} ms; "
        f"scan: p50 {result['scan_p50']:.1f} ms, p95 {result['scan_p95']:.1f} ms"
    )
    print(json.dumps(result))
    return 0


# Words typed alone that a large share of a registry has: a common given, middle or family name,
# and the first letters of one as the official types them.
BROAD_QUERIES = ["hoà", "nguyen", "thi", "tran", "van", "ng", "h"]


def taking_turns(
    repeat: int,
    ours: Callable[[], tuple[float, Any]],
    peer: Callable[[], tuple[float, Any]],
    what: str,
) -> tuple[list[float], list[float]]:
    """The timings (ms) of ``repeat`` runs of each way, after one warm-up of each, taking turns
    in one loop so that a machine whose speed drifts from minute to minute slows both alike.
    Each way returns (ms, what it shows); both must show the same, else the script stops."""
    timed: tuple[list[float], list[float]] = ([], [])
    for turn in range(repeat + 1):
        took, shown = ours()
        took_peer, shown_peer = peer()
        if shown != shown_peer:
            raise RuntimeError(f"{what}: the two ways show different results")
        if turn:  # the first of each is the warm-up
            timed[0].append(took)
            timed[1].append(took_peer)
    return timed


def broad_words(user, repeat: int, lines: list[str]) -> None:
    """The page for words the statistics rate as broad, found by walking the name order
    (``first_in_name_order``) and, alternately in the same loop, through the word index as
    before (the peer); the two must show the same count and rows. PostgreSQL only: on SQLite
    no words are rated broad."""
    from django.db import connection

    from trithuc.people import search, selectors
    from trithuc.people.models import Person

    if connection.vendor != "postgresql":
        return
    rated = search.looks_broad

    def page_by(query: str, walk: bool) -> tuple[float, tuple[int, list[int]]]:
        selectors.looks_broad = rated if walk else (lambda *args, **kwargs: False)
        try:
            started = time.perf_counter()
            page = selectors.person_page(
                user=user, filters=selectors.PersonFilters(q=query), number=1
            )
            rows = [person.pk for person in page.object_list]
            return (time.perf_counter() - started) * 1000, (page.paginator.count, rows)
        finally:
            selectors.looks_broad = rated

    lines.append("   broad words typed alone: walk of the name order / word index (same loop)")
    for query in BROAD_QUERIES:
        if not rated(Person.objects.db, name=query):
            lines.append(f"   broad  {query!r:22} not rated broad here")
            continue
        walked, indexed = taking_turns(
            repeat, partial(page_by, query, walk=True), partial(page_by, query, walk=False), query
        )
        lines.append(
            f"   broad  {query!r:22} walk median {statistics.median(walked):6.1f} ms, "
            f"word index {statistics.median(indexed):6.1f} ms"
        )


# Given names late in the alphabet: the name order begins with the given name, so those who bear
# one are its last entries.
FAR_QUERIES = ["yen", "vy", "thi yen"]


def far_pages(user, repeat: int, lines: list[str]) -> None:
    """The first page of searches past the count limit whose matches lie far down the name
    order: walked within a bound, then read by the keys counted (``_page_past_the_limit``),
    and, alternately in the same loop, walked to the page without a bound as before (the
    peer); the two must show the same rows."""
    from django.conf import settings

    from trithuc.people import selectors

    bounded = selectors._page_past_the_limit
    # Both ways read on the request's connection, one after the other: a first page walked
    # beside the count (core/beside.py) is the comparison of ``beside_pages``.
    reads_beside, settings.TRITHUC_READS_BESIDE = settings.TRITHUC_READS_BESIDE, 0

    def unbounded(user, filters, reach, walk, counted, first_page, bottom, top):
        return list(selectors._walked_page(walk, bottom, top))

    def page_by(query: str, read) -> tuple[float, list[int]]:
        selectors._page_past_the_limit = read
        try:
            started = time.perf_counter()
            page = selectors.person_page(
                user=user, filters=selectors.PersonFilters(q=query), number=1
            )
            rows = [person.pk for person in page.object_list]
            return (time.perf_counter() - started) * 1000, rows
        finally:
            selectors._page_past_the_limit = bounded

    lines.append(
        "   far down the name order: bounded walk, else keys / walk to the page (same loop)"
    )
    for query in FAR_QUERIES:
        near, far = taking_turns(
            repeat, partial(page_by, query, bounded), partial(page_by, query, unbounded), query
        )
        lines.append(
            f"   far    {query!r:22} bounded, else keys {statistics.median(near):6.1f} ms, "
            f"walk to the page {statistics.median(far):6.1f} ms"
        )
    settings.TRITHUC_READS_BESIDE = reads_beside


# Full names as officials type them, given name included: those who bear it stand together
# where that given name sorts, not spread along the name order as a family and middle name's are.
GIVEN_NAME_QUERIES = ["nguyen thi hoa", "nguyen thi thu", "nguyen thi lan", "nguyen thi huong"]


def read_whole(user, repeat: int, lines: list[str]) -> None:
    """The page of every name whose count is read differently since the fifth session: with
    the statistics of word pairs (``expected_matches``) and every match read when they expect
    at most twice the limit + 1 (``matches_to_read``), as the page reads it; and, alternately
    in the same loop, with the words of a name taken as independent and limit + 1 read (the
    peer: the fourth session's page). The two must show the same rows and count. Names are
    left out when both ways walk beside the count alike and every match is under the limit
    (read whole or not, the same rows are read). PostgreSQL."""
    import math

    from django.conf import settings
    from django.db import connection

    from trithuc.core.beside import wait_for_reads
    from trithuc.core.text import search_tokens
    from trithuc.people import search, selectors

    if connection.vendor != "postgresql":  # no statistics of words: limit + 1 is read either way
        return
    limit = settings.PEOPLE_COUNT_LIMIT
    ours = (selectors.expected_matches, selectors.matches_to_read)

    def independent(using: str, *, name: str = "", expertise: str = "") -> float | None:
        shares = search._word_shares(using, search._WORD_INDEXES[search.SearchColumn.NAME])
        words = [shares.get(token, 0.0) for token in search_tokens(name)]
        return math.prod(words) * search._registry_size(using)

    def limit_plus_one(using: str, *, name: str = "", expertise: str = "", limit: int) -> int:
        return limit + 1

    peer = (independent, limit_plus_one)
    scoped = selectors.person_list(user=user, filters=selectors.PersonFilters())

    def page_by(name: str, way) -> tuple[float, tuple]:
        selectors.expected_matches, selectors.matches_to_read = way
        try:
            started = time.perf_counter()
            page = selectors.person_page(
                user=user, filters=selectors.PersonFilters(q=name), number=1
            )
            shown = ([person.pk for person in page.object_list], page.paginator.count)
            took = (time.perf_counter() - started) * 1000
        finally:
            selectors.expected_matches, selectors.matches_to_read = ours
        wait_for_reads()  # a walk nobody waited for is not charged to the next page
        return took, shown

    def read_as(way, name: str) -> tuple[float, int]:
        return way[0]("default", name=name) or 0.0, way[1]("default", name=name, limit=limit)

    lines.append(
        "   read whole: names by their pairs, every match read up to 3 × (limit + 1) / "
        "words independent, limit + 1 read (same loop)"
    )
    for name in NAME_QUERIES + GIVEN_NAME_QUERIES:
        (expected, wanted), (guessed, _) = read_as(ours, name), read_as(peer, name)
        walked_beside = (expected > limit and wanted == limit + 1, guessed > limit)
        past_the_limit = len(search.first_matches(scoped, name=name, limit=limit + 1)) > limit
        if walked_beside[0] == walked_beside[1] and not (wanted > limit + 1 and past_the_limit):
            continue  # read the same way, or read whole and all of them under the limit anyway
        now, before = taking_turns(
            repeat, partial(page_by, name, ours), partial(page_by, name, peer), name
        )
        lines.append(
            f"   whole  {name!r:22} expected {expected:6,.0f}, read up to {wanted:5,}: "
            f"{statistics.median(now):6.1f} ms; independent {guessed:6,.0f}, "
            f"limit + 1 read: {statistics.median(before):6.1f} ms"
        )


def beside_pages(user, repeat: int, lines: list[str]) -> None:
    """The page of every query with its first page walked beside the count on a second
    connection where the statistics expect more matches than the count limit (as the list reads
    it, core/beside.py), and, alternately in the same loop, with every read on the request's
    connection (the peer); the two must show the same rows and count."""
    from django.conf import settings

    from trithuc.core.beside import wait_for_reads
    from trithuc.people.selectors import PersonFilters, person_page

    def page_by(name: str, expertise: str, threads: int) -> tuple[float, tuple]:
        settings.TRITHUC_READS_BESIDE = threads
        started = time.perf_counter()
        page = person_page(user=user, filters=PersonFilters(q=name, expertise=expertise), number=1)
        shown = ([person.pk for person in page.object_list], page.paginator.count)
        took = (time.perf_counter() - started) * 1000
        # A walk nobody waited for (the count came back under the limit) ends before the other
        # way is timed, so that it is not charged to it.
        wait_for_reads()
        return took, shown

    reads_beside = settings.TRITHUC_READS_BESIDE
    both: dict[int, list[float]] = {reads_beside: [], 0: []}
    lines.append("   beside: first page walked beside the count / every read on one connection")
    queries = [(q, "") for q in NAME_QUERIES] + [("", q) for q in EXPERTISE_QUERIES]
    try:
        for name, expertise in queries:
            beside, alone = taking_turns(
                repeat,
                partial(page_by, name, expertise, reads_beside),
                partial(page_by, name, expertise, 0),
                name or expertise,
            )
            both[reads_beside].extend(beside)
            both[0].extend(alone)
            lines.append(
                f"   beside {(name or expertise)!r:22} {statistics.median(beside):6.1f} ms, "
                f"one connection {statistics.median(alone):6.1f} ms"
            )
    finally:
        settings.TRITHUC_READS_BESIDE = reads_beside
    lines.append(
        f"   beside ({reads_beside} threads): p50 {statistics.median(both[reads_beside]):.1f} ms, "
        f"p95 {nearest_rank(both[reads_beside], 0.95):.1f} ms; one connection: "
        f"p50 {statistics.median(both[0]):.1f} ms, p95 {nearest_rank(both[0], 0.95):.1f} ms"
    )


def eighth_counts(user, repeat: int, lines: list[str]) -> None:
    """The count of every query that the statistics expect an eighth of the registry to hold
    twice the limit + 1 of (``eighth_holds``): in that eighth first (the partial word indexes,
    as the page counts), and, alternately in the same loop, over the whole registry (the peer);
    both must count the same (the limit + 1, or the same number under it)."""
    from django.conf import settings

    from trithuc.people.models import Person
    from trithuc.people.search import eighth_holds, first_matches
    from trithuc.people.selectors import PersonFilters, person_list

    limit = settings.PEOPLE_COUNT_LIMIT
    scoped = person_list(user=user, filters=PersonFilters())

    def count_by(name: str, expertise: str, eighth: bool) -> tuple[float, int]:
        started = time.perf_counter()
        found = first_matches(
            scoped, name=name, expertise=expertise, limit=limit + 1, eighth_first=eighth
        )
        return (time.perf_counter() - started) * 1000, len(found)

    lines.append("   eighth: the count in an eighth of the registry first / over the whole")
    queries = [(q, "") for q in NAME_QUERIES] + [("", q) for q in EXPERTISE_QUERIES]
    for name, expertise in queries:
        if not eighth_holds(Person.objects.db, name=name, expertise=expertise, wanted=limit + 1):
            continue
        first, whole = taking_turns(
            repeat,
            partial(count_by, name, expertise, eighth=True),
            partial(count_by, name, expertise, eighth=False),
            name or expertise,
        )
        lines.append(
            f"   eighth {(name or expertise)!r:22} {statistics.median(first):6.1f} ms, "
            f"whole registry {statistics.median(whole):6.1f} ms"
        )


def process_cpu_seconds(connection) -> tuple[float, float]:
    """CPU seconds used so far by this process and by its PostgreSQL backend (same machine, read
    from /proc): unlike wall time, not stretched by other work on the machine."""
    backend = 0.0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            backend = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:  # a server on another machine
            backend = float("nan")
    return time.process_time(), backend


def run_queries(user, repeat: int, measure, method: str, lines: list[str]) -> list[float]:
    from django.conf import settings

    limit = settings.PEOPLE_COUNT_LIMIT
    timings: list[float] = []
    queries = [(q, "") for q in NAME_QUERIES] + [("", q) for q in EXPERTISE_QUERIES]
    for name, expertise in queries:
        measure(user, name, expertise)  # warm-up: plans, caches
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            count = measure(user, name, expertise)
            runs.append((time.perf_counter() - started) * 1000)
        timings.extend(runs)
        lines.append(
            f"   {method} {'name' if name else 'expertise':9} "
            f"{(name or expertise)!r:22} {count:>8,}{'+' if count >= limit else ' '} found  "
            f"median {statistics.median(runs):8.1f} ms"
        )
    return timings


def search_once(user, name: str, expertise: str) -> int:
    """The search alone, as ``person_page`` finds the people for this user (a reach probed per
    person, no other filter): for words the statistics rate as broad, the first PEOPLE_COUNT_LIMIT
    + 1 ids by walking the name order, when the walk finds them within its bound; else at most
    that many ids through the word index (the count; all of them, up to three times that, when
    the statistics expect at most twice that, ``matches_to_read``), then the ids of the first
    page in name order (by those ids, or by walking the name order past the limit: on
    PostgreSQL beside the count when the statistics expect more than is read whole, as the page
    does); no row of the table is read."""
    from django.conf import settings

    from trithuc.core.beside import read_beside
    from trithuc.people.models import Person
    from trithuc.people.search import (
        expected_matches,
        first_in_name_order,
        first_matches,
        looks_broad,
        matches_to_read,
    )
    from trithuc.people.selectors import PersonFilters, page_size, person_list

    limit = settings.PEOPLE_COUNT_LIMIT
    filters = PersonFilters(q=name, expertise=expertise)
    db = Person.objects.db

    def walk():  # built only where it is read, as the page does
        return person_list(user=user, filters=filters, many=True)

    if looks_broad(db, name=name, expertise=expertise):
        walked = first_in_name_order(walk(), limit=limit + 1)
        if walked is not None:
            return limit  # the first page is walked[:page_size()]

    def first_page(people) -> list[int]:
        return list(people.order_by("sort_key", "pk").values_list("pk", flat=True)[: page_size()])

    expected = expected_matches(db, name=name, expertise=expertise)
    wanted = matches_to_read(db, name=name, expertise=expertise, limit=limit)
    beside = None
    if expected is not None and expected > limit and wanted == limit + 1:
        walking = walk()
        beside = read_beside(lambda: first_page(walking), using=db)
    scoped = person_list(user=user, filters=PersonFilters())
    found = first_matches(
        scoped, name=name, expertise=expertise, limit=wanted, keys=True, eighth_first=True
    )
    if len(found) < wanted:  # every match: put in name order by their keys, as the page does
        ids = [pk for _key, pk in sorted((key, pk) for pk, key in found)][: page_size()]
    else:
        ids = beside.result() if beside is not None else first_page(walk())
    if len(ids) != min(len(found), page_size()):
        raise RuntimeError(f"{name or expertise!r}: the first page is not full")
    return min(len(found), limit)  # as the page counts: "more than 1 000" past the limit


def scan_once(user, name: str, expertise: str) -> int:
    return page_once(user, name, expertise, scan=True)


def page_once(user, name: str, expertise: str, scan: bool = False) -> int:
    """What the person list page asks the database: the count (at most PEOPLE_COUNT_LIMIT) and
    the first page of 50 with their current jobs. Indexed: ``person_page``, as the view calls it
    (word index, or the name-order walk past the limit). Scan: the same list with the LIKE
    condition in place of the search, counted and sorted as before this work."""
    from django.conf import settings

    from trithuc.core.paginator import CappedPaginator
    from trithuc.core.text import search_tokens
    from trithuc.people import search
    from trithuc.people.selectors import PersonFilters, page_size, person_list, person_page

    if scan:
        people = person_list(user=user, filters=PersonFilters())
        for column, query in (
            (search.SearchColumn.NAME, name),
            (search.SearchColumn.EXPERTISE, expertise),
        ):
            if query:
                people = people.filter(search.scan_condition(column, search_tokens(query)))
        paginator = CappedPaginator(people, page_size(), limit=settings.PEOPLE_COUNT_LIMIT)
        page = paginator.get_page(1)
    else:
        page = person_page(user=user, filters=PersonFilters(q=name, expertise=expertise), number=1)
    rows = list(page.object_list)
    for person in rows:  # the table shows each person's current unit
        # person_page gives (position, unit name) pairs; the list before it, Employment rows.
        _ = [job.unit.name if scan else job.unit_name for job in person.current_employments]
    return page.paginator.count


if __name__ == "__main__":
    sys.exit(main())
