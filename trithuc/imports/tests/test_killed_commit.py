"""A commit killed half way leaves the database exactly as before; run again, it stores everything
exactly once; run a third time, it changes nothing.

The import runs as a real ``trithuc import`` process that is killed with SIGKILL (no cleanup, no
rollback by Python: only the database's own atomicity protects the data). The test database of
pytest-django lives inside this process (SQLite in memory) or inside a transaction the subprocess
cannot see, so the subprocess works on a database of its own that this test makes and removes: a
copy of the empty test database, in a file in a temporary folder on SQLite, as a new database on
the same server on PostgreSQL. The commit announces, through a test hook (``TRITHUC_IMPORT_PAUSE_FILE``),
the moment every row is written and the transaction is not yet committed, and waits there; the
test kills it at exactly that point, so the kill always lands mid-transaction.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.databases import run_cli
from tests.databases import scratch_database as scratch_copy

from .helpers import xlsx

ROWS = 40
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def scratch_database(tmp_path, django_db_setup, django_db_blocker):
    """Environment variables pointing a subprocess at an empty, migrated database: a copy of the
    suite's own test database (made in seconds, where migrating a new one takes a minute)."""
    with django_db_blocker.unblock(), scratch_copy(tmp_path, copy_test_database=True) as scratch:
        env = {**scratch.env, "DJANGO_SETTINGS_MODULE": "trithuc.settings"}
        env.pop("TRITHUC_IMPORT_PAUSE_FILE", None)
        run_cli(
            env,
            "shell",
            "-c",
            "from trithuc.orgunits.services import orgunit_create; "
            "orgunit_create(code='KT', name='Xã Kiểm Thử', kind='commune')",
        )
        yield env


def _counts(env) -> dict[str, int]:
    code = (
        "import json; from trithuc.people.models import Person, Employment; "
        "from trithuc.imports.models import ImportBatch; "
        "print(json.dumps({'people': Person.objects.count(), 'people_history': Person.history.count(), "
        "'jobs': Employment.objects.count(), 'jobs_history': Employment.history.count(), "
        "'committed': ImportBatch.objects.filter(status='committed').count()}))"
    )
    return json.loads(run_cli(env, "shell", "-c", code).stdout.strip().splitlines()[-1])


def test_a_commit_killed_mid_transaction_leaves_nothing_and_a_rerun_stores_everything_once(
    scratch_database, tmp_path
):
    env = scratch_database
    headers = ["Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ"]
    given = ["An", "Bình", "Chi", "Dũng", "Hà", "Khánh", "Lan", "Minh"]
    rows = [
        [
            f"Nguyễn Văn {given[i % 8]} {chr(65 + i // 8)}",
            f"{1 + i % 28:02d}/05/{1970 + i}",
            "Nam",
            "Chuyên viên",
        ]
        for i in range(ROWS)
    ]
    sheet = tmp_path / "ds.xlsx"
    sheet.write_bytes(xlsx([headers, *rows], text_columns=(1,)))
    marker = tmp_path / "paused"
    command = [
        sys.executable,
        "-m",
        "trithuc.cli",
        "import",
        "people",
        str(sheet),
        "--unit",
        "KT",
        "--commit",
        "--json",
    ]
    log = tmp_path / "killed.log"
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 — our own console script
            command,
            env={
                **env,
                "TRITHUC_IMPORT_PAUSE_FILE": str(marker),
                "TRITHUC_IMPORT_PAUSE_SECONDS": "120",
            },
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=output,
        )
        deadline = time.monotonic() + 120
        while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert marker.exists(), log.read_text()[-3000:]
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    assert _counts(env) == {
        "people": 0,
        "people_history": 0,
        "jobs": 0,
        "jobs_history": 0,
        "committed": 0,
    }

    rerun = run_cli(env, "import", "people", str(sheet), "--unit", "KT", "--commit", "--json")
    result = json.loads(rerun.stdout)
    assert result["created"] == ROWS
    assert result["errors"] == []
    assert _counts(env) == {
        "people": ROWS,
        "people_history": ROWS,
        "jobs": ROWS,
        "jobs_history": ROWS,
        "committed": 1,
    }

    again = json.loads(
        run_cli(env, "import", "people", str(sheet), "--unit", "KT", "--commit", "--json").stdout
    )
    assert (again["created"], again["updated"], again["duplicates"]) == (0, 0, ROWS)
    assert _counts(env)["people_history"] == ROWS
