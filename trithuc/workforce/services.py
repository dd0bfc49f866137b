"""State changes of the workforce records.

Each function is one verb, keyword-only, atomic, and keeps the history user. Who may do it is
checked here: officers who may change records of the unit (the one scoping rule) create and edit;
decisions (a nomination's outcome, an attraction case's appraisal and decision) need an agency
officer, the program office or an administrator whose assignment reaches the unit. Figures the
program computes from these records are recounted in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model

from trithuc.accounts.choices import Role
from trithuc.accounts.models import User
from trithuc.accounts.scoping import Action, may_act_in_role, unit_ids_in_scope
from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import DegreeLevel, Person, PoliticalTheoryLevel, Qualification
from trithuc.programs.computations import ATTRACTION, AWARDS, TRAINING
from trithuc.programs.services import computed_figures_refresh

from .choices import (
    ATTRACTION_TRANSITIONS,
    NOMINATION_TRANSITIONS,
    AttractionStatus,
    CourseKind,
    EnrollmentStatus,
    NominationStatus,
    SuccessionStatus,
)
from .models import (
    AnnualRating,
    AttractionCase,
    AttractionPolicy,
    Award,
    AwardNomination,
    AwardType,
    CareerEvent,
    Disbursement,
    NominationScore,
    PositionStandard,
    SuccessionPlan,
    TrainingCourse,
    TrainingEnrollment,
    TrainingPlan,
)

DECIDING_ROLES = frozenset({Role.AGENCY_OFFICER, Role.PROGRAM_OFFICE, Role.ADMINISTRATOR})
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


# --- shared checks -----------------------------------------------------------------------------


def check_may_change_unit(actor: User | None, unit: OrgUnit) -> None:
    """Records of ``unit`` are written by users who may change its records. ``actor=None`` is the
    system itself (setup, imports run by a command)."""
    if actor is None or actor.is_superuser:
        return
    if unit.pk not in unit_ids_in_scope(actor, Action.CHANGE):
        raise PermissionDenied(f"Bạn không được cập nhật hồ sơ của đơn vị «{unit.name}».")


def check_may_decide(actor: User | None, unit_id: int, what: str) -> None:
    if actor is None or may_act_in_role(actor, DECIDING_ROLES, unit_id):
        return
    raise PermissionDenied(
        f"Chỉ cơ quan chuyên môn (sở, ban) hoặc cơ quan thường trực Chương trình mới được {what}."
    )


def _move(current: str, target: str, transitions: dict, labels: Any) -> None:
    if target not in transitions[current]:
        allowed = ", ".join(f"«{s.label}»" for s in labels if s in transitions[current]) or "không"
        raise ValidationError(
            f"Không thể chuyển từ «{labels(current).label}» sang «{labels(target).label}». "
            f"Từ trạng thái này chỉ chuyển được sang: {allowed}."
        )


def _save(obj: Model, actor: User | None, **save_kwargs: Any) -> None:
    obj.full_clean()
    obj._history_user = actor  # type: ignore[attr-defined]
    obj.save(**save_kwargs)


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
    _save(course, actor)
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
    _save(enrollment, actor)
    if status == EnrollmentStatus.GRADUATED:
        _grant_qualification(actor, enrollment)
    computed_figures_refresh(source=TRAINING, unit_ids={sending_unit.pk}, years={enrollment.year})
    return enrollment


@transaction.atomic
def enrollment_set_status(
    *, actor: User | None, enrollment: TrainingEnrollment, status: str
) -> TrainingEnrollment:
    check_may_change_unit(actor, enrollment.sending_unit)
    _move(enrollment.status, status, ENROLLMENT_TRANSITIONS, EnrollmentStatus)
    enrollment.status = status
    _save(enrollment, actor, update_fields=["status"])
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
        _save(qualification, actor)


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
    _save(plan, actor)
    return plan


# --- ratings, succession, careers --------------------------------------------------------------


@transaction.atomic
def rating_set(
    *,
    actor: User | None,
    person: Person,
    year: int,
    level: str,
    unit: OrgUnit,
    note: str = "",
) -> AnnualRating:
    """Record (or correct) a person's rating for a year: one rating per person and year."""
    check_may_change_unit(actor, unit)
    rating = AnnualRating.objects.filter(person=person, year=year).first()
    if rating is not None and rating.unit_id != unit.pk:
        check_may_change_unit(actor, rating.unit)
    rating = rating or AnnualRating(person=person, year=year)
    rating.level, rating.unit, rating.note = level, unit, note
    _save(rating, actor)
    return rating


@transaction.atomic
def succession_plan_add(
    *,
    actor: User | None,
    person: Person,
    unit: OrgUnit,
    position: PositionStandard,
    term: str,
    decision_number: str = "",
    decision_date: dt.date | None = None,
) -> SuccessionPlan:
    check_may_change_unit(actor, unit)
    if SuccessionPlan.objects.filter(
        person=person, unit=unit, position=position, term=term
    ).exists():
        raise ValidationError(f"{person} đã có trong quy hoạch «{position}» nhiệm kỳ {term}.")
    plan = SuccessionPlan(
        person=person,
        unit=unit,
        position=position,
        term=term,
        decision_number=decision_number,
        decision_date=decision_date,
    )
    _save(plan, actor)
    return plan


@transaction.atomic
def succession_plan_remove(*, actor: User | None, plan: SuccessionPlan) -> SuccessionPlan:
    check_may_change_unit(actor, plan.unit)
    if plan.status != SuccessionStatus.ACTIVE:
        raise ValidationError("Chỉ đưa ra khỏi quy hoạch người đang trong quy hoạch.")
    plan.status = SuccessionStatus.REMOVED
    _save(plan, actor, update_fields=["status"])
    return plan


@transaction.atomic
def career_event_record(
    *,
    actor: User | None,
    person: Person,
    kind: str,
    unit: OrgUnit,
    position: str,
    decision_number: str,
    decision_date: dt.date,
    effective_date: dt.date,
    from_unit: OrgUnit | None = None,
    fills_plan: SuccessionPlan | None = None,
) -> CareerEvent:
    """An appointment or move with its decision. Appointing someone from the succession pool marks
    their plan as fulfilled."""
    check_may_change_unit(actor, unit)
    if effective_date < decision_date:
        raise ValidationError(
            {"effective_date": "Ngày hiệu lực không thể trước ngày ký quyết định."}
        )
    event = CareerEvent(
        person=person,
        kind=kind,
        unit=unit,
        from_unit=from_unit,
        position=position,
        decision_number=decision_number,
        decision_date=decision_date,
        effective_date=effective_date,
    )
    _save(event, actor)
    if fills_plan is not None:
        if fills_plan.person_id != person.pk:
            raise ValidationError("Quy hoạch được chọn là của người khác.")
        fills_plan.status = SuccessionStatus.APPOINTED
        _save(fills_plan, actor, update_fields=["status"])
    return event


# --- honours -----------------------------------------------------------------------------------


@transaction.atomic
def nomination_create(
    *,
    actor: User | None,
    person: Person,
    award_type: AwardType,
    year: int,
    unit: OrgUnit,
    **evidence: str,
) -> AwardNomination:
    check_may_change_unit(actor, unit)
    if AwardNomination.objects.filter(person=person, award_type=award_type, year=year).exists():
        raise ValidationError(f"{person} đã được đề nghị «{award_type}» năm {year}.")
    nomination = AwardNomination(
        person=person, award_type=award_type, year=year, unit=unit, **evidence
    )
    if not any(evidence.values()):
        raise ValidationError(
            "Hồ sơ đề nghị cần ít nhất một kết quả cụ thể: nhiệm vụ được nghiệm thu, sáng kiến, "
            "công trình công bố hoặc kết quả được ứng dụng."
        )
    _save(nomination, actor)
    return nomination


@transaction.atomic
def nomination_submit(*, actor: User | None, nomination: AwardNomination) -> AwardNomination:
    check_may_change_unit(actor, nomination.unit)
    _move(nomination.status, NominationStatus.SUBMITTED, NOMINATION_TRANSITIONS, NominationStatus)
    nomination.status = NominationStatus.SUBMITTED
    _save(nomination, actor, update_fields=["status"])
    return nomination


@transaction.atomic
def nomination_score(
    *, actor: User | None, nomination: AwardNomination, points: dict[int, Decimal]
) -> AwardNomination:
    """The council's points per rubric criterion; each within its maximum. The total is their sum."""
    check_may_decide(actor, nomination.unit_id, "chấm điểm hồ sơ khen thưởng")
    if nomination.status != NominationStatus.SUBMITTED:
        raise ValidationError("Chỉ chấm điểm hồ sơ đã trình hội đồng.")
    criteria = {c.pk: c for c in nomination.award_type.criteria.all()}
    for criterion_id, value in points.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise ValidationError("Tiêu chí không thuộc hình thức khen thưởng này.")
        if not Decimal(0) <= value <= criterion.max_points:
            raise ValidationError(
                f"Tiêu chí «{criterion.name}»: điểm phải từ 0 đến {criterion.max_points.normalize():f}."
            )
        NominationScore.objects.update_or_create(
            nomination=nomination, criterion=criterion, defaults={"points": value}
        )
    nomination.total_score = sum(nomination.scores.values_list("points", flat=True), Decimal(0))
    _save(nomination, actor, update_fields=["total_score"])
    return nomination


@transaction.atomic
def nomination_decide(
    *, actor: User | None, nomination: AwardNomination, approve: bool, note: str
) -> AwardNomination:
    check_may_decide(actor, nomination.unit_id, "kết luận hồ sơ khen thưởng")
    target = NominationStatus.APPROVED if approve else NominationStatus.REJECTED
    _move(nomination.status, target, NOMINATION_TRANSITIONS, NominationStatus)
    if not note.strip():
        raise ValidationError({"council_note": "Cần ghi kết luận của hội đồng."})
    pass_score = nomination.award_type.pass_score
    if approve and pass_score is not None and (nomination.total_score or 0) < pass_score:
        raise ValidationError(
            f"Tổng điểm {nomination.total_score or 0} thấp hơn điểm tối thiểu "
            f"{pass_score.normalize():f} của hình thức «{nomination.award_type}»."
        )
    nomination.status, nomination.council_note = target, note
    _save(nomination, actor, update_fields=["status", "council_note"])
    return nomination


@transaction.atomic
def award_record(
    *,
    actor: User | None,
    person: Person,
    award_type: AwardType,
    year: int,
    decision_number: str,
    decision_date: dt.date,
    granting_body: str,
    unit: OrgUnit,
    nomination: AwardNomination | None = None,
) -> Award:
    """An honour granted by a decision; from an approved nomination, or recorded as it was."""
    check_may_change_unit(actor, unit)
    if nomination is not None and nomination.status != NominationStatus.APPROVED:
        raise ValidationError("Chỉ ghi khen thưởng cho hồ sơ đã được hội đồng đề nghị.")
    if Award.objects.filter(
        person=person, award_type=award_type, decision_number=decision_number
    ).exists():
        raise ValidationError(
            f"{person} đã có «{award_type}» theo quyết định số {decision_number}."
        )
    award = Award(
        person=person,
        award_type=award_type,
        year=year,
        decision_number=decision_number,
        decision_date=decision_date,
        granting_body=granting_body,
        unit=unit,
        nomination=nomination,
    )
    _save(award, actor)
    computed_figures_refresh(source=AWARDS, unit_ids={unit.pk}, years={year})
    return award


# --- attraction --------------------------------------------------------------------------------


@transaction.atomic
def attraction_case_apply(
    *,
    actor: User | None,
    person: Person,
    policy: AttractionPolicy,
    unit: OrgUnit,
    applied_on: dt.date,
) -> AttractionCase:
    check_may_change_unit(actor, unit)
    open_statuses = {AttractionStatus.APPLIED, AttractionStatus.APPRAISED, AttractionStatus.SERVING}
    if AttractionCase.objects.filter(
        person=person, policy=policy, status__in=open_statuses
    ).exists():
        raise ValidationError(f"{person} đang có hồ sơ theo chính sách «{policy}».")
    case = AttractionCase(person=person, policy=policy, unit=unit, applied_on=applied_on)
    _save(case, actor)
    return case


@transaction.atomic
def attraction_case_appraise(
    *, actor: User | None, case: AttractionCase, passed: bool, note: str
) -> AttractionCase:
    check_may_decide(actor, case.unit_id, "thẩm định hồ sơ thu hút")
    target = AttractionStatus.APPRAISED if passed else AttractionStatus.REJECTED
    _move(case.status, target, ATTRACTION_TRANSITIONS, AttractionStatus)
    if not note.strip():
        raise ValidationError({"appraisal_note": "Cần ghi kết quả thẩm định."})
    case.status, case.appraisal_note = target, note
    _save(case, actor, update_fields=["status", "appraisal_note"])
    return case


@transaction.atomic
def attraction_case_decide(
    *,
    actor: User | None,
    case: AttractionCase,
    decision_number: str,
    decision_date: dt.date,
) -> AttractionCase:
    check_may_decide(actor, case.unit_id, "quyết định thu hút")
    _move(case.status, AttractionStatus.APPROVED, ATTRACTION_TRANSITIONS, AttractionStatus)
    if not decision_number.strip():
        raise ValidationError({"decision_number": "Cần ghi số quyết định thu hút."})
    case.status = AttractionStatus.APPROVED
    case.decision_number, case.decision_date = decision_number, decision_date
    case.decision_year = decision_date.year
    case.commitment_years = case.commitment_years or case.policy.commitment_years
    _save(case, actor)
    computed_figures_refresh(source=ATTRACTION, unit_ids={case.unit_id}, years={case.decision_year})
    return case


@transaction.atomic
def attraction_case_start_service(
    *, actor: User | None, case: AttractionCase, service_start: dt.date
) -> AttractionCase:
    check_may_change_unit(actor, case.unit)
    _move(case.status, AttractionStatus.SERVING, ATTRACTION_TRANSITIONS, AttractionStatus)
    case.status, case.service_start = AttractionStatus.SERVING, service_start
    _save(case, actor, update_fields=["status", "service_start"])
    return case


@transaction.atomic
def disbursement_add(
    *, actor: User | None, case: AttractionCase, date: dt.date, amount: Decimal, note: str = ""
) -> Disbursement:
    check_may_decide(actor, case.unit_id, "ghi khoản chi hỗ trợ")
    if case.status not in (AttractionStatus.APPROVED, AttractionStatus.SERVING):
        raise ValidationError("Chỉ chi hỗ trợ cho hồ sơ đã có quyết định thu hút.")
    if amount <= 0:
        raise ValidationError({"amount": "Số tiền phải lớn hơn 0."})
    disbursement = Disbursement(case=case, date=date, amount=amount, note=note)
    _save(disbursement, actor)
    return disbursement


@transaction.atomic
def attraction_case_end(
    *, actor: User | None, case: AttractionCase, ended_on: dt.date
) -> AttractionCase:
    """End the commitment: completed if the promised years were served, otherwise broken, with the
    support received owed back in proportion to the years not served."""
    check_may_decide(actor, case.unit_id, "kết thúc cam kết")
    if case.status != AttractionStatus.SERVING or case.service_start is None:
        raise ValidationError("Chỉ kết thúc cam kết của hồ sơ đang thực hiện cam kết.")
    if ended_on < case.service_start:
        raise ValidationError({"ended_on": "Ngày kết thúc không thể trước ngày bắt đầu công tác."})
    years = case.commitment_years or case.policy.commitment_years
    served_days = (ended_on - case.service_start).days
    promised_days = (_add_years(case.service_start, years) - case.service_start).days
    target = AttractionStatus.COMPLETED if served_days >= promised_days else AttractionStatus.BROKEN
    _move(case.status, target, ATTRACTION_TRANSITIONS, AttractionStatus)
    case.status, case.ended_on = target, ended_on
    if target == AttractionStatus.BROKEN:
        received = sum(case.disbursements.values_list("amount", flat=True), Decimal(0))
        unserved = Decimal(promised_days - served_days) / Decimal(promised_days)
        case.repayment_owed = (received * unserved).quantize(Decimal(1))
    _save(case, actor)
    return case


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
