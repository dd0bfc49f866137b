"""Numbers and dates as Vietnamese documents write them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from trithuc.programs.choices import TargetKind
from trithuc.programs.models import Target

NO_FIGURE = "—"


def number(value: Decimal | int | float | None) -> str:
    """1234 → "1.234", 12.5 → "12,5", None → "—" (no figure, not zero)."""
    if value is None:
        return NO_FIGURE
    value = Decimal(value).normalize()
    whole, _, fraction = f"{value:f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return sign + ".".join(groups) + ("," + fraction if fraction else "")


def target_text(target: Target | None, year: int) -> str:
    if target is None:
        return "Chưa nhập mức"
    low, high = target.min_value, target.max_value
    if low is not None and high is not None and low != high:
        span = f"{number(low)} – {number(high)}"
    elif low is not None:
        span = number(low) if high is not None else f"≥ {number(low)}"
    else:
        span = f"≤ {number(high)}"
    if target.kind == TargetKind.EACH_YEAR:
        return f"{span}/năm"
    return f"{span} đến {target.year_to}"


def date_line(place: str, day: dt.date) -> str:
    """ "Cần Thơ, ngày 05 tháng 01 năm 2026": day and month with a leading zero below 10 (HD 36)."""
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def share(count: int, total: int) -> str:
    return f"{number(round(Decimal(count * 100) / total, 1))} %" if total else NO_FIGURE
