"""Training: courses, enrolments and their statuses, plans; a graduate's profile gets the
qualification."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model

from trithuc.accounts.models import User
from trithuc.accounts.scoping import role_reach_ids
from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import DegreeLevel, Person, PoliticalTheoryLevel, Qualification
from trithuc.programs.computations import TRAINING
from trithuc.programs.services import computed_figures_refresh

from ..choices import (
    CourseKind,
    EnrollmentStatus,
)
from ..models import (
    TrainingCourse,
    TrainingEnrollment,
    TrainingPlan,
)
from .common import DECIDING_ROLES, check_may_change_unit, move_status, save_as

COURSE_REFUSAL = (
    "Chỉ cơ quan tổ chức đào tạo (sở, ban), cơ quan thường trực Chương trình hoặc quản trị viên "
    "được mở khóa học."
)
ENROLLMENT_TRANSITIONS = {
    EnrollmentStatus.PLANNED: {EnrollmentStatus.STUDYING, EnrollmentStatus.WITHDRAWN},
    EnrollmentStatus.STUDYING: {EnrollmentStatus.GRADUATED, EnrollmentStatus.WITHDRAWN},
    EnrollmentStatus.GRADUATED: set(),
    EnrollmentStatus.WITHDRAWN: set(),
}
# The political-theory level a graduate of each course kind holds (codes of PoliticalTheoryLevel).
THEORY_LEVEL_OF = {
    CourseKind.ELEMENTARY_THEORY: "so-cap",
    CourseKind.INTERMEDIATE_THEORY: "trung-cap",
    CourseKind.ADVANCED_THEORY: "cao-cap",
}


# --- training ----------------------------------------------------------------------------------


@transaction.atomic
def training_course_create(
    *,
    actor: User | None,
    kind: str,
    name: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    institution: str = "",
    degree_code: str = "",
) -> TrainingCourse:
    """Open a course: the bodies that organise training (agency officers such as the political
    school or the organisation board), the program office and administrators."""
    if actor is not None and not (actor.is_superuser or role_reach_ids(actor, DECIDING_ROLES)):
        raise PermissionDenied(COURSE_REFUSAL)
    if end_date and end_date < start_date:
        raise ValidationError({"end_date": "Ngày bế giảng phải sau ngày khai giảng."})
    course = TrainingCourse(
        kind=kind,
        name=name,
        start_date=start_date,
        end_date=end_date,
        institution=institution,
        degree_code=degree_code,
    )
    save_as(course, actor)
    return course


@transaction.atomic
def enrollment_create(
    *,
    actor: User | None,
    person: Person,
    course: TrainingCourse,
    sending_unit: OrgUnit,
    status: str = EnrollmentStatus.PLANNED,
    commits_to_serve_years: int | None = None,
) -> TrainingEnrollment:
    check_may_change_unit(actor, sending_unit)
    if TrainingEnrollment.objects.filter(person=person, course=course).exists():
        raise ValidationError(f"{person} đã có trong danh sách khóa «{course}».")
    enrollment = TrainingEnrollment(
        person=person,
        course=course,
        sending_unit=sending_unit,
        status=status,
        year=course.start_date.year,
        kind=course.kind,
        commits_to_serve_years=commits_to_serve_years,
    )
    save_as(enrollment, actor)
    if status == EnrollmentStatus.GRADUATED:
        _grant_qualification(actor, enrollment)
    computed_figures_refresh(source=TRAINING, unit_ids={sending_unit.pk}, years={enrollment.year})
    return enrollment


@transaction.atomic
def enrollment_set_status(
    *, actor: User | None, enrollment: TrainingEnrollment, status: str
) -> TrainingEnrollment:
    check_may_change_unit(actor, enrollment.sending_unit)
    move_status(enrollment.status, status, ENROLLMENT_TRANSITIONS, EnrollmentStatus)
    enrollment.status = status
    save_as(enrollment, actor, update_fields=["status"])
    if status == EnrollmentStatus.GRADUATED:
        _grant_qualification(actor, enrollment)
    computed_figures_refresh(
        source=TRAINING, unit_ids={enrollment.sending_unit_id}, years={enrollment.year}
    )
    return enrollment


def _grant_qualification(actor: User | None, enrollment: TrainingEnrollment) -> None:
    """A graduate's profile gets what the course gives: a political-theory level (never lowered)
    or, for postgraduate courses, the degree."""
    person, course = enrollment.person, enrollment.course
    if level_code := THEORY_LEVEL_OF.get(course.kind):
        level = _reference(PoliticalTheoryLevel, level_code)
        if person.political_theory is None or person.political_theory.order < level.order:
            person.political_theory = level
            person._history_user = actor  # type: ignore[attr-defined]
            person.save(update_fields=["political_theory"])
        return
    if course.kind in (CourseKind.POSTGRADUATE_HOME, CourseKind.POSTGRADUATE_ABROAD):
        level = _reference(DegreeLevel, course.degree_code or "thac-si")
        qualification = Qualification(
            person=person,
            level=level,
            major=course.name,
            institution=course.institution,
            year=(course.end_date or course.start_date).year,
            country="" if course.kind == CourseKind.POSTGRADUATE_ABROAD else "Việt Nam",
        )
        save_as(qualification, actor)


def _reference(model: type[Model], code: str) -> Any:
    found = model._default_manager.filter(code=code).first()
    if found is None:
        raise ValidationError(
            f"Danh mục «{model._meta.verbose_name}» chưa có mã «{code}»: quản trị viên cần chạy "
            "«trithuc setup» hoặc bổ sung danh mục."
        )
    return found


@transaction.atomic
def training_plan_set(
    *, actor: User | None, unit: OrgUnit, year: int, kind: str, planned: int
) -> TrainingPlan:
    check_may_change_unit(actor, unit)
    plan = TrainingPlan.objects.filter(unit=unit, year=year, kind=kind).first()
    plan = plan or TrainingPlan(unit=unit, year=year, kind=kind)
    plan.planned = planned
    save_as(plan, actor)
    return plan
