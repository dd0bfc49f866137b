"""Reference tables (danh mục) over the API: not personal data, read by every signed-in user."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.db.models import Model
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.params import functions as params

from trithuc.people.models import (
    AcademicTitle,
    DegreeLevel,
    Ethnicity,
    GroupTag,
    Pillar,
    PoliticalTheoryLevel,
    StateManagementLevel,
)
from trithuc.people.models import Field as FieldOfWork
from trithuc.workforce.models import AwardType

from .errors import AUTH_ERRORS

router = Router(tags=["Danh mục"])

TABLES: dict[str, type[Model]] = {
    "ethnicities": Ethnicity,
    "degree-levels": DegreeLevel,
    "academic-titles": AcademicTitle,
    "political-theory-levels": PoliticalTheoryLevel,
    "state-management-levels": StateManagementLevel,
    "fields": FieldOfWork,
    "pillars": Pillar,
    "group-tags": GroupTag,
    "award-types": AwardType,
}
TableName = Annotated[
    Literal[tuple(TABLES)],  # type: ignore[valid-type]
    params.Path(..., description="Tên danh mục: " + ", ".join(TABLES) + "."),
]


class ReferenceRowOut(Schema):
    id: int = Field(description="Mã số (id) của mục.")
    code: str = Field(description="Mã của mục trong danh mục chính thức.")
    name: str = Field(description="Tên của mục.")
    order: int = Field(description="Thứ tự hiển thị.")
    is_active: bool = Field(description="Mục còn được dùng.")
    parent_code: str | None = Field(None, description="Mã nhóm cha (chỉ danh mục lĩnh vực).")


@router.get(
    "/reference/{table}",
    response={200: list[ReferenceRowOut], **AUTH_ERRORS},
    summary="Một danh mục dùng chung",
    description="Toàn bộ một danh mục (dân tộc, trình độ, học hàm, lý luận chính trị, quản lý nhà "
    "nước, lĩnh vực, trụ cột, nhóm theo dõi, hình thức khen thưởng), theo thứ tự hiển thị.",
)
def reference_list(request: HttpRequest, table: TableName) -> Any:  # type: ignore[valid-type]
    model: Any = TABLES[table]
    rows = model.objects.order_by("order", "code", "pk")
    if model is FieldOfWork:
        rows = rows.select_related("parent")
    return [
        {
            "id": row.pk,
            "code": row.code,
            "name": row.name,
            "order": row.order,
            "is_active": row.is_active,
            "parent_code": row.parent.code if getattr(row, "parent", None) else None,
        }
        for row in rows
    ]
