"""Ratings, succession and appointments: one rating per person and year, who may record them,
and an appointment from the succession pool closing the plan it fulfils."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from trithuc.people.choices import Gender
from trithuc.people.reference import reference_data_load
from trithuc.people.tests.factories import PersonFactory
from trithuc.workforce.choices import CareerEventKind, RatingLevel, SuccessionStatus
from trithuc.workforce.models import AnnualRating, PositionStandard
from trithuc.workforce.selectors.tables import structure_table
from trithuc.workforce.services import (
    career_event_record,
    rating_set,
    succession_plan_add,
    succession_plan_remove,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def position(db):
    reference_data_load()
    return PositionStandard.objects.create(code="pho-chu-tich-xa", name="Phó Chủ tịch UBND xã")


def test_a_rating_is_corrected_not_doubled(units, users):
    person = PersonFactory(full_name="Nguyễn Văn Bảo", unit=units.other_commune)
    officer = users["officer_other_commune"]
    rating_set(
        actor=officer,
        person=person,
        year=2025,
        level=RatingLevel.COMPLETED,
        unit=units.other_commune,
    )
    rating_set(
        actor=officer, person=person, year=2025, level=RatingLevel.GOOD, unit=units.other_commune
    )
    assert list(AnnualRating.objects.values_list("year", "level")) == [(2025, RatingLevel.GOOD)]
    assert AnnualRating.history.count() == 2


def test_leaders_and_other_communes_cannot_rate(units, users):
    person = PersonFactory(full_name="Trần Văn Cảnh", unit=units.other_commune)
    for role in ("leader", "officer_new_commune", "reviewer"):
        with pytest.raises(PermissionDenied):
            rating_set(
                actor=users[role],
                person=person,
                year=2025,
                level=RatingLevel.GOOD,
                unit=units.other_commune,
            )


def test_appointment_from_the_pool_fulfils_the_plan(units, users, position):
    person = PersonFactory(full_name="Lê Thị Diễm", unit=units.other_commune)
    plan = succession_plan_add(
        actor=None, person=person, unit=units.other_commune, position=position, term="2025-2030"
    )
    with pytest.raises(ValidationError, match="đã có trong quy hoạch"):
        succession_plan_add(
            actor=None, person=person, unit=units.other_commune, position=position, term="2025-2030"
        )
    career_event_record(
        actor=users["officer_other_commune"],
        person=person,
        kind=CareerEventKind.APPOINTMENT,
        unit=units.other_commune,
        position="Phó Chủ tịch UBND xã",
        decision_number="12/QĐ-UBND",
        decision_date=dt.date(2025, 8, 1),
        effective_date=dt.date(2025, 8, 15),
        fills_plan=plan,
    )
    plan.refresh_from_db()
    assert plan.status == SuccessionStatus.APPOINTED
    with pytest.raises(ValidationError, match="đang trong quy hoạch"):
        succession_plan_remove(actor=None, plan=plan)


def test_an_appointment_cannot_take_effect_before_its_decision(units, position):
    person = PersonFactory(full_name="Phạm Văn Giàu", unit=units.other_commune)
    with pytest.raises(ValidationError, match="trước ngày ký quyết định"):
        career_event_record(
            actor=None,
            person=person,
            kind=CareerEventKind.ROTATION,
            unit=units.other_commune,
            position="Công chức",
            decision_number="1/QĐ",
            decision_date=dt.date(2025, 8, 1),
            effective_date=dt.date(2025, 7, 1),
        )


def test_structure_table_counts_the_groups_of_da_01_by_unit(units, users):
    PersonFactory(
        full_name="Nguyễn Thị Hoa",
        gender=Gender.FEMALE,
        birth_date=dt.date(1998, 1, 1),
        unit=units.new_commune,
        position="Chủ tịch UBND xã",
    )
    PersonFactory(full_name="Trần Văn Nam", birth_date=dt.date(1970, 1, 1), unit=units.commune_one)
    PersonFactory(full_name="Lê Văn Khác", birth_date=dt.date(1980, 1, 1), unit=units.other_commune)
    rows = {
        row.unit.name: row
        for row in structure_table(
            user=users["program_office"], unit=units.new_province, day=dt.date(2026, 1, 1)
        )
    }
    merged = rows["Xã Mới"]  # its own officer plus Xã Một's, carried by history
    assert (merged.total, merged.young, merged.women, merged.key_commune_cadres) == (2, 1, 1, 1)
    assert merged.share(merged.women) == "50.0 %"
    assert (rows["Xã Khác"].total, rows["Xã Khác"].young) == (1, 0)
