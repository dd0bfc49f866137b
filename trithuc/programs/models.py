"""A program, its objectives, its indicators with their targets, and the figures kept for them.

``IndicatorFigure`` is the aggregate the dashboard reads: one row per indicator, unit and year,
kept up to date as the records behind it change (computed indicators) or as unit reports are
approved (reported ones). Figures are stored for the unit that made the record; a unit subtree's
value is the sum over the units whose records count for it (``orgunit_reach_ids``), so a merged
unit's past rolls into its successor without rewriting anything.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from .choices import IndicatorSource, ObjectiveKind, TargetKind


class Program(models.Model):
    code = models.CharField("mã chương trình", max_length=40, unique=True)
    title = models.TextField("tên chương trình")
    document_number = models.CharField("số, ký hiệu", max_length=60, blank=True)
    issuing_body = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="cơ quan ban hành",
        on_delete=models.PROTECT,
        related_name="programs_issued",
    )
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    resolution = models.CharField("nghị quyết thực hiện", max_length=500)
    start_year = models.PositiveSmallIntegerField("từ năm")
    end_year = models.PositiveSmallIntegerField("đến năm")
    midterm_year = models.PositiveSmallIntegerField("năm sơ kết", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "chương trình"
        verbose_name_plural = "chương trình"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class Objective(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="objectives")
    kind = models.CharField("loại mục tiêu", max_length=10, choices=ObjectiveKind.choices)
    section = models.CharField("mục", max_length=20)
    order = models.PositiveSmallIntegerField("thứ tự")
    text = models.TextField("nội dung")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "mục tiêu"
        verbose_name_plural = "mục tiêu"
        ordering = ["program", "order"]
        constraints = [
            models.UniqueConstraint(fields=["program", "order"], name="objective_unique_order")
        ]

    def __str__(self) -> str:
        return f"{self.section} — {self.text[:80]}"


class Indicator(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="indicators")
    objective = models.ForeignKey(
        Objective,
        verbose_name="mục tiêu",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    code = models.SlugField("mã chỉ tiêu", max_length=60)
    name = models.CharField("tên chỉ tiêu", max_length=300)
    unit_of_measure = models.CharField("đơn vị tính", max_length=40)
    method = models.TextField("cách đo, nguồn số liệu")
    source = models.CharField("nguồn", max_length=10, choices=IndicatorSource.choices)
    # Name of the registered query that computes it (programs/computations.py), for computed ones.
    computation = models.CharField("phép tính", max_length=60, blank=True)
    # The document the target comes from, when the program inherits it ("NQ 05-NQ/TU").
    origin = models.CharField("văn bản gốc của chỉ tiêu", max_length=200, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("đang theo dõi", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["program", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="indicator_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.source == IndicatorSource.COMPUTED and not self.computation:
            raise ValidationError({"computation": "Chỉ tiêu tính từ dữ liệu phải chọn phép tính."})


class Target(models.Model):
    """A range to reach each year of a span (120–180 a year) or by a horizon year (by 2030)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    kind = models.CharField("loại", max_length=10, choices=TargetKind.choices)
    year_from = models.PositiveSmallIntegerField("từ năm")
    year_to = models.PositiveSmallIntegerField("đến năm")
    min_value = models.DecimalField(
        "tối thiểu", max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        "tối đa", max_digits=14, decimal_places=2, null=True, blank=True
    )
    # The words of the program the target stands for, so a reader can check it against the text.
    text = models.TextField("nội dung chỉ tiêu trong văn bản")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "chỉ tiêu theo năm"
        verbose_name_plural = "chỉ tiêu theo năm"
        ordering = ["indicator", "year_from"]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.range_display}"

    def clean(self) -> None:
        if self.min_value is None and self.max_value is None:
            raise ValidationError("Chỉ tiêu phải có mức tối thiểu, tối đa hoặc cả hai.")
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            raise ValidationError({"max_value": "Mức tối đa phải lớn hơn hoặc bằng mức tối thiểu."})
        if self.year_from > self.year_to:
            raise ValidationError({"year_to": "Năm kết thúc phải sau năm bắt đầu."})

    def applies_to(self, year: int) -> bool:
        return self.year_from <= year <= self.year_to

    @property
    def range_display(self) -> str:
        low, high = _plain(self.min_value), _plain(self.max_value)
        if low and high:
            return f"{low}–{high}" if low != high else low
        return f"≥ {low}" if low else f"≤ {high}"


def _plain(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value.normalize():f}"


class IndicatorFigure(models.Model):
    """The value of an indicator for one unit (the unit that made the records) and one year."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="figures")
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    value = models.DecimalField(max_digits=14, decimal_places=2)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "số liệu chỉ tiêu"
        verbose_name_plural = "số liệu chỉ tiêu"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "year"], name="figure_unique_indicator_unit_year"
            )
        ]
        indexes = [models.Index(fields=["indicator", "year"], name="figure_indicator_year")]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.unit_id}/{self.year}: {self.value}"


class IndicatorFigureKey(models.Model):
    """For indicators that count distinct things (fields that have an expert), which do not add up
    across units: the things found in one unit and year. A subtree's value is the number of
    distinct keys over its units, read from this small table rather than from the records."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="figure_keys")
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=60)

    class Meta:
        verbose_name = "khóa số liệu chỉ tiêu"
        verbose_name_plural = "khóa số liệu chỉ tiêu"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "year", "key"], name="figure_key_unique"
            )
        ]
        indexes = [models.Index(fields=["indicator", "year"], name="figure_key_indicator_year")]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.unit_id}/{self.year}: {self.key}"
