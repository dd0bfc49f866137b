"""Science and technology: for now the expert-cooperation programmes the program counts
(at least one a year). The ordering of science tasks is not built yet."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords


class CooperationProgram(models.Model):
    title = models.CharField("tên chương trình, nội dung hợp tác", max_length=300)
    partner = models.CharField("chuyên gia, tổ chức hợp tác", max_length=300)
    organising_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="đơn vị tổ chức",
        on_delete=models.PROTECT,
        related_name="+",
    )
    start_date = models.DateField("bắt đầu")
    end_date = models.DateField("kết thúc", null=True, blank=True)
    description = models.TextField("nội dung chuyển giao tri thức", blank=True)
    year = models.PositiveSmallIntegerField("năm", editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "chương trình hợp tác chuyên gia"
        verbose_name_plural = "chương trình hợp tác chuyên gia"
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return self.title
