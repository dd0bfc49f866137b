"""The benchmark scripts are how speed is reported: one that no longer runs reports nothing, and
nobody notices until the next measurement. Each script is imported, and the import benchmark's
own steps run on a small staff list against the test database."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from trithuc.orgunits.services import orgunit_create
from trithuc.people.models import Employment, Person, PersonKeeper
from trithuc.people.reference import reference_data_load

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
SCRIPTS = sorted(path.stem for path in BENCHMARKS.glob("*.py") if path.stem != "common")


@pytest.fixture(autouse=True)
def _benchmarks_importable(monkeypatch):
    # The scripts import their shared module as ``common``, as when run from the command line.
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    yield
    for name in [*SCRIPTS, "common"]:
        sys.modules.pop(name, None)


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_benchmark_script_imports(script):
    module = importlib.import_module(script)
    assert callable(getattr(module, "main", None))


def test_the_import_benchmark_stores_a_staff_list_and_writes_it_again_as_the_floor(db, tmp_path):
    reference_data_load()
    bench = importlib.import_module("import_people")
    xlsx, csv = bench.generate(60, 45, tmp_path)
    unit = orgunit_create(code=bench.UNIT_CODE, name="Đơn vị đo hiệu năng", kind="department")

    ours = bench._ours(csv, unit)
    assert ours["status"] == "committed"
    assert ours["created"] == Person.objects.count() > 50
    stored = sorted(Person.objects.values_list("full_name", "birth_date"))

    floor = bench._write_floor()
    # The same people and jobs, written again with their keepers, and nothing else.
    assert floor["rows"] == ours["created"]
    assert sorted(Person.objects.values_list("full_name", "birth_date")) == stored
    assert Employment.objects.count() == ours["created"]
    assert PersonKeeper.objects.filter(unit=unit).count() == ours["created"]
    assert xlsx.exists()


def test_the_search_benchmark_compares_a_broad_word_walked_and_through_the_word_index(
    units, users, settings
):
    from django.db import connection

    from trithuc.people.tests.factories import PersonFactory

    settings.PEOPLE_COUNT_LIMIT = 3
    for given in ("An", "Bình", "Cường", "Dũng", "Giang"):
        PersonFactory(full_name=f"Trần Hoà {given}", unit=units.new_commune)
        PersonFactory(full_name=f"Lê Văn {given}", unit=units.new_commune)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE people_person")
    bench = importlib.import_module("search")
    lines: list[str] = []
    bench.broad_words(users["program_office"], 1, lines)
    hoa = [line for line in lines if "'hoà'" in line]
    if connection.vendor == "postgresql":
        # Both ways ran and showed the same page (else the script stops).
        assert "walk median" in hoa[0]
        assert "word index" in hoa[0]
    else:
        assert hoa == []


def test_the_search_benchmark_compares_a_far_page_by_keys_and_by_the_long_walk(
    units, users, settings
):
    from trithuc.people.tests.factories import PersonFactory

    settings.PEOPLE_COUNT_LIMIT = 2
    settings.PEOPLE_PAGE_SIZE = 2
    for family in ("Võ", "Lê", "Trần", "Đặng"):
        PersonFactory(full_name=f"{family} Hải Yến", unit=units.new_commune)
    bench = importlib.import_module("search")
    lines: list[str] = []
    bench.far_pages(users["program_office"], 1, lines)
    # Both ways ran and showed the same page (else the script stops).
    assert any("'yen'" in line and "walk to the page" in line for line in lines)


def test_the_search_benchmark_compares_every_page_read_beside_and_on_one_connection(units, users):
    from trithuc.people.tests.factories import PersonFactory

    for given in ("An", "Bình", "Cường"):
        PersonFactory(full_name=f"Phạm Ngọc {given}", unit=units.new_commune)
    bench = importlib.import_module("search")
    lines: list[str] = []
    bench.beside_pages(users["program_office"], 1, lines)
    # Every query ran both ways and showed the same page (else the script stops).
    queries = len(bench.NAME_QUERIES) + len(bench.EXPERTISE_QUERIES)
    assert sum("one connection" in line for line in lines) == queries + 2
    assert "p95" in lines[-1]


def test_the_search_benchmark_compares_a_count_in_an_eighth_and_over_the_whole(
    units, users, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from trithuc.people.tests.factories import PersonFactory

    settings.PEOPLE_COUNT_LIMIT = 1
    for number in range(40):
        PersonFactory(
            full_name=f"Lê Văn {number}", expertise="Chuyển đổi số", unit=units.new_commune
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE people_person")
    bench = importlib.import_module("search")
    lines: list[str] = []
    with CaptureQueriesContext(connection) as queries:
        bench.eighth_counts(users["program_office"], 1, lines)
    digital = [line for line in lines if "'chuyen doi so'" in line]
    if connection.vendor == "postgresql":
        # Both ways ran and counted the same (else the script stops), one in the eighth.
        assert "whole registry" in digital[0]
        assert any("% 8 = 0" in query["sql"] for query in queries.captured_queries)
    else:
        # SQLite keeps no statistics of words: nothing is counted in an eighth.
        assert digital == []


def test_the_search_benchmark_compares_a_name_read_whole_and_limit_plus_one_read(
    units, users, settings
):
    from django.db import connection

    from trithuc.people.tests.factories import PersonFactory

    settings.PEOPLE_COUNT_LIMIT = 3
    settings.PEOPLE_KEPT_LIST_LIMIT = 0  # the office's reach is probed, as a province's
    for _ in range(7):
        PersonFactory(full_name="Nguyễn Thị Hoa", unit=units.new_commune)
    for number in range(60):
        PersonFactory(full_name=f"Võ Văn {number}", unit=units.other_commune)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE people_person")
    bench = importlib.import_module("search")
    lines: list[str] = []
    bench.read_whole(users["program_office"], 1, lines)
    if connection.vendor == "postgresql":
        # Both ways ran and showed the same page (else the script stops): seven expected by the
        # word pairs and read whole, under one taking the words as independent.
        hoa = [line for line in lines if "'nguyen thi hoa'" in line]
        assert "read up to    12" in hoa[0]
        assert "limit + 1 read" in hoa[0]
    else:
        assert lines == []


def test_the_search_benchmark_times_the_same_page_indexed_and_scanned(units, users):
    from trithuc.people.tests.factories import PersonFactory

    for given in ("An", "Bình", "Cường"):
        PersonFactory(
            full_name=f"Phạm Ngọc {given}", unit=units.new_commune, position="Chuyên viên"
        )
    PersonFactory(full_name="Lê Văn Khác", unit=units.new_commune)
    bench = importlib.import_module("search")
    office = users["program_office"]
    # Each reads the page's rows and their current units, as the table does.
    assert bench.page_once(office, "pham ngoc", "") == 3
    assert bench.page_once(office, "pham ngoc", "", scan=True) == 3
    assert bench.search_once(office, "pham ngoc", "") == 3


def test_the_sqlite_cache_benchmark_times_every_query_on_a_kept_and_a_new_connection(
    units, users, monkeypatch
):
    from django.db import connection

    from trithuc.people.tests.factories import PersonFactory

    PersonFactory(full_name="Phạm Ngọc Ánh", unit=units.new_commune)
    search = importlib.import_module("search")
    bench = importlib.import_module("sqlite_cache")
    queries = len(search.NAME_QUERIES) + len(search.EXPERTISE_QUERIES)
    # The test's transaction must outlive the run: count the closes instead of closing.
    closed = []
    monkeypatch.setattr(connection, "close", lambda: closed.append(1))
    for fresh in (False, True):
        timings = bench.page_timings(users["program_office"], 2, fresh=fresh)
        assert len(timings) == 2 * queries
        assert all(ms > 0 for ms in timings)
    assert len(closed) == 2 * queries  # a new connection before every timed page, when asked


def test_the_page_comparison_times_every_query_and_counts_what_the_list_shows(units, users):
    from trithuc.people.tests.factories import PersonFactory

    PersonFactory(full_name="Phạm Ngọc Ánh", unit=units.new_commune, position="Chuyên viên")
    search = importlib.import_module("search")
    bench = importlib.import_module("compare_pages")
    queries = len(search.NAME_QUERIES) + len(search.EXPERTISE_QUERIES)
    timings = bench.page_timings(users["program_office"], 2)
    assert len(timings["wall"]) == len(timings["cpu"]) == 2 * queries
    assert bench._page(users["program_office"], "pham ngoc", "") == 1
