"""The science demo on the real structure: one task accepted and applied in 2025 and counted by the
dashboard's «de-tai-ap-dung»; running it again changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from trithuc.core.setup import system_setup
from trithuc.orgunits.models import OrgUnit
from trithuc.programs.models import Program
from trithuc.programs.selectors import dashboard_build
from trithuc.science.choices import ApplicationStatus, NeedStatus, TaskStatus
from trithuc.science.demo import demo_science_create
from trithuc.science.models import (
    Application,
    AppliedTask,
    Call,
    CooperationProgram,
    Need,
    ScienceTask,
)

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    models = (Need, ScienceTask, Call, Application, AppliedTask, CooperationProgram)
    return {model.__name__: model.objects.count() for model in models}


def test_demo_walks_one_task_to_a_result_applied_in_2025_and_runs_once():
    system_setup(demo=True, persons=60, say=lambda _: None)
    before = _counts()
    assert before == {
        "Need": 4,
        "ScienceTask": 2,
        "Call": 1,
        "Application": 2,
        "AppliedTask": 1,
        "CooperationProgram": 3,  # the workforce demo's, not duplicated here
    }
    assert set(Need.objects.values_list("status", flat=True)) == set(NeedStatus)
    task = ScienceTask.objects.get(status=TaskStatus.ACCEPTED)
    assert task.applications.filter(status=ApplicationStatus.SELECTED).count() == 1
    assert task.counted.year == 2025

    program = Program.objects.get(code="CTr-45")
    board = dashboard_build(
        program=program,
        unit=OrgUnit.objects.get(code="CT"),
        year=2025,
        day=dt.date(2025, 12, 31),
    )
    row = next(r for r in board.rows if r.indicator.code == "de-tai-ap-dung")
    assert row.value == 1

    assert demo_science_create() == 0
    system_setup(demo=True, persons=60, say=lambda _: None)
    assert _counts() == before
