"""Program 45 of Tỉnh ủy Hậu Giang (2023) as data.

The objectives and tasks are read from the program's own text (``seed/``), word for word, so that a
reviewer can lay the two side by side. What the text says in words and the system needs as data is
written here, item by item: the numbers of each target, the bodies each task names as lead or
support (by their 2023 codes: the program keeps the units that existed when it was issued, and
``selectors.responsible_units_on`` follows them to their successors), and whether a task is
continuous, periodic or has a deadline.

Where the text names no number ("định kỳ", "hầu hết các lĩnh vực"), the figure chosen is a
documented default that the program office may change in the admin (docs/decisions.md).
Targets inherited from NQ 05-NQ/TU, ĐA 05-ĐA/TU and ĐA 01-ĐA/TU are loaded as indicators without
numbers: their figures live in those documents, which the program office enters.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from trithuc.orgunits.models import OrgUnit
from trithuc.tasks.choices import Recurrence
from trithuc.tasks.models import Task

from .choices import IndicatorSource, ObjectiveKind, TargetKind
from .models import Indicator, Objective, Program, Target
from .seed import program_45_outline

CODE = "CTr-45"
TITLE = (
    "Chương trình của Ban Chấp hành Đảng bộ tỉnh thực hiện Nghị quyết số 45-NQ/TW ngày 24/11/2023 "
    "của Ban Chấp hành Trung ương Đảng khóa XIII về tiếp tục xây dựng và phát huy vai trò của đội "
    "ngũ trí thức đáp ứng yêu cầu phát triển đất nước nhanh và bền vững trong giai đoạn mới"
)
RESOLUTION = "Nghị quyết số 45-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII"
ASSIGNED_BY = "Chương trình của Ban Chấp hành Đảng bộ tỉnh Hậu Giang thực hiện Nghị quyết 45-NQ/TW"
ISSUING_BODY = "HG.TU"
START_YEAR, END_YEAR, MIDTERM_YEAR = 2024, 2030, 2026

PARTY = ["HG.TU"]
GOVERNMENT = ["HG.UBND"]
FRONT_AND_MASS = ["HG.MTTQ", "HG.TD", "HG.HLHPN", "HG.HND", "HG.LDLD", "HG.HCCB"]
NOT_NAMED = "Văn bản không nêu cơ quan chủ trì; cơ quan thường trực phân công."


@dataclass(frozen=True)
class TaskNote:
    """What an item of part II or III names: who leads, who supports, and its time frame."""

    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    lead_text: str = ""
    recurrence: str = Recurrence.CONTINUOUS
    deadline: dt.date | None = None


TASK_NOTES: dict[tuple[str, int], TaskNote] = {
    ("II.1", 1): TaskNote(PARTY + GOVERNMENT, lead_text="Cấp ủy đảng, chính quyền các cấp"),
    ("II.1", 2): TaskNote(
        PARTY + GOVERNMENT + FRONT_AND_MASS,
        lead_text="Các cấp ủy đảng, chính quyền, Ủy ban Mặt trận Tổ quốc và các đoàn thể",
    ),
    ("II.1", 3): TaskNote(
        PARTY + GOVERNMENT,
        FRONT_AND_MASS,
        lead_text="Người đứng đầu cấp ủy, chính quyền; Mặt trận Tổ quốc và các đoàn thể giám sát",
    ),
    ("II.2", 1): TaskNote(lead_text=NOT_NAMED),
    ("II.2", 2): TaskNote(lead_text=NOT_NAMED),
    ("II.2", 3): TaskNote(lead_text=NOT_NAMED),
    ("II.2", 4): TaskNote(lead_text=NOT_NAMED),
    ("II.3", 1): TaskNote(GOVERNMENT, lead_text="Cơ quan quản lý nhà nước"),
    ("II.3", 2): TaskNote(lead_text=NOT_NAMED),
    ("II.3", 3): TaskNote(GOVERNMENT, lead_text="Cơ quan quản lý nhà nước"),
    ("II.4", 1): TaskNote(lead_text=NOT_NAMED),
    ("II.4", 2): TaskNote(lead_text=NOT_NAMED),
    ("II.4", 3): TaskNote(lead_text=NOT_NAMED),
    ("II.5", 1): TaskNote(lead_text=NOT_NAMED),
    ("II.5", 2): TaskNote(
        ["HG.LHH", "HG.HVHNT", "HG.HDNT", "HG.HHDN"],
        lead_text="Liên hiệp Hội KH&KT, Hội VHNT, Hội Doanh nhân trẻ, Hiệp hội Doanh nghiệp tỉnh",
    ),
    ("II.5", 3): TaskNote(
        PARTY, lead_text="Người đứng đầu cấp ủy tỉnh", recurrence=Recurrence.PERIODIC
    ),
    ("III.1", 1): TaskNote(PARTY, lead_text="Toàn Đảng bộ và toàn tỉnh"),
    ("III.1", 2): TaskNote(
        PARTY + GOVERNMENT + FRONT_AND_MASS,
        lead_text="Các cấp ủy đảng, chính quyền, Mặt trận Tổ quốc, đoàn thể chính trị - xã hội",
    ),
    ("III.1", 3): TaskNote(
        ["HG.BCSD.UBND", "HG.DD.HDND"],
        lead_text="Ban cán sự đảng UBND tỉnh, Đảng đoàn HĐND tỉnh, cấp ủy các đơn vị, địa phương",
    ),
    ("III.2", 1): TaskNote(
        ["HG.BTG"],
        lead_text="Ban Tuyên giáo Tỉnh ủy; phối hợp các cơ quan, đơn vị liên quan",
        recurrence=Recurrence.PERIODIC,
        deadline=dt.date(END_YEAR, 12, 31),
    ),
}


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    name: str
    unit_of_measure: str
    method: str
    objective: int  # order of the objective it measures
    computation: str = ""
    origin: str = ""
    targets: list[tuple[str, int, int, Decimal | None, Decimal | None, str]] = field(
        default_factory=list
    )


def _each_year(low: int | None, high: int | None, text: str):
    return (
        TargetKind.EACH_YEAR,
        START_YEAR,
        END_YEAR,
        None if low is None else Decimal(low),
        None if high is None else Decimal(high),
        text,
    )


def _by_end(low: Decimal, text: str):
    return (TargetKind.BY_YEAR, END_YEAR, END_YEAR, low, None, text)


def most_fields_minimum() -> Decimal:
    """'Hầu hết các lĩnh vực' as a number: a share (a setting) of the level-2 fields in use."""
    from trithuc.people.models import Field

    fields = Field.objects.filter(parent__isnull=False, is_active=True).count()
    return Decimal(math.ceil(fields * settings.TRITHUC_MOST_FIELDS_SHARE))


def indicator_specs() -> list[IndicatorSpec]:
    # Objective orders: 1–3 general; 4 development, 5 policy, 6 yearly, 7 experts/talent/science,
    # 8 inherited targets, 9 environment.
    inherited = "Nghị quyết 05-NQ/TU ngày 01/6/2022; Đề án 05-ĐA/TU ngày 01/6/2022"
    da01 = "Đề án 01-ĐA/TU ngày 29/6/2021"
    return [
        IndicatorSpec(
            "hop-tac-chuyen-gia",
            "Chương trình, nội dung hợp tác với chuyên gia đầu ngành, tổ chức có uy tín để chuyển giao tri thức",
            "chương trình",
            "Số chương trình hợp tác chuyên gia bắt đầu trong năm, theo đơn vị tổ chức.",
            6,
            computation="cooperation_programs",
            targets=[_each_year(1, None, "Hằng năm, tổ chức ít nhất được 01 chương trình")],
        ),
        IndicatorSpec(
            "llct-cao-cap",
            "Cán bộ, công chức, viên chức được cử đi đào tạo cao cấp lý luận chính trị",
            "người",
            "Số người được cử đi học cao cấp lý luận chính trị có khóa khai giảng trong năm "
            "(đang học, đã tốt nghiệp hoặc thôi học; không tính người mới dự kiến), theo đơn vị cử.",
            6,
            computation="training_advanced_theory",
            targets=[_each_year(120, 180, "Mỗi năm cử từ 120 - 180 cán bộ, công chức, viên chức")],
        ),
        IndicatorSpec(
            "llct-trung-cap",
            "Cán bộ, công chức, viên chức được cử đi đào tạo trung cấp lý luận chính trị",
            "người",
            "Như chỉ tiêu cao cấp, với các khóa trung cấp lý luận chính trị.",
            6,
            computation="training_intermediate_theory",
            targets=[_each_year(400, 600, "từ 400 - 600 cán bộ, công chức, viên chức")],
        ),
        IndicatorSpec(
            "chuyen-gia-linh-vuc",
            "Lĩnh vực khoa học và công nghệ (cấp 2) đã có chuyên gia giỏi của tỉnh",
            "lĩnh vực",
            "Số lĩnh vực cấp 2 có ít nhất một người thuộc nhóm «chuyên gia» đang công tác trong đơn vị.",
            7,
            computation="expert_fields",
            targets=[
                _by_end(
                    most_fields_minimum(),
                    "Hình thành được đội ngũ chuyên gia giỏi, người có tài năng của tỉnh trong hầu hết các lĩnh vực",
                )
            ],
        ),
        IndicatorSpec(
            "nhan-tai-thu-hut",
            "Nhân tài được thu hút vào bộ máy các cơ quan",
            "người",
            "Số người có quyết định thu hút theo chính sách của tỉnh trong năm, theo đơn vị tiếp nhận.",
            7,
            computation="attraction_cases",
            targets=[_by_end(Decimal(1), "thu hút được nhân tài vào bộ máy các cơ quan")],
        ),
        IndicatorSpec(
            "khen-thuong-tri-thuc",
            "Lượt trí thức, cán bộ được tôn vinh, khen thưởng",
            "lượt",
            "Số khen thưởng có quyết định trong năm, theo đơn vị; chi tiết theo hình thức ở trang khen thưởng.",
            3,
            computation="awards",
        ),
        IndicatorSpec(
            "de-tai-ap-dung",
            "Đề tài, nhiệm vụ khoa học do trí thức của tỉnh chủ trì hoặc đồng chủ trì được áp dụng",
            "đề tài",
            "Tính từ hồ sơ nhiệm vụ khoa học: mỗi nhiệm vụ do trí thức của tỉnh (đang công tác "
            "tại đơn vị trong tỉnh) chủ nhiệm hoặc đồng chủ nhiệm, đã nghiệm thu, được tính một "
            "lần vào năm có ghi nhận áp dụng kết quả đầu tiên, cho đơn vị công tác của người đó.",
            7,
            computation="science_applied",
            targets=[
                _by_end(
                    Decimal(1),
                    "phấn đấu áp dụng các đề tài, nhiệm vụ khoa học được thực hiện bởi đội ngũ trí thức của tỉnh hoặc do đội ngũ trí thức của tỉnh đồng chủ trì",
                )
            ],
        ),
        IndicatorSpec(
            "doi-thoai-tri-thuc",
            "Buổi gặp gỡ, đối thoại của người đứng đầu cấp ủy tỉnh với đội ngũ trí thức",
            "buổi",
            "Số buổi gặp gỡ, đối thoại với trí thức đã tổ chức trong năm (tính từ hồ sơ đối thoại), "
            "theo cơ quan tổ chức.",
            7,
            computation="dialogue_sessions",
            targets=[
                _each_year(1, None, "Người đứng đầu cấp ủy của tỉnh định kỳ gặp gỡ, đối thoại")
            ],
        ),
        IndicatorSpec(
            "nq05-sau-dai-hoc",
            "Cán bộ, công chức, viên chức được cử đi đào tạo sau đại học",
            "người",
            "Số người được cử đi học sau đại học trong nước và ở nước ngoài có khóa bắt đầu trong năm.",
            8,
            computation="training_postgraduate",
            origin=inherited,
        ),
        IndicatorSpec(
            "nq05-boi-duong",
            "Lượt cán bộ, công chức, viên chức được bồi dưỡng, cập nhật kiến thức",
            "lượt",
            "Số lượt cử đi bồi dưỡng quản lý nhà nước và bồi dưỡng, cập nhật kiến thức trong năm.",
            8,
            computation="training_fostering",
            origin=inherited,
        ),
        IndicatorSpec(
            "nq05-tuyen-dung",
            "Cán bộ, công chức, viên chức được tuyển dụng",
            "người",
            "Đơn vị báo cáo số người được tuyển dụng trong năm.",
            8,
            origin=inherited,
        ),
        IndicatorSpec(
            "da01-can-bo-tre",
            "Cán bộ trẻ đang công tác",
            "người",
            "Số người đang công tác tại đơn vị vào cuối năm, dưới tuổi «cán bộ trẻ» (thiết lập).",
            8,
            computation="staff_young",
            origin=da01,
        ),
        IndicatorSpec(
            "da01-can-bo-nu",
            "Cán bộ nữ đang công tác",
            "người",
            "Số nữ đang công tác tại đơn vị vào cuối năm.",
            8,
            computation="staff_women",
            origin=da01,
        ),
        IndicatorSpec(
            "da01-can-bo-dtts",
            "Cán bộ người dân tộc thiểu số đang công tác",
            "người",
            "Số người dân tộc thiểu số (khác dân tộc Kinh) đang công tác tại đơn vị vào cuối năm.",
            8,
            computation="staff_ethnic_minority",
            origin=da01,
        ),
    ]


def _specific_objective_kind(section: str) -> str:
    return ObjectiveKind.GENERAL if section == "I.1" else ObjectiveKind.SPECIFIC


@transaction.atomic
def program_45_load() -> Program:
    """Load program 45, or complete it; what is already there (and may have been edited) stays."""
    units = {u.code: u for u in OrgUnit.objects.filter(code__startswith="HG")}
    program, _ = Program.objects.get_or_create(
        code=CODE,
        defaults={
            "title": TITLE,
            "issuing_body": units[ISSUING_BODY],
            "resolution": RESOLUTION,
            "start_year": START_YEAR,
            "end_year": END_YEAR,
            "midterm_year": MIDTERM_YEAR,
            "issued_on": dt.date(2023, 12, 31),
        },
    )
    outline = program_45_outline()
    objectives = _load_objectives(program, [s for s in outline if s.part == "I"])
    _load_indicators(program, objectives)
    _load_tasks(program, [s for s in outline if s.part != "I"], units)
    return program


def _load_objectives(program: Program, sections) -> dict[int, Objective]:
    objectives = {}
    order = 0
    for section in sections:
        for text in section.items:
            order += 1
            objectives[order], _ = Objective.objects.get_or_create(
                program=program,
                order=order,
                defaults={
                    "kind": _specific_objective_kind(section.code),
                    "section": section.code,
                    "text": text,
                },
            )
    return objectives


def _load_indicators(program: Program, objectives: dict[int, Objective]) -> None:
    for order, spec in enumerate(indicator_specs(), start=1):
        indicator, created = Indicator.objects.get_or_create(
            program=program,
            code=spec.code,
            defaults={
                "objective": objectives.get(spec.objective),
                "name": spec.name,
                "unit_of_measure": spec.unit_of_measure,
                "method": spec.method,
                "source": IndicatorSource.COMPUTED
                if spec.computation
                else IndicatorSource.REPORTED,
                "computation": spec.computation,
                "origin": spec.origin,
                "order": order,
            },
        )
        if not created:
            _computed_from_records(indicator, spec)
            continue
        for kind, year_from, year_to, low, high, text in spec.targets:
            target = Target(
                indicator=indicator,
                kind=kind,
                year_from=year_from,
                year_to=year_to,
                min_value=low,
                max_value=high,
                text=text,
            )
            target.full_clean()
            target.save()


def _computed_from_records(indicator: Indicator, spec: IndicatorSpec) -> None:
    """An indicator that units reported until its records existed (the dialogues, once engagement
    was built) becomes computed on the next load; one an officer made computed or edited stays."""
    if (
        spec.computation
        and indicator.source == IndicatorSource.REPORTED
        and not indicator.computation
    ):
        indicator.source = IndicatorSource.COMPUTED
        indicator.computation = spec.computation
        indicator.method = spec.method
        indicator.save(update_fields=["source", "computation", "method"])


def _load_tasks(program: Program, sections, units: dict[str, OrgUnit]) -> None:
    order = 0
    for section in sections:
        title = "Tổ chức thực hiện" if section.part == "III" else section.title
        for index, text in enumerate(section.items, start=1):
            order += 1
            note = TASK_NOTES[(section.code, index)]
            task, created = Task.objects.get_or_create(
                program=program,
                order=order,
                defaults={
                    "section": section.code,
                    "section_title": title,
                    "text": text,
                    "assigned_by": ASSIGNED_BY,
                    "lead_text": note.lead_text,
                    "recurrence": note.recurrence,
                    "deadline": note.deadline,
                },
            )
            if created:
                task.lead_units.set([units[code] for code in note.lead])
                task.supporting_units.set([units[code] for code in note.support])
