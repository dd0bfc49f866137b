from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from conftest import Units, make_program
from trithuc.people.reference import reference_data_load
from trithuc.programs.choices import IndicatorSource, TargetKind
from trithuc.programs.models import Indicator, Program, Target
from trithuc.workforce.choices import CourseKind
from trithuc.workforce.services import training_course_create


@pytest.fixture
def program(units: Units) -> Program:
    """A small program of the old province with a training target of 2–3 people a year."""
    reference_data_load()
    program = make_program(units)
    advanced = Indicator.objects.create(
        program=program,
        code="llct-cao-cap",
        name="Cử đi học cao cấp lý luận chính trị",
        unit_of_measure="người",
        method="Đếm",
        source=IndicatorSource.COMPUTED,
        computation="training_advanced_theory",
        order=1,
    )
    Target.objects.create(
        indicator=advanced,
        kind=TargetKind.EACH_YEAR,
        year_from=2024,
        year_to=2030,
        min_value=Decimal(2),
        max_value=Decimal(3),
        text="Mỗi năm cử từ 2 - 3 người",
    )
    Indicator.objects.create(
        program=program,
        code="nu",
        name="Cán bộ nữ",
        unit_of_measure="người",
        method="Đếm",
        source=IndicatorSource.COMPUTED,
        computation="staff_women",
        order=2,
    )
    Indicator.objects.create(
        program=program,
        code="nhan-tai",
        name="Nhân tài được thu hút",
        unit_of_measure="người",
        method="Đơn vị báo cáo",
        source=IndicatorSource.REPORTED,
        order=3,
    )
    return program


@pytest.fixture
def advanced_courses():
    def course(year: int):
        return training_course_create(
            actor=None,
            kind=CourseKind.ADVANCED_THEORY,
            name=f"Lớp cao cấp lý luận chính trị {year}",
            start_date=dt.date(year, 3, 1),
        )

    return {year: course(year) for year in (2024, 2025)}
