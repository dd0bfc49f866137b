"""Honours: award types, nominations with output-based evidence scored on a rubric, and awards."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from trithuc.core.models import ReferenceItem

from ..choices import NominationStatus
from .scoped import PersonUnitRecord


class AwardType(ReferenceItem):
    """Bằng khen, Giấy khen, Chiến sĩ thi đua, Trí thức tiêu biểu … (Luật Thi đua, khen thưởng 2022)."""

    granting_body = models.CharField("cấp quyết định", max_length=200, blank=True)
    # Nominations for this award need at least this rubric score to be proposed.
    pass_score = models.DecimalField(
        "điểm tối thiểu để đề nghị", max_digits=6, decimal_places=2, null=True, blank=True
    )

    class Meta(ReferenceItem.Meta):
        verbose_name = "hình thức khen thưởng"
        verbose_name_plural = "hình thức khen thưởng"


class AwardCriterion(models.Model):
    """One line of the scoring rubric of an award type; the rubric is configurable in the admin."""

    award_type = models.ForeignKey(AwardType, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField("tiêu chí", max_length=300)
    max_points = models.DecimalField("điểm tối đa", max_digits=6, decimal_places=2)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "tiêu chí chấm điểm"
        verbose_name_plural = "tiêu chí chấm điểm"
        ordering = ["award_type", "order"]

    def __str__(self) -> str:
        return self.name


class AwardNomination(PersonUnitRecord):
    person = models.ForeignKey(
        "people.Person",
        verbose_name="người được đề nghị",
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    award_type = models.ForeignKey(
        AwardType, verbose_name="hình thức", on_delete=models.PROTECT, related_name="nominations"
    )
    year = models.PositiveSmallIntegerField("năm")
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="đơn vị đề nghị",
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The output-based evidence the program asks for (II.2): what was achieved, not years served.
    tasks_accepted = models.TextField("nhiệm vụ KH&CN được nghiệm thu", blank=True)
    initiatives = models.TextField("sáng kiến được công nhận", blank=True)
    publications = models.TextField("công trình công bố", blank=True)
    results_applied = models.TextField("kết quả được ứng dụng", blank=True)
    status = models.CharField(
        "tình trạng",
        max_length=10,
        choices=NominationStatus.choices,
        default=NominationStatus.DRAFT,
    )
    total_score = models.DecimalField(
        "tổng điểm", max_digits=8, decimal_places=2, null=True, blank=True
    )
    council_note = models.TextField("kết luận của hội đồng", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "đề nghị khen thưởng"
        verbose_name_plural = "đề nghị khen thưởng"
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "award_type", "year"], name="nomination_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.award_type} {self.year}"


class NominationScore(models.Model):
    nomination = models.ForeignKey(AwardNomination, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(AwardCriterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField("điểm", max_digits=6, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "điểm theo tiêu chí"
        verbose_name_plural = "điểm theo tiêu chí"
        constraints = [
            models.UniqueConstraint(fields=["nomination", "criterion"], name="score_unique")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"


class Award(PersonUnitRecord):
    """An honour granted, with its decision: from an approved nomination or recorded as it was."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name="người được khen thưởng",
        on_delete=models.PROTECT,
        related_name="awards",
    )
    award_type = models.ForeignKey(
        AwardType, verbose_name="hình thức", on_delete=models.PROTECT, related_name="awards"
    )
    year = models.PositiveSmallIntegerField("năm")
    decision_number = models.CharField("số quyết định", max_length=60)
    decision_date = models.DateField("ngày quyết định")
    granting_body = models.CharField("cơ quan quyết định", max_length=200)
    unit = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    nomination = models.OneToOneField(
        AwardNomination, null=True, blank=True, on_delete=models.SET_NULL, related_name="award"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "khen thưởng"
        verbose_name_plural = "khen thưởng"
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "award_type", "decision_number"], name="award_unique_decision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.award_type} — {self.person} ({self.year})"
