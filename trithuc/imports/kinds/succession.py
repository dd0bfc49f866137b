"""Kind "succession": people put in the succession pool (quy hoạch) of a position for a term."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from trithuc.people.models import Person
from trithuc.workforce import services as workforce
from trithuc.workforce.models import PositionStandard, SuccessionPlan

from ..engine import Column, Context, Row
from ..values import parse_date
from .common import BIRTH_DATE, CCCD, FULL_NAME, Reference, visible
from .people import STT
from .records import RecordKind

_TERM = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")


def _position_names() -> list[str]:
    return list(PositionStandard.objects.order_by("name").values_list("name", flat=True))


POSITION = Column(
    "position",
    "Chức danh quy hoạch",
    required=True,
    synonyms=("Chức danh", "Quy hoạch chức danh", "Chức vụ quy hoạch"),
    help="Tên trong danh mục tiêu chuẩn chức danh.",
    choices=_position_names,
    width=30,
)
TERM = Column(
    "term",
    "Nhiệm kỳ",
    required=True,
    synonyms=("Giai đoạn", "Nhiệm kỳ quy hoạch"),
    help="Ví dụ: 2025-2030.",
    width=12,
)
# Optional here: a pool is often approved in one decision for many people, recorded later.
NUMBER = Column("decision_number", "Số quyết định", synonyms=("Số QĐ", "Quyết định số"), width=18)
DECIDED = Column(
    "decision_date",
    "Ngày quyết định",
    parse_date,
    synonyms=("Ngày QĐ", "Ngày ký quyết định"),
    width=14,
    is_date=True,
)


class SuccessionKind(RecordKind):
    code = "succession"
    label = "Quy hoạch cán bộ"
    sheet_title = "Quy hoạch"
    columns = (STT, FULL_NAME, BIRTH_DATE, CCCD, POSITION, TERM, NUMBER, DECIDED)
    instructions = (
        "Mỗi dòng là một người được đưa vào quy hoạch một chức danh của đơn vị bạn cho một nhiệm "
        "kỳ; người đó phải đã có hồ sơ trong danh sách nhân sự bạn quản lý.",
        "Cùng người, cùng chức danh, cùng nhiệm kỳ gửi lại thì không tạo bản ghi thứ hai.",
    )

    def check_row(self, row: Row, ctx: Context) -> None:
        if "positions" not in ctx.cache:
            ctx.cache["positions"] = Reference(PositionStandard.objects.all())
        row.values["position_id"] = ctx.cache["positions"].resolve(row, POSITION)
        term = row.values.get("term") or ""
        match = _TERM.match(term.strip())
        if term and (match is None or int(match.group(2)) <= int(match.group(1))):
            row.error(
                TERM, f"«{term}» không phải nhiệm kỳ; hãy ghi năm đầu - năm cuối, ví dụ 2025-2030."
            )
        elif match:
            row.values["term"] = f"{match.group(1)}-{match.group(2)}"

    def key(self, row: Row, person_id: int) -> tuple:
        return (person_id, row.values["position_id"], row.values["term"])

    def existing(self, keys: set[tuple], ctx: Context) -> dict[tuple, Any]:
        found = SuccessionPlan.objects.filter(person_id__in={k[0] for k in keys}, unit=ctx.unit)
        return {(p.person_id, p.position_id, p.term): p for p in found}

    def compare(self, record: SuccessionPlan, row: Row) -> str | None:
        return "unchanged"  # already in the pool for that position and term

    def write(self, row: Row, person: Person, record: Any, ctx: Context) -> None:
        decided = row.values.get("decision_date")
        workforce.succession_plan_add(
            actor=ctx.actor,
            person=person,
            unit=ctx.unit,
            position=PositionStandard.objects.get(pk=row.values["position_id"]),
            term=row.values["term"],
            decision_number=row.values.get("decision_number") or "",
            decision_date=decided[0] if decided else None,
        )

    def export_records(self, *, user: Any, unit: Any) -> Any:
        plans = visible(SuccessionPlan.objects.all(), user)
        if unit is not None:
            from trithuc.orgunits.selectors import orgunit_reach_ids

            plans = plans.filter(unit_id__in=orgunit_reach_ids({unit.pk}))
        return plans

    def export_rows(self, *, user: Any, unit: Any) -> Iterable[list[Any]]:
        plans = self.export_records(user=user, unit=unit)
        plans = plans.select_related("person", "position").order_by("-term", "person__sort_key")
        for number, p in enumerate(plans.iterator(chunk_size=2000), start=1):
            yield [
                number,
                p.person.full_name,
                p.person.birth_date_display,
                p.person.cccd_masked,
                p.position.name,
                p.term,
                p.decision_number,
                p.decision_date.strftime("%d/%m/%Y") if p.decision_date else "",
            ]
