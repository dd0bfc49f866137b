"""Facts of format and policy the reports depend on, kept as settings with documented defaults.

Each value can be set in Django settings (``TRITHUC_REPORT_…``) or, for the simple ones, in the
environment; what is read here is the default when neither says otherwise. The defaults and their
sources are listed in docs/decisions.md ("Review reports"): where a fact could not be checked
against the original text, it is a setting rather than a number buried in the writer.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.conf import settings

# Font sizes (pt) of each element of a Party document, after Hướng dẫn 36-HD/VPTW (2018), at the
# value the guide allows for each (where it gives a range, the value most offices use).
DEFAULT_FONT_SIZES: dict[str, float] = {
    "higher_body": 14,  # tên cơ quan cấp trên: in hoa, đứng
    "issuing_body": 14,  # tên cơ quan ban hành: in hoa, đứng, đậm
    "star": 14,  # dấu sao
    "number": 14,  # số và ký hiệu
    "party_title": 15,  # "ĐẢNG CỘNG SẢN VIỆT NAM": in hoa, đứng, đậm
    "place_date": 14,  # địa điểm, ngày tháng: nghiêng
    "type_name": 16,  # tên loại văn bản: in hoa, đứng, đậm
    "summary": 14,  # trích yếu: đứng, đậm
    "body": 14,  # nội dung: 13–14
    "heading": 14,  # đề mục I., 1.: đậm
    "table": 12,  # bảng, phụ lục
    "recipients_title": 14,  # "Nơi nhận:": gạch chân
    "recipients": 12,  # các nơi nhận
    "signature": 14,  # T/M, K/T, chức vụ, họ tên người ký: in hoa, đậm
}


def _env_floats(name: str, count: int) -> list[float] | None:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    values = [float(part) for part in raw.split(",")]
    if len(values) != count:
        raise ValueError(f"{name} phải có {count} số, cách nhau bằng dấu phẩy.")
    return values


@dataclass(frozen=True)
class PageFormat:
    font: str
    sizes: dict[str, float]
    # Millimetres: top, bottom, left, right.
    margins_mm: tuple[float, float, float, float]
    line_spacing: float
    first_line_indent_cm: float


def page_format() -> PageFormat:
    """A4 with the margins of HD 36 (top 20–25, bottom 20–25, left 30–35, right 15–20 mm)."""
    sizes = {**DEFAULT_FONT_SIZES, **getattr(settings, "TRITHUC_REPORT_FONT_SIZES", {})}
    margins = (
        _env_floats("TRITHUC_REPORT_MARGINS_MM", 4)
        or getattr(settings, "TRITHUC_REPORT_MARGINS_MM", None)
        or [20, 20, 30, 15]
    )
    return PageFormat(
        font=os.environ.get("TRITHUC_REPORT_FONT")
        or getattr(settings, "TRITHUC_REPORT_FONT", "Times New Roman"),
        sizes=sizes,
        margins_mm=(margins[0], margins[1], margins[2], margins[3]),
        line_spacing=float(getattr(settings, "TRITHUC_REPORT_LINE_SPACING", 1.15)),
        first_line_indent_cm=float(getattr(settings, "TRITHUC_REPORT_INDENT_CM", 1.0)),
    )


@dataclass(frozen=True)
class RetirementRoadmap:
    """Retirement age in months for the year a person reaches it: ``start_months`` in
    ``start_year``, rising ``step_months`` a year until ``final_months`` (Bộ luật Lao động 2019,
    Điều 169; Nghị định 135/2020/NĐ-CP)."""

    start_year: int
    start_months: int
    step_months: int
    final_months: int

    def months_in(self, year: int) -> int:
        if year < self.start_year:
            return self.start_months
        return min(
            self.final_months, self.start_months + self.step_months * (year - self.start_year)
        )


DEFAULT_RETIREMENT = {
    "male": RetirementRoadmap(2021, 60 * 12 + 3, 3, 62 * 12),
    "female": RetirementRoadmap(2021, 55 * 12 + 4, 4, 60 * 12),
}


def retirement_roadmap() -> dict[str, RetirementRoadmap]:
    return {**DEFAULT_RETIREMENT, **getattr(settings, "TRITHUC_RETIREMENT_ROADMAP", {})}


# Years ahead the succession view looks for people reaching retirement age.
def succession_horizon_years() -> int:
    return int(
        os.environ.get("TRITHUC_SUCCESSION_YEARS")
        or getattr(settings, "TRITHUC_SUCCESSION_YEARS", 5)
    )


# Minimum shares (%) of the workforce structure the ĐA 01-ĐA/TU sets for the cadres it plans. The
# plan's own figures must be checked against the original text; these defaults follow the usual
# Party rule for committees (Chỉ thị 35-CT/TW: young ≥ 10 %, women ≥ 15 %) and leave the ethnic
# minority share at the province's population share, to be entered by the office.
DEFAULT_STRUCTURE_TARGETS = {"young": 10.0, "women": 15.0, "ethnic_minority": 5.0}


def structure_targets() -> dict[str, float]:
    found = dict(DEFAULT_STRUCTURE_TARGETS)
    found.update(getattr(settings, "TRITHUC_STRUCTURE_TARGETS", {}))
    for key in found:
        raw = os.environ.get(f"TRITHUC_TARGET_SHARE_{key.upper()}")
        if raw:
            found[key] = float(raw)
    return found


# Width in years of the bars of the age pyramid.
AGE_PYRAMID_STEP = 5
