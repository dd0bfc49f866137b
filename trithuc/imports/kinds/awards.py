"""Kind "awards": honours granted to people (Luật Thi đua, khen thưởng 2022), with their decisions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from trithuc.core.text import fold
from trithuc.people.models import Person
from trithuc.workforce import services as workforce
from trithuc.workforce.models import Award, AwardType

from ..engine import Column, Context, Row
from ..values import parse_year
from .common import BIRTH_DATE, CCCD, DECISION_DATE, DECISION_NUMBER, FULL_NAME, Reference, visible
from .people import STT
from .records import RecordKind


def _award_names() -> list[str]:
    return list(AwardType.objects.filter(is_active=True).values_list("name", flat=True))


AWARD_TYPE = Column(
    "award_type",
    "Hình thức khen thưởng",
    required=True,
    synonyms=("Hình thức", "Danh hiệu", "Hình thức khen thưởng, danh hiệu", "Khen thưởng"),
    help="Tên trong danh mục hình thức khen thưởng.",
    choices=_award_names,
    width=30,
)
YEAR = Column("year", "Năm", parse_year, required=True, synonyms=("Năm khen thưởng",), width=8)
BODY = Column(
    "granting_body",
    "Cơ quan quyết định",
    required=True,
    synonyms=("Cấp khen thưởng", "Cơ quan khen thưởng", "Người ký", "Cấp quyết định"),
    width=26,
)


class AwardsKind(RecordKind):
    code = "awards"
    label = "Khen thưởng, tôn vinh"
    sheet_title = "Khen thưởng"
    columns = (
        STT,
        FULL_NAME,
        BIRTH_DATE,
        CCCD,
        AWARD_TYPE,
        YEAR,
        DECISION_NUMBER,
        DECISION_DATE,
        BODY,
    )
    instructions = (
        "Mỗi dòng là một hình thức khen thưởng một người đã được nhận theo một quyết định; người đó "
        "phải đã có hồ sơ trong danh sách nhân sự bạn quản lý.",
        "Cùng người, cùng hình thức, cùng số quyết định gửi lại thì không tạo bản ghi thứ hai.",
    )

    def check_row(self, row: Row, ctx: Context) -> None:
        if "award_types" not in ctx.cache:
            ctx.cache["award_types"] = Reference(AwardType)
        row.values["award_type_id"] = ctx.cache["award_types"].resolve(row, AWARD_TYPE)
        date = row.values.get("decision_date")
        if date and row.values.get("year") and abs(date[0].year - row.values["year"]) > 1:
            row.error(
                DECISION_DATE,
                f"ngày quyết định năm {date[0].year} xa năm khen thưởng {row.values['year']}; hãy kiểm tra lại.",
            )
        for column, limit in ((DECISION_NUMBER, 60), (BODY, 200)):
            if row.values.get(column.key) and len(row.values[column.key]) > limit:
                row.error(column, f"dài quá {limit} ký tự; hãy viết gọn lại.")

    def key(self, row: Row, person_id: int) -> tuple:
        return (person_id, row.values["award_type_id"], fold(row.values["decision_number"]))

    def existing(self, keys: set[tuple], ctx: Context) -> dict[tuple, Any]:
        found = Award.objects.filter(person_id__in={k[0] for k in keys})
        return {(a.person_id, a.award_type_id, fold(a.decision_number)): a for a in found}

    def compare(self, record: Award, row: Row) -> str | None:
        return "unchanged"  # an award is a decision: a second row for it adds nothing

    def write(self, row: Row, person: Person, record: Any, ctx: Context) -> None:
        workforce.award_record(
            actor=ctx.actor,
            person=person,
            award_type=AwardType.objects.get(pk=row.values["award_type_id"]),
            year=row.values["year"],
            decision_number=row.values["decision_number"],
            decision_date=row.values["decision_date"][0],
            granting_body=row.values["granting_body"],
            unit=ctx.unit,
        )

    def export_records(self, *, user: Any, unit: Any) -> Any:
        awards = visible(Award.objects.all(), user)
        if unit is not None:
            from trithuc.orgunits.selectors import orgunit_reach_ids

            awards = awards.filter(unit_id__in=orgunit_reach_ids({unit.pk}))
        return awards

    def export_rows(self, *, user: Any, unit: Any) -> Iterable[list[Any]]:
        awards = self.export_records(user=user, unit=unit)
        awards = awards.select_related("person", "award_type").order_by(
            "-year", "person__sort_key", "pk"
        )
        for number, a in enumerate(awards.iterator(chunk_size=2000), start=1):
            yield [
                number,
                a.person.full_name,
                a.person.birth_date_display,
                a.person.cccd_masked,
                a.award_type.name,
                a.year,
                a.decision_number,
                a.decision_date.strftime("%d/%m/%Y"),
                a.granting_body,
            ]
