"""A scratch database for each test (a copy of the suite's empty test database), seeded with a commune, fifty of its officers, one person
and one unit report: what the concurrent editors and the restarted database work on."""

from __future__ import annotations

import pytest

from tests.databases import Scratch, run_python, scratch_database

EDITORS = 50
PASSWORD = "mat-khau-may-chu"
SEED = f"""
import datetime as dt, json
from trithuc.accounts.choices import Role
from trithuc.accounts.services import user_assign, user_create
from trithuc.orgunits.services import orgunit_create
from trithuc.people.services import person_create
from trithuc.programs.models import Program
from trithuc.tasks.models import UnitReport
unit = orgunit_create(code="XS", name="Xã Song Song", kind="commune")
for n in range({EDITORS}):
    user = user_create(username=f"canbo{{n}}", password="{PASSWORD}", full_name=f"Cán bộ {{n}}")
    user_assign(user=user, unit=unit, role=Role.UNIT_OFFICER)
person = person_create(actor=None, full_name="Nguyễn Văn Chung", gender="male", unit=unit,
                       birth_date=dt.date(1985, 6, 15))
program = Program.objects.create(code="CTr-SS", title="Chương trình thử", issuing_body=unit,
                                 resolution="NQ thử", start_year=2024, end_year=2030)
report = UnitReport.objects.create(program=program, unit=unit, year=2025,
    period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31),
    due_date=dt.date(2099, 1, 31), status="due")
print(json.dumps({{"person": person.pk, "report": report.pk}}))
"""


@pytest.fixture
def seeded(tmp_path, transactional_db) -> tuple[Scratch, dict[str, int]]:
    with scratch_database(tmp_path, copy_test_database=True) as scratch:
        ids = run_python(scratch.env, SEED)
        yield scratch, ids
