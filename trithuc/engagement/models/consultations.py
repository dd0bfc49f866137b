"""Consultations: an agency publishes a draft in sections; participants comment, reply, propose
wording and submit critique; moderators hide with a reason; the agency answers each comment."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ..choices import Audience, CommentKind, CommentResult, ConsultationPhase


class Consultation(models.Model):
    title = models.CharField("tên dự thảo", max_length=300)
    summary = models.TextField("tóm tắt, mục đích lấy ý kiến", blank=True)
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name="cơ quan lấy ý kiến",
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    opens_on = models.DateField("ngày bắt đầu lấy ý kiến")
    closes_on = models.DateField("ngày kết thúc lấy ý kiến")
    audience = models.CharField(
        "đối tượng lấy ý kiến", max_length=10, choices=Audience.choices, default=Audience.ALL
    )
    field = models.ForeignKey(
        "people.Field",
        verbose_name="lĩnh vực",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    invited = models.ManyToManyField(
        "people.Person", verbose_name="chuyên gia được mời", blank=True, related_name="+"
    )
    published_at = models.DateTimeField("thời điểm công bố", null=True, blank=True)
    closed_early_on = models.DateField("ngày kết thúc sớm", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[invited])

    class Meta:
        verbose_name = "lấy ý kiến dự thảo"
        verbose_name_plural = "lấy ý kiến dự thảo"
        ordering = ["-opens_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def phase_on(self, day: dt.date) -> ConsultationPhase:
        if self.published_at is None:
            return ConsultationPhase.DRAFT
        if day < self.opens_on:
            return ConsultationPhase.UPCOMING
        last_day = self.closed_early_on or self.closes_on
        return ConsultationPhase.OPEN if day <= last_day else ConsultationPhase.CLOSED

    @property
    def current_version(self) -> DraftVersion | None:
        return self.versions.order_by("-number").first()


class DraftVersion(models.Model):
    """One version of the draft; earlier versions stay, so they can be read side by side."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField("lần")
    note = models.CharField("ghi chú thay đổi", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "phiên bản dự thảo"
        verbose_name_plural = "phiên bản dự thảo"
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="draft_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.consultation} — lần {self.number}"


class DraftSection(models.Model):
    """A section (điều, khoản, mục) of one version; its paragraphs are the lines of ``text``."""

    version = models.ForeignKey(DraftVersion, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField("thứ tự")
    heading = models.CharField("tên mục, điều khoản", max_length=300)
    text = models.TextField("nội dung")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "mục dự thảo"
        verbose_name_plural = "mục dự thảo"
        ordering = ["version", "order"]

    def __str__(self) -> str:
        return self.heading

    @property
    def paragraphs(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]


class ConsultationAttachment(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField("tệp đính kèm", upload_to="lay-y-kien/%Y/%m/")
    description = models.CharField("mô tả", max_length=300, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "tệp đính kèm dự thảo"
        verbose_name_plural = "tệp đính kèm dự thảo"

    def __str__(self) -> str:
        return self.description or self.file.name


class Comment(models.Model):
    """A comment on the draft, a section or one paragraph of it; a reply when ``parent`` is set."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    section = models.ForeignKey(
        DraftSection,
        verbose_name="mục",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
    )
    paragraph = models.PositiveSmallIntegerField("đoạn", null=True, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người góp ý",
        on_delete=models.PROTECT,
        related_name="consultation_comments",
    )
    on_behalf_of = models.CharField("cơ quan, tổ chức góp ý", max_length=300, blank=True)
    kind = models.CharField(
        "loại ý kiến", max_length=10, choices=CommentKind.choices, default=CommentKind.COMMENT
    )
    text = models.TextField("nội dung ý kiến")
    proposed_text = models.TextField("đề xuất câu chữ thay thế", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    is_hidden = models.BooleanField("bị ẩn", default=False)
    hidden_reason = models.CharField("lý do ẩn", max_length=300, blank=True)
    withdrawn_at = models.DateTimeField("thời điểm rút lại", null=True, blank=True)

    result = models.CharField("kết quả", max_length=10, choices=CommentResult.choices, blank=True)
    response = models.TextField("nội dung tiếp thu, giải trình", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "ý kiến góp ý"
        verbose_name_plural = "ý kiến góp ý"
        ordering = ["consultation", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_visible_to_participants(self) -> bool:
        return not self.is_hidden and self.withdrawn_at is None
