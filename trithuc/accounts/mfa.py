"""Two-factor sign-in: an authenticator app (TOTP, RFC 6238) plus single-use recovery codes.

Built on django-otp's TOTP and static devices. A user has at most one confirmed authenticator; the
recovery codes are made when it is confirmed, shown once, and each is deleted when used.
"""

from __future__ import annotations

from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

AUTHENTICATOR_NAME = "Ứng dụng xác thực"
RECOVERY_NAME = "Mã dự phòng"


def user_has_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_pending_device(*, user: User) -> TOTPDevice:
    """The authenticator being set up (unconfirmed), made on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def totp_secret_text(device: TOTPDevice) -> str:
    """The key in the base32 form authenticator apps accept typed in, in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def totp_qr_data_uri(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4)


@transaction.atomic
def totp_confirm(*, request: HttpRequest, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the pending authenticator with a code from it; returns the new recovery codes (shown
    once) or None when the code is wrong. The session counts as verified from here on."""
    if not device.verify_token(token.strip()):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return recovery_codes_renew(user=device.user)


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """Replace the user's recovery codes with a new set; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.TRITHUC_MFA_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def mfa_verify(*, request: HttpRequest, token: str) -> str | None:
    """Check a code from the authenticator, or else a recovery code (used up by this). Returns
    which kind matched ("totp" / "recovery") or None."""
    token = token.strip().replace(" ", "").lower()
    user = request.user
    for device, kind in (
        (TOTPDevice.objects.filter(user=user, confirmed=True).first(), "totp"),
        (StaticDevice.objects.filter(user=user, confirmed=True).first(), "recovery"),
    ):
        if device is not None and device.verify_token(token):
            otp_login(request, device)
            return kind
    return None


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user).count()
