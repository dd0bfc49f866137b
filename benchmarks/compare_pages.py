#!/usr/bin/env python
"""Two commits' person list pages, taking turns: the search benchmark's 16 queries (the first page
and its count, as the list shows them) read by the code of an earlier commit and by the code
checked out here, each in a process of its own, one after the other for ``--rounds`` rounds.

Wall time on a shared machine drifts by half from minute to minute, so two benchmark runs an hour
apart compare the machine as much as the code. Taking turns weighs any drift on both alike; the
process CPU per page (``time.process_time``) is printed beside the wall time, for it is inflated
less by other work. The earlier commit is checked out once into ``var/bench/worktrees/<commit>``
(``git worktree``) and imported from there; the database, its settings and this script are
the same for both. Usage::

    .venv/bin/python benchmarks/compare_pages.py --base 332db13 --database postgres
    .venv/bin/python benchmarks/compare_pages.py --base 332db13 --database sqlite --rounds 4

The database is made on first use and reused, as for the search benchmark (benchmarks/common.py).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
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
    nearest_rank,
    report_for,
    time_search_pages,
)

GIT = shutil.which("git") or "git"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="the earlier commit")
    parser.add_argument("--database", default="postgres", choices=["postgres", "sqlite"])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3, help="turns of the two commits")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each query a turn")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--pg-prefix", default="trithuc_perf_bench")
    parser.add_argument("--results", help="also write the report to this file")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args.repeat)
    base = _revision(args.base)
    head = _revision("HEAD") + (" (and what is not committed)" if _dirty() else "")
    report = report_for("Person list pages: two commits taking turns", args.pg_url)
    env = ensure_database(args.database, args.persons, args.pg_url, args.pg_prefix, report.say)
    sides = {f"base {base}": str(_worktree(base)), f"here {head}": str(ROOT)}
    report.say(
        f"database: {args.database}, {args.persons:,} persons; the search benchmark's queries, "
        f"{args.repeat} timed runs each per turn after one warm-up, {args.rounds} turns; "
        "user: program office of CT"
    )
    runs: dict[str, dict[str, list[float]]] = {side: {"wall": [], "cpu": []} for side in sides}
    for _ in range(args.rounds):
        for side, code in sides.items():
            out = subprocess.run(  # noqa: S603 - our own script, fixed arguments
                [
                    sys.executable,
                    __file__,
                    "--base",
                    base,
                    "--worker",
                    "--repeat",
                    str(args.repeat),
                ],
                env={**env, "PYTHONPATH": code},
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            measured = json.loads(out.stdout.strip().splitlines()[-1])
            for key in ("wall", "cpu"):
                runs[side][key].extend(measured[key])
    report.say()
    for side, measured in runs.items():
        wall = measured["wall"]
        report.say(
            f"   {side:42} page p50 {statistics.median(wall):6.1f} ms, "
            f"p95 {nearest_rank(wall, 0.95):6.1f} ms; this process's CPU per page "
            f"{statistics.mean(measured['cpu']):5.1f} ms ({len(wall)} pages)"
        )
    report.write(args.results)
    return 0


def worker(repeat: int) -> int:
    import django

    django.setup()
    import trithuc

    # The commit under test must be the one imported, not the project installed in the venv.
    imported = Path(trithuc.__file__).resolve().parents[1]
    if imported != Path(os.environ["PYTHONPATH"]).resolve():
        raise SystemExit(f"imported the code at {imported}, not {os.environ['PYTHONPATH']}")
    print(json.dumps(page_timings(bench_user(), repeat)))
    return 0


def page_timings(user, repeat: int) -> dict[str, list[float]]:
    """Wall and process CPU milliseconds of each timed page of the search benchmark's queries."""
    return time_search_pages(user, repeat, _page)


def _page(user, name: str, expertise: str) -> int:
    from trithuc.people.selectors import PersonFilters, person_page

    page = person_page(user=user, filters=PersonFilters(q=name, expertise=expertise), number=1)
    for person in page.object_list:  # each row's current units, as the table shows them
        # Earlier commits gave Employment rows, later ones (position, unit name) pairs.
        _ = [getattr(job, "unit_name", None) or job.unit.name for job in person.current_employments]
    return page.paginator.count


def _revision(name: str) -> str:
    out = subprocess.run(  # noqa: S603 - git, fixed arguments
        [GIT, "rev-parse", "--short", name], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def _dirty() -> bool:
    out = subprocess.run(  # noqa: S603
        [GIT, "status", "--porcelain", "--untracked-files=no"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return bool(out.stdout.strip())


def _worktree(revision: str) -> Path:
    path = ROOT / "var" / "bench" / "worktrees" / revision
    if not path.exists():
        subprocess.run(  # noqa: S603
            [GIT, "worktree", "add", "--detach", str(path), revision], cwd=ROOT, check=True
        )
    return path


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trithuc.settings")
    sys.exit(main())
