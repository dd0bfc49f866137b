"""Deterministic demo training records and cooperation programmes, so that the demo dashboard shows
every colour: a year met, a year missed, and the year under way at risk."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import Employment
from trithuc.science.models import CooperationProgram

from .choices import CourseKind, EnrollmentStatus
from .models import TrainingCourse, TrainingEnrollment

# (year, kind, classes, people sent): 2024 within the ranges, 2025 short of the intermediate one.
PLAN = [
    (2024, CourseKind.ADVANCED_THEORY, 2, 150),
    (2024, CourseKind.INTERMEDIATE_THEORY, 5, 480),
    (2025, CourseKind.ADVANCED_THEORY, 2, 130),
    (2025, CourseKind.INTERMEDIATE_THEORY, 4, 350),
    (2026, CourseKind.ADVANCED_THEORY, 1, 70),
    (2026, CourseKind.INTERMEDIATE_THEORY, 4, 420),
    (2025, CourseKind.POSTGRADUATE_HOME, 1, 25),
]
COOPERATION = [
    (dt.date(2024, 5, 10), "Hợp tác với Viện Lúa Đồng bằng sông Cửu Long về giống lúa chịu mặn"),
    (dt.date(2024, 9, 2), "Chuyển giao quy trình chế biến khóm Cầu Đúc với Trường Đại học Cần Thơ"),
    (dt.date(2025, 6, 15), "Chương trình chuyên gia chuyển đổi số cho cấp xã"),
]


@transaction.atomic
def demo_training_create(*, seed: int = 45) -> int:
    if TrainingCourse.objects.exists():
        return 0
    rng = random.Random(seed)
    jobs = list(Employment.objects.current().values_list("person_id", "unit_id").order_by("pk"))
    if not jobs:
        return 0
    enrollments: list[TrainingEnrollment] = []
    used: set[tuple[str, int]] = set()
    for year, kind, classes, sent in PLAN:
        courses = [
            TrainingCourse.objects.create(
                kind=kind,
                name=f"{CourseKind(kind).label} khóa {year}-{n + 1}",
                institution="Trường Chính trị tỉnh Hậu Giang"
                if year < 2025
                else "Trường Chính trị thành phố Cần Thơ",
                start_date=dt.date(year, 3 + n, 1),
            )
            for n in range(classes)
        ]
        candidates = [job for job in jobs if (kind, job[0]) not in used]
        for person_id, unit_id in rng.sample(candidates, min(sent, len(candidates))):
            used.add((kind, person_id))
            course = rng.choice(courses)
            enrollments.append(
                TrainingEnrollment(
                    person_id=person_id,
                    course=course,
                    sending_unit_id=unit_id,
                    status=EnrollmentStatus.GRADUATED if year < 2025 else EnrollmentStatus.STUDYING,
                    year=year,
                    kind=kind,
                )
            )
    bulk_create_with_history(enrollments, TrainingEnrollment, batch_size=1000)
    organiser = OrgUnit.objects.filter(code__in=["HG.SKHCN", "CT.SKHCN"]).order_by("code")
    for start, title in COOPERATION:
        unit = organiser.filter(code__startswith="HG" if start.year < 2025 else "CT").first()
        if unit is not None:
            CooperationProgram.objects.create(
                title=title,
                partner=title.split(" với ")[-1],
                organising_unit=unit,
                start_date=start,
                year=start.year,
            )
    return len(enrollments)
