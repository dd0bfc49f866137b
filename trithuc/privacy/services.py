"""State changes of the privacy records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from trithuc.accounts.models import User
from trithuc.people.models import Person

from .access import people_in_privacy_scope, require_privacy_officer
from .choices import AccessAction, IncidentStatus, RequestKind, RequestStatus
from .models import AccessLogEntry, Anonymisation, Consent, Incident, SubjectRequest
from .notice import ConsentNotice, consent_notice_current


def access_record(
    user: User | None,
    people: Iterable[Person | int],
    action: AccessAction,
    *,
    purpose: str = "",
    path: str = "",
) -> int:
    """Log that ``user`` read the data of ``people``; a person reading their own record is not
    logged (the law asks about reads by others). ``user`` None is the system operator at the
    command line. Returns the number of rows written."""
    ids: set[int] = set()
    own: set[int] = set()
    bare_ids: set[int] = set()
    for p in people:
        if isinstance(p, Person):
            ids.add(p.pk)
            if user is not None and p.user_id == user.pk:
                own.add(p.pk)
        else:
            ids.add(p)
            bare_ids.add(p)
    if user is not None and bare_ids:
        own |= set(Person.objects.filter(user=user, pk__in=bare_ids).values_list("pk", flat=True))
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


# --- data subjects' requests ----------------------------------------------------------------------


def _check_person_in_scope(actor: User, person: Person) -> None:
    require_privacy_officer(actor)
    if not people_in_privacy_scope(actor).filter(pk=person.pk).exists():
        raise PermissionDenied("Người này ngoài phạm vi bạn được xử lý.")


@transaction.atomic
def subject_request_create(
    *,
    actor: User,
    person: Person,
    kind: str,
    details: str,
    received_on: dt.date | None = None,
    handler: User | None = None,
) -> SubjectRequest:
    """Open a case for a request by ``person``; it is due ``TRITHUC_SUBJECT_REQUEST_DAYS`` days
    after it was received."""
    _check_person_in_scope(actor, person)
    received_on = received_on or timezone.localdate()
    case = SubjectRequest(
        person=person,
        kind=kind,
        details=details,
        received_on=received_on,
        due_on=received_on + dt.timedelta(days=settings.TRITHUC_SUBJECT_REQUEST_DAYS),
        handler=handler or actor,
        created_by=actor,
    )
    case.full_clean()
    case._history_user = actor  # type: ignore[attr-defined]
    case.save()
    return case


@transaction.atomic
def subject_request_update(
    *,
    actor: User,
    case: SubjectRequest,
    status: str,
    resolution: str = "",
    handler: User | None = None,
) -> SubjectRequest:
    """Move a case on. Closing it (done or refused) needs the outcome in words; a delete request
    closed as done anonymises the person (records kept for statistics, identity removed)."""
    _check_person_in_scope(actor, case.person)
    if not case.is_open:
        raise ValidationError("Yêu cầu này đã kết thúc; không đổi được nữa.")
    closing = status in (RequestStatus.DONE, RequestStatus.REFUSED)
    if closing and not resolution.strip():
        raise ValidationError(
            {"resolution": "Ghi kết quả giải quyết hoặc lý do từ chối trước khi kết thúc yêu cầu."}
        )
    case.status = status
    case.resolution = resolution.strip() or case.resolution
    case.handler = handler or case.handler or actor
    case.closed_on = timezone.localdate() if closing else None
    case.full_clean()
    case._history_user = actor  # type: ignore[attr-defined]
    case.save()
    if status == RequestStatus.DONE and case.kind == RequestKind.DELETE:
        person_anonymise(
            actor=actor,
            person=Person.objects.get(pk=case.person_id),
            reason=f"Yêu cầu xóa dữ liệu #{case.pk} của chủ thể dữ liệu",
        )
    return case


# --- breaches ---------------------------------------------------------------------------------------


@transaction.atomic
def incident_create(
    *,
    actor: User,
    title: str,
    description: str,
    detected_at: dt.datetime,
    people_affected: int = 0,
    measures: str = "",
) -> Incident:
    require_privacy_officer(actor)
    if detected_at > timezone.now():
        raise ValidationError({"detected_at": "Thời điểm phát hiện không thể ở tương lai."})
    incident = Incident(
        title=title,
        description=description,
        detected_at=detected_at,
        people_affected=people_affected,
        measures=measures,
        recorded_by=actor,
    )
    incident.full_clean()
    incident._history_user = actor  # type: ignore[attr-defined]
    incident.save()
    return incident


@transaction.atomic
def incident_update(
    *,
    actor: User,
    incident: Incident,
    status: str,
    measures: str = "",
    notified_at: dt.datetime | None = None,
    notified_to: str = "",
) -> Incident:
    """Record progress on a breach. Marking it notified needs to whom (and when: now by default)."""
    require_privacy_officer(actor)
    if status == IncidentStatus.NOTIFIED or notified_at is not None:
        if not (notified_to.strip() or incident.notified_to):
            raise ValidationError(
                {"notified_to": "Ghi tên cơ quan đã được thông báo (ví dụ A05 – Bộ Công an)."}
            )
        incident.notified_at = notified_at or incident.notified_at or timezone.now()
        incident.notified_to = notified_to.strip() or incident.notified_to
        if incident.notified_at < incident.detected_at:
            raise ValidationError(
                {"notified_at": "Thời điểm thông báo không thể trước thời điểm phát hiện."}
            )
    incident.status = status
    if measures.strip():
        incident.measures = measures.strip()
    incident.full_clean()
    incident._history_user = actor  # type: ignore[attr-defined]
    incident.save()
    return incident


# --- retention ---------------------------------------------------------------------------------------

# Text that stands in for the removed name; the number keeps rows apart in lists.
ANONYMOUS_NAME = "Đã ẩn danh"
IDENTIFYING_BLANKS = {
    "family_name": "",
    "middle_name": "",
    "hometown": "",
    "cccd_ciphertext": "",
    "cccd_digest": None,
    "cccd_masked": "",
    "expertise": "",
    "party_joined_on": None,
}


def retention_candidates(*, today: dt.date | None = None) -> QuerySet[Person]:
    """People with no current post whose last post ended more than the retention period ago
    (``TRITHUC_RETENTION_YEARS_AFTER_LEAVING``), not yet anonymised."""
    today = today or timezone.localdate()
    years = settings.TRITHUC_RETENTION_YEARS_AFTER_LEAVING
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    return (
        Person.objects.filter(anonymisation__isnull=True, employments__isnull=False)
        .annotate(
            current_posts=Count("employments", filter=Q(employments__end_date__isnull=True)),
            left_on=Max("employments__end_date"),
        )
        .filter(current_posts=0, left_on__lt=cutoff)
        .order_by("left_on", "pk")
    )


@transaction.atomic
def person_anonymise(*, actor: User | None, person: Person, reason: str) -> Person:
    """Remove what identifies ``person`` and keep what the statistics count (gender, year of
    birth, ethnicity, degrees, posts with their units and dates, party membership yes/no). Earlier
    versions in the history lose the same fields, so the identity is not left behind there; the
    new version records who did it and why."""
    if Anonymisation.objects.filter(person=person).exists():
        return person
    label = f"{ANONYMOUS_NAME} #{person.pk}"
    year_only = {"birth_date_precision": "year"}
    if person.birth_date is not None:
        year_only["birth_date"] = person.birth_date.replace(month=1, day=1)
    history = person.history.model.objects.filter(id=person.pk)
    history.update(
        full_name=label,
        given_name=label,
        sort_key=f"~{person.pk:012d}",
        search_text="",
        user=None,
        **IDENTIFYING_BLANKS,
        **year_only,
    )
    for name, value in {**IDENTIFYING_BLANKS, **year_only}.items():
        setattr(person, name, value)
    person.full_name = label
    person.given_name = label
    person.sort_key = f"~{person.pk:012d}"
    person.search_text = ""
    person.user = None
    person._history_user = actor  # type: ignore[attr-defined]
    person._change_reason = reason[:100]  # type: ignore[attr-defined]
    person.save()
    person.employments.update(position="")
    employment_history = getattr(person.employments.model, "history", None)
    if employment_history is not None:
        employment_history.model.objects.filter(person_id=person.pk).update(position="")
    Anonymisation.objects.create(person=person, by=actor, reason=reason[:255])
    return person


def retention_apply(*, actor: User | None, today: dt.date | None = None) -> list[int]:
    """Anonymise every retention candidate; returns their ids."""
    years = settings.TRITHUC_RETENTION_YEARS_AFTER_LEAVING
    reason = f"Hết thời hạn lưu trữ: nghỉ việc quá {years} năm"
    done = []
    for person in retention_candidates(today=today):
        person_anonymise(actor=actor, person=person, reason=reason)
        done.append(person.pk)
    return done


def access_record_view(request, person: Person | int) -> int:
    """Log that the signed-in user opened a page showing ``person``'s record."""
    return access_record(request.user, [person], AccessAction.VIEW, path=request.get_full_path())
