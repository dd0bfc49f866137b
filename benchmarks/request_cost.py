#!/usr/bin/env python
"""What one request of a page costs, measured in one process: CPU ms, SQL queries, database CPU.

Signs the benchmark user in (the program office of Cần Thơ, see common.py) with Django's test
client, then calls each page ``--calls`` times through the whole middleware stack, as gunicorn's
worker would, after ``--warm`` untimed calls. Per page it prints the median and p95 (nearest rank)
of the process CPU time per request (``time.process_time``: what the web worker spends, which
other processes on the machine do not inflate the way they inflate wall time), the wall time, the
SQL queries per request, and the CPU the PostgreSQL backend spent on them (read from
``/proc/<backend pid>/stat``, PostgreSQL on the same machine only). ``--profile PAGE`` prints the
cProfile of that page's timed calls. Run on its own or from load.py::

    .venv/bin/python benchmarks/request_cost.py --persons 100000
    .venv/bin/python benchmarks/request_cost.py --persons 100000 --profile dashboard
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DEFAULT_PG_URL, ROOT, bench_user, ensure_database, nearest_rank  # noqa: E402

PAGES = ("person list", "person page", "dashboard")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="postgres", choices=["postgres", "sqlite"])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--calls", type=int, default=200, help="timed calls per page")
    parser.add_argument("--warm", type=int, default=20, help="untimed calls per page first")
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--profile", help="cProfile the timed calls of this page")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--pg-prefix", default="trithuc_perf_bench")
    parser.add_argument("--json", action="store_true", help="print one JSON line (for load.py)")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        return measure(args)
    env = ensure_database(args.database, args.persons, args.pg_url, args.pg_prefix, print)
    return subprocess.run(  # noqa: S603 - this script again, in the benchmark database's environment
        [sys.executable, __file__, "--inside", *sys.argv[1:]], env=env, cwd=ROOT, check=False
    ).returncode


def measure(args) -> int:
    import django

    django.setup()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from trithuc.people.models import Person

    user = bench_user()
    person = Person.objects.filter(employments__end_date__isnull=True).order_by("pk").first()
    paths = {
        "person list": reverse("people:person_list"),
        "person page": reverse("people:person_detail", args=[person.pk]),
        "dashboard": reverse("programs:dashboard", args=["CTr-45"]) + "?nam=2025",
    }
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    results = {}
    for page in args.pages.split(","):
        path = paths[page]

        def call(path: str = path) -> None:
            response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{path}: {response.status_code} {response.get('Location', '')}")

        for _ in range(args.warm):
            call()
        connection.ensure_connection()
        backend = _backend_cpu_reader(connection)
        cpu, wall, queries, db_cpu = [], [], [], []
        profiler = cProfile.Profile(time.process_time) if page == args.profile else None
        for _ in range(args.calls):
            with CaptureQueriesContext(connection) as captured:
                db0, c0, w0 = backend(), time.process_time(), time.perf_counter()
                if profiler:
                    profiler.enable()
                call()
                if profiler:
                    profiler.disable()
                c1, w1, db1 = time.process_time(), time.perf_counter(), backend()
            cpu.append((c1 - c0) * 1000)
            wall.append((w1 - w0) * 1000)
            queries.append(len(captured))
            if db0 is not None and db1 is not None:
                db_cpu.append((db1 - db0) * 1000)
            reset_queries()
        results[page] = {
            "path": path,
            "cpu_p50": statistics.median(cpu),
            "cpu_p95": nearest_rank(cpu, 0.95),
            "wall_p50": statistics.median(wall),
            # the median: now and then a request also writes the session's last-seen time or
            # reads the structure again (once a minute), which the maximum would show
            "queries": int(statistics.median(queries)),
            "queries_max": max(queries),
            "db_cpu_mean": statistics.fmean(db_cpu) if db_cpu else None,
            "bytes": len(client.get(path).content),
        }
        if profiler:
            print(f"cProfile of {args.calls} calls of {page} ({path}):")
            stats = pstats.Stats(profiler).strip_dirs().sort_stats("cumulative")
            stats.print_stats(70)
            stats.sort_stats("tottime").print_stats(25)
            with CaptureQueriesContext(connection) as captured:
                call()
            for query in captured.captured_queries:
                print(f"  {query['time']}s  {query['sql'][:160]}")
    if args.json:
        print(json.dumps(results))
        return 0
    print(
        f"{'page':14} {'CPU ms p50':>10} {'p95':>7} {'wall ms':>8} {'queries':>8} "
        f"{'DB CPU ms':>10} {'bytes':>8}"
    )
    for page, r in results.items():
        db = f"{r['db_cpu_mean']:10.2f}" if r["db_cpu_mean"] is not None else f"{'—':>10}"
        print(
            f"{page:14} {r['cpu_p50']:10.2f} {r['cpu_p95']:7.2f} {r['wall_p50']:8.2f} "
            f"{r['queries']:8} {db} {r['bytes']:8}"
        )
    return 0


def _backend_cpu_reader(connection):
    """A function returning the CPU seconds the PostgreSQL backend of ``connection`` has used so
    far, or None (SQLite, or a server on another machine)."""
    if connection.vendor != "postgresql":
        return lambda: None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    stat = Path(f"/proc/{pid}/stat")
    if not stat.exists():
        return lambda: None
    tick = os.sysconf("SC_CLK_TCK")

    def read() -> float | None:
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / tick  # utime + stime

    return read


if __name__ == "__main__":
    sys.exit(main())
