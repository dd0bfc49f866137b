"""Talent attraction: policies with their budget, and cases from application to the end of the
service commitment (completed, or broken with repayment owed)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from ..choices import AttractionStatus
from .scoped import PersonUnitRecord


class AttractionPolicy(models.Model):
    code = models.SlugField("mã chính sách", max_length=60, unique=True)
    name = models.CharField("tên chính sách", max_length=300)
    legal_basis = models.CharField("căn cứ (nghị quyết, quyết định)", max_length=300)
    eligibility = models.TextField("đối tượng, điều kiện")
    support = models.TextField("mức hỗ trợ, đãi ngộ")
    support_amount = models.DecimalField(
        "số tiền hỗ trợ mỗi người (đồng)", max_digits=14, decimal_places=0, default=0
    )
    commitment_years = models.PositiveSmallIntegerField("số năm cam kết công tác", default=5)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "chính sách thu hút"
        verbose_name_plural = "chính sách thu hút"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class AttractionBudget(models.Model):
    policy = models.ForeignKey(AttractionPolicy, on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveSmallIntegerField("năm")
    allocated = models.DecimalField("dự toán được giao (đồng)", max_digits=16, decimal_places=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "dự toán kinh phí thu hút"
        verbose_name_plural = "dự toán kinh phí thu hút"
        constraints = [
            models.UniqueConstraint(fields=["policy", "year"], name="attraction_budget_unique")
        ]

    def __str__(self) -> str:
        return f"{self.policy} {self.year}"


class AttractionCase(PersonUnitRecord):
    person = models.ForeignKey(
        "people.Person",
        verbose_name="người được thu hút",
        on_delete=models.PROTECT,
        related_name="attraction_cases",
    )
    policy = models.ForeignKey(
        AttractionPolicy,
        verbose_name="chính sách",
        on_delete=models.PROTECT,
        related_name="cases",
    )
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="đơn vị tiếp nhận",
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        "tình trạng",
        max_length=10,
        choices=AttractionStatus.choices,
        default=AttractionStatus.APPLIED,
    )
    applied_on = models.DateField("ngày nộp hồ sơ")
    appraisal_note = models.TextField("kết quả thẩm định", blank=True)
    decision_number = models.CharField("số quyết định thu hút", max_length=60, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    service_start = models.DateField("bắt đầu công tác", null=True, blank=True)
    commitment_years = models.PositiveSmallIntegerField("số năm cam kết", null=True, blank=True)
    ended_on = models.DateField("ngày kết thúc cam kết", null=True, blank=True)
    repayment_owed = models.DecimalField(
        "số tiền phải bồi hoàn (đồng)", max_digits=14, decimal_places=0, null=True, blank=True
    )
    # The year the decision was made, kept for the "talent attracted" figure.
    decision_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "hồ sơ thu hút"
        verbose_name_plural = "hồ sơ thu hút"
        ordering = ["-applied_on", "pk"]

    def __str__(self) -> str:
        return f"{self.person} — {self.policy}"


class Disbursement(models.Model):
    case = models.ForeignKey(AttractionCase, on_delete=models.CASCADE, related_name="disbursements")
    date = models.DateField("ngày chi")
    amount = models.DecimalField("số tiền (đồng)", max_digits=14, decimal_places=0)
    note = models.CharField("nội dung", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "khoản chi hỗ trợ"
        verbose_name_plural = "khoản chi hỗ trợ"
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}: {self.amount}"
