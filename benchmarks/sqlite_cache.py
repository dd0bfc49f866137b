#!/usr/bin/env python
"""SQLite's page cache: the person list pages of the search benchmark (the same queries, the
first page and its count) read three ways, on the SQLite registry of the given size:

* ``new connection, defaults``: a new connection for every page, with SQLite's own cache (2 MiB)
  and no memory map, as the web server read before (``CONN_MAX_AGE`` was 0 for SQLite);
* ``kept connection, defaults``: one connection for all pages, as a web worker now keeps it, still
  with SQLite's own cache;
* ``kept connection, settings``: kept, with the cache and memory map of ``TRITHUC_SQLITE_CACHE_MB``
  and ``TRITHUC_SQLITE_MMAP_MB`` (settings.py), as the web server now reads.

Each way runs in a process of its own (Django reads its settings once per process), and the three
take turns for ``--rounds`` rounds, so that a machine that slows down or speeds up meanwhile
weighs on each alike. Usage::

    .venv/bin/python benchmarks/sqlite_cache.py --persons 1000000 --results benchmarks/results/sqlite_cache.txt

The database is made on first use and reused, as for the search benchmark (benchmarks/common.py).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402 - after the path is set
    DEFAULT_PG_URL,
    ROOT,
    bench_user,
    ensure_database,
    label,
    nearest_rank,
    report_for,
    time_search_pages,
)

# way → (a new connection for every page, the environment that sets the cache and the map)
WAYS = {
    "new connection, defaults": (
        True,
        {"TRITHUC_SQLITE_CACHE_MB": "2", "TRITHUC_SQLITE_MMAP_MB": "0"},
    ),
    "kept connection, defaults": (
        False,
        {"TRITHUC_SQLITE_CACHE_MB": "2", "TRITHUC_SQLITE_MMAP_MB": "0"},
    ),
    "kept connection, settings": (False, {}),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3, help="turns of the three ways")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each query a turn")
    parser.add_argument("--results", help="also write the report to this file")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args.worker, args.repeat)
    report = report_for("SQLite page cache: person list pages, three ways to read", DEFAULT_PG_URL)
    env = ensure_database("sqlite", args.persons, DEFAULT_PG_URL, "unused", report.say)
    report.say(
        f"database: sqlite, {args.persons:,} persons ({label(args.persons)}); the search "
        f"benchmark's queries, {args.repeat} timed runs each per turn after one warm-up, "
        f"{args.rounds} turns of the three ways; user: program office of CT"
    )
    timings: dict[str, list[float]] = {way: [] for way in WAYS}
    for _ in range(args.rounds):
        for way, (_fresh, settings_env) in WAYS.items():
            command = [sys.executable, __file__, "--worker", way, "--repeat", str(args.repeat)]
            out = subprocess.run(  # noqa: S603 - our own script, fixed arguments
                command,
                env={**env, **settings_env},
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            timings[way].extend(json.loads(out.stdout.strip().splitlines()[-1]))
    report.say()
    for way, runs in timings.items():
        report.say(
            f"   {way:27} page p50 {statistics.median(runs):6.1f} ms, "
            f"p95 {nearest_rank(runs, 0.95):6.1f} ms ({len(runs)} pages)"
        )
    report.write(args.results)
    return 0


def worker(way: str, repeat: int) -> int:
    import django

    django.setup()
    fresh, _env = WAYS[way]
    print(json.dumps(page_timings(bench_user(), repeat, fresh=fresh)))
    return 0


def page_timings(user, repeat: int, *, fresh: bool) -> list[float]:
    """Milliseconds of each timed page of the search benchmark's queries; ``fresh``: a new
    connection for every page, as a server that closes it after each request (the warm-up fills
    a kept connection's cache, as a server's)."""
    from django.db import connection
    from search import page_once

    close = connection.close if fresh else None
    return time_search_pages(user, repeat, page_once, before_each=close)["wall"]


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trithuc.settings")
    sys.exit(main())
