"""An intellectual's own area: signing up (with consent), editing their own profile, giving and
withdrawing consent.

Sign-up never claims an existing registry record by name: a ``Person`` is linked only when the
CCCD given matches its record (found by the keyed hash) and the birth date matches too, and the
record has no account yet. Otherwise a new ``Person`` is made; if the CCCD belongs to a record
that does not match, sign-up is refused with a message that reveals nothing about that record.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from trithuc.accounts.models import User
from trithuc.accounts.services import user_create
from trithuc.people.cccd import cccd_problems, normalize_cccd
from trithuc.people.models import Person
from trithuc.people.services import person_create, person_find_by_cccd, person_update
from trithuc.privacy.models import Consent
from trithuc.privacy.services import consent_give, consent_withdraw

# What an intellectual may change on their own profile; the rest is kept by their unit.
SELF_EDITABLE_FIELDS = ("hometown", "expertise", "fields")

CCCD_TAKEN = (
    "Số CCCD này không đăng ký được tài khoản mới. Nếu bạn đã có tài khoản, hãy đăng nhập; nếu "
    "không, liên hệ cơ quan thường trực Chương trình để được xác minh."
)


def _claimable(person: Person, birth_date: dt.date) -> bool:
    return person.user_id is None and person.birth_date == birth_date


@transaction.atomic
def intellectual_sign_up(
    *,
    username: str,
    password: str,
    full_name: str,
    gender: str,
    birth_date: dt.date,
    cccd: str,
    email: str = "",
    consent: bool,
) -> User:
    """A new account with the intellectual role, its ``Person`` linked or created, and the
    consent to the current notice recorded. Nothing is stored if any check fails."""
    if not consent:
        raise ValidationError(
            {"consent": "Cần đồng ý với thông báo xử lý dữ liệu cá nhân để đăng ký tham gia."}
        )
    if User.objects.filter(username__iexact=username.strip()).exists():
        raise ValidationError({"username": "Tên đăng nhập đã có người dùng; hãy chọn tên khác."})
    number = normalize_cccd(cccd)
    problems = cccd_problems(number, gender=gender, birth_year=birth_date.year)
    if problems:
        raise ValidationError({"cccd": problems})
    existing = person_find_by_cccd(number)
    if existing is not None and not _claimable(existing, birth_date):
        raise ValidationError({"cccd": CCCD_TAKEN})
    try:
        validate_password(password, User(username=username, first_name=full_name))
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user = user_create(
        username=username.strip(), password=password, full_name=full_name, email=email
    )
    if existing is not None:
        person = existing
        person.user = user
        person._history_user = user  # type: ignore[attr-defined]
        person._change_reason = "Tự đăng ký: khớp số CCCD và ngày sinh"  # type: ignore[attr-defined]
        person.save(update_fields=["user"])
    else:
        person_create(
            actor=user,
            full_name=full_name,
            gender=gender,
            birth_date=birth_date,
            cccd=number,
            user=user,
        )
    consent_give(user)
    return user


@transaction.atomic
def my_profile_update(*, actor: User, expected_version: int, data: dict[str, Any]) -> Person:
    person = Person.objects.filter(user=actor).first()
    if person is None:
        raise PermissionDenied("Tài khoản này chưa gắn với hồ sơ trí thức nào.")
    allowed = {name: value for name, value in data.items() if name in SELF_EDITABLE_FIELDS}
    return person_update(
        actor=actor, person_id=person.pk, expected_version=expected_version, data=allowed
    )


def participation_consent_give(*, actor: User) -> Consent:
    return consent_give(actor)


def participation_consent_withdraw(*, actor: User) -> str:
    """Withdraw the consent in force. Returns what happens next, for the page to say: nothing new
    may be sent; what was given stays, as the notice said, for the retention period."""
    consent_withdraw(actor)
    years = settings.TRITHUC_CONSENT_RETENTION_YEARS
    return (
        "Bạn đã rút lại đồng ý. Từ nay bạn không gửi được góp ý, hiến kế, câu hỏi hay đăng ký dự "
        "đối thoại. Các ý kiến đã gửi vẫn được lưu làm hồ sơ lấy ý kiến và được xóa hoặc ẩn danh "
        f"sau tối đa {years} năm, trừ khi pháp luật về lưu trữ quy định khác; bạn vẫn rút lại "
        "được từng ý kiến chưa được trả lời và tải về toàn bộ dữ liệu của mình."
    )
