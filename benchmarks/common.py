"""Shared by the search, scope-list and load benchmarks: the machine, the benchmark databases
(made once, then a worker process per database), a report that is printed and kept under
benchmarks/results/.

The databases are made once with the project's own commands (`trithuc setup`, then
`trithuc generate-data --persons N`) and reused by later runs: a PostgreSQL database
``<prefix>_<label>`` and a SQLite file under ``var/bench/sqlite-<label>/``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRITHUC = str(ROOT / ".venv" / "bin" / "trithuc")
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432"
BENCH_USER = "bench_vanphong"
BENCH_PASSWORD = "Bench-45-NQ-TW"  # noqa: S105 - a scratch benchmark account on loopback


def label(persons: int) -> str:
    return f"{persons // 1_000_000}m" if persons % 1_000_000 == 0 else f"{persons // 1000}k"


def nearest_rank(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def time_search_pages(
    user, repeat: int, read: Callable, *, before_each: Callable[[], None] | None = None
) -> dict[str, list[float]]:
    """Wall and process CPU milliseconds of each timed ``read(user, name, expertise)`` over the
    search benchmark's queries, ``repeat`` runs of each after one warm-up of all (plans, caches);
    ``before_each`` runs, untimed, before every timed read."""
    from search import EXPERTISE_QUERIES, NAME_QUERIES

    queries = [(q, "") for q in NAME_QUERIES] + [("", q) for q in EXPERTISE_QUERIES]
    for name, expertise in queries:
        read(user, name, expertise)
    wall, cpu = [], []
    for name, expertise in queries:
        for _ in range(repeat):
            if before_each is not None:
                before_each()
            started, used = time.perf_counter(), time.process_time()
            read(user, name, expertise)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - used) * 1000)
    return {"wall": wall, "cpu": cpu}


class Report:
    """Lines printed as they come and written to a results file at the end."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def say(self, line: str = "") -> None:
        print(line, flush=True)
        self.lines.append(line)

    def write(self, path: str | None) -> None:
        if path:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            Path(path).write_text("\n".join(self.lines) + "\n")


def machine_lines(pg_url: str) -> list[str]:
    cpu = platform.machine()
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 1024**3
    import sqlite3

    return [
        f"date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"uname: {' '.join(platform.uname())}",
        f"cpu: {os.cpu_count()} × {cpu}; {memory:.0f} GiB RAM",
        f"python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"PostgreSQL {pg_version(pg_url)}",
        "load average (1, 5, 15 min) at start: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()),
        *_load_note(),
    ]


def _load_note() -> list[str]:
    # Wall-clock figures taken beside other work are depressed by an unknown amount: say so
    # when the machine was busy before the run began.
    one_minute = os.getloadavg()[0]
    if one_minute < (os.cpu_count() or 1) / 2:
        return []
    return [
        f"NOTE: the machine was busy when the run began (load {one_minute:.1f} on "
        f"{os.cpu_count()} cores), so every wall-clock figure is depressed by an unknown amount."
    ]


def pg_version(pg_url: str) -> str:
    try:
        import psycopg

        with psycopg.connect(f"{pg_url.rstrip('/')}/postgres") as conn:
            version = conn.execute("SHOW server_version").fetchone()[0]
            # The server's own cache: below the size of the data, pages come through the
            # operating system's cache, which the figures then depend on too.
            buffers = conn.execute("SHOW shared_buffers").fetchone()[0]
            return f"{version}, shared_buffers {buffers}"
    except Exception as exc:  # noqa: BLE001 - describe the machine even without PostgreSQL
        return f"not reachable ({exc.__class__.__name__})"


def database_env(database: str, persons: int, pg_url: str, prefix: str) -> dict[str, str]:
    """The environment that points the project at the benchmark database of this size."""
    var = ROOT / "var" / "bench" / f"{database}-{label(persons)}"
    var.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, TRITHUC_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="trithuc.settings")
    env.pop("DATABASE_URL", None)
    if database == "postgres":
        env["DATABASE_URL"] = f"{pg_url.rstrip('/')}/{prefix}_{label(persons)}"
    return env


def ensure_database(database: str, persons: int, pg_url: str, prefix: str, say) -> dict[str, str]:
    """Make the database of this size unless it is there already with its people."""
    env = database_env(database, persons, pg_url, prefix)
    if database == "postgres":
        import psycopg

        name = f"{prefix}_{label(persons)}"
        with psycopg.connect(f"{pg_url.rstrip('/')}/postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
    count = _person_count(env)
    if count == persons:
        return env
    if count:
        raise SystemExit(
            f"{database} {label(persons)} holds {count} people, not {persons}: drop it first"
        )
    say(f"preparing {database} {label(persons)}: trithuc setup, trithuc generate-data …")
    run = {"env": env, "cwd": ROOT, "check": True}
    subprocess.run([TRITHUC, "setup"], **run, stdout=subprocess.DEVNULL)  # noqa: S603
    subprocess.run([TRITHUC, "generate-data", "--persons", str(persons)], **run)  # noqa: S603
    return env


def add_database_arguments(parser, *, sizes: str) -> None:
    """The options ``each_database`` reads, and ``--results``/``--worker``, the same in every
    benchmark that runs a worker per database."""
    parser.add_argument("--sizes", default=sizes, help="people in each database, comma-separated")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--pg-prefix", default="trithuc_perf_bench")
    parser.add_argument("--results", help="also write the report to this file")
    parser.add_argument("--worker", help=argparse.SUPPRESS)  # the database a worker runs on


def report_for(title: str, pg_url: str) -> Report:
    """A report that opens with ``title`` and the machine it runs on."""
    report = Report()
    report.say(title)
    for line in machine_lines(pg_url):
        report.say(line)
    return report


def each_database(args, script: str, worker_args: list[str], say) -> Iterator[dict]:
    """For each size in ``args.sizes`` and database in ``args.databases``: the database made or
    reused, ``script --worker DATABASE *worker_args`` run against it in a process of its own
    (Django reads its settings once per process), and the JSON its last line prints. A worker
    that fails is reported through ``say`` and skipped."""
    for persons in [int(s) for s in args.sizes.split(",")]:
        for database in args.databases.split(","):
            env = ensure_database(database, persons, args.pg_url, args.pg_prefix, say)
            command = [sys.executable, script, "--worker", database, *worker_args]
            out = subprocess.run(  # noqa: S603 - our own script, fixed arguments
                command, env=env, cwd=ROOT, capture_output=True, text=True, check=False
            )
            if out.returncode:
                say(f"{database} {label(persons)}: FAILED\n{out.stderr[-3000:]}")
                continue
            yield json.loads(out.stdout.strip().splitlines()[-1])


def _person_count(env: dict[str, str]) -> int:
    code = (
        "import django; django.setup(); from django.db import connection\n"
        "from django.db.migrations.executor import MigrationExecutor\n"
        "plan = MigrationExecutor(connection).migration_plan(\n"
        "    MigrationExecutor(connection).loader.graph.leaf_nodes())\n"
        "from trithuc.people.models import Person\n"
        "print(-1 if plan else Person.objects.count())"
    )
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    try:
        count = int(out.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return 0
    if count == -1:  # unmigrated (new) database, or migrations pending: migrate and count again
        subprocess.run([TRITHUC, "migrate", "-v0"], env=env, cwd=ROOT, check=True)  # noqa: S603
        return _person_count(env)
    return count


def bench_user():
    """A program-office account at Cần Thơ (the whole province in scope), made once."""
    from trithuc.accounts.choices import Role
    from trithuc.accounts.models import User
    from trithuc.accounts.services import user_assign, user_create
    from trithuc.orgunits.models import OrgUnit

    user = User.objects.filter(username=BENCH_USER).first()
    if user is None:
        user = user_create(username=BENCH_USER, password=BENCH_PASSWORD, full_name="Đo hiệu năng")
        user_assign(user=user, unit=OrgUnit.objects.get(code="CT"), role=Role.PROGRAM_OFFICE)
    return user
