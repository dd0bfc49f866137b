"""Charts for the reports and the structure pages, drawn with matplotlib (Agg) into PNG bytes in
memory: nothing is written to disk and nothing is fetched."""

from __future__ import annotations

import io
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from trithuc.programs.choices import TargetKind  # noqa: E402
from trithuc.programs.selectors import IndicatorRow  # noqa: E402

BAR = "#2f5d8a"
CURRENT = "#c0392b"
TARGET = "#27864a"
FONT = "DejaVu Sans"  # carries every Vietnamese letter; shipped with matplotlib


def _png(figure: Figure, dpi: int = 150) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(figure)
    return out.getvalue()


def indicator_chart(row: IndicatorRow, highlight: set[int]) -> bytes:
    """Bars of the indicator by year; the target band of a yearly target as lines."""
    years = [year for year, _ in row.series]
    values = [float(value or 0) for _, value in row.series]
    figure, axes = plt.subplots(figsize=(6.2, 2.2))
    colours = [CURRENT if year in highlight else BAR for year in years]
    bars = axes.bar([str(y) for y in years], values, color=colours, width=0.6)
    for bar, (_, value) in zip(bars, row.series, strict=True):
        label = "—" if value is None else _plain(value)
        axes.annotate(
            label,
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            ha="center",
            va="bottom",
            fontsize=7,
            family=FONT,
        )
    target = row.target
    if target is not None and target.kind == TargetKind.EACH_YEAR:
        for limit, style in ((target.min_value, "--"), (target.max_value, ":")):
            if limit is not None:
                axes.axhline(float(limit), color=TARGET, linestyle=style, linewidth=1)
    axes.set_title(
        f"{row.indicator.name} ({row.indicator.unit_of_measure})", fontsize=8, family=FONT
    )
    axes.tick_params(labelsize=7)
    axes.spines[["top", "right"]].set_visible(False)
    axes.margins(y=0.2)
    return _png(figure)


def age_pyramid(bands: list[str], men: list[int], women: list[int], title: str) -> bytes:
    """Horizontal bars: men to the left, women to the right, youngest band at the bottom."""
    figure, axes = plt.subplots(figsize=(6, 0.35 * len(bands) + 1))
    axes.barh(bands, [-n for n in men], color=BAR, label="Nam")
    axes.barh(bands, women, color=CURRENT, label="Nữ")
    top = max([*men, *women, 1])
    axes.set_xlim(-top * 1.15, top * 1.15)
    axes.set_xticks(axes.get_xticks())
    axes.set_xticklabels([str(abs(int(t))) for t in axes.get_xticks()], fontsize=7)
    axes.tick_params(axis="y", labelsize=7)
    axes.axvline(0, color="black", linewidth=0.5)
    axes.legend(fontsize=7, loc="upper right", prop={"family": FONT, "size": 7})
    axes.set_title(title, fontsize=8, family=FONT)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure, dpi=110)


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"
