"""Everything the system holds on the signed-in person, as one JSON document (the right of access
of Decree 13/2023/ND-CP, art. 9 and 14). Keys are the Vietnamese names of the records and fields,
so the person can read it; encrypted CCCD and its lookup hash are left out (the masked number is
in), as are internal version counters.

The person's registry records are found from the model relations themselves (every model with a
foreign key to ``Person``), so a record family added later is in the download without a change
here.
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from django.db import models
from django.utils import timezone

from trithuc.accounts.models import User
from trithuc.people.models import Person
from trithuc.privacy.models import AccessLogEntry, Consent

from .models import Comment, Idea, Membership, Question, Registration

SKIPPED_FIELDS = {
    "cccd_ciphertext",
    "cccd_digest",
    "password",
    "version",
    "sort_key",
    "search_text",
}


def _value(obj: models.Model, field: models.Field) -> Any:
    if field.is_relation:
        related = getattr(obj, field.name, None)
        return str(related) if related is not None else None
    value = getattr(obj, field.attname)
    if isinstance(value, dt.datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    if field.choices and value:
        return str(dict(field.flatchoices).get(value, value))
    return value


def record(obj: models.Model, *, skip: set[str] = frozenset()) -> dict[str, Any]:
    return {
        str(field.verbose_name): _value(obj, field)
        for field in obj._meta.concrete_fields
        if field.name not in SKIPPED_FIELDS | skip and not field.name.endswith("_ptr")
    }


def _person_records(person: Person) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for relation in Person._meta.get_fields(include_hidden=True):
        model = relation.related_model
        if not (relation.auto_created and (relation.one_to_many or relation.one_to_one)):
            continue
        if (
            model is None
            or model._meta.app_label == "privacy"
            or model.__name__.startswith("Historical")
        ):
            continue
        if model is Membership:
            continue  # listed with the associations below
        rows = model._default_manager.filter(**{relation.field.name: person})
        if rows.exists():
            name = str(model._meta.verbose_name_plural)
            found.setdefault(name, []).extend(record(row) for row in rows)
    return found


def _profile(person: Person | None) -> dict[str, Any] | None:
    if person is None:
        return None
    profile = record(person)
    profile["lĩnh vực"] = [str(f) for f in person.fields.all()]
    profile["trụ cột phát triển"] = [str(p) for p in person.pillars.all()]
    profile["nhóm theo dõi"] = [str(t) for t in person.tags.all()]
    profile["hồ sơ liên quan"] = _person_records(person)
    return profile


def personal_data(user: User) -> dict[str, Any]:
    person = Person.objects.filter(user=user).first()
    log = AccessLogEntry.objects.filter(person=person) if person else AccessLogEntry.objects.none()
    return {
        "tạo lúc": timezone.localtime().isoformat(),
        "tài khoản": {
            "tên đăng nhập": user.username,
            "họ và tên": user.get_full_name(),
            "thư điện tử": user.email,
            "ngày tạo": timezone.localtime(user.date_joined).isoformat(),
        },
        "hồ sơ trí thức": _profile(person),
        "đồng ý xử lý dữ liệu": [
            record(c, skip={"user"}) for c in Consent.objects.filter(user=user)
        ],
        "ý kiến góp ý dự thảo": [
            {**record(c, skip={"author"}), "dự thảo": c.consultation.title}
            for c in Comment.objects.filter(author=user).select_related("consultation", "section")
        ],
        "hiến kế": [record(i, skip={"author"}) for i in Idea.objects.filter(author=user)],
        "câu hỏi đối thoại": [
            record(q, skip={"author"})
            for q in Question.objects.filter(author=user).select_related("session")
        ],
        "đăng ký dự đối thoại": [
            record(r, skip={"user"})
            for r in Registration.objects.filter(user=user).select_related("session")
        ],
        "hội viên": [
            record(m, skip={"person"})
            for m in Membership.objects.filter(person__user=user).select_related("association")
        ],
        "nhật ký truy cập hồ sơ của bạn": [
            record(entry, skip={"person"}) for entry in log.select_related("user")
        ],
    }
