"""Annual quality ratings, succession planning (quy hoạch), appointments and rotations, and the
standards a position asks of its holder."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from ..choices import CareerEventKind, RatingLevel, SuccessionStatus
from .scoped import PersonUnitRecord


class AnnualRating(PersonUnitRecord):
    person = models.ForeignKey(
        "people.Person",
        verbose_name="người được đánh giá",
        on_delete=models.PROTECT,
        related_name="ratings",
    )
    year = models.PositiveSmallIntegerField("năm")
    level = models.CharField("mức xếp loại", max_length=15, choices=RatingLevel.choices)
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="đơn vị đánh giá",
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField("ghi chú", max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "đánh giá, xếp loại hằng năm"
        verbose_name_plural = "đánh giá, xếp loại hằng năm"
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="rating_unique_person_year")
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.year}: {self.get_level_display()}"


class PositionStandard(models.Model):
    """What a position asks of a candidate: degree, political theory, age, ratings, planning."""

    code = models.SlugField("mã chức danh", max_length=60, unique=True)
    name = models.CharField("chức danh", max_length=200)
    min_degree = models.ForeignKey(
        "people.DegreeLevel",
        verbose_name="trình độ chuyên môn tối thiểu",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    min_political_theory = models.ForeignKey(
        "people.PoliticalTheoryLevel",
        verbose_name="lý luận chính trị tối thiểu",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    max_age = models.PositiveSmallIntegerField("tuổi tối đa khi bổ nhiệm", null=True, blank=True)
    # "Hoàn thành tốt nhiệm vụ trở lên" in each of the last N years.
    good_rating_years = models.PositiveSmallIntegerField(
        "số năm liền kề xếp loại từ hoàn thành tốt", default=0
    )
    requires_succession_plan = models.BooleanField("phải có trong quy hoạch", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "tiêu chuẩn chức danh"
        verbose_name_plural = "tiêu chuẩn chức danh"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SuccessionPlan(PersonUnitRecord):
    """A person in the succession pool for a position of a unit, for a term."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name="cán bộ",
        on_delete=models.PROTECT,
        related_name="succession_plans",
    )
    unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    position = models.ForeignKey(
        PositionStandard,
        verbose_name="chức danh quy hoạch",
        on_delete=models.PROTECT,
        related_name="plans",
    )
    term = models.CharField("nhiệm kỳ", max_length=20, help_text="Ví dụ: 2025-2030")
    decision_number = models.CharField("số quyết định", max_length=60, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    status = models.CharField(
        "tình trạng",
        max_length=10,
        choices=SuccessionStatus.choices,
        default=SuccessionStatus.ACTIVE,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "quy hoạch cán bộ"
        verbose_name_plural = "quy hoạch cán bộ"
        ordering = ["-term", "unit__path", "position__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "unit", "position", "term"], name="succession_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.position} ({self.term})"


class CareerEvent(PersonUnitRecord):
    """An appointment, reappointment, rotation or transfer, with the decision behind it."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name="cán bộ",
        on_delete=models.PROTECT,
        related_name="career_events",
    )
    kind = models.CharField("loại", max_length=15, choices=CareerEventKind.choices)
    from_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="từ đơn vị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name="đến đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    position = models.CharField("chức vụ", max_length=200)
    decision_number = models.CharField("số quyết định", max_length=60)
    decision_date = models.DateField("ngày quyết định")
    effective_date = models.DateField("ngày hiệu lực")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "bổ nhiệm, luân chuyển"
        verbose_name_plural = "bổ nhiệm, luân chuyển"
        ordering = ["-effective_date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.person} — {self.position}"
