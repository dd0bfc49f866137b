"""Two-factor sign-in pages: set up an authenticator (with recovery codes shown once) and enter a
code after the password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from . import mfa
from .forms import OTPTokenForm


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if ok and target else "/"


@login_required
@require_http_methods(["GET", "POST"])
def mfa_setup(request: HttpRequest) -> HttpResponse:
    if mfa.user_has_device(request.user) and not request.user.is_verified():
        return redirect("accounts:mfa_verify")
    device = mfa.totp_pending_device(user=request.user)
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = mfa.totp_confirm(request=request, device=device, token=form.cleaned_data["token"])
        if codes is not None:
            return render(
                request, "accounts/mfa_codes.html", {"codes": codes, "next": _next(request)}
            )
        form.add_error(
            "token", "Mã không đúng hoặc đã hết hạn: nhập mã 6 số đang hiện trong ứng dụng."
        )
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "qr": mfa.totp_qr_data_uri(device),
            "secret": mfa.totp_secret_text(device),
            "next": _next(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def mfa_verify(request: HttpRequest) -> HttpResponse:
    if not mfa.user_has_device(request.user):
        return redirect("accounts:mfa_setup")
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kind = mfa.mfa_verify(request=request, token=form.cleaned_data["token"])
        if kind is not None:
            if kind == "recovery":
                left = mfa.recovery_codes_left(request.user)
                messages.warning(request, f"Bạn vừa dùng một mã dự phòng; còn {left} mã chưa dùng.")
            return redirect(_next(request))
        form.add_error(
            "token",
            "Mã không đúng, đã dùng hoặc đã hết hạn. Nhập mã mới trong ứng dụng xác thực, hoặc một "
            "mã dự phòng chưa dùng.",
        )
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": _next(request)})
