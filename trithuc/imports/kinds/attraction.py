"""Kind "attraction": applications under a talent-attraction policy; the appraisal and the decision
are made on the pages, by the bodies that decide."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from trithuc.people.models import Person
from trithuc.workforce import services as workforce
from trithuc.workforce.models import AttractionCase, AttractionPolicy

from ..engine import Column, Context, Row
from ..values import parse_date
from .common import BIRTH_DATE, CCCD, FULL_NAME, Reference, visible
from .people import STT
from .records import RecordKind


def _policy_names() -> list[str]:
    return list(AttractionPolicy.objects.order_by("code").values_list("name", flat=True))


POLICY = Column(
    "policy",
    "Chính sách thu hút",
    required=True,
    synonyms=("Chính sách", "Diện thu hút"),
    help="Tên trong danh mục chính sách thu hút.",
    choices=_policy_names,
    width=34,
)
APPLIED = Column(
    "applied_on",
    "Ngày nộp hồ sơ",
    parse_date,
    required=True,
    synonyms=("Ngày nộp", "Ngày đăng ký"),
    width=14,
    is_date=True,
)


class AttractionKind(RecordKind):
    code = "attraction"
    label = "Hồ sơ thu hút nhân tài"
    sheet_title = "Thu hút"
    columns = (STT, FULL_NAME, BIRTH_DATE, CCCD, POLICY, APPLIED)
    instructions = (
        "Mỗi dòng là một hồ sơ đề nghị thu hút một người về đơn vị của bạn theo một chính sách; "
        "người đó phải đã có hồ sơ trong danh sách nhân sự bạn quản lý.",
        "Thẩm định và quyết định thu hút được ghi trên trang của hồ sơ, do cơ quan có thẩm quyền.",
    )

    def check_row(self, row: Row, ctx: Context) -> None:
        if "policies" not in ctx.cache:
            ctx.cache["policies"] = Reference(AttractionPolicy.objects.all())
        row.values["policy_id"] = ctx.cache["policies"].resolve(row, POLICY)

    def key(self, row: Row, person_id: int) -> tuple:
        return (person_id, row.values["policy_id"], row.values["applied_on"][0])

    def existing(self, keys: set[tuple], ctx: Context) -> dict[tuple, Any]:
        found = AttractionCase.objects.filter(person_id__in={k[0] for k in keys})
        return {(c.person_id, c.policy_id, c.applied_on): c for c in found}

    def compare(self, record: AttractionCase, row: Row) -> str | None:
        return "unchanged"

    def write(self, row: Row, person: Person, record: Any, ctx: Context) -> None:
        workforce.attraction_case_apply(
            actor=ctx.actor,
            person=person,
            policy=AttractionPolicy.objects.get(pk=row.values["policy_id"]),
            unit=ctx.unit,
            applied_on=row.values["applied_on"][0],
        )

    def export_records(self, *, user: Any, unit: Any) -> Any:
        cases = visible(AttractionCase.objects.all(), user)
        if unit is not None:
            from trithuc.orgunits.selectors import orgunit_reach_ids

            cases = cases.filter(unit_id__in=orgunit_reach_ids({unit.pk}))
        return cases

    def export_rows(self, *, user: Any, unit: Any) -> Iterable[list[Any]]:
        cases = self.export_records(user=user, unit=unit)
        cases = cases.select_related("person", "policy").order_by("-applied_on", "pk")
        for number, c in enumerate(cases.iterator(chunk_size=2000), start=1):
            yield [
                number,
                c.person.full_name,
                c.person.birth_date_display,
                c.person.cccd_masked,
                c.policy.name,
                c.applied_on.strftime("%d/%m/%Y"),
            ]
