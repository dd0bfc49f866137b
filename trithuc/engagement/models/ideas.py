"""The ideas box (hiến kế): an intellectual's idea, routed to an agency that answers it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ..choices import IdeaStatus


class Idea(models.Model):
    title = models.CharField("tên ý tưởng, hiến kế", max_length=300)
    text = models.TextField("nội dung")
    field = models.ForeignKey(
        "people.Field",
        verbose_name="lĩnh vực",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người hiến kế",
        on_delete=models.PROTECT,
        related_name="ideas",
    )
    is_public = models.BooleanField(
        "công khai",
        default=False,
        help_text="Công khai: mọi người dùng đều đọc được. Không công khai: chỉ bạn và cơ quan "
        "trả lời đọc được.",
    )
    status = models.CharField(
        "trạng thái", max_length=12, choices=IdeaStatus.choices, default=IdeaStatus.RECEIVED
    )
    agency = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="cơ quan trả lời",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ideas",
    )
    response = models.TextField("trả lời của cơ quan", blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    implemented_note = models.TextField("kết quả áp dụng", blank=True)
    withdrawn_at = models.DateTimeField("thời điểm rút lại", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "hiến kế"
        verbose_name_plural = "hiến kế"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title
