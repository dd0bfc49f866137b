"""State changes of API tokens: make one (the secret is returned once), revoke one, and check a
presented token. A token belongs to one user and acts with exactly that user's scope."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from trithuc.accounts.models import User

from .models import ApiToken

TOKEN_PREFIX = "tt"  # noqa: S105 - the public marker of a token, not a secret
# A token's last use is written at most this often, so a script's burst of calls is not a burst of
# writes.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


class TokenRejected(Exception):
    """A token was presented but cannot be used; ``code`` says why (machine-readable)."""

    def __init__(self, code: str, message: str):
        self.code, self.message = code, message
        super().__init__(message)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(
    *, actor: User | None, user: User, name: str, days: int | None = None
) -> tuple[ApiToken, str]:
    """A new token for ``user`` valid for ``days`` days, and its secret (shown once, never kept).
    Users make their own tokens; only an administrator account (or a command) makes one for
    someone else."""
    if actor is not None and actor.pk != user.pk and not actor.is_superuser:
        raise PermissionDenied("Bạn chỉ được tạo khóa API cho tài khoản của chính mình.")
    days = settings.TRITHUC_API_TOKEN_DAYS if days is None else days
    limit = settings.TRITHUC_API_TOKEN_MAX_DAYS
    if not 1 <= days <= limit:
        raise ValidationError({"days": f"Thời hạn của khóa phải từ 1 đến {limit} ngày."})
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Hãy đặt tên gợi nhớ cho khóa, ví dụ: «Báo cáo quý»."})
    prefix = secrets.token_hex(4)
    raw = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(
        user=user,
        name=name,
        prefix=prefix,
        token_hash=token_hash(raw),
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    token.full_clean(exclude=["prefix", "token_hash"])
    token._history_user = actor  # type: ignore[attr-defined]
    token.save()
    return token, raw


@transaction.atomic
def token_revoke(*, actor: User | None, token: ApiToken) -> ApiToken:
    if actor is not None and actor.pk != token.user_id and not actor.is_superuser:
        raise PermissionDenied("Bạn chỉ được thu hồi khóa API của chính mình.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token._history_user = actor  # type: ignore[attr-defined]
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(raw: str) -> ApiToken:
    """The usable token ``raw`` stands for, or :class:`TokenRejected` saying why not."""
    parts = raw.split("_", 2)
    token = None
    if len(parts) == 3 and parts[0] == TOKEN_PREFIX:
        token = ApiToken.objects.select_related("user").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.token_hash, token_hash(raw)):
        raise TokenRejected(
            "token_invalid", "Khóa API không đúng. Hãy kiểm tra lại hoặc tạo khóa mới."
        )
    if token.is_revoked:
        raise TokenRejected(
            "token_revoked", "Khóa API này đã bị thu hồi. Hãy tạo khóa mới trong trang tài khoản."
        )
    if token.is_expired:
        raise TokenRejected(
            "token_expired", "Khóa API này đã hết hạn. Hãy tạo khóa mới trong trang tài khoản."
        )
    if not token.user.is_active:
        raise TokenRejected("user_inactive", "Tài khoản gắn với khóa API này đã bị khóa.")
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
