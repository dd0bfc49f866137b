"""Durations as Vietnamese text: «2 giờ 30 phút»."""

from __future__ import annotations

import datetime as dt

from django import template

register = template.Library()


@register.filter
def duration_vi(value: dt.timedelta | None) -> str:
    """``value`` in days, hours and minutes (seconds rounded up to a minute, so a wait is never
    understated); empty for no value."""
    if value is None:
        return ""
    minutes = -(-int(value.total_seconds()) // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [(days, "ngày"), (hours, "giờ"), (minutes, "phút")]
    return " ".join(f"{amount} {unit}" for amount, unit in parts if amount) or "0 phút"
