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
import bisect
import cProfile
import datetime as dt
import io
import itertools
import json
import math
import os
import platform
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PROGRAM_CODE = "CTr-45"
UNIT_CODE = "CT"
YEAR = 2025
RECORD_YEARS = (2024, 2025, 2026)
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


class Progress:
    """tqdm when it is installed (it comes with vietnamadminunits), a plain line otherwise."""

    def __init__(self, total: int, label: str) -> None:
        self.total, self.label, self.done, self.started = total, label, 0, time.perf_counter()
        self.bar = None
        try:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit=" persons", desc=label, mininterval=1.0, smoothing=0)
        except ImportError:
            pass

    def update(self, n: int, records: int) -> None:
        self.done += n
        elapsed = time.perf_counter() - self.started
        rate = records / elapsed if elapsed else 0
        if self.bar is not None:
            self.bar.set_postfix_str(f"{fmt_n(records)} records, {rate:,.0f} records/s")
            self.bar.update(n)
        else:
            eta = elapsed / self.done * (self.total - self.done) if self.done else 0
            print(
                f"\r  {self.label}: {fmt_n(self.done)}/{fmt_n(self.total)} persons, "
                f"{fmt_n(records)} records, {rate:,.0f} records/s, eta {fmt_s(eta)}   ",
                end="",
                flush=True,
            )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        else:
            print(flush=True)


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
        pg_name = f"trithuc_bench_{os.getpid()}_{int(time.time())}"
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
# Data generation

FAMILY_NAMES = [
    ("Nguyễn", 30),
    ("Trần", 12),
    ("Lê", 10),
    ("Phạm", 6),
    ("Huỳnh", 6),
    ("Võ", 5),
    ("Phan", 4),
    ("Trương", 3),
    ("Đặng", 3),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 2),
    ("Lâm", 2),
    ("Lý", 1),
    ("Châu", 1),
    ("Tô", 1),
    ("Đoàn", 1),
    ("Mai", 1),
]
# Course kinds by how often people are sent to them, and how many classes open each year.
KIND_WEIGHTS = {
    "llct_cao_cap": (5, 4),
    "llct_trung_cap": (12, 10),
    "llct_so_cap": (10, 10),
    "sau_dai_hoc_trong_nuoc": (4, 12),
    "sau_dai_hoc_nuoc_ngoai": (1, 6),
    "quan_ly_nha_nuoc": (20, 20),
    "boi_duong": (48, 40),
}
# Status of an enrolment by the year its course opened (this is late 2026).
STATUS_WEIGHTS = {
    2024: (("graduated", 85), ("withdrawn", 5), ("studying", 10)),
    2025: (("studying", 50), ("graduated", 40), ("withdrawn", 5), ("planned", 5)),
    2026: (("planned", 35), ("studying", 60), ("withdrawn", 2), ("graduated", 3)),
}
PRIOR_JOB_SHARE = 0.2
RETIRED_SHARE = 0.04
EXPERT_SHARE = 0.025


def cumulative(weights: Iterable[float]) -> list[float]:
    return list(itertools.accumulate(weights))


class Table:
    """A model's columns in insert order: the generated ones, then the rest at their defaults."""

    def __init__(self, model, generated: list[str]) -> None:
        from django.db import connection
        from django.utils import timezone

        fields = {f.attname: f for f in model._meta.concrete_fields}
        missing = [name for name in generated if name not in fields]
        if missing:
            raise RuntimeError(f"{model.__name__} has no field(s) {missing}: update the benchmark")
        rest = [f for f in model._meta.concrete_fields if f.attname not in generated]
        now = timezone.now()
        tail = []
        for f in rest:
            value = (
                now
                if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
                else (f.get_default())
            )
            tail.append(f.get_db_prep_save(value, connection))
        self.model = model
        self.table = model._meta.db_table
        self.columns = [fields[name].column for name in generated] + [f.column for f in rest]
        self.tail = tuple(tail)


class Writer:
    def __init__(self) -> None:
        from django.db import connection

        self.connection = connection
        self.vendor = connection.vendor

    def write(self, table: Table, rows: list[tuple]) -> None:
        if not rows:
            return
        qn = self.connection.ops.quote_name
        columns = ", ".join(qn(c) for c in table.columns)
        tail = table.tail
        if self.vendor == "postgresql":
            sql = f"COPY {qn(table.table)} ({columns}) FROM STDIN"
            with self.connection.cursor() as cursor, cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row + tail)
        else:
            marks = ", ".join("?" * len(table.columns))
            sql = f"INSERT INTO {qn(table.table)} ({columns}) VALUES ({marks})"  # noqa: S608
            self.connection.ensure_connection()
            self.connection.connection.executemany(sql, (row + tail for row in rows))


class Generator:
    """Deterministic people and records: the same seed gives the same rows, chunk by chunk."""

    def __init__(self, seed: int) -> None:
        from trithuc.orgunits.models import OrgUnit
        from trithuc.people import demo
        from trithuc.people.models import (
            AcademicTitle,
            Ethnicity,
            Field,
            GroupTag,
            PoliticalTheoryLevel,
            StateManagementLevel,
        )

        self.rng = random.Random(seed)  # noqa: S311 - seeded test data, not crypto
        self.demo = demo
        employing = demo.EMPLOYING_KINDS
        units = OrgUnit.objects.filter(kind__in=employing).order_by("code")
        self.old_units = list(units.filter(code__startswith="HG.").values_list("pk", flat=True))
        self.new_units = list(units.filter(code__startswith="CT.").values_list("pk", flat=True))
        if not self.old_units or not self.new_units:
            raise RuntimeError("system_setup did not load the HG.* and CT.* units")
        self.ethnicity = dict(Ethnicity.objects.values_list("code", "pk"))
        self.theory = dict(PoliticalTheoryLevel.objects.values_list("code", "pk"))
        self.state = [None, None, *StateManagementLevel.objects.values_list("pk", flat=True)]
        self.titles = list(AcademicTitle.objects.values_list("pk", flat=True))
        self.fields = list(Field.objects.filter(parent__isnull=False).values_list("pk", flat=True))
        self.expert_tag = GroupTag.objects.get(code="chuyen-gia").pk
        self.families = [f for f, _ in FAMILY_NAMES]
        self.family_cum = cumulative(w for _, w in FAMILY_NAMES)
        self.names: dict[tuple[str, str, str], tuple[str, ...]] = {}
        self.cccd_serial: dict[str, int] = {}
        self.theory_codes = ["", "so-cap", "trung-cap", "cao-cap", "cu-nhan"]
        self.theory_cum = cumulative([30, 25, 30, 13, 2])
        self.kinds = list(KIND_WEIGHTS)
        self.kind_cum = cumulative(w for w, _ in KIND_WEIGHTS.values())
        self.status = {
            y: ([s for s, _ in ws], cumulative(w for _, w in ws))
            for y, ws in STATUS_WEIGHTS.items()
        }
        self.courses: dict[tuple[int, str], list[int]] = {}

    def make_courses(self) -> int:
        from trithuc.workforce.models import TrainingCourse

        course_kinds = dict(self.demo_course_names())
        objects = []
        for year in RECORD_YEARS:
            for kind, (_, classes) in KIND_WEIGHTS.items():
                for n in range(1, classes + 1):
                    start = dt.date(year, 1 + (n * 5) % 12, 1 + (n * 7) % 28)
                    objects.append(
                        TrainingCourse(
                            kind=kind,
                            name=f"{course_kinds[kind]} — lớp {n:02d}/{year}",
                            institution="Trường Chính trị tỉnh" if kind.startswith("llct") else "",
                            start_date=start,
                            end_date=start + dt.timedelta(days=300),
                        )
                    )
        created = TrainingCourse.objects.bulk_create(objects, batch_size=1000)
        for course in created:
            self.courses.setdefault((course.start_date.year, course.kind), []).append(course.pk)
        return len(created)

    @staticmethod
    def demo_course_names() -> list[tuple[str, str]]:
        from trithuc.workforce.choices import CourseKind

        return list(CourseKind.choices)

    def make_cooperation(self) -> int:
        from trithuc.science.models import CooperationProgram

        rng, objects = self.rng, []
        units = self.old_units + self.new_units
        for year in RECORD_YEARS:
            for n in range(60):
                start = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
                objects.append(
                    CooperationProgram(
                        title=f"Hợp tác chuyển giao tri thức {n + 1}/{year}",
                        partner=rng.choice(["Trường Đại học Cần Thơ", "Viện Lúa ĐBSCL", "JICA"]),
                        organising_unit_id=rng.choice(units),
                        start_date=start,
                        year=year,
                    )
                )
        return len(CooperationProgram.objects.bulk_create(objects, batch_size=1000))

    def name(self, family: str, middle: str, given: str) -> tuple[str, ...]:
        key = (family, middle, given)
        found = self.names.get(key)
        if found is None:
            from trithuc.people.models import Person
            from trithuc.people.services import person_apply_name

            p = Person()
            person_apply_name(p, f"{family} {middle} {given}", family, middle, given)
            found = (
                p.full_name,
                p.family_name,
                p.middle_name,
                p.given_name,
                p.sort_key,
                p.search_text,
            )
            self.names[key] = found
        return found

    def cccd(self, female: bool, birth: dt.date) -> tuple[str, str, str]:
        from trithuc.people.cccd import cccd_digest, encrypt_cccd, mask_cccd

        century = (birth.year - 1900) // 100 * 2 + (1 if female else 0)
        prefix = f"093{century}{birth.year % 100:02d}"
        serial = self.cccd_serial.get(prefix)
        if serial is None:
            serial = self.rng.randrange(10**5)
        self.cccd_serial[prefix] = serial + 1 + self.rng.randrange(7)
        number = f"{prefix}{serial % 10**6:06d}"
        return encrypt_cccd(number), cccd_digest(number), mask_cccd(number)

    def chunk(
        self,
        first_id: int,
        count: int,
        employment_id: int,
        enrolment_id: int,
        link_id: int,
        tag_id: int,
        records_quota: int,
    ) -> dict[str, list[tuple]]:
        """``count`` people from id ``first_id`` with their jobs, field links and training, so
        that jobs plus enrolments make ``records_quota`` rows."""
        rng, demo = self.rng, self.demo
        persons, jobs, links, tags, enrolments = [], [], [], [], []
        person_units = []
        for pid in range(first_id, first_id + count):
            female = rng.random() < 0.45
            r = rng.random()
            ethnic = "01" if r < 0.88 else ("05" if r < 0.97 else "04")
            if ethnic == "05":
                family = rng.choice(demo.KHMER_FAMILY_NAMES)
            else:
                family = self.families[
                    bisect.bisect(self.family_cum, rng.random() * self.family_cum[-1])
                ]
            middle = rng.choice(demo.MIDDLE_FEMALE if female else demo.MIDDLE_MALE)
            given = rng.choice(demo.GIVEN_FEMALE if female else demo.GIVEN_MALE)
            full, fam, mid, giv, sort_key, search = self.name(family, middle, given)
            birth = dt.date(rng.randint(1966, 2003), rng.randint(1, 12), rng.randint(1, 28))
            r = rng.random()
            precision = "day" if r < 0.9 else ("month" if r < 0.94 else "year")
            if precision != "day":
                birth = birth.replace(day=1, month=1 if precision == "year" else birth.month)
            if rng.random() < 0.9:
                cipher, digest, masked = self.cccd(female, birth)
            else:
                cipher, digest, masked = "", None, ""
            theory = self.theory_codes[
                bisect.bisect(self.theory_cum, rng.random() * self.theory_cum[-1])
            ]
            persons.append(
                (
                    pid,
                    full,
                    fam,
                    mid,
                    giv,
                    sort_key,
                    search,
                    birth.isoformat(),
                    precision,
                    "female" if female else "male",
                    self.ethnicity.get(ethnic),
                    rng.choice(["Hậu Giang", "Cần Thơ", "Sóc Trăng", "Vĩnh Long", "Kiên Giang"]),
                    cipher,
                    digest,
                    masked,
                    rng.choice(self.titles) if rng.random() < 0.01 else None,
                    self.theory.get(theory),
                    rng.choice(self.state),
                    rng.choice(demo.EXPERTISE) if rng.random() < 0.3 else "",
                    rng.random() < 0.55,
                )
            )
            # About 60 % still filed under their 2023 Hậu Giang unit, the rest under a unit of today.
            units = self.old_units if rng.random() < 0.6 else self.new_units
            unit = rng.choice(units)
            person_units.append(unit)
            first_year = max(birth.year + 22, 1990)
            start = dt.date(rng.randint(min(first_year, 2023), 2023), rng.randint(1, 12), 1)
            if rng.random() < PRIOR_JOB_SHARE and start.year > 1991:
                prior = dt.date(rng.randint(min(first_year, start.year - 1), start.year - 1), 1, 1)
                jobs.append(
                    (
                        employment_id,
                        pid,
                        rng.choice(units),
                        rng.choice(demo.POSITIONS),
                        "public",
                        prior.isoformat(),
                        start.isoformat(),
                    )
                )
                employment_id += 1
            end = "2024-12-31" if rng.random() < RETIRED_SHARE else None
            jobs.append(
                (
                    employment_id,
                    pid,
                    unit,
                    rng.choice(demo.POSITIONS),
                    "public",
                    start.isoformat(),
                    end,
                )
            )
            employment_id += 1
            # One field each; experts a second, different one.
            first, second = rng.sample(self.fields, 2)
            links.append((link_id, pid, first))
            link_id += 1
            if rng.random() < EXPERT_SHARE:
                tags.append((tag_id, pid, self.expert_tag))
                tag_id += 1
                links.append((link_id, pid, second))
                link_id += 1

        # Training: each enrolment goes to a random person of the chunk, course kind by weight.
        wanted = max(0, records_quota - len(jobs))
        seen: set[tuple[int, int]] = set()
        kinds = [
            self.kinds[bisect.bisect(self.kind_cum, x * self.kind_cum[-1])]
            for x in (rng.random() for _ in range(wanted))
        ]
        for kind in kinds:
            while True:
                index = rng.randrange(count)
                year = RECORD_YEARS[rng.randrange(len(RECORD_YEARS))]
                course = rng.choice(self.courses[(year, kind)])
                if (index, course) not in seen:
                    seen.add((index, course))
                    break
            statuses, cum = self.status[year]
            status = statuses[bisect.bisect(cum, rng.random() * cum[-1])]
            serve = 5 if kind.startswith("sau_dai_hoc") else None
            enrolments.append(
                (
                    enrolment_id,
                    first_id + index,
                    course,
                    person_units[index],
                    status,
                    year,
                    kind,
                    serve,
                )
            )
            enrolment_id += 1
        return {
            "persons": persons,
            "jobs": jobs,
            "links": links,
            "tags": tags,
            "enrolments": enrolments,
        }


def next_id(model) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def bulk_load(
    persons: int, records: int, seed: int, chunk: int, budget_s: float, result: dict[str, Any]
) -> dict[str, Any]:
    from django.db import connection, transaction

    from trithuc.people.models import Employment, Person
    from trithuc.workforce.models import TrainingEnrollment

    say(
        "load: bulk inserts WITHOUT history rows (django-simple-history is skipped for the bulk "
        "load; the services write history for normal edits)"
    )
    gen = Generator(seed)
    writer = Writer()
    vendor = connection.vendor
    person_t = Table(
        Person,
        [
            "id",
            "full_name",
            "family_name",
            "middle_name",
            "given_name",
            "sort_key",
            "search_text",
            "birth_date",
            "birth_date_precision",
            "gender",
            "ethnicity_id",
            "hometown",
            "cccd_ciphertext",
            "cccd_digest",
            "cccd_masked",
            "academic_title_id",
            "political_theory_id",
            "state_management_id",
            "expertise",
            "is_party_member",
        ],
    )
    job_t = Table(
        Employment, ["id", "person_id", "unit_id", "position", "sector", "start_date", "end_date"]
    )
    enrol_t = Table(
        TrainingEnrollment,
        [
            "id",
            "person_id",
            "course_id",
            "sending_unit_id",
            "status",
            "year",
            "kind",
            "commits_to_serve_years",
        ],
    )
    link_t = Table(Person.fields.through, ["id", "person_id", "field_id"])
    tag_t = Table(Person.tags.through, ["id", "person_id", "grouptag_id"])

    t0 = time.perf_counter()
    with transaction.atomic():
        courses = gen.make_courses()
        cooperation = gen.make_cooperation()
    say(f"load: {courses} training courses (2024–2026), {cooperation} cooperation programs")

    if vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-262144")  # 256 MiB while loading
        say("load: SQLite executemany in one transaction per chunk, PRAGMA synchronous=OFF")
    else:
        say("load: PostgreSQL COPY (psycopg cursor.copy), one transaction per chunk")

    ids = {
        "person": next_id(Person),
        "job": next_id(Employment),
        "enrolment": next_id(TrainingEnrollment),
        "link": next_id(Person.fields.through),
        "tag": next_id(Person.tags.through),
    }
    counts = dict.fromkeys(["persons", "jobs", "enrolments", "links", "tags"], 0)
    progress = Progress(persons, f"load {vendor}")
    gen_s = write_s = 0.0
    stopped = None
    done = 0
    try:
        while done < persons:
            size = min(chunk, persons - done)
            # Exact share of the records for this chunk, so the total is what was asked.
            quota = records * (done + size) // persons - records * done // persons
            t = time.perf_counter()
            rows = gen.chunk(
                ids["person"], size, ids["job"], ids["enrolment"], ids["link"], ids["tag"], quota
            )
            gen_s += time.perf_counter() - t
            t = time.perf_counter()
            with transaction.atomic():
                writer.write(person_t, rows["persons"])
                writer.write(job_t, rows["jobs"])
                writer.write(link_t, rows["links"])
                writer.write(tag_t, rows["tags"])
                writer.write(enrol_t, rows["enrolments"])
            write_s += time.perf_counter() - t
            ids["person"] += size
            ids["job"] += len(rows["jobs"])
            ids["enrolment"] += len(rows["enrolments"])
            ids["link"] += len(rows["links"])
            ids["tag"] += len(rows["tags"])
            for key in counts:
                counts[key] += len(rows[key])
            done += size
            progress.update(size, counts["jobs"] + counts["enrolments"])
            elapsed = time.perf_counter() - t0
            if done < persons and elapsed > budget_s:
                full = elapsed * persons / done
                stopped = (
                    f"Load stopped at {fmt_n(done)} of {fmt_n(persons)} persons after "
                    f"{fmt_s(elapsed)}: at this rate the full load would take about {fmt_s(full)}, "
                    f"over the {fmt_s(budget_s)} left for loading in the per-database budget "
                    f"(--budget-minutes). Measuring what was loaded."
                )
                break
    finally:
        progress.close()
    if vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=NORMAL")
    load_s = time.perf_counter() - t0
    if stopped:
        say(stopped)
        result["notes"].append(stopped)
        result["partial"] = True

    t = time.perf_counter()
    models = [Person, Employment, TrainingEnrollment, Person.fields.through, Person.tags.through]
    if vendor == "postgresql":
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
            tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
            cursor.execute(f"VACUUM ANALYZE {tables}")
        analyze = "VACUUM ANALYZE of the loaded tables"
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        analyze = "ANALYZE"
    analyze_s = time.perf_counter() - t
    records_done = counts["jobs"] + counts["enrolments"]
    say(
        f"load: {fmt_n(counts['persons'])} persons, {fmt_n(counts['jobs'])} employment rows, "
        f"{fmt_n(counts['enrolments'])} enrolments (= {fmt_n(records_done)} records), "
        f"{fmt_n(counts['links'])} person–field links, {fmt_n(counts['tags'])} expert tags "
        f"in {fmt_s(load_s)} (generating {fmt_s(gen_s)}, writing {fmt_s(write_s)}); "
        f"{analyze}: {fmt_s(analyze_s)}"
    )
    return {
        "persons": counts["persons"],
        "records": records_done,
        "employments": counts["jobs"],
        "enrolments": counts["enrolments"],
        "field_links": counts["links"],
        "expert_tags": counts["tags"],
        "load_s": load_s,
        "load_generate_s": gen_s,
        "load_write_s": write_s,
        "analyze_s": analyze_s,
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
