"""Personal API tokens. Only a SHA-256 hash of the secret is stored: the token is shown once, when
it is made, and a stolen database does not hand out working tokens."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người dùng",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField("tên gợi nhớ", max_length=100)
    # The public part of the token ("tt_<prefix>_<secret>"): finds the row without a scan.
    prefix = models.CharField("tiền tố", max_length=16, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    expires_at = models.DateTimeField("hết hạn lúc")
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        verbose_name = "khóa API"
        verbose_name_plural = "khóa API"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return not self.is_revoked and not self.is_expired
