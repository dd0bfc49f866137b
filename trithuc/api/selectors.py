"""Reads of API tokens: a user sees only their own."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from trithuc.accounts.models import User

from .models import ApiToken


def token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def token_get_for_user(*, user: User, pk: int) -> ApiToken:
    """The user's own token, or 404 alike for another user's and a missing one."""
    return get_object_or_404(ApiToken, pk=pk, user=user)
