"""Trend charts as inline SVG: drawn on the server, printed as they are shown, nothing to load."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT, PAD = 280, 90, 14


@dataclass
class Bar:
    x: float
    y: float
    height: float
    year: int
    label: str


@dataclass
class Chart:
    bars: list[Bar]
    bar_width: float
    min_line: float | None
    max_line: float | None
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - PAD


def trend_chart(row) -> Chart | None:
    series = row.series
    if not series:
        return None
    target = row.target
    per_year = target is not None and target.kind == "each_year"
    low = target.min_value if (target and per_year) else None
    high = target.max_value if (target and per_year) else None
    top = max([v for _, v in series if v is not None] + [low or 0, high or 0, Decimal(1)])
    scale = (HEIGHT - 2 * PAD) / float(top)
    step = WIDTH / len(series)
    bars = []
    for index, (year, value) in enumerate(series):
        height = float(value or 0) * scale
        label = "—" if value is None else f"{value.normalize():f}"
        bars.append(Bar(index * step + 4, HEIGHT - PAD - height, height, year, label))

    def line(value):
        return None if value is None else HEIGHT - PAD - float(value) * scale

    return Chart(bars, max(step - 8, 4), line(low), line(high))
