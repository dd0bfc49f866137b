"""Expert-cooperation programmes (knowledge transfer with leading experts and reputable
organisations): the program counts at least one a year."""

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
    topic = models.CharField("chủ đề, lĩnh vực chuyển giao", max_length=300, blank=True)
    field = models.ForeignKey(
        "people.Field",
        verbose_name="lĩnh vực",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    experts = models.ManyToManyField(
        "people.Person",
        verbose_name="chuyên gia (trong hồ sơ)",
        blank=True,
        related_name="cooperation_programs",
    )
    expert_names = models.TextField(
        "chuyên gia khác",
        blank=True,
        help_text="Chuyên gia chưa có trong hồ sơ, mỗi người một dòng.",
    )
    participants = models.TextField(
        "người tham gia tiếp nhận",
        blank=True,
        help_text="Đơn vị, cá nhân tham gia; mỗi dòng một mục.",
    )
    participant_count = models.PositiveIntegerField("số người tham gia", null=True, blank=True)
    outputs = models.TextField("sản phẩm, kết quả chuyển giao", blank=True)
    year = models.PositiveSmallIntegerField("năm", editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "chương trình hợp tác chuyên gia"
        verbose_name_plural = "chương trình hợp tác chuyên gia"
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return self.title
