"""The org structure over the API, with its history: any unit "as of" a date, under the name it
bore that day. The structure is not personal data: every signed-in user reads it, as on the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from trithuc.api.errors import AUTH_ERRORS, NOT_FOUND
from trithuc.api.pagination import PageQuery, page_of, page_response, paginate
from trithuc.api.schemas import UnitRef, choice, path_id, ref
from trithuc.core.dates import today

from . import selectors
from .choices import OrgUnitEventKind, OrgUnitKind
from .models import OrgUnit

UnitId = path_id("đơn vị")
router = Router(tags=["Đơn vị và lịch sử"])


class OrgUnitOut(Schema):
    id: int = Field(description="Mã số (id) của đơn vị.")
    code: str = Field(description="Mã đơn vị.")
    name: str = Field(description="Tên hiện hành.")
    name_as_of: str = Field(description="Tên đơn vị mang vào ngày `as_of` (mặc định hôm nay).")
    short_name: str = Field(description="Tên viết tắt.")
    kind: choice(OrgUnitKind) = Field(description="Loại đơn vị (tỉnh, xã, sở, ...).")  # type: ignore[valid-type]
    parent_id: int | None = Field(description="Đơn vị cấp trên (id).")
    admin_code: str = Field(description="Mã đơn vị hành chính (nếu có).")
    valid_from: dt.date | None = Field(description="Hiệu lực từ ngày.")
    valid_to: dt.date | None = Field(
        description="Kết thúc từ ngày (không còn tồn tại từ ngày này)."
    )
    active_as_of: bool = Field(description="Đơn vị có tồn tại vào ngày `as_of` không.")


class OrgUnitEventOut(Schema):
    id: int = Field(description="Mã số của sự kiện.")
    kind: choice(OrgUnitEventKind) = Field(  # type: ignore[valid-type]
        description="Loại sự kiện: thành lập, đổi tên, sáp nhập, chia tách, giải thể."
    )
    date: dt.date = Field(description="Ngày hiệu lực.")
    legal_basis: str = Field(description="Căn cứ pháp lý.")
    units_before: list[UnitRef] = Field(description="Các đơn vị trước sự kiện.")
    units_after: list[UnitRef] = Field(description="Các đơn vị sau sự kiện.")
    old_name: str = Field(description="Tên cũ (đổi tên).")
    new_name: str = Field(description="Tên mới (đổi tên).")


class OrgUnitDetailOut(OrgUnitOut):
    events: list[OrgUnitEventOut] = Field(description="Lịch sử: các sự kiện tổ chức của đơn vị.")
    predecessors: list[UnitRef] = Field(
        description="Các đơn vị tiền thân có hồ sơ nay tính cho đơn vị này."
    )
    successors_as_of: list[UnitRef] = Field(
        description="Đơn vị đảm nhận trách nhiệm của đơn vị này vào ngày `as_of`."
    )


class OrgUnitQuery(PageQuery):
    as_of: dt.date | None = Field(
        None, description="Chỉ các đơn vị tồn tại vào ngày này (YYYY-MM-DD), với tên ngày đó."
    )
    kind: choice(OrgUnitKind) | None = Field(None, description="Chỉ loại đơn vị này.")  # type: ignore[valid-type]
    parent: int | None = Field(None, ge=1, description="Chỉ các đơn vị trực thuộc đơn vị (id) này.")


class AsOfQuery(Schema):
    as_of: dt.date | None = Field(None, description="Ngày xem (YYYY-MM-DD); mặc định hôm nay.")


OrgUnitPage = page_of(OrgUnitOut, "OrgUnitPage")


def _unit(unit: OrgUnit, day: dt.date, names: dict[int, str]) -> dict[str, Any]:
    return {
        "id": unit.pk,
        "code": unit.code,
        "name": unit.name,
        "name_as_of": names.get(unit.pk, unit.name),
        "short_name": unit.short_name,
        "kind": unit.kind,
        "parent_id": unit.parent_id,
        "admin_code": unit.admin_code,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
        "active_as_of": unit.is_active_on(day),
    }


@router.get(
    "/orgunits",
    response={200: OrgUnitPage, **AUTH_ERRORS},
    summary="Danh sách đơn vị",
    description="Mọi đơn vị (cả đã giải thể, sáp nhập), hoặc chỉ các đơn vị tồn tại vào ngày "
    "`as_of` với tên của ngày đó.",
)
def orgunit_list(request: HttpRequest, filters: Query[OrgUnitQuery]) -> Any:
    day = filters.as_of or today()
    units = OrgUnit.objects.all() if filters.as_of is None else OrgUnit.objects.active_on(day)
    if filters.kind:
        units = units.filter(kind=filters.kind)
    if filters.parent:
        units = units.filter(parent_id=filters.parent)
    rows, next_cursor = paginate(units, filters)
    names = selectors.names_on(day, rows)
    return page_response([_unit(u, day, names) for u in rows], next_cursor)


@router.get(
    "/orgunits/{unit_id}",
    response={200: OrgUnitDetailOut, **AUTH_ERRORS, **NOT_FOUND},
    summary="Một đơn vị và lịch sử của nó",
    description="Đơn vị với tên vào ngày `as_of`, các sự kiện thành lập, sáp nhập, đổi tên, giải "
    "thể, các đơn vị tiền thân, và đơn vị kế thừa vào ngày đó.",
)
def orgunit_detail(request: HttpRequest, unit_id: UnitId, options: Query[AsOfQuery]) -> Any:
    unit = get_object_or_404(OrgUnit, pk=unit_id)
    day = options.as_of or today()
    events = selectors.orgunit_events_of(unit)
    return _unit(unit, day, selectors.names_on(day, [unit])) | {
        "events": [
            {
                "id": e.pk,
                "kind": e.kind,
                "date": e.date,
                "legal_basis": e.legal_basis,
                "units_before": [ref(u) for u in e.units_before.all()],
                "units_after": [ref(u) for u in e.units_after.all()],
                "old_name": e.old_name,
                "new_name": e.new_name,
            }
            for e in events
        ],
        "predecessors": [ref(u) for u in selectors.orgunit_history_leading_into(unit)],
        "successors_as_of": [ref(u) for u in selectors.orgunit_successors_on(unit, day)],
    }
