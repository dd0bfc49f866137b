"""Records the personal-data law asks for: who read whose data, and who agreed to what."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .choices import AccessAction, IncidentStatus, RequestKind, RequestStatus


class AccessLogEntry(models.Model):
    """One read of one person's data by someone other than that person.

    Kept one row per person, so "who has looked at this person's record" is one indexed query; an
    export of a whole unit writes its rows in one bulk insert.
    """

    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    # Empty for the system operator's command-line exports (``trithuc export`` without --user).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người truy cập",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name="người được truy cập",
        on_delete=models.CASCADE,
        related_name="access_log",
    )
    action = models.CharField("hành động", max_length=20, choices=AccessAction.choices)
    purpose = models.CharField("mục đích", max_length=255, blank=True)
    path = models.CharField("đường dẫn", max_length=500, blank=True)

    class Meta:
        verbose_name = "nhật ký truy cập dữ liệu cá nhân"
        verbose_name_plural = "nhật ký truy cập dữ liệu cá nhân"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "-at"]), models.Index(fields=["user", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.user} {self.get_action_display()} {self.person_id}"


class Consent(models.Model):
    """A user's agreement to the processing notice of a given version, and its withdrawal."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người đồng ý",
        on_delete=models.CASCADE,
        related_name="consents",
    )
    notice_version = models.CharField("phiên bản thông báo", max_length=20)
    notice_text = models.TextField("nội dung đã đồng ý")
    given_at = models.DateTimeField("thời điểm đồng ý", auto_now_add=True)
    withdrawn_at = models.DateTimeField("thời điểm rút lại", null=True, blank=True)

    class Meta:
        verbose_name = "đồng ý xử lý dữ liệu cá nhân"
        verbose_name_plural = "đồng ý xử lý dữ liệu cá nhân"
        ordering = ["-given_at", "-id"]
        constraints = [
            # At most one consent in force per user: giving again first withdraws the old one.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="privacy_one_active_consent_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.notice_version}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class SubjectRequest(models.Model):
    """A data subject's request to see, correct or delete their data, followed as a case."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name="người yêu cầu (chủ thể dữ liệu)",
        on_delete=models.PROTECT,
        related_name="subject_requests",
    )
    kind = models.CharField("loại yêu cầu", max_length=10, choices=RequestKind.choices)
    details = models.TextField("nội dung yêu cầu")
    received_on = models.DateField("ngày tiếp nhận", default=timezone.localdate)
    due_on = models.DateField("hạn giải quyết")
    status = models.CharField(
        "tình trạng", max_length=20, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xử lý",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resolution = models.TextField("kết quả, lý do", blank=True)
    closed_on = models.DateField("ngày kết thúc", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tiếp nhận",
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "yêu cầu của chủ thể dữ liệu"
        verbose_name_plural = "yêu cầu của chủ thể dữ liệu"
        ordering = ["due_on", "-id"]

    def __str__(self) -> str:
        return f"Yêu cầu #{self.pk}: {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.status in (RequestStatus.RECEIVED, RequestStatus.IN_PROGRESS)

    def is_overdue(self, today: dt.date) -> bool:
        return self.is_open and today > self.due_on


class Incident(models.Model):
    """A personal-data breach, from detection to notifying the authority within the deadline."""

    title = models.CharField("tên sự cố", max_length=255)
    description = models.TextField("mô tả, dữ liệu bị ảnh hưởng")
    detected_at = models.DateTimeField("thời điểm phát hiện")
    people_affected = models.PositiveIntegerField("số người bị ảnh hưởng (ước tính)", default=0)
    measures = models.TextField("biện pháp đã thực hiện", blank=True)
    status = models.CharField(
        "tình trạng", max_length=20, choices=IncidentStatus.choices, default=IncidentStatus.OPEN
    )
    notified_at = models.DateTimeField("thời điểm thông báo", null=True, blank=True)
    notified_to = models.CharField("cơ quan đã thông báo", max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ghi nhận",
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "sự cố dữ liệu cá nhân"
        verbose_name_plural = "sự cố dữ liệu cá nhân"
        ordering = ["-detected_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def notify_by(self) -> dt.datetime:
        return self.detected_at + dt.timedelta(hours=settings.TRITHUC_BREACH_NOTIFY_HOURS)

    @property
    def hours_left_now(self) -> float | None:
        return self.hours_left(timezone.now())

    def hours_left(self, now: dt.datetime) -> float | None:
        """Hours until the notification deadline (negative when past); None once notified."""
        if self.notified_at is not None:
            return None
        return (self.notify_by - now).total_seconds() / 3600


class Anonymisation(models.Model):
    """Marks a person whose identifying data was removed, when, by whom and under which rule."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="anonymisation"
    )
    at = models.DateTimeField("thời điểm", auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField("căn cứ", max_length=255)

    class Meta:
        verbose_name = "ẩn danh hồ sơ"
        verbose_name_plural = "ẩn danh hồ sơ"

    def __str__(self) -> str:
        return f"{self.person_id} — {self.at:%d/%m/%Y}"
