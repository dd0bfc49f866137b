"""A large synthetic province for benchmarks: ``trithuc generate-data --persons N [--seed S]``.

People with employment, degrees, fields (and the «chuyên gia» tag), yearly ratings, awards and
training enrolments, written with bulk inserts (COPY on PostgreSQL, executemany on SQLite), one
transaction per chunk, deterministic by seed. No history rows are written: history is for edits
people make, and a million synthetic "created" entries would only double the load. The search
index is kept by the database itself (triggers on SQLite, indexes on PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from .rows import AWARD_TYPES, KIND_WEIGHTS, RECORD_YEARS, Chunk, Generator, Ids, References
from .writer import Table, after_load, write_rows

__all__ = ["DataSet", "generate_data", "records_default"]

# Progress: called after each chunk with (persons done, rows written so far); a true answer stops
# the load there (the benchmark stops early to stay within its time budget).
Progress = Callable[[int, int], bool | None]


@dataclass
class DataSet:
    counts: dict[str, int] = field(default_factory=dict)
    generate_s: float = 0.0
    write_s: float = 0.0
    analyze_s: float = 0.0
    stopped_early: bool = False

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    @property
    def records(self) -> int:
        """Employment rows and training enrolments: what ``--records`` asks for."""
        return self.counts.get("job", 0) + self.counts.get("enrolment", 0)


def records_default(persons: int) -> int:
    return 5 * persons


def generate_data(
    *,
    persons: int,
    seed: int = 45,
    records: int | None = None,
    chunk: int = 50_000,
    progress: Progress | None = None,
) -> DataSet:
    """Add ``persons`` people and their records to the registry (meant for one set up with
    ``trithuc setup``, without demo people). ``records`` (default 5 per person) counts employment
    rows plus training enrolments, as the dashboard benchmark always has."""
    records = records_default(persons) if records is None else records
    refs = _references()
    generator = Generator(seed, refs)
    with transaction.atomic():
        _courses(refs)
        _cooperation(refs, random.Random(seed + 1))  # noqa: S311 - seeded synthetic data
    tables = _tables()
    ids = Ids(**{name: table.next_id() for name, table in tables.items()})
    result = DataSet(counts=dict.fromkeys(tables, 0))
    done = 0
    with _fast_sqlite_writes():
        while done < persons:
            size = min(chunk, persons - done)
            # Exact share of the records for this chunk, so the total is what was asked.
            quota = records * (done + size) // persons - records * done // persons
            started = time.perf_counter()
            rows = generator.chunk(ids, size, quota)
            result.generate_s += time.perf_counter() - started
            started = time.perf_counter()
            _write(tables, rows, result.counts)
            result.write_s += time.perf_counter() - started
            done += size
            if progress and progress(done, result.rows) and done < persons:
                result.stopped_early = True
                break
    started = time.perf_counter()
    # The scope table is filled by triggers as the jobs are written, so it is not one of the
    # tables above, but its statistics matter most: planned from stale ones, the scope probe of
    # the person search took the (unit, person) index and read the whole unit range for every
    # person, 800 ms for a page at 100 000 people instead of 5 ms.
    from trithuc.people.models import PersonKeeper

    after_load([table.model for table in tables.values()] + [PersonKeeper])
    result.analyze_s = time.perf_counter() - started
    return result


def _write(tables: dict[str, Table], rows: Chunk, counts: dict[str, int]) -> None:
    with transaction.atomic():
        for name, table in tables.items():
            chunk_rows = getattr(rows, f"{name}s")
            write_rows(table, chunk_rows)
            counts[name] += len(chunk_rows)


class _fast_sqlite_writes:  # noqa: N801 - used as a context manager, reads like one
    """SQLite without fsync while loading (a failed load is thrown away anyway)."""

    def __enter__(self) -> None:
        from django.db import connection

        # The pragma cannot change inside a transaction (a test's): then it stays as it is.
        self.active = connection.vendor == "sqlite" and not connection.in_atomic_block
        if self.active:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=OFF")
                cursor.execute("PRAGMA cache_size=-262144")  # 256 MiB while loading

    def __exit__(self, *exc: object) -> None:
        from django.db import connection

        if self.active:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=NORMAL")


def _references() -> References:
    from trithuc.orgunits.models import OrgUnit
    from trithuc.people import demo
    from trithuc.people.models import (
        AcademicTitle,
        DegreeLevel,
        Ethnicity,
        Field,
        GroupTag,
        PoliticalTheoryLevel,
        StateManagementLevel,
    )
    from trithuc.workforce.models import AwardType

    units = OrgUnit.objects.filter(kind__in=demo.EMPLOYING_KINDS).order_by("code")
    old = list(units.filter(code__startswith="HG.").values_list("pk", flat=True))
    new = list(units.filter(code__startswith="CT.").values_list("pk", flat=True))
    if not old or not new:
        raise RuntimeError("trithuc setup has not loaded the HG.* and CT.* units")
    return References(
        old_units=old,
        new_units=new,
        ethnicity=dict(Ethnicity.objects.values_list("code", "pk")),
        theory=dict(PoliticalTheoryLevel.objects.values_list("code", "pk")),
        state=[None, None, *StateManagementLevel.objects.values_list("pk", flat=True)],
        titles=list(AcademicTitle.objects.order_by("pk").values_list("pk", flat=True)),
        fields=list(
            Field.objects.filter(parent__isnull=False).order_by("pk").values_list("pk", flat=True)
        ),
        degrees=dict(DegreeLevel.objects.values_list("code", "pk")),
        award_types=list(
            AwardType.objects.filter(code__in=AWARD_TYPES)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        expert_tag=GroupTag.objects.get(code="chuyen-gia").pk,
    )


def _courses(refs: References) -> None:
    """The classes of 2024–2026 of every course kind that the enrolments go to."""
    from trithuc.workforce.choices import CourseKind
    from trithuc.workforce.models import TrainingCourse

    labels = dict(CourseKind.choices)
    objects = []
    for year in RECORD_YEARS:
        for kind, (_, classes) in KIND_WEIGHTS.items():
            for n in range(1, classes + 1):
                start = dt.date(year, 1 + (n * 5) % 12, 1 + (n * 7) % 28)
                objects.append(
                    TrainingCourse(
                        kind=kind,
                        name=f"{labels[kind]} — lớp {n:02d}/{year}",
                        institution="Trường Chính trị tỉnh" if kind.startswith("llct") else "",
                        start_date=start,
                        end_date=start + dt.timedelta(days=300),
                    )
                )
    for course in TrainingCourse.objects.bulk_create(objects, batch_size=1000):
        refs.courses.setdefault((course.start_date.year, course.kind), []).append(course.pk)


def _cooperation(refs: References, rng: random.Random) -> None:
    from trithuc.science.models import CooperationProgram

    units, objects = refs.old_units + refs.new_units, []
    for year in RECORD_YEARS:
        for n in range(60):
            objects.append(
                CooperationProgram(
                    title=f"Hợp tác chuyển giao tri thức {n + 1}/{year}",
                    partner=rng.choice(["Trường Đại học Cần Thơ", "Viện Lúa ĐBSCL", "JICA"]),
                    organising_unit_id=rng.choice(units),
                    start_date=dt.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                    year=year,
                )
            )
    CooperationProgram.objects.bulk_create(objects, batch_size=1000)


def _tables() -> dict[str, Table]:
    from trithuc.people.models import Employment, Person, Qualification
    from trithuc.workforce.models import AnnualRating, Award, TrainingEnrollment

    return {
        "person": Table(
            Person,
            ["id", "full_name", "family_name", "middle_name", "given_name", "sort_key"]
            + ["search_text", "birth_date", "birth_date_precision", "gender", "ethnicity_id"]
            + ["hometown", "cccd_ciphertext", "cccd_digest", "cccd_masked", "academic_title_id"]
            + ["political_theory_id", "state_management_id", "expertise", "expertise_text"]
            + ["is_party_member"],
        ),
        "job": Table(
            Employment,
            ["id", "person_id", "unit_id", "position", "sector", "start_date", "end_date"],
        ),
        "link": Table(Person.fields.through, ["id", "person_id", "field_id"]),
        "tag": Table(Person.tags.through, ["id", "person_id", "grouptag_id"]),
        "degree": Table(
            Qualification, ["id", "person_id", "level_id", "major", "institution", "year"]
        ),
        "rating": Table(AnnualRating, ["id", "person_id", "year", "level", "unit_id"]),
        "award": Table(
            Award,
            ["id", "person_id", "award_type_id", "year", "decision_number", "decision_date"]
            + ["granting_body", "unit_id"],
        ),
        "enrolment": Table(
            TrainingEnrollment,
            ["id", "person_id", "course_id", "sending_unit_id", "status", "year", "kind"]
            + ["commits_to_serve_years"],
        ),
    }
