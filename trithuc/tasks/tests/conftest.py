"""A small program of the old province with tasks for its units, and a factory for unit reports.

Tasks: one led by Xã Một (a 2023 commune merged into Xã Mới) with Sở Nội vụ supporting, one led by
Xã Mới, one led by Xã Khác. Indicators: two reported by units, one computed from records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from conftest import Units, make_user
from trithuc.accounts.choices import Role
from trithuc.accounts.models import User
from trithuc.core.dates import today
from trithuc.orgunits.models import OrgUnit
from trithuc.programs.choices import IndicatorSource
from trithuc.programs.models import Indicator, Program
from trithuc.tasks.choices import ReportStatus
from trithuc.tasks.models import Task, UnitReport

YEAR = 2025


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def program(units: Units) -> Program:
    return build_program(units)


def build_program(units: Units) -> Program:
    program = Program.objects.create(
        code="CTr-TEST",
        title="Chương trình thử nghiệm về đội ngũ trí thức",
        issuing_body=units.old_province,
        resolution="Nghị quyết thử nghiệm",
        start_year=2024,
        end_year=2026,
    )
    Indicator.objects.create(
        program=program,
        code="hoi-thao",
        name="Hội thảo, tọa đàm với trí thức",
        unit_of_measure="cuộc",
        method="Đơn vị báo cáo",
        source=IndicatorSource.REPORTED,
        order=1,
    )
    Indicator.objects.create(
        program=program,
        code="nhan-tai",
        name="Nhân tài được thu hút",
        unit_of_measure="người",
        method="Đơn vị báo cáo",
        source=IndicatorSource.REPORTED,
        order=2,
    )
    Indicator.objects.create(
        program=program,
        code="llct-cao-cap",
        name="Cử đi học cao cấp lý luận chính trị",
        unit_of_measure="người",
        method="Đếm",
        source=IndicatorSource.COMPUTED,
        computation="training_advanced_theory",
        order=3,
    )
    return program


def indicator(program: Program, code: str) -> Indicator:
    return Indicator.objects.get(program=program, code=code)


def make_task(
    program: Program,
    order: int,
    *,
    lead: list[OrgUnit],
    support: list[OrgUnit] = (),  # type: ignore[assignment]
    deadline: dt.date | None = None,
    completed_on: dt.date | None = None,
    section: str = "II.1",
) -> Task:
    task = Task.objects.create(
        program=program,
        section=section,
        section_title="Nâng cao nhận thức",
        order=order,
        text=f"Nhiệm vụ thử nghiệm số {order}: tổ chức hội nghị quán triệt Nghị quyết",
        assigned_by="Chương trình hành động thử nghiệm",
        deadline=deadline,
        completed_on=completed_on,
    )
    task.lead_units.set(lead)
    task.supporting_units.set(support)
    return task


@pytest.fixture
def tasks(program: Program, units: Units) -> dict[str, Task]:
    return build_tasks(program, units)


def build_tasks(program: Program, units: Units) -> dict[str, Task]:
    return {
        "commune_one": make_task(program, 1, lead=[units.commune_one], support=[units.department]),
        "new_commune": make_task(program, 2, lead=[units.new_commune], section="II.2"),
        "other_commune": make_task(program, 3, lead=[units.other_commune], section="II.2"),
    }


@pytest.fixture
def make_report(program: Program) -> Callable[..., UnitReport]:
    return report_maker(program)


def report_maker(program: Program) -> Callable[..., UnitReport]:
    def make(
        unit: OrgUnit,
        *,
        year: int = YEAR,
        status: str = ReportStatus.DUE,
        due_date: dt.date | None = None,
        quarter: int | None = None,
    ) -> UnitReport:
        if quarter is None:
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        else:
            start = dt.date(year, 3 * quarter - 2, 1)
            end = (dt.date(year, 3 * quarter, 28) + dt.timedelta(days=4)).replace(day=1)
            end -= dt.timedelta(days=1)
        return UnitReport.objects.create(
            program=program,
            unit=unit,
            year=year,
            period_start=start,
            period_end=end,
            due_date=due_date or today() + dt.timedelta(days=30),
            status=status,
            summary="Đã tổ chức quán triệt" if status != ReportStatus.DUE else "",
        )

    return make


@pytest.fixture
def second_officer(units: Units) -> User:
    """A second officer of Xã Mới, for two people editing the same report."""
    return make_user("xamoi2", Role.UNIT_OFFICER, units.new_commune)
