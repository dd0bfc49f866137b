"""Training records: who may send whom, each status change, the figures they feed, and the
qualification a graduate gets on their profile."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from trithuc.people.reference import reference_data_load
from trithuc.people.tests.factories import PersonFactory
from trithuc.programs.computations import REGISTRY
from trithuc.workforce.choices import CourseKind, EnrollmentStatus
from trithuc.workforce.selectors.tables import training_plan_vs_actual
from trithuc.workforce.services import (
    enrollment_create,
    enrollment_set_status,
    training_course_create,
    training_plan_set,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(db):
    reference_data_load()
    return training_course_create(
        actor=None,
        kind=CourseKind.ADVANCED_THEORY,
        name="Lớp cao cấp lý luận chính trị K75",
        start_date=dt.date(2025, 3, 1),
        end_date=dt.date(2026, 9, 1),
    )


def test_officer_sends_someone_from_own_commune_but_not_from_another(units, users, course):
    own = PersonFactory(full_name="Nguyễn Văn An", unit=units.other_commune)
    enrollment = enrollment_create(
        actor=users["officer_other_commune"],
        person=own,
        course=course,
        sending_unit=units.other_commune,
    )
    assert enrollment.year == 2025
    stranger = PersonFactory(full_name="Trần Văn Bình", unit=units.new_commune)
    with pytest.raises(PermissionDenied, match="Xã Mới"):
        enrollment_create(
            actor=users["officer_other_commune"],
            person=stranger,
            course=course,
            sending_unit=units.new_commune,
        )


def test_leader_cannot_send_anyone(units, users, course):
    person = PersonFactory(full_name="Lê Văn Cường", unit=units.other_commune)
    with pytest.raises(PermissionDenied):
        enrollment_create(
            actor=users["leader"], person=person, course=course, sending_unit=units.other_commune
        )


def test_status_moves_forward_only_and_a_bad_move_says_what_is_allowed(units, course):
    person = PersonFactory(full_name="Phạm Thị Dung", unit=units.other_commune)
    enrollment = enrollment_create(
        actor=None, person=person, course=course, sending_unit=units.other_commune
    )
    with pytest.raises(ValidationError, match="chỉ chuyển được sang: «Đang học», «Thôi học»"):
        enrollment_set_status(actor=None, enrollment=enrollment, status=EnrollmentStatus.GRADUATED)
    enrollment_set_status(actor=None, enrollment=enrollment, status=EnrollmentStatus.STUDYING)
    enrollment_set_status(actor=None, enrollment=enrollment, status=EnrollmentStatus.GRADUATED)
    with pytest.raises(ValidationError, match="không"):
        enrollment_set_status(actor=None, enrollment=enrollment, status=EnrollmentStatus.STUDYING)


def test_graduate_gets_the_political_theory_level_on_the_profile(units, course):
    person = PersonFactory(full_name="Võ Văn Em", unit=units.other_commune)
    enrollment = enrollment_create(
        actor=None,
        person=person,
        course=course,
        sending_unit=units.other_commune,
        status=EnrollmentStatus.STUDYING,
    )
    assert person.political_theory is None
    enrollment_set_status(actor=None, enrollment=enrollment, status=EnrollmentStatus.GRADUATED)
    person.refresh_from_db()
    assert person.political_theory.code == "cao-cap"


def test_postgraduate_graduate_gets_the_degree(units, course):
    master = training_course_create(
        actor=None,
        kind=CourseKind.POSTGRADUATE_HOME,
        name="Thạc sĩ Quản lý công",
        institution="Học viện Hành chính Quốc gia",
        start_date=dt.date(2024, 10, 1),
        end_date=dt.date(2026, 6, 30),
        degree_code="thac-si",
    )
    person = PersonFactory(full_name="Đỗ Thị Giang", unit=units.other_commune)
    enrollment = enrollment_create(
        actor=None,
        person=person,
        course=master,
        sending_unit=units.other_commune,
        status=EnrollmentStatus.STUDYING,
    )
    enrollment_set_status(actor=None, enrollment=enrollment, status=EnrollmentStatus.GRADUATED)
    degree = person.qualifications.get()
    assert (degree.level.code, degree.year, degree.institution) == (
        "thac-si",
        2026,
        "Học viện Hành chính Quốc gia",
    )


def test_trainees_per_level_per_year_per_unit_and_plan_against_actual(units, course):
    for name in ("Nguyễn Văn Một", "Trần Văn Hai", "Lê Văn Ba"):
        person = PersonFactory(full_name=name, unit=units.other_commune)
        enrollment_create(
            actor=None,
            person=person,
            course=course,
            sending_unit=units.other_commune,
            status=EnrollmentStatus.STUDYING,
        )
    planned_only = PersonFactory(full_name="Huỳnh Văn Tư", unit=units.other_commune)
    enrollment_create(
        actor=None, person=planned_only, course=course, sending_unit=units.other_commune
    )
    counts = REGISTRY["training_advanced_theory"].counts({units.other_commune.pk}, [2025])
    assert counts == {(units.other_commune.pk, 2025): 3}
    training_plan_set(
        actor=None, unit=units.other_commune, year=2025, kind=CourseKind.ADVANCED_THEORY, planned=5
    )
    [row] = training_plan_vs_actual(unit=units.new_province, year=2025)
    assert (row.unit, row.planned, row.actual, row.gap) == (units.other_commune, 5, 3, -2)


def test_only_bodies_that_organise_training_open_a_course(users):
    for role in ("officer_other_commune", "leader", "reviewer", "intellectual"):
        with pytest.raises(PermissionDenied, match="được mở khóa học"):
            training_course_create(
                actor=users[role],
                kind=CourseKind.INTERMEDIATE_THEORY,
                name="Lớp trung cấp K12",
                start_date=dt.date(2026, 3, 1),
            )
    opened = training_course_create(
        actor=users["agency_officer"],
        kind=CourseKind.INTERMEDIATE_THEORY,
        name="Lớp trung cấp K12",
        start_date=dt.date(2026, 3, 1),
    )
    assert opened.pk is not None
