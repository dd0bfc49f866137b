"""Small display helpers of the workforce pages."""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def money(value: Decimal | int | None) -> str:
    """Đồng with a dot between thousands, as Vietnamese documents write it: 12.500.000 đ."""
    if value is None:
        return "—"
    whole = int(Decimal(value).quantize(Decimal(1)))
    sign = "-" if whole < 0 else ""
    return f"{sign}{abs(whole):,} đ".replace(",", ".")


@register.filter
def points(value: Decimal | None) -> str:
    """A score without trailing zeros (8.50 → 8,5)."""
    if value is None:
        return "—"
    return f"{Decimal(value).normalize():f}".replace(".", ",")


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key)


@register.filter
def share(row, field: str) -> str:
    """A structure row's share of one group (``row.share(row.young)``, as "12.5 %")."""
    return row.share(getattr(row, field))
