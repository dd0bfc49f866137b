"""What every engagement page does alike: a refusal the user can fix becomes a flash message, and
taking part without consent sends the user to the consent page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from trithuc.core.forms import service_error_messages

from ..access import ConsentRequired


def participating(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except ConsentRequired as exc:
            messages.warning(request, str(exc))
            return redirect("engagement:my_area")

    return wrapper


def act(request: HttpRequest, call: Callable[[], object], done: str, back: str) -> HttpResponse:
    """Run one service call for a POST; say what happened, or why not, and go back."""
    try:
        call()
    except ValidationError as exc:
        for message in service_error_messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(back)


def form_errors(request: HttpRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
