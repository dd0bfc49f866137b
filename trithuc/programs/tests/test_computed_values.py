"""Indicator values computed from the records, per unit subtree and year, across the 2025 merger."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from trithuc.people.choices import Gender
from trithuc.people.services import employment_end
from trithuc.people.tests.factories import PersonFactory
from trithuc.programs.choices import TargetState
from trithuc.programs.models import IndicatorFigure, IndicatorFigureKey
from trithuc.programs.selectors import dashboard_build
from trithuc.programs.services import figures_rebuild
from trithuc.workforce.choices import EnrollmentStatus
from trithuc.workforce.services import enrollment_create, enrollment_set_status

DAY = dt.date(2025, 9, 30)


def _send(course, unit, name, status=EnrollmentStatus.STUDYING):
    person = PersonFactory(full_name=name, unit=unit)
    return enrollment_create(
        actor=None, person=person, course=course, sending_unit=unit, status=status
    )


def _value(program, unit, year, code):
    board = dashboard_build(program=program, unit=unit, year=year, day=DAY)
    return next(row for row in board.rows if row.indicator.code == code)


@pytest.fixture
def sent(units, program, advanced_courses):
    """2024: two from Xã Một, one from Xã Hai (both merged into Xã Mới in 2025).
    2025: one from Xã Mới, one from Xã Khác, and one only planned (not sent yet)."""
    _send(advanced_courses[2024], units.commune_one, "Nguyễn Văn Một")
    _send(advanced_courses[2024], units.commune_one, "Trần Văn Hai")
    _send(advanced_courses[2024], units.commune_two, "Lê Thị Ba", EnrollmentStatus.GRADUATED)
    _send(advanced_courses[2025], units.new_commune, "Phạm Văn Bốn")
    _send(advanced_courses[2025], units.other_commune, "Võ Thị Năm")
    _send(advanced_courses[2025], units.other_commune, "Đỗ Văn Sáu", EnrollmentStatus.PLANNED)


def test_2024_records_of_merged_communes_count_for_the_commune_of_today(units, program, sent):
    assert _value(program, units.new_commune, 2024, "llct-cao-cap").value == 3
    assert _value(program, units.commune_one, 2024, "llct-cao-cap").value == 2
    assert _value(program, units.other_commune, 2024, "llct-cao-cap").value == 0


def test_the_new_province_counts_everything_its_predecessors_sent(units, program, sent):
    assert _value(program, units.new_province, 2024, "llct-cao-cap").value == 3
    # The planned one is not counted until they start.
    assert _value(program, units.new_province, 2025, "llct-cao-cap").value == 2


def test_a_status_change_moves_the_figure_at_once(units, program, sent, advanced_courses):
    planned = advanced_courses[2025].enrollments.get(status=EnrollmentStatus.PLANNED)
    enrollment_set_status(actor=None, enrollment=planned, status=EnrollmentStatus.STUDYING)
    assert _value(program, units.other_commune, 2025, "llct-cao-cap").value == 2


def test_incremental_figures_equal_a_full_recount(units, program, sent):
    before = set(IndicatorFigure.objects.values_list("indicator_id", "unit_id", "year", "value"))
    figures_rebuild()
    after = set(IndicatorFigure.objects.values_list("indicator_id", "unit_id", "year", "value"))
    assert before == after


def test_unit_table_shows_each_unit_of_today_with_its_history(units, program, sent):
    board = dashboard_build(program=program, unit=units.new_province, year=2024, day=DAY)
    column = [i.code for i in board.unit_table_indicators].index("llct-cao-cap")
    table = {row.unit.name: row.values[column] for row in board.unit_table}
    assert table == {"Xã Mới": 3, "Xã Khác": 0}


def test_target_colours_past_year_met_or_missed_and_this_year_on_pace(units, program, sent):
    # 2024: 3 sent, target 2–3: met. Xã Khác sent none in 2024: missed.
    assert _value(program, units.new_province, 2024, "llct-cao-cap").assessment.state == (
        TargetState.MET
    )
    assert _value(program, units.other_commune, 2024, "llct-cao-cap").assessment.state == (
        TargetState.MISSED
    )
    # 2025 on 30 September: 2 sent reaches the minimum of 2.
    assert _value(program, units.new_province, 2025, "llct-cao-cap").assessment.state == (
        TargetState.MET
    )
    # Xã Khác: 1 of 2 by the end of September is below pace (2 × 0.75 × 0.9 = 1.35).
    row = _value(program, units.other_commune, 2025, "llct-cao-cap")
    assert row.assessment.state == TargetState.AT_RISK
    assert "dưới mức tối thiểu 2" in row.assessment.warning


def test_women_at_work_follow_the_registry(units, program):
    woman = PersonFactory(full_name="Trần Thị Hoa", gender=Gender.FEMALE, unit=units.new_commune)
    PersonFactory(full_name="Lê Văn Nam", gender=Gender.MALE, unit=units.new_commune)
    assert _value(program, units.new_commune, 2025, "nu").value == 1
    employment_end(actor=None, employment=woman.employments.get(), end_date=dt.date(2024, 1, 1))
    assert _value(program, units.new_commune, 2025, "nu").value == 0


def test_reported_indicator_without_an_approved_report_has_no_figure(units, program):
    row = _value(program, units.new_province, 2024, "nhan-tai")
    assert row.value is None
    assert row.assessment.state == TargetState.NO_DATA
    assert Decimal(0) != row.value


def test_fields_with_an_expert_count_once_across_units_and_follow_tags(units, program):
    from trithuc.people.models import Field, GroupTag
    from trithuc.people.services import person_update
    from trithuc.programs.choices import IndicatorSource
    from trithuc.programs.models import Indicator

    Indicator.objects.create(
        program=program,
        code="linh-vuc",
        name="Lĩnh vực có chuyên gia",
        unit_of_measure="lĩnh vực",
        method="Đếm",
        source=IndicatorSource.COMPUTED,
        computation="expert_fields",
        order=4,
    )
    expert = GroupTag.objects.get(code="chuyen-gia")
    rice, fish = Field.objects.filter(parent__isnull=False).order_by("code")[:2]
    PersonFactory(full_name="Nguyễn Văn Lúa", unit=units.commune_one, tags=[expert], fields=[rice])
    PersonFactory(full_name="Trần Văn Lúa", unit=units.other_commune, tags=[expert], fields=[rice])
    fisher = PersonFactory(full_name="Lê Văn Cá", unit=units.other_commune, fields=[fish])

    def fields(unit):
        return _value(program, unit, 2025, "linh-vuc").value

    assert (fields(units.new_province), fields(units.new_commune), fields(units.other_commune)) == (
        1,
        1,
        1,
    )
    # Tagging the fish farmer an expert adds a field at once, for his commune and the province.
    person_update(
        actor=None, person_id=fisher.pk, expected_version=fisher.version, data={"tags": [expert]}
    )
    assert (fields(units.new_province), fields(units.other_commune)) == (2, 2)
    before = set(IndicatorFigureKey.objects.values_list("unit_id", "year", "key"))
    figures_rebuild()
    assert set(IndicatorFigureKey.objects.values_list("unit_id", "year", "key")) == before
