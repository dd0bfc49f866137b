#!/usr/bin/env python
"""Dashboard benchmark: the program dashboard over a large, generated population.

For each database asked for, a scratch database is made, migrated and set up (reference data, org
structure, program 45), then filled fast with bulk inserts (COPY on PostgreSQL, executemany in big
transactions on SQLite) with ``--persons`` people and ``--records`` workforce records (training
enrolments of 2024–2026 and employment rows), spread over the units of today (Cần Thơ, CT.*) and of
2023 (Hậu Giang, HG.*). Then it times:

* ``figures_rebuild()``: the full recount of the figures table;
* ``dashboard_build`` for program CTr-45, unit CT, year 2025: cold (new connection, caches cleared)
  and warm (median and p95 of 20 further calls);
* beside it, the naive way without the aggregate: one ORM count per unit directly under CT and
  computed indicator, over the raw records (capped, extrapolated when the cap is hit);
* a correctness check (the dashboard's "llct-cao-cap" 2025 value against a direct COUNT).

Each database runs in its own process (Django reads its settings once). The scratch databases are
removed at the end unless ``--keep`` is given. Usage::

    .venv/bin/python benchmarks/dashboard.py --persons 100000 --databases sqlite,postgres

See benchmarks/README.md for the figures measured.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import math
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PROGRAM_CODE = "CTr-45"
UNIT_CODE = "CT"
YEAR = 2025
GOAL_MS = 100.0
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432"

# Rough bytes on disk per person and per record (row + indexes): 100 000 persons with 500 000 records
# took 190 MiB on PostgreSQL and 205 MiB on SQLite; rounded up, then doubled for the write-ahead
# log and temporary space while loading.
BYTES_PER_PERSON = 1400
BYTES_PER_RECORD = 260
DISK_HEADROOM = 2.0
DISK_MARGIN = 2 * 1024**3


# ---------------------------------------------------------------------------------------------
# Small helpers


def say(message: str = "") -> None:
    print(message, flush=True)


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds >= 120:
        return f"{seconds / 60:.1f} min"
    return f"{seconds:.1f} s"


def fmt_n(n: int | None) -> str:
    return "—" if n is None else f"{n:,}".replace(",", " ")


def nearest_rank(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def machine_description() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        mem = f", {pages / 1024**3:.0f} GiB RAM"
    except (ValueError, OSError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){mem}, {platform.system()} {platform.release()}"


# ---------------------------------------------------------------------------------------------
# Driver: one worker process per database


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument(
        "--records", type=int, default=None, help="workforce records (default 5 × persons)"
    )
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--seed", type=int, default=45)
    parser.add_argument(
        "--budget-minutes",
        type=float,
        default=15.0,
        help="time allowed per database; the load stops early (and says why) to stay within it",
    )
    parser.add_argument("--naive-cap", type=float, default=120.0, help="seconds, then extrapolate")
    parser.add_argument("--warm-calls", type=int, default=20)
    parser.add_argument("--chunk", type=int, default=50_000, help="persons per load transaction")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="profile warm calls even when they meet the goal (always done when p95 misses it)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch databases")
    parser.add_argument("--tmp", default=tempfile.gettempdir(), help="where SQLite files go")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL))
    parser.add_argument(
        "--pg-prefix",
        default="trithuc_bench",
        help="name prefix of the scratch PostgreSQL database (one per developer on a shared server)",
    )
    parser.add_argument("--json", help="also write all results to this file")
    # Internal: run one database in this process.
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.records is None:
        args.records = 5 * args.persons
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        return worker(args)
    databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    unknown = set(databases) - {"sqlite", "postgres"}
    if unknown:
        say(f"Unknown database(s): {', '.join(sorted(unknown))} (sqlite, postgres)")
        return 2
    say(f"Dashboard benchmark — {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    say(f"Machine: {machine_description()}")
    say("Load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    say(f"Asked: {fmt_n(args.persons)} persons, {fmt_n(args.records)} records, seed {args.seed}")
    say(
        f"Budget: {args.budget_minutes:g} min per database, naive loop capped at {args.naive_cap:g} s"
    )
    say()
    say("$ df -h /tmp")
    df = subprocess.run(["df", "-h", args.tmp], capture_output=True, text=True, check=False)  # noqa: S603, S607
    say(df.stdout.rstrip() or df.stderr.rstrip())
    say()
    results = []
    for database in databases:
        results.append(run_database(database, args))
    say()
    print_summary(results, args)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=str))
    return 0 if all(r.get("error") is None for r in results) else 1


def run_database(database: str, args: argparse.Namespace) -> dict[str, Any]:
    say("=" * 100)
    say(f"{database}")
    say("=" * 100)
    scratch = Path(tempfile.mkdtemp(prefix=f"trithuc-bench-{database}-", dir=args.tmp))
    env = dict(os.environ, TRITHUC_VAR_DIR=str(scratch), DJANGO_SETTINGS_MODULE="trithuc.settings")
    env.pop("DATABASE_URL", None)
    pg_name = None
    if database == "postgres":
        pg_name = f"{args.pg_prefix}_{os.getpid()}_{int(time.time())}"
        try:
            _pg_admin(args.pg_url, f'CREATE DATABASE "{pg_name}"')
        except Exception as exc:  # noqa: BLE001 - report any connection problem and go on
            shutil.rmtree(scratch, ignore_errors=True)
            say(f"Cannot create a PostgreSQL database at {args.pg_url}: {exc}")
            return {"database": database, "error": f"cannot create database: {exc}"}
        env["DATABASE_URL"] = f"{args.pg_url.rstrip('/')}/{pg_name}"
        say(
            f"Scratch database: {pg_name} (dropped at the end{' unless --keep' if args.keep else ''})"
        )
    else:
        say(f"Scratch database: {scratch / 'trithuc.sqlite3'}")
    out = scratch / "result.json"
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        database,
        "--out",
        str(out),
        "--persons",
        str(args.persons),
        "--records",
        str(args.records),
        "--seed",
        str(args.seed),
        "--budget-minutes",
        str(args.budget_minutes),
        "--naive-cap",
        str(args.naive_cap),
        "--warm-calls",
        str(args.warm_calls),
        "--chunk",
        str(args.chunk),
    ]
    if args.profile:
        command.append("--profile")
    try:
        completed = subprocess.run(command, env=env, cwd=ROOT, check=False)  # noqa: S603
        if out.exists():
            result = json.loads(out.read_text())
        else:
            result = {"database": database, "error": f"worker exited with {completed.returncode}"}
    finally:
        if args.keep:
            say(f"Kept: {scratch}" + (f" and PostgreSQL database {pg_name}" if pg_name else ""))
        else:
            if pg_name:
                try:
                    _pg_admin(args.pg_url, f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
                except Exception as exc:  # noqa: BLE001
                    say(f"Could not drop {pg_name}: {exc}")
            shutil.rmtree(scratch, ignore_errors=True)
    return result


def _pg_admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{url.rstrip('/')}/postgres", autocommit=True) as conn:
        conn.execute(statement)


def print_summary(results: list[dict[str, Any]], args: argparse.Namespace) -> None:
    header = [
        "database",
        "persons",
        "records",
        "load",
        "rebuild",
        "dash cold ms",
        "warm p50 ms",
        "warm p95 ms",
        "naive loop",
        "speed-up",
        "check",
    ]
    rows = []
    for r in results:
        if r.get("error") and "warm_p50_ms" not in r:
            rows.append([r["database"], "failed (see below)"] + [""] * (len(header) - 2))
            continue
        naive = fmt_s(r.get("naive_s"))
        if r.get("naive_extrapolated"):
            naive = "~" + naive + "*"
        speedup = (
            r.get("naive_s") and r.get("warm_p50_ms") and r["naive_s"] * 1000 / r["warm_p50_ms"]
        )
        rows.append(
            [
                r["database"] + (" (partial)" if r.get("partial") else ""),
                fmt_n(r.get("persons")),
                fmt_n(r.get("records")),
                fmt_s(r.get("load_s")),
                fmt_s(r.get("rebuild_s")),
                f"{r['cold_ms']:.0f}",
                f"{r['warm_p50_ms']:.1f}",
                f"{r['warm_p95_ms']:.1f}",
                naive,
                f"{'~' if r.get('naive_extrapolated') else ''}{speedup:,.0f}×" if speedup else "—",
                r.get("check", "—"),
            ]
        )
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=False))
    say("Summary")
    say(line)
    say("-" * len(line))
    for row in rows:
        say("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=False)))
    say()
    say(
        "load = bulk insert of the generated people and records (history rows skipped), without"
        " migrate/setup; rebuild = figures_rebuild(); speed-up = naive loop / warm p50."
    )
    if any(r.get("naive_extrapolated") for r in results):
        say(f"* the naive loop hit its {args.naive_cap:g} s cap: the figure is extrapolated.")
    for r in results:
        for note in r.get("notes", []):
            say(f"[{r['database']}] {note}")
        if r.get("error"):
            say(f"[{r['database']}] FAILED: {r['error'].splitlines()[0]}")
    pg = [r for r in results if r["database"] == "postgres" and "warm_p95_ms" in r]
    for r in pg:
        met = r["warm_p95_ms"] <= GOAL_MS
        say(
            f"Goal (warm dashboard ≤ {GOAL_MS:.0f} ms on PostgreSQL, judged on p95) at "
            f"{fmt_n(r['persons'])} persons / {fmt_n(r['records'])} records: "
            + (
                "MET"
                if met
                else f"NOT MET (p50 {r['warm_p50_ms']:.0f} ms, p95 {r['warm_p95_ms']:.0f} ms)"
            )
            + (" — on partial data, see above" if r.get("partial") else "")
        )
    if not pg:
        say("Goal (warm ≤ 100 ms on PostgreSQL): not measured (PostgreSQL not run or failed).")


# ---------------------------------------------------------------------------------------------
# Worker: one database, in a process of its own


def worker(args: argparse.Namespace) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from trithuc.core.setup import system_setup

    result: dict[str, Any] = {
        "database": args.worker,
        "vendor": connection.vendor,
        "persons_asked": args.persons,
        "records_asked": args.records,
        "seed": args.seed,
        "notes": [],
        "error": None,
    }
    started = time.perf_counter()
    budget_s = args.budget_minutes * 60

    def save() -> None:
        Path(args.out).write_text(json.dumps(result, indent=2, default=str))

    try:
        t = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        result["migrate_s"] = time.perf_counter() - t
        say(f"migrate: {fmt_s(result['migrate_s'])}")
        t = time.perf_counter()
        system_setup(demo=False, say=lambda m: say(f"setup: {m}"))
        result["setup_s"] = time.perf_counter() - t
        say(f"setup: {fmt_s(result['setup_s'])}")

        persons, records = plan_size(args, result)
        # Keep about a third of the budget (and at least the naive cap) for the measurements.
        load_budget = max(
            60.0,
            budget_s - (time.perf_counter() - started) - max(budget_s / 3, args.naive_cap + 60),
        )
        load = bulk_load(persons, records, args.seed, args.chunk, load_budget, result)
        result.update(load)
        save()
        measure(args, result)
    except Exception as exc:
        import traceback

        traceback.print_exc()
        result["error"] = f"{type(exc).__name__}: {exc}"
    result["total_s"] = time.perf_counter() - started
    save()
    say(f"{args.worker}: done in {fmt_s(result['total_s'])}")
    return 0 if result["error"] is None else 1


def data_directory() -> Path:
    from django.db import connection

    if connection.vendor == "postgresql":
        try:
            with connection.cursor() as cursor:
                cursor.execute("SHOW data_directory")
                return Path(cursor.fetchone()[0])
        except Exception:  # noqa: BLE001 - only superusers may ask; fall back to the root fs
            return Path("/")
    return Path(connection.settings_dict["NAME"]).parent


def plan_size(args: argparse.Namespace, result: dict[str, Any]) -> tuple[int, int]:
    """The size asked for, or less when the disk cannot hold it (and why)."""
    persons, records = args.persons, args.records
    where = data_directory()
    try:
        free = shutil.disk_usage(where).free
    except OSError:
        where, free = Path("/"), shutil.disk_usage("/").free
    need = (persons * BYTES_PER_PERSON + records * BYTES_PER_RECORD) * DISK_HEADROOM
    result["disk_free_gb"] = round(free / 1024**3, 1)
    result["disk_needed_gb"] = round(need / 1024**3, 1)
    say(
        f"disk: {free / 1024**3:.1f} GiB free under {where}; the load needs about "
        f"{need / 1024**3:.1f} GiB (with WAL/temporary headroom)"
    )
    if need > free - DISK_MARGIN:
        share = max(0.0, (free - DISK_MARGIN) / need)
        persons, records = int(persons * share), int(records * share)
        note = (
            f"Disk: {fmt_n(args.persons)} persons / {fmt_n(args.records)} records need about "
            f"{need / 1024**3:.1f} GiB but only {free / 1024**3:.1f} GiB is free under {where}; "
            f"measuring {fmt_n(persons)} persons / {fmt_n(records)} records instead."
        )
        say(note)
        result["notes"].append(note)
        result["partial"] = True
    return persons, records


# ---------------------------------------------------------------------------------------------
# Data: the project's generator (trithuc/core/datagen, also `trithuc generate-data`)


def bulk_load(
    persons: int, records: int, seed: int, chunk: int, budget_s: float, result: dict[str, Any]
) -> dict[str, Any]:
    from django.db import connection

    from trithuc.core.datagen import generate_data
    from trithuc.core.progress import TerminalProgress

    say(
        "load: trithuc.core.datagen (as `trithuc generate-data`): bulk inserts WITHOUT history "
        "rows; "
        + ("COPY" if connection.vendor == "postgresql" else "executemany")
        + ", one transaction per chunk"
    )
    bar = TerminalProgress(persons, f"load {connection.vendor}", "persons")
    t0 = time.perf_counter()

    def progress(done: int, rows: int) -> bool:
        bar.update(done, f"{fmt_n(rows)} rows")
        return time.perf_counter() - t0 > budget_s

    try:
        data = generate_data(
            persons=persons, seed=seed, records=records, chunk=chunk, progress=progress
        )
    finally:
        bar.close()
    load_s = time.perf_counter() - t0
    c = data.counts
    if data.stopped_early:
        note = (
            f"Load stopped at {fmt_n(c['person'])} of {fmt_n(persons)} persons after "
            f"{fmt_s(load_s)}: at this rate the full load would take about "
            f"{fmt_s(load_s * persons / max(1, c['person']))}, over the {fmt_s(budget_s)} left for "
            "loading in the per-database budget (--budget-minutes). Measuring what was loaded."
        )
        say(note)
        result["notes"].append(note)
        result["partial"] = True
    say(
        f"load: {fmt_n(c['person'])} persons, {fmt_n(c['job'])} employment rows, "
        f"{fmt_n(c['enrolment'])} enrolments (= {fmt_n(data.records)} records), "
        f"{fmt_n(c['degree'])} degrees, {fmt_n(c['rating'])} ratings, {fmt_n(c['award'])} awards, "
        f"{fmt_n(c['link'])} person–field links, {fmt_n(c['tag'])} expert tags "
        f"({fmt_n(data.rows)} rows) in {fmt_s(load_s)} (generating {fmt_s(data.generate_s)}, "
        f"writing {fmt_s(data.write_s)}, analyze {fmt_s(data.analyze_s)})"
    )
    return {
        "persons": c["person"],
        "records": data.records,
        "rows": data.rows,
        "counts": c,
        "load_s": load_s,
        "load_generate_s": data.generate_s,
        "load_write_s": data.write_s,
        "analyze_s": data.analyze_s,
        "db_size_mb": database_size_mb(),
    }


def database_size_mb() -> float | None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return round(cursor.fetchone()[0] / 1024**2, 1)
    name = Path(connection.settings_dict["NAME"])
    total = sum(p.stat().st_size for p in name.parent.glob(name.name + "*") if p.is_file())
    return round(total / 1024**2, 1)


# ---------------------------------------------------------------------------------------------
# Measurements


def dashboard_call():
    from trithuc.core.dates import today
    from trithuc.orgunits.models import OrgUnit
    from trithuc.programs.selectors import dashboard_build, program_get

    program = program_get(PROGRAM_CODE)
    unit = OrgUnit.objects.get(code=UNIT_CODE)
    return dashboard_build(program=program, unit=unit, year=YEAR, day=today())


def clear_caches() -> None:
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches
    from django.db import connections

    for alias in settings.CACHES:
        caches[alias].clear()
    ContentType.objects.clear_cache()
    connections.close_all()


def measure(args: argparse.Namespace, result: dict[str, Any]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from trithuc.programs.services import figures_rebuild

    say(f"db size after load: {result.get('db_size_mb')} MiB")
    result["loadavg_before_measure"] = os.getloadavg()
    say("load average before measuring: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    t = time.perf_counter()
    written = figures_rebuild()
    result["rebuild_s"] = time.perf_counter() - t
    result["figures"] = written
    say(f"figures_rebuild(): {written} figures in {fmt_s(result['rebuild_s'])}")

    clear_caches()
    t = time.perf_counter()
    dashboard = dashboard_call()
    result["cold_ms"] = (time.perf_counter() - t) * 1000
    say(f"dashboard cold (new connection, caches cleared): {result['cold_ms']:.0f} ms")

    timings = []
    for _ in range(args.warm_calls):
        t = time.perf_counter()
        dashboard_call()
        timings.append((time.perf_counter() - t) * 1000)
    result["warm_ms"] = timings
    result["warm_p50_ms"] = statistics.median(timings)
    result["warm_p95_ms"] = nearest_rank(timings, 0.95)
    with CaptureQueriesContext(connection) as captured:
        dashboard_call()
    result["queries_per_call"] = len(captured.captured_queries)
    say(
        f"dashboard warm ×{args.warm_calls}: p50 {result['warm_p50_ms']:.1f} ms, "
        f"p95 {result['warm_p95_ms']:.1f} ms, min {min(timings):.1f} ms, "
        f"{result['queries_per_call']} queries per call"
    )

    naive(args, result)
    check(dashboard, result)

    if args.profile or result["warm_p95_ms"] > GOAL_MS:
        result["profile"] = profile(result)


def naive(args: argparse.Namespace, result: dict[str, Any]) -> None:
    """What one would write without the aggregate: a COUNT over the raw records per unit under CT
    and computed indicator, each unit with its reach (its subtree and history)."""
    from trithuc.core.dates import today
    from trithuc.orgunits.models import OrgUnit
    from trithuc.orgunits.selectors import orgunit_reach_ids
    from trithuc.programs.choices import IndicatorSource
    from trithuc.programs.computations import REGISTRY
    from trithuc.programs.selectors import program_get

    program = program_get(PROGRAM_CODE)
    unit = OrgUnit.objects.get(code=UNIT_CODE)
    children = list(OrgUnit.objects.filter(parent=unit).active_on(today()).order_by("path"))
    indicators = list(
        program.indicators.filter(is_active=True, source=IndicatorSource.COMPUTED).order_by("order")
    )
    total = len(children) * len(indicators)
    done = 0
    per_indicator: dict[str, float] = {}
    t0 = time.perf_counter()
    capped = False
    for child in children:
        reach = orgunit_reach_ids({child.pk})
        for indicator in indicators:
            t = time.perf_counter()
            REGISTRY[indicator.computation].rows(reach, YEAR).count()
            per_indicator[indicator.code] = per_indicator.get(indicator.code, 0) + (
                time.perf_counter() - t
            )
            done += 1
        if time.perf_counter() - t0 > args.naive_cap:
            capped = done < total
            break
    elapsed = time.perf_counter() - t0
    result["naive_queries"] = total
    result["naive_done"] = done
    result["naive_per_indicator_s"] = per_indicator
    if capped:
        result["naive_s"] = elapsed * total / done
        result["naive_extrapolated"] = True
        say(
            f"naive loop: stopped at the {args.naive_cap:g} s cap after {done} of {total} counts "
            f"({len(children)} units × {len(indicators)} computed indicators) in {fmt_s(elapsed)}; "
            f"extrapolated: ~{fmt_s(result['naive_s'])}"
        )
    else:
        result["naive_s"] = elapsed
        say(
            f"naive loop: {total} counts ({len(children)} units under {UNIT_CODE} × "
            f"{len(indicators)} computed indicators) in {fmt_s(elapsed)}"
        )
    slow = sorted(per_indicator.items(), key=lambda kv: -kv[1])
    say("  by indicator: " + ", ".join(f"{code} {secs:.1f} s" for code, secs in slow))


def check(dashboard, result: dict[str, Any]) -> None:
    from trithuc.workforce.choices import SENT_STATUSES, CourseKind
    from trithuc.workforce.models import TrainingEnrollment

    row = next(r for r in dashboard.rows if r.indicator.code == "llct-cao-cap")
    direct = TrainingEnrollment.objects.filter(
        kind=CourseKind.ADVANCED_THEORY, year=YEAR, status__in=SENT_STATUSES
    ).count()
    ok = row.value is not None and int(row.value) == direct
    result["check"] = "OK" if ok else "MISMATCH"
    result["check_values"] = {"dashboard": str(row.value), "direct_count": direct}
    say(
        f"check llct-cao-cap {YEAR} for {UNIT_CODE}: dashboard {row.value} vs direct COUNT "
        f"{direct}: {result['check']}"
    )


def profile(result: dict[str, Any]) -> dict[str, Any]:
    """Where a warm call spends its time: cProfile, and each SQL query timed."""
    from django.db import connection

    say()
    say("Profile of warm dashboard calls")
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5):
        dashboard_call()
    profiler.disable()
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream).strip_dirs().sort_stats("cumulative")
    stats.print_stats(25)
    text = stream.getvalue()
    say("cProfile, 5 calls, top 25 by cumulative time:")
    say("\n".join(line for line in text.splitlines() if line.strip())[:6000])

    queries: list[tuple[float, str, Any]] = []

    def timer(execute: Callable, sql: str, params: Any, many: bool, context: dict) -> Any:
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append(((time.perf_counter() - t) * 1000, sql, params))

    t = time.perf_counter()
    with connection.execute_wrapper(timer):
        dashboard_call()
    wall = (time.perf_counter() - t) * 1000
    in_sql = sum(q[0] for q in queries)
    say(
        f"One warm call: {wall:.1f} ms, of which {in_sql:.1f} ms in {len(queries)} SQL queries "
        f"({wall - in_sql:.1f} ms in Python). Slowest queries:"
    )
    slowest = sorted(queries, key=lambda q: -q[0])[:6]
    for ms, sql, _ in slowest:
        say(f"  {ms:8.1f} ms  {' '.join(sql.split())[:300]}")
    plan = ""
    if slowest:
        ms, sql, params = slowest[0]
        explain = (
            "EXPLAIN (ANALYZE, BUFFERS) "
            if connection.vendor == "postgresql"
            else "EXPLAIN QUERY PLAN "
        )
        with connection.cursor() as cursor:
            cursor.execute(explain + sql, params)
            plan = "\n".join("    " + " | ".join(str(c) for c in row) for row in cursor.fetchall())
        say("Plan of the slowest query:")
        say(plan)
    return {
        "wall_ms": wall,
        "sql_ms": in_sql,
        "queries": len(queries),
        "slowest": [(round(ms, 1), " ".join(sql.split())[:500]) for ms, sql, _ in slowest],
        "plan": plan,
        "cprofile_top": text[:8000],
    }


if __name__ == "__main__":
    sys.exit(main())
