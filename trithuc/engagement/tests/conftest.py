"""Engagement fixtures: the intellectual with a profile and consent, a second intellectual, and a
draft of the Sở Nội vụ (the agency officer's unit) open for comments today.

Consultation moderators: the agency officer (Sở Nội vụ) and the program office.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import Units, make_program, make_user
from trithuc.accounts.choices import Role
from trithuc.accounts.models import User
from trithuc.core.dates import today
from trithuc.engagement import services
from trithuc.engagement.models import Consultation
from trithuc.people.models import Field
from trithuc.people.tests.factories import PersonFactory
from trithuc.privacy.services import consent_give
from trithuc.programs.models import Program

SECTIONS = [
    ("Điều 1. Phạm vi điều chỉnh", "Quy định này áp dụng cho trí thức.\nKhông áp dụng cho khách."),
    ("Điều 2. Chính sách hỗ trợ", "Hỗ trợ 50 triệu đồng mỗi người."),
]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def field_agri(db) -> Field:
    group = Field.objects.create(code="4", name="Khoa học nông nghiệp")
    return Field.objects.create(code="401", name="Trồng trọt", parent=group)


@pytest.fixture
def people(units: Units, users: dict[str, User], field_agri: Field) -> dict[str, User]:
    """Two intellectuals with profiles and consent in force: ``intellectual`` (agronomist, works at
    Xã Mới) and ``colleague`` (no field). ``newcomer`` has a profile but no consent."""
    intellectual = users["intellectual"]
    person = PersonFactory(
        full_name="Nguyễn Văn An", unit=units.new_commune, user=intellectual, fields=[field_agri]
    )
    assert person.user == intellectual
    colleague = make_user("dongnghiep", Role.INTELLECTUAL, None)
    PersonFactory(full_name="Trần Thị Bích", user=colleague)
    newcomer = make_user("nguoimoi", Role.INTELLECTUAL, None)
    PersonFactory(full_name="Lê Hoàng Nam", user=newcomer)
    consent_give(intellectual)
    consent_give(colleague)
    return {**users, "colleague": colleague, "newcomer": newcomer}


@pytest.fixture
def consultation(units: Units, people: dict[str, User]) -> Consultation:
    consultation = services.consultation_create(
        actor=people["agency_officer"],
        unit=units.department,
        title="Dự thảo Quy định hỗ trợ trí thức",
        opens_on=today() - dt.timedelta(days=3),
        closes_on=today() + dt.timedelta(days=10),
        sections=SECTIONS,
    )
    return services.consultation_publish(actor=people["agency_officer"], consultation=consultation)


def close(consultation: Consultation) -> Consultation:
    """Move the comment period into the past, as if its last day had gone."""
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=today() - dt.timedelta(days=20), closes_on=today() - dt.timedelta(days=1)
    )
    consultation.refresh_from_db()
    return consultation


@pytest.fixture
def program(units: Units) -> Program:
    return make_program(units)
