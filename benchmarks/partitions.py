#!/usr/bin/env python
"""Partitioning by year, measured on a copy: does PostgreSQL prune the years a query does not ask
for, and what does that buy on the largest record table (training enrolments)?

On the 1M benchmark database (made by search.py / load.py, or `trithuc generate-data`) it copies
``workforce_trainingenrollment`` into a schema ``bench_partitions`` twice: as it is (one table) and
as a table partitioned by ``year`` (one partition per year), with the same indexes; then runs, on
both, the queries the figures use (one year, one course kind, grouped by sending unit) and a
person's history (all years), each with EXPLAIN (ANALYZE, BUFFERS), and a "drop a closed year"
step (DELETE on the plain table vs DETACH + DROP of a partition). The copy is dropped at the end.
Nothing in the application's tables changes. Usage::

    .venv/bin/python benchmarks/partitions.py --results benchmarks/results/partitions.txt
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DEFAULT_PG_URL, Report, machine_lines  # noqa: E402

SOURCE = "public.workforce_trainingenrollment"
COLUMNS = "id, status, year, kind, commits_to_serve_years, course_id, person_id, sending_unit_id"
QUERIES = {
    "one year, one kind, by unit (a figure)": (
        "SELECT sending_unit_id, count(*) FROM {t} WHERE year = 2025 AND kind = 'llct_cao_cap' "
        "AND status IN ('studying', 'graduated', 'withdrawn') GROUP BY sending_unit_id"
    ),
    "one year, every kind (a year's report)": (
        "SELECT kind, count(*) FROM {t} WHERE year = 2025 GROUP BY kind"
    ),
    "one person, all years (a profile)": "SELECT * FROM {t} WHERE person_id = 424242",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--database", default="trithuc_perf_bench_1m")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--results")
    args = parser.parse_args()
    import psycopg

    report = Report()
    report.say("Partitioning by year: a copy of the training enrolments, plain vs partitioned")
    for line in machine_lines(args.pg_url):
        report.say(line)
    with psycopg.connect(f"{args.pg_url.rstrip('/')}/{args.database}", autocommit=True) as conn:
        try:
            build(conn, report)
            for label, sql in QUERIES.items():
                compare(conn, report, label, sql, args.repeat)
            drop_a_year(conn, report)
        finally:
            conn.execute("DROP SCHEMA IF EXISTS bench_partitions CASCADE")
    report.write(args.results)
    return 0


def build(conn, report: Report) -> None:
    conn.execute("DROP SCHEMA IF EXISTS bench_partitions CASCADE")
    conn.execute("CREATE SCHEMA bench_partitions")
    rows = conn.execute(f"SELECT count(*) FROM {SOURCE}").fetchone()[0]  # noqa: S608
    years = [y for (y,) in conn.execute(f"SELECT DISTINCT year FROM {SOURCE} ORDER BY 1")]  # noqa: S608
    conn.execute(f"CREATE TABLE bench_partitions.plain AS SELECT {COLUMNS} FROM {SOURCE}")  # noqa: S608
    conn.execute(
        f"CREATE TABLE bench_partitions.by_year (LIKE {SOURCE} INCLUDING DEFAULTS) "
        "PARTITION BY RANGE (year)"
    )
    for year in years:
        conn.execute(
            f"CREATE TABLE bench_partitions.by_year_{year} PARTITION OF bench_partitions.by_year "
            f"FOR VALUES FROM ({year}) TO ({year + 1})"
        )
    conn.execute(f"INSERT INTO bench_partitions.by_year ({COLUMNS}) SELECT {COLUMNS} FROM {SOURCE}")  # noqa: S608
    for table in ("plain", "by_year"):
        conn.execute(f"CREATE INDEX ON bench_partitions.{table} (kind, year, sending_unit_id)")
        conn.execute(f"CREATE INDEX ON bench_partitions.{table} (person_id)")
        conn.execute(f"ANALYZE bench_partitions.{table}")
    report.say(f"copied {rows:,} enrolments of the years {years} into both tables, indexed alike")
    report.say()


def compare(conn, report: Report, label: str, sql: str, repeat: int) -> None:
    report.say(f"-- {label}")
    for table in ("plain", "by_year"):
        query = sql.format(t=f"bench_partitions.{table}")
        conn.execute(query).fetchall()  # warm
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            conn.execute(query).fetchall()
            timings.append((time.perf_counter() - started) * 1000)
        plan = [r[0] for r in conn.execute("EXPLAIN (ANALYZE, BUFFERS) " + query)]
        scanned = sorted(set(re.findall(r"on (by_year_\d+|plain)", "\n".join(plan))))
        buffers = re.findall(
            r"Buffers: shared hit=(\d+)(?: read=(\d+))?", plan[0] + "\n".join(plan)
        )
        touched = sum(int(h) + int(r or 0) for h, r in buffers[:1])
        report.say(
            f"   {table:8} median {sorted(timings)[len(timings) // 2]:7.1f} ms; scans {scanned}; "
            f"buffers at the top node {touched}"
        )
        for line in plan:
            report.say(f"      {line}")
    report.say()


def drop_a_year(conn, report: Report) -> None:
    report.say("-- removing the oldest year (archiving a closed year)")
    oldest = conn.execute("SELECT min(year) FROM bench_partitions.plain").fetchone()[0]
    started = time.perf_counter()
    deleted = conn.execute("DELETE FROM bench_partitions.plain WHERE year = %s", [oldest]).rowcount
    plain_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    conn.execute(
        f"ALTER TABLE bench_partitions.by_year DETACH PARTITION bench_partitions.by_year_{oldest}"
    )
    conn.execute(f"DROP TABLE bench_partitions.by_year_{oldest}")
    part_ms = (time.perf_counter() - started) * 1000
    report.say(
        f"   plain: DELETE of {deleted:,} rows {plain_ms:,.0f} ms (and a VACUUM to reclaim them); "
        f"partitioned: DETACH + DROP {part_ms:,.0f} ms"
    )


if __name__ == "__main__":
    sys.exit(main())
