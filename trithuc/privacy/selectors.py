"""Reads of the privacy records."""

from __future__ import annotations

from django.db.models import QuerySet

from trithuc.accounts.models import User

from .models import AccessLogEntry, Consent


def consent_in_force(user: User) -> Consent | None:
    return Consent.objects.filter(user=user, withdrawn_at=None).first()


def access_log_for_person(person_id: int) -> QuerySet[AccessLogEntry]:
    return AccessLogEntry.objects.filter(person_id=person_id).select_related("user")
