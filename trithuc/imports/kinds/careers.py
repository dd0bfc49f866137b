"""Kind "careers": appointments, reappointments, rotations and transfers into the uploading unit,
each with its decision."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from trithuc.core.text import fold
from trithuc.people.models import Person
from trithuc.workforce import services as workforce
from trithuc.workforce.choices import CareerEventKind
from trithuc.workforce.models import CareerEvent

from ..engine import Column, Context, Row
from ..values import choice_lookup, parse_choice, parse_date
from .common import BIRTH_DATE, CCCD, DECISION_DATE, DECISION_NUMBER, FULL_NAME, visible
from .people import STT
from .records import RecordKind

_KIND_LABELS = [label for _v, label in CareerEventKind.choices]
_KINDS = choice_lookup({label: value for value, label in CareerEventKind.choices})

KIND = Column(
    "kind",
    "Loại",
    lambda v: parse_choice(v, _KINDS, _KIND_LABELS),
    required=True,
    synonyms=("Hình thức", "Loại quyết định", "Bổ nhiệm, luân chuyển"),
    help="Bổ nhiệm, Bổ nhiệm lại, Luân chuyển hoặc Điều động.",
    choices=lambda: _KIND_LABELS,
    width=16,
)
POSITION = Column(
    "position",
    "Chức vụ",
    required=True,
    synonyms=("Chức vụ được bổ nhiệm", "Chức danh", "Vị trí"),
    width=30,
)
EFFECTIVE = Column(
    "effective_date",
    "Ngày hiệu lực",
    parse_date,
    required=True,
    synonyms=("Ngày có hiệu lực", "Hiệu lực từ ngày"),
    width=14,
    is_date=True,
)


class CareersKind(RecordKind):
    code = "careers"
    label = "Bổ nhiệm, luân chuyển, điều động"
    sheet_title = "Bổ nhiệm"
    columns = (
        STT,
        FULL_NAME,
        BIRTH_DATE,
        CCCD,
        KIND,
        POSITION,
        DECISION_NUMBER,
        DECISION_DATE,
        EFFECTIVE,
    )
    instructions = (
        "Mỗi dòng là một quyết định bổ nhiệm, bổ nhiệm lại, luân chuyển hoặc điều động một người "
        "về đơn vị của bạn; người đó phải đã có hồ sơ trong danh sách nhân sự bạn quản lý.",
        "Cùng người, cùng loại, cùng số quyết định gửi lại thì không tạo bản ghi thứ hai.",
    )

    def check_row(self, row: Row, ctx: Context) -> None:
        decided, effective = row.values.get("decision_date"), row.values.get("effective_date")
        if decided and effective and effective[0] < decided[0]:
            row.error(EFFECTIVE, "ngày hiệu lực trước ngày ký quyết định; hãy kiểm tra lại.")
        for column, limit in ((DECISION_NUMBER, 60), (POSITION, 200)):
            if row.values.get(column.key) and len(row.values[column.key]) > limit:
                row.error(column, f"dài quá {limit} ký tự; hãy viết gọn lại.")

    def key(self, row: Row, person_id: int) -> tuple:
        return (person_id, row.values["kind"], fold(row.values["decision_number"]))

    def existing(self, keys: set[tuple], ctx: Context) -> dict[tuple, Any]:
        found = CareerEvent.objects.filter(person_id__in={k[0] for k in keys})
        return {(e.person_id, e.kind, fold(e.decision_number)): e for e in found}

    def compare(self, record: CareerEvent, row: Row) -> str | None:
        return "unchanged"  # a decision is recorded once; a second row for it adds nothing

    def write(self, row: Row, person: Person, record: Any, ctx: Context) -> None:
        workforce.career_event_record(
            actor=ctx.actor,
            person=person,
            kind=row.values["kind"],
            unit=ctx.unit,
            position=row.values["position"],
            decision_number=row.values["decision_number"],
            decision_date=row.values["decision_date"][0],
            effective_date=row.values["effective_date"][0],
        )

    def export_records(self, *, user: Any, unit: Any) -> Any:
        events = visible(CareerEvent.objects.all(), user)
        if unit is not None:
            from trithuc.orgunits.selectors import orgunit_reach_ids

            events = events.filter(unit_id__in=orgunit_reach_ids({unit.pk}))
        return events

    def export_rows(self, *, user: Any, unit: Any) -> Iterable[list[Any]]:
        events = self.export_records(user=user, unit=unit)
        events = events.select_related("person").order_by("-effective_date", "pk")
        for number, e in enumerate(events.iterator(chunk_size=2000), start=1):
            yield [
                number,
                e.person.full_name,
                e.person.birth_date_display,
                e.person.cccd_masked,
                e.get_kind_display(),
                e.position,
                e.decision_number,
                e.decision_date.strftime("%d/%m/%Y"),
                e.effective_date.strftime("%d/%m/%Y"),
            ]
