"""Reads of the privacy records. Everything a privacy officer sees is narrowed to the people in
their scope (``accounts.scoping``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from trithuc.accounts.models import User
from trithuc.core.text import fold

from .access import people_in_privacy_scope
from .models import AccessLogEntry, Consent, Incident, SubjectRequest


def consent_in_force(user: User) -> Consent | None:
    return Consent.objects.filter(user=user, withdrawn_at=None).first()


def consents_of(user: User | None) -> QuerySet[Consent]:
    if user is None:
        return Consent.objects.none()
    return Consent.objects.filter(user=user)


def access_log_for_person(person_id: int) -> QuerySet[AccessLogEntry]:
    return AccessLogEntry.objects.filter(person_id=person_id).select_related("user")


@dataclass(frozen=True)
class AccessLogFilters:
    person: str = ""
    user: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    action: str = ""


def access_log_search(*, user: User, filters: AccessLogFilters) -> QuerySet[AccessLogEntry]:
    """Entries about the people in ``user``'s scope, newest first, narrowed by ``filters``:
    person by name (tone-insensitive), reader by user name or full name, a date range, an action."""
    entries = AccessLogEntry.objects.filter(person__in=people_in_privacy_scope(user))
    if filters.person:
        entries = entries.filter(person__search_text__contains=fold(filters.person))
    if filters.user:
        term = filters.user.strip()
        entries = entries.filter(
            Q(user__username__icontains=term)
            | Q(user__last_name__icontains=term)
            | Q(user__first_name__icontains=term)
        )
    if filters.date_from:
        entries = entries.filter(at__date__gte=filters.date_from)
    if filters.date_to:
        entries = entries.filter(at__date__lte=filters.date_to)
    if filters.action:
        entries = entries.filter(action=filters.action)
    return entries.select_related("user", "person")


def subject_requests_for(user: User) -> QuerySet[SubjectRequest]:
    return SubjectRequest.objects.filter(person__in=people_in_privacy_scope(user)).select_related(
        "person", "handler"
    )


def incidents() -> QuerySet[Incident]:
    return Incident.objects.select_related("recorded_by")
