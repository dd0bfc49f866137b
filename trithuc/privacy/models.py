"""Records the personal-data law asks for: who read whose data, and who agreed to what."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .choices import AccessAction


class AccessLogEntry(models.Model):
    """One read of one person's data by someone other than that person.

    Kept one row per person, so "who has looked at this person's record" is one indexed query; an
    export of a whole unit writes its rows in one bulk insert.
    """

    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người truy cập",
        on_delete=models.PROTECT,
        related_name="+",
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
