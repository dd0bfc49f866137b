"""State changes of the privacy records."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from trithuc.accounts.models import User
from trithuc.people.models import Person

from .choices import AccessAction
from .models import AccessLogEntry, Consent
from .notice import ConsentNotice, consent_notice_current


def access_record(
    user: User,
    people: Iterable[Person | int],
    action: AccessAction,
    *,
    purpose: str = "",
    path: str = "",
) -> int:
    """Log that ``user`` read the data of ``people``; a person reading their own record is not
    logged (the law asks about reads by others). Returns the number of rows written."""
    ids = {p.pk if isinstance(p, Person) else p for p in people}
    own = set(Person.objects.filter(user=user, pk__in=ids).values_list("pk", flat=True))
    entries = [
        AccessLogEntry(
            user=user, person_id=pk, action=action, purpose=purpose[:255], path=path[:500]
        )
        for pk in sorted(ids - own)
    ]
    AccessLogEntry.objects.bulk_create(entries, batch_size=2000)
    return len(entries)


@transaction.atomic
def consent_give(user: User, notice: ConsentNotice | None = None) -> Consent:
    """Record ``user``'s agreement to ``notice`` (the current one by default). A consent already in
    force for another version is withdrawn first, so the history shows both."""
    notice = notice or consent_notice_current()
    current = Consent.objects.select_for_update().filter(user=user, withdrawn_at=None).first()
    if current is not None:
        if current.notice_version == notice.version:
            return current
        current.withdrawn_at = timezone.now()
        current.save(update_fields=["withdrawn_at"])
    return Consent.objects.create(user=user, notice_version=notice.version, notice_text=notice.text)


@transaction.atomic
def consent_withdraw(user: User) -> Consent | None:
    """Withdraw ``user``'s consent in force, if any; the record stays, dated."""
    current = Consent.objects.select_for_update().filter(user=user, withdrawn_at=None).first()
    if current is None:
        return None
    current.withdrawn_at = timezone.now()
    current.save(update_fields=["withdrawn_at"])
    return current
