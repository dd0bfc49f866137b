"""The indicator «science tasks applied, led or co-led by provincial intellectuals», computed from
the result applications: once per task, in the year of its first application, for the host unit
of the provincial intellectual leading (or else co-leading) it."""

from __future__ import annotations

import datetime as dt

import pytest

from trithuc.programs.choices import IndicatorSource
from trithuc.programs.computations import REGISTRY
from trithuc.programs.models import Indicator, IndicatorFigure, Program
from trithuc.programs.services import figures_rebuild
from trithuc.science import services
from trithuc.science.tests import factories as make


@pytest.fixture
def indicator(units, reference) -> Indicator:
    program = Program.objects.create(
        code="CTr-KH",
        title="Chương trình thử nghiệm",
        issuing_body=units.old_province,
        resolution="Nghị quyết thử nghiệm",
        start_year=2024,
        end_year=2030,
    )
    return Indicator.objects.create(
        program=program,
        code="de-tai-ap-dung",
        name="Đề tài do trí thức của tỉnh chủ trì được áp dụng",
        unit_of_measure="đề tài",
        method="Tính từ hồ sơ",
        source=IndicatorSource.COMPUTED,
        computation="science_applied",
        order=1,
    )


def figures(indicator) -> dict[tuple[str, int], int]:
    return {
        (f.unit.code, f.year): int(f.value)
        for f in IndicatorFigure.objects.filter(indicator=indicator).select_related("unit")
    }


def _apply(task, since: dt.date, place: str = "HTX Tân Phú"):
    return services.result_application_record(
        actor=None,
        task=task,
        place=place,
        applied_by=place,
        since=since,
        change="Năng suất tăng",
        evidence="Giấy xác nhận",
    )


@pytest.fixture
def chair(units):
    return make.person("Phan Văn Biện", units.department)


def test_a_task_counts_once_in_the_year_of_its_first_application(indicator, units, chair):
    lead = make.person("Võ Thành Đạt", units.new_commune)
    task = make.called_task(units.department, units.new_commune)
    task = make.done_task(task, make.apply(task, lead, units.new_commune), chair=chair)
    assert figures(indicator) == {}

    later = _apply(task, dt.date(2026, 3, 1))
    assert figures(indicator) == {("TM.X1", 2026): 1}
    first = _apply(task, dt.date(2025, 12, 20), place="Xã Khác")
    _apply(task, dt.date(2027, 1, 5), place="Xã Một")
    assert figures(indicator) == {("TM.X1", 2025): 1}

    services.result_application_remove(actor=None, use=first)
    assert figures(indicator) == {("TM.X1", 2026): 1}
    assert list(REGISTRY["science_applied"].rows({units.new_commune.pk}, 2026)) == [task.counted]

    # The stored figures are what a full recount gives.
    before = figures(indicator)
    figures_rebuild()
    assert figures(indicator) == before
    services.result_application_remove(actor=None, use=later)
    assert figures(indicator) == {("TM.X1", 2027): 1}


def test_a_co_lead_of_the_province_counts_when_the_lead_is_from_outside(indicator, units, chair):
    outsider = make.person("GS. Trần Văn Ngoài")  # no job in the province
    co_lead = make.person("Lê Thị Đồng", units.other_commune)
    task = make.called_task(units.department, units.new_commune)
    application = make.apply(task, outsider, units.other_commune, co_leads=[co_lead])
    task = make.done_task(task, application, chair=chair)
    _apply(task, dt.date(2026, 2, 1))
    assert figures(indicator) == {("TM.X2", 2026): 1}
    assert "Đồng chủ nhiệm" in task.counted.position


def test_a_task_led_only_from_outside_the_province_does_not_count(indicator, units, chair):
    outsider = make.person("GS. Trần Văn Ngoài")
    task = make.called_task(units.department, units.new_commune)
    task = make.done_task(task, make.apply(task, outsider, units.new_commune), chair=chair)
    _apply(task, dt.date(2026, 2, 1))
    assert figures(indicator) == {}
    assert not hasattr(task, "counted") or task.counted is None


def test_program_45_computes_applied_tasks_from_the_records(db):
    from trithuc.programs.program45 import indicator_specs

    spec = next(s for s in indicator_specs() if s.code == "de-tai-ap-dung")
    assert spec.computation == "science_applied"
    assert REGISTRY[spec.computation].source == services.SCIENCE_APPLIED
