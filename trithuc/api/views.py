"""The account page where a user makes, lists and revokes their own API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from trithuc.core.forms import add_service_errors

from . import selectors, services
from .forms import TokenCreateForm


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenCreateForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.token_create(
                actor=request.user, user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            form = TokenCreateForm()
            messages.success(request, f"Đã tạo khóa «{token.name}».")
    return render(
        request,
        "api/token_list.html",
        {"form": form, "secret": secret, "tokens": selectors.token_list(user=request.user)},
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = selectors.token_get_for_user(user=request.user, pk=pk)
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, f"Đã thu hồi khóa «{token.name}»: khóa không còn dùng được.")
    return redirect("apitokens:token_list")
