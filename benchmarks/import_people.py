#!/usr/bin/env python
"""Import benchmark: a staff list of ``--rows`` people (100 000 by default), XLSX and CSV.

Prints rows per second, in one run, for:

* our import (``trithuc.imports``: read + validate + dedup + store, with history, employment and the
  figures refresh, in one transaction) of the XLSX and of the CSV, on each database asked for;
* django-import-export at its default settings (a ``ModelResource`` of ``Person`` whose columns are
  named as in the file, ``import_data(dry_run=False)``), on the same model and the same XLSX — on
  its first ``--ie-rows`` rows, because at its speed the whole file would take a long time;
* the limits: the raw python-calamine read of the XLSX (values only, no checks) and, on
  PostgreSQL, a raw ``COPY … FROM STDIN (FORMAT csv)`` of the CSV into a table of text columns;
* the write floor: the people and jobs our import stored, written again from values already
  checked (nothing read, checked or matched), by the same writer, with their change log, search
  index and keepers, in one transaction — what any import of this file into this schema pays the
  database, however fast its Python.

Each database runs in a process of its own, on a scratch database that is made, migrated and
removed (a SQLite file in a temporary directory; a PostgreSQL database ``trithuc_bench_imp_<pid>``
on the server of ``--pg-url``). Usage::

    .venv/bin/python benchmarks/import_people.py --rows 100000 --databases sqlite,postgres

See benchmarks/README.md for the figures measured.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432"
UNIT_CODE = "BENCH"
HEADERS = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số CCCD",
    "Dân tộc",
    "Quê quán",
    "Chức vụ, vị trí việc làm",
    "Đảng viên",
    "Lý luận chính trị",
]
FAMILY = (
    ["Nguyễn"] * 38
    + ["Trần"] * 11
    + ["Lê"] * 9
    + ["Phạm"] * 7
    + ["Huỳnh", "Hoàng", "Võ", "Phan", "Trương", "Bùi", "Đặng", "Đỗ", "Ngô", "Hồ", "Dương", "Lý"]
    * 2
    + ["Châu", "Lâm", "Thạch", "Danh", "Tô", "Quách", "Mai", "Đoàn", "Tạ", "Lưu"]
)
MIDDLE_M = ["Văn", "Hoàng", "Minh", "Quốc", "Thanh", "Hữu", "Đức", "Công", "Ngọc", "Trung", "Phước"]
MIDDLE_F = ["Thị", "Ngọc", "Thanh", "Thị Kim", "Thị Thu", "Mỹ", "Thị Ngọc", "Bích", "Thùy", "Kim"]
GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Duy",
    "Hải",
    "Hiếu",
    "Hòa",
    "Hùng",
    "Huy",
    "Khang",
    "Khánh",
    "Khoa",
    "Kiệt",
    "Lâm",
    "Lộc",
    "Long",
    "Luân",
    "Minh",
    "Nam",
    "Nghĩa",
    "Nhân",
    "Phong",
    "Phúc",
    "Phương",
    "Quang",
    "Quân",
    "Sang",
    "Sơn",
    "Tài",
    "Tâm",
    "Thành",
    "Thắng",
    "Thiện",
    "Thịnh",
    "Toàn",
    "Trí",
    "Trung",
    "Tuấn",
    "Tùng",
    "Việt",
    "Vinh",
    "Vũ",
]
GIVEN_F = [
    "Anh",
    "Bích",
    "Châu",
    "Diễm",
    "Dung",
    "Duyên",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hiền",
    "Hoa",
    "Hồng",
    "Hương",
    "Huyền",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "My",
    "Nga",
    "Ngân",
    "Ngọc",
    "Nhung",
    "Oanh",
    "Phượng",
    "Quyên",
    "Sương",
    "Tâm",
    "Thảo",
    "Thủy",
    "Thư",
    "Trang",
    "Trâm",
    "Tuyết",
    "Uyên",
    "Vân",
    "Vy",
    "Xuân",
    "Yến",
]
ETHNIC = ["Kinh"] * 88 + ["Khmer"] * 7 + ["Hoa"] * 5
HOMETOWNS = [
    "Vị Thanh, Hậu Giang",
    "Long Mỹ, Hậu Giang",
    "Phụng Hiệp, Hậu Giang",
    "Châu Thành, Hậu Giang",
    "Ninh Kiều, Cần Thơ",
    "Cái Răng, Cần Thơ",
    "Sóc Trăng",
    "Bạc Liêu",
    "Cà Mau",
    "Vĩnh Long",
]
POSITIONS = [
    "Chuyên viên",
    "Chuyên viên chính",
    "Giáo viên",
    "Giảng viên",
    "Bác sĩ",
    "Kỹ sư",
    "Phó Trưởng phòng",
    "Trưởng phòng",
    "Cán sự",
    "Điều dưỡng",
]
THEORY = ["", "", "Sơ cấp", "Trung cấp", "Trung cấp", "Cao cấp"]


def generate(rows: int, seed: int, folder: Path) -> tuple[Path, Path]:
    """The staff list as a Vietnamese office keeps it, in XLSX and in CSV (UTF-8 with BOM)."""
    import xlsxwriter

    rng = random.Random(seed)  # noqa: S311 — deterministic test data, not secrets
    used: set[str] = set()
    data = []
    for number in range(1, rows + 1):
        female = rng.random() < 0.48
        family = rng.choice(FAMILY)
        middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
        given = rng.choice(GIVEN_F if female else GIVEN_M)
        birth = dt.date(1962, 1, 1) + dt.timedelta(days=rng.randrange(365 * 42))
        cccd = ""
        if rng.random() < 0.92:
            while True:
                century = (birth.year - 1900) // 100 * 2 + (1 if female else 0)
                province = rng.choice(["093", "092", "094", "095", "096", "086", "089"])
                cccd = f"{province}{century}{birth.year % 100:02d}{rng.randrange(10**6):06d}"
                if cccd not in used:
                    used.add(cccd)
                    break
        data.append(
            [
                number,
                f"{family} {middle} {given}",
                birth,
                "Nữ" if female else "Nam",
                cccd,
                rng.choice(ETHNIC),
                rng.choice(HOMETOWNS),
                rng.choice(POSITIONS),
                "Có" if rng.random() < 0.45 else "Không",
                rng.choice(THEORY),
            ]
        )
    xlsx_path, csv_path = folder / "nhan-su.xlsx", folder / "nhan-su.csv"
    book = xlsxwriter.Workbook(str(xlsx_path), {"constant_memory": True})
    sheet = book.add_worksheet("Nhân sự")
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, HEADERS)
    for index, row in enumerate(data, start=1):
        sheet.write_number(index, 0, row[0])
        sheet.write_string(index, 1, row[1])
        sheet.write_datetime(index, 2, row[2], date_format)
        for column in range(3, len(row)):
            if row[column]:
                sheet.write_string(index, column, row[column])
    book.close()
    with csv_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for row in data:
            writer.writerow([row[0], row[1], row[2].strftime("%d/%m/%Y"), *row[3:]])
    return xlsx_path, csv_path


def raw_calamine(path: Path) -> dict[str, object]:
    """The bare read of the XLSX into Python values, the way our reader calls it (the median of
    three reads, so that one read slowed by other work on the machine does not set the limit)."""
    from python_calamine import CalamineWorkbook

    timings = []
    for _ in range(3):
        start, cpu = time.perf_counter(), time.process_time()
        book = CalamineWorkbook.from_path(str(path))
        rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
        timings.append((time.perf_counter() - start, time.process_time() - cpu))
    elapsed, cpu = sorted(timings)[1]
    count = len(rows) - 1
    return _figures(count, elapsed, cpu)


def _figures(rows: int, elapsed: float, cpu: float | None = None, **extra) -> dict[str, object]:
    figures: dict[str, object] = {
        "rows": rows,
        "seconds": round(elapsed, 3),
        "rows_per_s": round(rows / elapsed) if elapsed else 0,
        "load": _load(),
        **extra,
    }
    if cpu is not None:  # this process's CPU time: what other work on the machine inflates least
        figures["cpu_seconds"] = round(cpu, 3)
        figures["rows_per_cpu_s"] = round(rows / cpu) if cpu else 0
    return figures


# --- the worker: one database, in its own process -----------------------------------------------


def worker(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from trithuc.orgunits.services import orgunit_create
    from trithuc.people.reference import reference_data_load

    call_command("migrate", verbosity=0)
    reference_data_load()
    unit = orgunit_create(code=UNIT_CODE, name="Đơn vị đo hiệu năng", kind="department")
    result: dict[str, object] = {"database": connection.vendor, "version": _server_version()}
    measures = set(args.measures.split(","))
    if "limits" in measures:  # the parse limit, in this process, just before our import
        result["calamine_xlsx"] = raw_calamine(Path(args.xlsx))
    if "ours" in measures:
        for label, path in (("xlsx", args.xlsx), ("csv", args.csv)):
            _clear()
            result[f"ours_{label}"] = _ours(Path(path), unit)
        if "limits" in measures:  # the rows the CSV's import just stored
            result["write_floor"] = _write_floor()
    if "ie" in measures:
        _clear()
        result["import_export_xlsx"] = _import_export(Path(args.xlsx), args.ie_rows)
    if "limits" in measures and connection.vendor == "postgresql":
        result["copy_csv"] = _copy(Path(args.csv))
    print("RESULT " + json.dumps(result))


def _server_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT version()")
        else:
            cursor.execute("SELECT 'SQLite ' || sqlite_version()")
        return cursor.fetchone()[0]


def _machine() -> str:
    import platform

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{' '.join(platform.uname())}; {os.cpu_count()} CPUs (nproc); "
        f"Python {platform.python_version()}; load average {load}"
    )


def _clear() -> None:
    from django.db import connection

    tables = [
        "imports_importbatch",
        "people_historicalemployment",
        "people_employment",
        "people_historicalperson",
        "people_person",
    ]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 — fixed table names


def _ours(path: Path, unit) -> dict[str, object]:
    from trithuc.imports import services
    from trithuc.people.models import Person

    # What `trithuc import people FILE --commit` does: the file is read, checked, matched against
    # the registry and stored, with history, employment and the figures, in one transaction.
    start, cpu = time.perf_counter(), time.process_time()
    batch = services.batch_create(
        actor=None, kind="people", unit=unit, filename=path.name, content=path.read_bytes()
    )
    batch, outcome = services.batch_commit(actor=None, batch_id=batch.pk)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return _figures(
        batch.summary.get("rows", 0),
        elapsed,
        cpu,
        status=batch.status,
        created=batch.summary.get("created"),
        duplicates=batch.summary.get("duplicates"),
        errors=batch.summary.get("errors"),
        people=Person.objects.count(),
    )


def _write_floor() -> dict[str, object]:
    """The people and jobs in the database, written again as our import writes them: the
    database's share of an import, with nothing read, checked or matched."""
    from django.db import transaction

    from trithuc.imports.fastwrite import bulk_writing, insert_with_history
    from trithuc.people.keepers_bulk import keepers_refresh_deferred
    from trithuc.people.models import Employment, Person
    from trithuc.people.search import search_index_deferred

    def rows(model) -> list[dict[str, object]]:
        columns = [field.attname for field in model._meta.concrete_fields]
        return list(model.objects.order_by("pk").values(*columns))

    people, jobs = rows(Person), rows(Employment)
    _clear()
    start, cpu = time.perf_counter(), time.process_time()
    with transaction.atomic(), bulk_writing():
        with search_index_deferred() as index_later:
            insert_with_history(Person, people, user_id=None, reason="write floor")
            index_later([person["id"] for person in people])
        with keepers_refresh_deferred() as keepers_later:
            insert_with_history(Employment, jobs, user_id=None, reason="write floor")
            keepers_later([job["person_id"] for job in jobs])
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return _figures(len(people), elapsed, cpu, jobs=len(jobs))


def _import_export(path: Path, limit: int) -> dict[str, object]:
    import tablib

    # The same file's first `limit` rows, as an XLSX again (what the tool is given to read).
    import xlsxwriter
    from import_export import fields, resources
    from python_calamine import CalamineWorkbook

    from trithuc.people.models import Person

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()[: limit + 1]
    part = path.with_name(f"dau-{limit}.xlsx")
    book = xlsxwriter.Workbook(str(part))
    sheet = book.add_worksheet("Nhân sự")
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for index, row in enumerate(rows):
        for column, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(index, column, value, date_format)
            elif value != "":
                sheet.write(index, column, value)
    book.close()

    class PersonResource(resources.ModelResource):
        full_name = fields.Field(attribute="full_name", column_name="Họ và tên")
        birth_date = fields.Field(attribute="birth_date", column_name="Ngày sinh")
        gender = fields.Field(attribute="gender", column_name="Giới tính")
        hometown = fields.Field(attribute="hometown", column_name="Quê quán")

        class Meta:
            model = Person
            fields = ("full_name", "birth_date", "gender", "hometown")
            import_id_fields = ()

    start, cpu = time.perf_counter(), time.process_time()
    dataset = tablib.Dataset().load(part.read_bytes(), format="xlsx")
    result = PersonResource().import_data(dataset, dry_run=False)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return _figures(
        limit, elapsed, cpu, errors=bool(result.has_errors()), people=Person.objects.count()
    )


def _copy(path: Path) -> dict[str, object]:
    from django.db import connection

    columns = ", ".join(f"c{i} text" for i in range(len(HEADERS)))
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE raw_people ({columns})")
        start = time.perf_counter()
        with cursor.copy("COPY raw_people FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
            copy.write(path.read_bytes().removeprefix(b"\xef\xbb\xbf"))
        cursor.execute("SELECT count(*) FROM raw_people")
        rows = cursor.fetchone()[0]
        elapsed = time.perf_counter() - start
    return _figures(rows, elapsed)


# --- the driver ---------------------------------------------------------------------------------


def run_database(name: str, args: argparse.Namespace, files: tuple[Path, Path], folder: Path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "trithuc.settings",
        "TRITHUC_VAR_DIR": str(folder / f"var-{name}"),
        "TRITHUC_LOG_LEVEL": "ERROR",
    }
    drop = None
    if name == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    else:
        import psycopg

        database = f"trithuc_bench_imp_{os.getpid()}"
        with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}"')
            connection.execute(f'CREATE DATABASE "{database}"')
        env["DATABASE_URL"] = f"{args.pg_url}/{database}"

        def drop() -> None:
            with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

    command = [
        sys.executable,
        __file__,
        "--worker",
        "--xlsx",
        str(files[0]),
        "--csv",
        str(files[1]),
        "--ie-rows",
        str(args.ie_rows),
        "--measures",
        args.measures,
    ]
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    finally:
        if drop is not None:
            drop()
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line.removeprefix("RESULT "))
    print(f"{name}: the worker failed\n{done.stderr[-4000:]}")
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=45)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument(
        "--ie-rows", type=int, default=5_000, help="rows given to django-import-export"
    )
    parser.add_argument(
        "--measures",
        default="ours,ie,limits",
        help="what to measure, comma-separated: ours (our import of the XLSX and the CSV), ie "
        "(django-import-export), limits (raw calamine read, raw COPY); ratios need all three",
    )
    parser.add_argument(
        "--files", help="keep the generated files in this folder, and reuse them when present"
    )
    parser.add_argument("--pg-url", default=os.environ.get("TRITHUC_BENCH_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--xlsx", help=argparse.SUPPRESS)
    parser.add_argument("--csv", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    print(f"Machine: {_machine()}")
    with tempfile.TemporaryDirectory(prefix="trithuc-import-bench-") as tmp:
        folder = Path(tmp)
        files = _files(args, folder)
        results = {}
        for name in args.databases.split(","):
            print(f"Running on {name}… (load average {_load()})", flush=True)
            results[name] = run_database(name, args, files, folder)
            if results[name]:
                print(f"  {results[name]['version']}", flush=True)
        print(f"Done (load average {_load()})")
        _report(results, args)


def _files(args: argparse.Namespace, folder: Path) -> tuple[Path, Path]:
    kept = Path(args.files) / f"{args.rows}-{args.seed}" if args.files else None
    if kept is not None and (kept / "nhan-su.xlsx").exists() and (kept / "nhan-su.csv").exists():
        files = (kept / "nhan-su.xlsx", kept / "nhan-su.csv")
        print(f"Reusing {files[0]} and {files[1]}")
        return files
    target = kept or folder
    target.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    files = generate(args.rows, args.seed, target)
    print(
        f"Generated {args.rows:,} rows in {time.perf_counter() - start:.1f} s: "
        f"XLSX {files[0].stat().st_size / 1e6:.1f} MB, CSV {files[1].stat().st_size / 1e6:.1f} MB"
    )
    return files


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def _report(results: dict, args: argparse.Namespace) -> None:
    print()
    print(
        f"{'database':<10} {'measure':<44} {'rows':>8} {'seconds':>8} {'rows/s':>9} "
        f"{'CPU s':>7} {'rows/CPU s':>10}  load average"
    )
    labels = {
        "calamine_xlsx": "raw python-calamine read, XLSX",
        "ours_xlsx": "our import, XLSX",
        "ours_csv": "our import, CSV",
        "import_export_xlsx": f"django-import-export, XLSX ({args.ie_rows:,} rows)",
        "copy_csv": "raw COPY of the CSV",
        "write_floor": "write floor (the same people and jobs)",
    }
    for name, result in results.items():
        if not result:
            continue
        for key, label in labels.items():
            figures = result.get(key)
            if not figures:
                continue
            cpu = figures.get("cpu_seconds", "")
            per_cpu = f"{figures['rows_per_cpu_s']:,}" if "rows_per_cpu_s" in figures else ""
            print(
                f"{name:<10} {label:<44} {figures['rows']:>8,} {figures['seconds']:>8} "
                f"{figures['rows_per_s']:>9,} {cpu:>7} {per_cpu:>10}  {figures['load']}"
            )
        if "ours_xlsx" in result:
            ours_x, ours_c = result["ours_xlsx"], result["ours_csv"]
            print(
                f"{'':<10} stored: XLSX {ours_x['people']:,} people ({ours_x['duplicates']:,} "
                f"duplicate rows, {ours_x['errors']} errors), CSV {ours_c['people']:,} people"
            )
    print()
    for name, result in results.items():
        if not result or "ours_xlsx" not in result:
            continue
        ours_x = result["ours_xlsx"]["rows_per_s"]
        ours_c = result["ours_csv"]["rows_per_s"]
        if "import_export_xlsx" in result:
            ie = result["import_export_xlsx"]["rows_per_s"]
            print(
                f"{name}: XLSX {ours_x / ie:.0f}× django-import-export "
                f"(goal ≥ 50×: {'met' if ours_x >= 50 * ie else 'missed'})"
            )
        if "calamine_xlsx" in result:
            calamine = result["calamine_xlsx"]["rows_per_s"]
            print(
                f"{name}: XLSX {ours_x / calamine:.2f} of the raw calamine read "
                f"(goal ≥ 0.5: {'met' if ours_x >= calamine / 2 else 'missed'})"
            )
        if "copy_csv" in result:
            copy = result["copy_csv"]["rows_per_s"]
            print(
                f"{name}: CSV {copy / ours_c:.1f}× slower than raw COPY "
                f"(goal ≤ 3×: {'met' if ours_c * 3 >= copy else 'missed'})"
            )
        if "write_floor" in result:
            _report_floor(name, result)


def _report_floor(name: str, result: dict) -> None:
    """How much of our import is the database's writing, and what the goals leave for the rest:
    reading the file and writing its rows are both unavoidable, so their sum bounds any import."""
    floor = result["write_floor"]["rows_per_s"]
    for label in ("xlsx", "csv"):
        ours = result[f"ours_{label}"]["rows_per_s"]
        print(
            f"{name}: {label.upper()} import takes {floor / ours:.1f}× the write floor "
            f"(writing is {100 * ours / floor:.0f} % of its time)"
        )
    if "calamine_xlsx" in result:
        calamine = result["calamine_xlsx"]["rows_per_s"]
        bound = 1 / (1 / calamine + 1 / floor)  # read, then write: their times add up
        print(
            f"{name}: the write floor alone runs at {floor / calamine:.2f} of the raw calamine "
            f"read; read + write floor: {bound:,.0f} rows/s, {bound / calamine:.2f} of the read"
        )
        if "import_export_xlsx" in result:
            ie = result["import_export_xlsx"]["rows_per_s"]
            print(f"{name}: read + write floor is {bound / ie:.0f}× django-import-export")
    if "copy_csv" in result:
        copy = result["copy_csv"]["rows_per_s"]
        print(f"{name}: the write floor alone is {copy / floor:.1f}× slower than raw COPY")


if __name__ == "__main__":
    main()
