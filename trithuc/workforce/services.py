"""State changes of the training records; each keeps the program's training figures current."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from trithuc.accounts.models import User
from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import Person
from trithuc.programs.computations import TRAINING
from trithuc.programs.services import computed_figures_refresh

from .choices import EnrollmentStatus
from .models import TrainingCourse, TrainingEnrollment


@transaction.atomic
def training_course_create(
    *,
    actor: User | None,
    kind: str,
    name: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    institution: str = "",
) -> TrainingCourse:
    course = TrainingCourse(
        kind=kind, name=name, start_date=start_date, end_date=end_date, institution=institution
    )
    if end_date and end_date < start_date:
        raise ValidationError({"end_date": "Ngày bế giảng phải sau ngày khai giảng."})
    course.full_clean()
    course._history_user = actor  # type: ignore[attr-defined]
    course.save()
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
    enrollment.full_clean()
    enrollment._history_user = actor  # type: ignore[attr-defined]
    enrollment.save()
    computed_figures_refresh(source=TRAINING, unit_ids={sending_unit.pk}, years={enrollment.year})
    return enrollment


@transaction.atomic
def enrollment_set_status(
    *, actor: User | None, enrollment: TrainingEnrollment, status: str
) -> TrainingEnrollment:
    enrollment.status = status
    enrollment.full_clean()
    enrollment._history_user = actor  # type: ignore[attr-defined]
    enrollment.save(update_fields=["status"])
    computed_figures_refresh(
        source=TRAINING, unit_ids={enrollment.sending_unit_id}, years={enrollment.year}
    )
    return enrollment
