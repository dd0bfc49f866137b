#!/usr/bin/env python
"""Person list by scope: the same pages for the province office (everyone in scope) and for the
officer of one commune (one person in a couple of hundred), on both databases.

For each database and size, in a process of its own, four pages of the person list are read as
``person_page`` reads them for the view: the first page, the fifth, a search ("hoa") and a group
(women), each with its capped count and the current jobs of its rows. The province office's
figures are the peer: its scope rule is one probe per person read, cheap when most people are in
scope; the commune's is the list of the people its units keep (people/keepers.py). Prints each
page's median and p50/p95 per user over all runs. Usage::

    .venv/bin/python benchmarks/scope_lists.py --sizes 1000000
    .venv/bin/python benchmarks/scope_lists.py --sizes 100000 --databases postgres --repeat 5

The databases are made on first use and reused (benchmarks/common.py); the commune is the one
of the generated province that keeps the most people.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402 - after the path is set
    BENCH_PASSWORD,
    add_database_arguments,
    bench_user,
    each_database,
    nearest_rank,
    report_for,
)

COMMUNE_USER = "bench_xa"
PAGES = [
    ("first page", {}, 1),
    ("fifth page", {}, 5),
    ("search 'hoa'", {"q": "hoa"}, 1),
    ("women", {"group": "women"}, 1),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_database_arguments(parser, sizes="1000000")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each page")
    args = parser.parse_args()
    if args.worker:
        return worker(args)
    report = report_for(
        "Person list by scope: province office against one commune's officer", args.pg_url
    )
    report.say(f"{args.repeat} timed runs of each page after one warm-up; medians in ms")
    report.say()
    for result in each_database(args, __file__, ["--repeat", str(args.repeat)], report.say):
        for line in result["lines"]:
            report.say(line)
    report.write(args.results)
    return 0


def worker(args: argparse.Namespace) -> int:
    import django

    django.setup()
    from django.db import connection

    from trithuc.people.models import Person

    province, (commune, kept) = bench_user(), _commune_officer()
    lines = [
        f"== {args.worker} ({connection.vendor}), {Person.objects.count():,} persons; "
        f"the commune {commune.unit_code} keeps {kept:,}"
    ]
    for who, user in (("province office", province), ("commune officer", commune)):
        timings = []
        for name, filters, number in PAGES:
            runs = _page_runs(user, filters, number, args.repeat)
            timings.extend(runs)
            lines.append(f"   {who:16} {name:14} median {statistics.median(runs):8.1f} ms")
        lines.append(
            f"   {who:16} p50 {statistics.median(timings):.1f} ms, "
            f"p95 {nearest_rank(timings, 0.95):.1f} ms"
        )
    print(json.dumps({"lines": lines}))
    return 0


def _commune_officer():
    """An officer of the commune that keeps the most people, made once."""
    from django.db.models import Count

    from trithuc.accounts.choices import Role
    from trithuc.accounts.models import User
    from trithuc.accounts.services import user_assign, user_create
    from trithuc.orgunits.models import OrgUnit
    from trithuc.people.models import PersonKeeper

    busiest = (
        PersonKeeper.objects.filter(unit__kind="commune")
        .values("unit")
        .annotate(kept=Count("person"))
        .order_by("-kept")
        .first()
    )
    unit = OrgUnit.objects.get(pk=busiest["unit"])
    user = User.objects.filter(username=COMMUNE_USER).first()
    if user is None:
        user = user_create(username=COMMUNE_USER, password=BENCH_PASSWORD, full_name="Cán bộ xã")
        user_assign(user=user, unit=unit, role=Role.UNIT_OFFICER)
    user.unit_code = unit.code
    return user, busiest["kept"]


def _page_runs(user, filters: dict, number: int, repeat: int) -> list[float]:
    from trithuc.accounts.models import User
    from trithuc.people.selectors import PersonFilters, person_page

    def read() -> None:
        # A request's user: the scope is worked out once per request, as the view does.
        fresh = User.objects.get(pk=user.pk)
        page = person_page(user=fresh, filters=PersonFilters(**filters), number=number)
        for person in page.object_list:
            _ = [job.unit_name for job in person.current_employments]

    read()  # warm-up
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        read()
        runs.append((time.perf_counter() - started) * 1000)
    return runs


if __name__ == "__main__":
    sys.exit(main())
