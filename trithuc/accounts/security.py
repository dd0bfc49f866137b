"""Request-level safeguards: session timeouts, compulsory two-factor sign-in, browser policy.

Sessions end a fixed time after sign-in (``SESSION_COOKIE_AGE``) and after a quiet spell
(``TRITHUC_SESSION_IDLE_SECONDS``). Users whose role reads other people's data in bulk must pass a
second factor (``mfa_required_for``) before any page but the sign-in ones; a user with no device is
taken to set one up first. Enforcement is the ``TRITHUC_MFA_REQUIRED`` setting.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from .choices import SUBTREE_READ_ROLES
from .models import User
from .scoping import user_assignments

SIGNED_IN_AT = "trithuc_signed_in_at"
LAST_SEEN_AT = "trithuc_last_seen_at"
# Writing the session on every request would cost a write per page; a minute's slack is harmless.
LAST_SEEN_RESOLUTION = 60


@receiver(user_logged_in)
def _remember_sign_in_time(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN_AT] = now


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            signed_in = session.setdefault(SIGNED_IN_AT, now)
            last_seen = session.get(LAST_SEEN_AT, now)
            too_old = now - signed_in > settings.SESSION_COOKIE_AGE
            idle = now - last_seen > settings.TRITHUC_SESSION_IDLE_SECONDS
            if too_old or idle:
                logout(request)
                messages.info(
                    request,
                    "Phiên làm việc đã hết hạn"
                    + (" do không thao tác quá lâu" if idle and not too_old else "")
                    + ". Vui lòng đăng nhập lại.",
                )
                return redirect(
                    f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': request.path})}"
                )
            if now - last_seen >= LAST_SEEN_RESOLUTION or LAST_SEEN_AT not in session:
                session[LAST_SEEN_AT] = now
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.TRITHUC_PERMISSIONS_POLICY)
        return response


def mfa_required_for(user: User) -> bool:
    """Does this user need a second factor? Staff, and every role that reads others' records in
    bulk (and so may export them)."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return any(role in SUBTREE_READ_ROLES for role, _ in user_assignments(user))


# Pages a signed-in user may open before passing the second factor.
_OPEN_URL_NAMES = ("accounts:login", "accounts:logout", "accounts:mfa_setup", "accounts:mfa_verify")


class MFARequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_stop(request):
            from .mfa import user_has_device

            target = (
                "accounts:mfa_verify" if user_has_device(request.user) else "accounts:mfa_setup"
            )
            return redirect(f"{reverse(target)}?{urlencode({'next': _safe_next(request)})}")
        return self.get_response(request)

    @staticmethod
    def _must_stop(request: HttpRequest) -> bool:
        if not settings.TRITHUC_MFA_REQUIRED or not request.user.is_authenticated:
            return False
        if request.user.is_verified() or request.path.startswith(f"/{settings.STATIC_URL}"):
            return False
        if request.path in {reverse(name) for name in _OPEN_URL_NAMES}:
            return False
        return mfa_required_for(request.user)


def _safe_next(request: HttpRequest) -> str:
    path = request.get_full_path()
    ok = url_has_allowed_host_and_scheme(path, allowed_hosts={request.get_host()})
    return path if ok and request.method == "GET" else reverse("home")
