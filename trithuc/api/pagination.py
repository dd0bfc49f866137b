"""Cursor pagination in a stable order: rows come by ascending id, and the cursor is an opaque
base64 of the last id returned, so a page is the same whatever was added or removed before it."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from ninja import Field, Schema
from pydantic import create_model


class PageQuery(Schema):
    cursor: str | None = Field(
        None,
        description="Con trỏ trang: giá trị `next_cursor` của trang trước; bỏ trống để lấy trang đầu.",
        max_length=100,
    )
    limit: int = Field(
        50,
        ge=1,
        le=200,
        description="Số bản ghi tối đa của một trang (1–200, mặc định 50).",
    )


def encode_cursor(pk: int) -> str:
    return base64.urlsafe_b64encode(f"id:{pk}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, value = raw.partition(":")
        pk = int(value)
        if kind != "id" or pk < 0 or pk > 2**62:
            raise ValueError(raw)
    except (ValueError, UnicodeDecodeError, binascii.Error) as exc:
        raise ValidationError(
            {"cursor": "Con trỏ trang không hợp lệ: hãy dùng đúng giá trị `next_cursor` đã nhận."}
        ) from exc
    return pk


def paginate(queryset: QuerySet, page: PageQuery) -> tuple[list[Any], str | None]:
    """One page of ``queryset`` by ascending id after ``page.cursor``, and the next cursor."""
    limit = min(page.limit, settings.TRITHUC_API_PAGE_MAX)
    rows = queryset.order_by("pk")
    if page.cursor:
        rows = rows.filter(pk__gt=decode_cursor(page.cursor))
    found = list(rows[: limit + 1])
    next_cursor = encode_cursor(found[limit - 1].pk) if len(found) > limit else None
    return found[:limit], next_cursor


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """The schema of one page of ``item``s."""
    return create_model(  # type: ignore[call-overload]
        name,
        __base__=Schema,
        items=(list[item], Field(description="Các bản ghi của trang, theo thứ tự id tăng dần.")),
        next_cursor=(
            str | None,
            Field(None, description="Con trỏ của trang sau; `null` khi đây là trang cuối."),
        ),
    )


def page_response(rows: list[Any], next_cursor: str | None) -> dict[str, Any]:
    return {"items": rows, "next_cursor": next_cursor}
