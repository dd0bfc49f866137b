"""State changes of the person registry. Every save goes through here: names are normalised and
split, CCCD encrypted, history attributed to the actor, and concurrent edits refused, not lost."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from trithuc.accounts.models import User
from trithuc.core.text import collation_key, fold, normalize_text, proper_case, split_full_name
from trithuc.orgunits.models import OrgUnit

from .cccd import cccd_digest, cccd_problems, encrypt_cccd, mask_cccd, normalize_cccd
from .models import Employment, Person, Qualification

# Plain fields a person form may change; many-to-many fields are set after the save.
PERSON_FIELDS = (
    "birth_date",
    "birth_date_precision",
    "gender",
    "ethnicity",
    "hometown",
    "academic_title",
    "political_theory",
    "state_management",
    "expertise",
    "is_party_member",
    "party_joined_on",
)
PERSON_M2M_FIELDS = ("fields", "pillars", "tags")
NAME_FIELDS = ("full_name", "family_name", "middle_name", "given_name")


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


class EditConflict(Exception):
    """Someone saved the record after the editor opened it; nothing of the editor's was saved."""

    def __init__(
        self, person: Person, changes: list[FieldChange], changed_by: str, changed_at: Any
    ):
        self.person, self.changes = person, changes
        self.changed_by, self.changed_at = changed_by, changed_at
        super().__init__(f"{person.pk} changed by {changed_by}")


@transaction.atomic
def person_create(
    *,
    actor: User | None,
    full_name: str,
    gender: str,
    unit: OrgUnit | None = None,
    position: str = "",
    cccd: str = "",
    family_name: str = "",
    middle_name: str = "",
    given_name: str = "",
    **data: Any,
) -> Person:
    m2m = {name: data.pop(name) for name in PERSON_M2M_FIELDS if name in data}
    person = Person(gender=gender, **data)
    person_apply_name(person, full_name, family_name, middle_name, given_name)
    person_apply_expertise(person)
    if cccd:
        _set_cccd(person, cccd)
    person.full_clean(exclude=["sort_key", "search_text", "expertise_text", "cccd_digest"])
    person._history_user = actor  # type: ignore[attr-defined]
    person.save()
    for name, values in m2m.items():
        getattr(person, name).set(values)
    if unit is not None:
        employment_add(actor=actor, person=person, unit=unit, position=position)
    return person


@transaction.atomic
def person_update(
    *,
    actor: User | None,
    person_id: int,
    expected_version: int,
    data: dict[str, Any],
    cccd: str | None = None,
) -> Person:
    """Save ``data`` over the version the editor loaded, or raise :class:`EditConflict`.

    The version check and bump is one conditional UPDATE, so of two editors who loaded the same
    version exactly one wins on either database; the other gets the conflict with their input intact.
    """
    if not Person.objects.filter(pk=person_id, version=expected_version).update(
        version=F("version") + 1
    ):
        raise _conflict(Person.objects.get(pk=person_id), expected_version)
    person = Person.objects.get(pk=person_id)
    if any(name in data for name in NAME_FIELDS):
        person_apply_name(person, *(data.get(name, getattr(person, name)) for name in NAME_FIELDS))
    for name in PERSON_FIELDS:
        if name in data:
            setattr(person, name, data[name])
    person_apply_expertise(person)
    if cccd is not None:
        _set_cccd(person, cccd)
    person.full_clean(exclude=["sort_key", "search_text", "expertise_text", "cccd_digest"])
    person._history_user = actor  # type: ignore[attr-defined]
    person.save()
    for name in PERSON_M2M_FIELDS:
        if name in data:
            getattr(person, name).set(data[name])
    _staff_figures_refresh(set(person.employments.values_list("unit_id", flat=True)))
    return person


def _staff_figures_refresh(unit_ids: set[int]) -> None:
    """The program's staff structure figures (young, women, ethnic minority) follow the registry."""
    from trithuc.programs.computations import STAFF
    from trithuc.programs.services import computed_figures_refresh

    if unit_ids:
        computed_figures_refresh(source=STAFF, unit_ids=unit_ids)


def _conflict(person: Person, expected_version: int) -> EditConflict:
    records = person.history.order_by("history_date")
    base = records.filter(version=expected_version).last()
    latest = records.last()
    changes: list[FieldChange] = []
    if base is not None and latest is not None:
        delta = latest.diff_against(
            base,
            excluded_fields=[
                "version",
                "updated_at",
                "sort_key",
                "search_text",
                "expertise_text",
                "cccd_ciphertext",
            ],
        )
        for change in delta.changes:
            label = str(Person._meta.get_field(change.field).verbose_name)
            changes.append(FieldChange(change.field, label, _show(change.old), _show(change.new)))
    who = latest.history_user if latest is not None else None
    return EditConflict(
        person,
        changes,
        changed_by=str(who) if who else "một người dùng khác",
        changed_at=latest.history_date if latest is not None else None,
    )


def _show(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list):
        return f"{len(value)} mục"
    return str(value)


def person_apply_name(person: Person, full_name: str, family: str, middle: str, given: str) -> None:
    """Store the name in NFC and proper case, with its parts. Parts given by the user are kept when
    they add up to the full name (compound family names such as "Tôn Nữ" need that); otherwise
    the name is split as most Vietnamese names are: first word, middle, last word."""
    full = proper_case(full_name)
    if not full:
        raise ValidationError({"full_name": "Cần nhập họ và tên."})
    parts = tuple(proper_case(p) for p in (family, middle, given))
    if not parts[2] or normalize_text(" ".join(p for p in parts if p)) != full:
        parts = split_full_name(full)
    person.full_name = full
    person.family_name, person.middle_name, person.given_name = parts
    person.sort_key = collation_key(" ".join((parts[2], parts[0], parts[1])))
    person.search_text = fold(full)


def person_apply_expertise(person: Person) -> None:
    """Keep the folded copy of the expertise that search indexes (people/search.py)."""
    person.expertise_text = fold(person.expertise)


def _set_cccd(person: Person, raw: str) -> None:
    number = normalize_cccd(raw)
    if not number:
        person.cccd_ciphertext, person.cccd_digest, person.cccd_masked = "", None, ""
        return
    birth_year = person.birth_date.year if person.birth_date else None
    problems = cccd_problems(number, gender=person.gender, birth_year=birth_year)
    if problems:
        raise ValidationError({"cccd": problems})
    digest = cccd_digest(number)
    if Person.objects.filter(cccd_digest=digest).exclude(pk=person.pk).exists():
        raise ValidationError(
            {
                "cccd": "Số CCCD này đã có trong một hồ sơ khác: mỗi người chỉ có một hồ sơ. "
                "Hãy tìm hồ sơ đó và cập nhật thay vì tạo mới."
            }
        )
    person.cccd_ciphertext = encrypt_cccd(number)
    person.cccd_digest = digest
    person.cccd_masked = mask_cccd(number)


def person_find_by_cccd(raw: str) -> Person | None:
    number = normalize_cccd(raw)
    return Person.objects.filter(cccd_digest=cccd_digest(number)).first() if number else None


@transaction.atomic
def employment_add(
    *,
    actor: User | None,
    person: Person,
    unit: OrgUnit,
    position: str = "",
    sector: str = "public",
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
) -> Employment:
    employment = Employment(
        person=person,
        unit=unit,
        position=position,
        sector=sector,
        start_date=start_date,
        end_date=end_date,
    )
    if start_date and end_date and end_date < start_date:
        raise ValidationError({"end_date": "Ngày kết thúc phải sau ngày bắt đầu."})
    employment.full_clean()
    employment._history_user = actor  # type: ignore[attr-defined]
    employment.save()
    _staff_figures_refresh({unit.pk})
    return employment


@transaction.atomic
def employment_end(*, actor: User | None, employment: Employment, end_date: dt.date) -> Employment:
    if employment.start_date and end_date < employment.start_date:
        raise ValidationError({"end_date": "Ngày kết thúc phải sau ngày bắt đầu."})
    employment.end_date = end_date
    employment._history_user = actor  # type: ignore[attr-defined]
    employment.save(update_fields=["end_date"])
    _staff_figures_refresh({employment.unit_id})
    return employment


@transaction.atomic
def qualification_add(*, actor: User | None, person: Person, **data: Any) -> Qualification:
    qualification = Qualification(person=person, **data)
    qualification.full_clean()
    qualification._history_user = actor  # type: ignore[attr-defined]
    qualification.save()
    return qualification
