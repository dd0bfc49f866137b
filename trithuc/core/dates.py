"""Dates as real records hold them: a full day, a month and year, or a year alone."""

from __future__ import annotations

import datetime as dt

from django.db import models


class DatePrecision(models.TextChoices):
    DAY = "day", "Ngày/tháng/năm"
    MONTH = "month", "Tháng/năm"
    YEAR = "year", "Năm"


def format_partial_date(value: dt.date | None, precision: str) -> str:
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year}"
    if precision == DatePrecision.MONTH:
        return f"{value.month:02d}/{value.year}"
    return value.strftime("%d/%m/%Y")


def age_on(birth: dt.date, on: dt.date) -> int:
    """Age in whole years; a year-only birth date is stored as 1 January and counts from there."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()
