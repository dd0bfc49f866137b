"""Workforce records of the shared small province (root ``conftest.py``): one of each kind kept by
Xã Mới about someone working there, and records about the intellectual's and the reviewer's own
profiles kept by Xã Khác."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from conftest import Units
from trithuc.accounts.models import User
from trithuc.people.models import Person
from trithuc.workforce.tests import factories as make


@dataclass
class Records:
    person: Person  # works in Xã Mới
    own: Person  # the intellectual's own profile, in Xã Khác
    reviewers_own: Person  # the reviewer's own profile, in Xã Khác
    course: object
    enrollment: object
    rating: object
    plan: object
    event: object
    nomination: object
    award: object
    case: object
    own_rating: object
    own_nomination: object
    own_case: object
    reviewers_rating: object


@pytest.fixture
def records(units: Units, users: dict[str, User]) -> Records:
    return build_records(units, users)


def build_records(units: Units, users: dict[str, User]) -> Records:
    person = make.person_at(units.new_commune, "Lê Văn Mới")
    own = make.person_at(units.other_commune, "Đặng Thị Trí", user=users["intellectual"])
    reviewers = make.person_at(units.other_commune, "Phan Văn Biện", user=users["reviewer"])
    course = make.course()
    new = units.new_commune
    return Records(
        person=person,
        own=own,
        reviewers_own=reviewers,
        course=course,
        enrollment=make.enrollment(person, new, of=course),
        rating=make.rating(person, new),
        plan=make.succession_plan(person, new),
        event=make.career_event(person, new),
        nomination=make.nomination(person, new),
        award=make.award(person, new),
        case=make.attraction_case(person, new),
        own_rating=make.rating(own, units.other_commune),
        own_nomination=make.nomination(own, units.other_commune),
        own_case=make.attraction_case(own, units.other_commune),
        reviewers_rating=make.rating(reviewers, units.other_commune, year=2023),
    )
