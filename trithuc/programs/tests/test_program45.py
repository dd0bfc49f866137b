"""Program 45 as loaded, laid beside its text: nothing missing, every number right."""

from __future__ import annotations

from decimal import Decimal

import pytest

from trithuc.core.dates import today
from trithuc.orgunits.reference import structure_load
from trithuc.people.reference import reference_data_load
from trithuc.programs.choices import ObjectiveKind, TargetKind
from trithuc.programs.models import Indicator, Objective, Target
from trithuc.programs.program45 import program_45_load
from trithuc.programs.seed import PROGRAM_45_TEXT, clean_line
from trithuc.programs.selectors import program_responsible_units
from trithuc.tasks.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def kept(module_transaction):
    reference_data_load()
    structure_load()
    return program_45_load()


@pytest.fixture
def program(kept_copy):
    return kept_copy


def _seed_lines() -> list[str]:
    return [clean_line(line) for line in PROGRAM_45_TEXT.read_text(encoding="utf-8").splitlines()]


def test_every_objective_of_part_one_is_loaded_word_for_word(program):
    lines = _seed_lines()
    start, end = lines.index("I. MỤC TIÊU"), lines.index("II. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU")
    items = [line[1:].strip() for line in lines[start:end] if line.startswith(("-", "+"))]
    items.remove("Phấn đấu đến năm 2030:")  # it only introduces the two "+" items
    texts = list(Objective.objects.filter(program=program).values_list("text", flat=True))
    assert len(texts) == len(items) == 9
    for item in items:
        assert any(text.endswith(item) for text in texts), item
    kinds = list(Objective.objects.filter(program=program).values_list("kind", flat=True))
    assert kinds.count(ObjectiveKind.GENERAL) == 3
    assert kinds.count(ObjectiveKind.SPECIFIC) == 6


def test_every_task_of_parts_two_and_three_is_loaded_word_for_word(program):
    lines = _seed_lines()
    start = lines.index("II. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU")
    end = lines.index("III. TỔ CHỨC THỰC HIỆN")
    part_two = [line.lstrip("- ").strip() for line in lines[start:end] if line.startswith("-")]
    tasks = list(Task.objects.filter(program=program).order_by("order"))
    assert len(part_two) == 16
    assert [t.text for t in tasks if t.section.startswith("II.")] == part_two
    part_three = [t for t in tasks if t.section.startswith("III.")]
    assert len(part_three) == 4
    assert part_three[-1].text.startswith("Ban Tuyên giáo Tỉnh ủy tham mưu")
    assert len(tasks) == 20
    assert {t.section for t in tasks} == {"II.1", "II.2", "II.3", "II.4", "II.5", "III.1", "III.2"}


def test_quantified_targets_carry_the_ranges_of_the_text(program):
    def target(code: str) -> Target:
        return Target.objects.get(indicator__program=program, indicator__code=code)

    advanced, intermediate = target("llct-cao-cap"), target("llct-trung-cap")
    cooperation = target("hop-tac-chuyen-gia")
    assert (advanced.min_value, advanced.max_value) == (Decimal(120), Decimal(180))
    assert (intermediate.min_value, intermediate.max_value) == (Decimal(400), Decimal(600))
    assert (cooperation.min_value, cooperation.max_value) == (Decimal(1), None)
    for yearly in (advanced, intermediate, cooperation):
        assert yearly.kind == TargetKind.EACH_YEAR
        assert (yearly.year_from, yearly.year_to) == (2024, 2030)
    assert advanced.range_display == "120–180"
    assert cooperation.range_display == "≥ 1"
    by_2030 = Target.objects.filter(indicator__program=program, kind=TargetKind.BY_YEAR)
    assert {t.indicator.code for t in by_2030} == {
        "chuyen-gia-linh-vuc",
        "nhan-tai-thu-hut",
        "de-tai-ap-dung",
    }
    assert all(t.year_to == 2030 for t in by_2030)
    assert Target.objects.filter(indicator__program=program).count() == 7


def test_inherited_targets_are_configurable_indicators_with_their_origin(program):
    inherited = Indicator.objects.filter(program=program).exclude(origin="")
    origins = " ".join(inherited.values_list("origin", flat=True))
    for document in ("05-NQ/TU", "05-ĐA/TU", "01-ĐA/TU"):
        assert document in origins
    assert not Target.objects.filter(indicator__in=inherited).exists()


def test_tasks_name_the_bodies_the_text_names(program):
    associations = Task.objects.get(program=program, section="II.5", order=15)
    assert {u.code for u in associations.lead_units.all()} == {
        "HG.LHH",
        "HG.HVHNT",
        "HG.HDNT",
        "HG.HHDN",
    }
    steering = Task.objects.get(program=program, section="III.2")
    assert [u.code for u in steering.lead_units.all()] == ["HG.BTG"]


def test_program_keeps_its_2023_issuer_and_follows_its_successor(program):
    assert program.issuing_body.name == "Tỉnh ủy Hậu Giang"
    assert [u.name for u in program_responsible_units(program, today())] == ["Thành ủy Cần Thơ"]


def test_loading_twice_changes_nothing(program):
    counts = (Objective.objects.count(), Indicator.objects.count(), Task.objects.count())
    program_45_load()
    assert (Objective.objects.count(), Indicator.objects.count(), Task.objects.count()) == counts
