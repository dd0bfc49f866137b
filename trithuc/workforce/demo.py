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


@transaction.atomic
def demo_records_create(*, seed: int = 46) -> int:
    """Ratings of 2024 and 2025, a few honours and attraction cases, so every page has rows."""
    from decimal import Decimal

    from .choices import AttractionStatus, RatingLevel
    from .models import (
        AnnualRating,
        AttractionBudget,
        AttractionCase,
        AttractionPolicy,
        Award,
        AwardType,
    )

    if AnnualRating.objects.exists():
        return 0
    rng = random.Random(seed)
    jobs = list(Employment.objects.current().values_list("person_id", "unit_id").order_by("pk"))
    levels = [
        RatingLevel.EXCELLENT,
        RatingLevel.GOOD,
        RatingLevel.COMPLETED,
        RatingLevel.NOT_COMPLETED,
    ]
    ratings = [
        AnnualRating(
            person_id=person_id,
            unit_id=unit_id,
            year=year,
            level=rng.choices(levels, weights=[15, 60, 22, 3])[0],
        )
        for person_id, unit_id in jobs
        for year in (2024, 2025)
        if rng.random() < 0.7
    ]
    bulk_create_with_history(ratings, AnnualRating, batch_size=1000)
    types = list(
        AwardType.objects.filter(code__in=["giay-khen", "bang-khen-cap-tinh", "cstd-co-so"])
    )
    awards = (
        [
            Award(
                person_id=person_id,
                unit_id=unit_id,
                award_type=rng.choice(types),
                year=year,
                decision_number=f"{100 + n}/QĐ-UBND",
                decision_date=dt.date(year, 12, 15),
                granting_body="Ủy ban nhân dân",
            )
            for n, (person_id, unit_id) in enumerate(rng.sample(jobs, min(60, len(jobs))))
            for year in [rng.choice([2024, 2025])]
        ]
        if types
        else []
    )
    bulk_create_with_history(awards, Award, batch_size=1000)
    policy, _ = AttractionPolicy.objects.get_or_create(
        code="thu-hut-thac-si-bac-si",
        defaults={
            "name": "Thu hút người có trình độ thạc sĩ, bác sĩ về công tác",
            "legal_basis": "Nghị quyết của HĐND tỉnh (dữ liệu mẫu)",
            "eligibility": "Thạc sĩ, bác sĩ chuyên khoa, dưới 35 tuổi",
            "support": "Hỗ trợ một lần 150 triệu đồng",
            "support_amount": Decimal(150_000_000),
            "commitment_years": 5,
        },
    )
    AttractionBudget.objects.get_or_create(
        policy=policy, year=2025, defaults={"allocated": Decimal(1_500_000_000)}
    )
    for n, (person_id, unit_id) in enumerate(rng.sample(jobs, min(8, len(jobs)))):
        decided = n < 5
        AttractionCase.objects.create(
            person_id=person_id,
            unit_id=unit_id,
            policy=policy,
            applied_on=dt.date(2025, 1 + n, 10),
            status=AttractionStatus.APPROVED if decided else AttractionStatus.APPLIED,
            decision_number=f"{20 + n}/QĐ-UBND" if decided else "",
            decision_date=dt.date(2025, 2 + n, 1) if decided else None,
            decision_year=2025 if decided else None,
            commitment_years=5 if decided else None,
        )
    return len(ratings) + len(awards)
