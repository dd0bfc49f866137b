"""Schemas shared by every router: a unit reference, a reference-table item, an id."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.db.models import TextChoices
from ninja import Field, Schema
from ninja.params import functions as params


def choice(choices: type[TextChoices]) -> Any:
    """A ``Literal`` of the values of ``choices``: the schema then lists them as an enum."""
    return Literal[tuple(choices.values)]  # type: ignore[valid-type]


def path_id(what: str) -> Any:
    """The type of an id in the path, described in the schema."""
    return Annotated[int, params.Path(..., description=f"Mã số (id) của {what}.")]


def path_text(description: str) -> Any:
    return Annotated[
        str, params.Path(..., description=description, max_length=60, pattern=r"^[\w.-]+$")
    ]


class UnitRef(Schema):
    id: int = Field(description="Mã số (id) của đơn vị.")
    code: str = Field(description="Mã đơn vị.")
    name: str = Field(description="Tên hiện hành của đơn vị.")


class RefItem(Schema):
    id: int = Field(description="Mã số (id) của mục danh mục.")
    code: str = Field(description="Mã của mục trong danh mục chính thức.")
    name: str = Field(description="Tên của mục.")


def ref(obj: Any) -> dict[str, Any] | None:
    """A reference item or unit as ``{id, code, name}``, or ``None``."""
    return None if obj is None else {"id": obj.pk, "code": obj.code, "name": obj.name}
