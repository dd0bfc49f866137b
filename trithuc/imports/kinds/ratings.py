"""Kind "ratings": the yearly quality rating of each person (QĐ 124-QĐ/TW, four levels)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from trithuc.people.models import Person
from trithuc.workforce import services as workforce
from trithuc.workforce.choices import RatingLevel
from trithuc.workforce.models import AnnualRating

from ..engine import Column, Context, Row
from ..values import choice_lookup, parse_choice, parse_year
from .common import BIRTH_DATE, CCCD, FULL_NAME, visible
from .people import STT
from .records import RecordKind

_LEVEL_LABELS = [label for _v, label in RatingLevel.choices]
_LEVELS = choice_lookup(
    {label: value for value, label in RatingLevel.choices},
    {
        "Xuất sắc": "Hoàn thành xuất sắc nhiệm vụ",
        "HTXSNV": "Hoàn thành xuất sắc nhiệm vụ",
        "HTXS": "Hoàn thành xuất sắc nhiệm vụ",
        "Tốt": "Hoàn thành tốt nhiệm vụ",
        "HTTNV": "Hoàn thành tốt nhiệm vụ",
        "HTT": "Hoàn thành tốt nhiệm vụ",
        "Hoàn thành": "Hoàn thành nhiệm vụ",
        "HTNV": "Hoàn thành nhiệm vụ",
        "Không hoàn thành": "Không hoàn thành nhiệm vụ",
        "KHTNV": "Không hoàn thành nhiệm vụ",
    },
)

YEAR = Column(
    "year",
    "Năm đánh giá",
    parse_year,
    required=True,
    synonyms=("Năm", "Năm xếp loại"),
    help="Năm đủ 4 chữ số, ví dụ 2024.",
    width=10,
)
LEVEL = Column(
    "level",
    "Mức xếp loại",
    lambda v: parse_choice(v, _LEVELS, _LEVEL_LABELS),
    required=True,
    synonyms=("Xếp loại", "Kết quả xếp loại", "Mức xếp loại chất lượng", "Kết quả đánh giá"),
    help="Một trong bốn mức của QĐ 124-QĐ/TW; được viết tắt HTXSNV, HTTNV, HTNV, KHTNV.",
    choices=lambda: _LEVEL_LABELS,
    width=30,
)
NOTE = Column("note", "Ghi chú", width=30)


class RatingsKind(RecordKind):
    code = "ratings"
    label = "Đánh giá, xếp loại chất lượng hằng năm"
    sheet_title = "Xếp loại"
    columns = (STT, FULL_NAME, BIRTH_DATE, CCCD, YEAR, LEVEL, NOTE)
    instructions = (
        "Mỗi dòng là kết quả xếp loại của một người trong một năm; người đó phải đã có hồ sơ trong "
        "danh sách nhân sự bạn quản lý.",
        "Mỗi người mỗi năm chỉ có một kết quả: gửi lại thì kết quả mới thay kết quả cũ.",
    )

    def check_row(self, row: Row, ctx: Context) -> None:
        from trithuc.core.dates import today

        if row.values.get("year") and row.values["year"] > today().year:
            row.error(YEAR, f"năm {row.values['year']} chưa đến; hãy kiểm tra lại.")
        if row.values.get("note") and len(row.values["note"]) > 500:
            row.error(NOTE, "dài quá 500 ký tự; hãy viết gọn lại.")

    def key(self, row: Row, person_id: int) -> tuple:
        return (person_id, row.values["year"])

    def existing(self, keys: set[tuple], ctx: Context) -> dict[tuple, Any]:
        found = AnnualRating.objects.filter(person_id__in={k[0] for k in keys})
        return {(r.person_id, r.year): r for r in found}

    def compare(self, record: AnnualRating, row: Row) -> str | None:
        same = record.level == row.values["level"] and record.unit_id == row.values["_unit"]
        if same and (row.values.get("note") or "") == record.note:
            return "unchanged"
        return "update"

    def plan(self, rows: list[Row], ctx: Context) -> list[dict[str, Any]]:
        for row in rows:
            row.values["_unit"] = ctx.unit.pk
        return super().plan(rows, ctx)

    def write(self, row: Row, person: Person, record: Any, ctx: Context) -> None:
        workforce.rating_set(
            actor=ctx.actor,
            person=person,
            year=row.values["year"],
            level=row.values["level"],
            unit=ctx.unit,
            note=row.values.get("note") or "",
        )

    def export_records(self, *, user: Any, unit: Any) -> Any:
        ratings = visible(AnnualRating.objects.all(), user)
        if unit is not None:
            from trithuc.orgunits.selectors import orgunit_reach_ids

            ratings = ratings.filter(unit_id__in=orgunit_reach_ids({unit.pk}))
        return ratings

    def export_rows(self, *, user: Any, unit: Any) -> Iterable[list[Any]]:
        ratings = self.export_records(user=user, unit=unit)
        ratings = ratings.select_related("person").order_by("-year", "person__sort_key", "pk")
        for number, r in enumerate(ratings.iterator(chunk_size=2000), start=1):
            yield [
                number,
                r.person.full_name,
                r.person.birth_date_display,
                r.person.cccd_masked,
                r.year,
                RatingLevel(r.level).label,
                r.note,
            ]
