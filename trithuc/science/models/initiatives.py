"""Initiatives, technical improvements and useful solutions: the shorter recognition path."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from ..choices import EffectScope, InitiativeKind, InitiativeStatus
from .scoped import UnitScoped


class Initiative(UnitScoped):
    kind = models.CharField("loại", max_length=10, choices=InitiativeKind.choices)
    title = models.CharField("tên", max_length=400)
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="đơn vị áp dụng",
        on_delete=models.PROTECT,
        related_name="+",
    )
    authors = models.ManyToManyField(
        "people.Person", verbose_name="tác giả", related_name="initiatives"
    )
    field = models.ForeignKey(
        "people.Field", verbose_name="lĩnh vực", null=True, blank=True, on_delete=models.PROTECT
    )
    description = models.TextField("nội dung")
    effect = models.TextField("hiệu quả áp dụng", blank=True)
    submitted_on = models.DateField("ngày nộp đơn")
    status = models.CharField(
        "tình trạng",
        max_length=12,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.SUBMITTED,
    )
    scope = models.CharField(
        "phạm vi ảnh hưởng", max_length=10, choices=EffectScope.choices, blank=True
    )
    decision_number = models.CharField("quyết định công nhận số", max_length=100, blank=True)
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    note = models.TextField("ghi chú, lý do", blank=True)

    history = HistoricalRecords()
    scope_unit_fields = ("unit",)

    class Meta:
        verbose_name = "sáng kiến, giải pháp hữu ích"
        verbose_name_plural = "sáng kiến, giải pháp hữu ích"
        ordering = ["-submitted_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def scope_q_for_owner(cls, user):
        from django.db.models import Q

        authored = Initiative.authors.through.objects.filter(person__user=user)
        return Q(pk__in=authored.values("initiative"))
