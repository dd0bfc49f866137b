"""Builders of workforce records, through the services as the pages do (``actor=None``: the
system itself). Each takes what the test cares about and fills in the rest."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import count

from trithuc.accounts.models import User
from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import Person
from trithuc.people.tests.factories import PersonFactory
from trithuc.workforce import services
from trithuc.workforce.choices import (
    AttractionStatus,
    CareerEventKind,
    CourseKind,
    EnrollmentStatus,
    NominationStatus,
    RatingLevel,
)
from trithuc.workforce.models import (
    AttractionBudget,
    AttractionCase,
    AttractionPolicy,
    AwardCriterion,
    AwardNomination,
    AwardType,
    PositionStandard,
    TrainingCourse,
)

_serial = count(1)


def person_at(unit: OrgUnit, full_name: str, *, user: User | None = None) -> Person:
    person = PersonFactory(full_name=full_name, unit=unit)
    if user is not None:
        person.user = user
        person.save(update_fields=["user"])
    return person


def course(*, kind: str = CourseKind.FOSTERING, start: dt.date = dt.date(2025, 3, 1)):
    return services.training_course_create(
        actor=None, kind=kind, name=f"Lớp bồi dưỡng số {next(_serial)}", start_date=start
    )


def enrollment(person: Person, unit: OrgUnit, *, of: TrainingCourse | None = None, status=None):
    return services.enrollment_create(
        actor=None,
        person=person,
        course=of or course(),
        sending_unit=unit,
        status=status or EnrollmentStatus.PLANNED,
    )


def rating(person: Person, unit: OrgUnit, *, year: int = 2024, level=RatingLevel.GOOD):
    return services.rating_set(actor=None, person=person, year=year, level=level, unit=unit)


def position(**standards) -> PositionStandard:
    serial = next(_serial)
    return PositionStandard.objects.create(
        code=f"chuc-danh-{serial}", name=f"Chức danh {serial}", **standards
    )


def succession_plan(person: Person, unit: OrgUnit, *, of: PositionStandard | None = None):
    return services.succession_plan_add(
        actor=None, person=person, unit=unit, position=of or position(), term="2025-2030"
    )


def career_event(person: Person, unit: OrgUnit):
    return services.career_event_record(
        actor=None,
        person=person,
        kind=CareerEventKind.APPOINTMENT,
        unit=unit,
        position="Phó Chủ tịch UBND xã",
        decision_number=f"{next(_serial)}/QĐ-UBND",
        decision_date=dt.date(2025, 8, 1),
        effective_date=dt.date(2025, 8, 15),
    )


def award_type(*, pass_score: Decimal | None = None) -> AwardType:
    serial = next(_serial)
    kind = AwardType.objects.create(
        code=f"hinh-thuc-{serial}", name=f"Bằng khen thử nghiệm {serial}", pass_score=pass_score
    )
    AwardCriterion.objects.create(award_type=kind, name="Kết quả được ứng dụng", max_points=60)
    AwardCriterion.objects.create(
        award_type=kind, name="Công trình công bố", max_points=40, order=1
    )
    return kind


def nomination(
    person: Person, unit: OrgUnit, *, status=NominationStatus.DRAFT, of: AwardType | None = None
) -> AwardNomination:
    found = services.nomination_create(
        actor=None,
        person=person,
        award_type=of or award_type(),
        year=2025,
        unit=unit,
        results_applied="Quy trình canh tác lúa giảm phát thải được ba hợp tác xã áp dụng",
    )
    if status != NominationStatus.DRAFT:
        services.nomination_submit(actor=None, nomination=found)
    if status in (NominationStatus.APPROVED, NominationStatus.REJECTED):
        services.nomination_decide(
            actor=None,
            nomination=found,
            approve=status == NominationStatus.APPROVED,
            note="Hội đồng thống nhất.",
        )
    return found


def award(person: Person, unit: OrgUnit, *, of: AwardType | None = None, year: int = 2025):
    return services.award_record(
        actor=None,
        person=person,
        award_type=of or award_type(),
        year=year,
        decision_number=f"{next(_serial)}/QĐ-UBND",
        decision_date=dt.date(year, 5, 1),
        granting_body="UBND tỉnh",
        unit=unit,
    )


def policy(*, year: int = 2025, allocated: Decimal = Decimal(1_000_000_000)) -> AttractionPolicy:
    serial = next(_serial)
    found = AttractionPolicy.objects.create(
        code=f"chinh-sach-{serial}",
        name=f"Thu hút thạc sĩ về công tác ở xã ({serial})",
        legal_basis="Nghị quyết HĐND thử nghiệm",
        eligibility="Thạc sĩ trở lên",
        support="Hỗ trợ một lần",
        support_amount=Decimal(100_000_000),
        commitment_years=5,
    )
    AttractionBudget.objects.create(policy=found, year=year, allocated=allocated)
    return found


def attraction_case(
    person: Person,
    unit: OrgUnit,
    *,
    status=AttractionStatus.APPLIED,
    of: AttractionPolicy | None = None,
) -> AttractionCase:
    """A case walked through the services up to ``status`` (applied → appraised → approved →
    serving)."""
    case = services.attraction_case_apply(
        actor=None, person=person, policy=of or policy(), unit=unit, applied_on=dt.date(2025, 2, 1)
    )
    path = [AttractionStatus.APPRAISED, AttractionStatus.APPROVED, AttractionStatus.SERVING]
    steps = {
        AttractionStatus.APPRAISED: lambda: services.attraction_case_appraise(
            actor=None, case=case, passed=True, note="Đủ điều kiện."
        ),
        AttractionStatus.APPROVED: lambda: services.attraction_case_decide(
            actor=None, case=case, decision_number="9/QĐ-UBND", decision_date=dt.date(2025, 3, 1)
        ),
        AttractionStatus.SERVING: lambda: services.attraction_case_start_service(
            actor=None, case=case, service_start=dt.date(2025, 4, 1)
        ),
    }
    for step in path[: path.index(status) + 1] if status in path else []:
        steps[step]()
    return case
