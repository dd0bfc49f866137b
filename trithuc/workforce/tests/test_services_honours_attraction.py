"""Honours and talent attraction: every status change, who may make it, refusals with a clear
message, and the figures they feed (awards by type, people attracted, budget used)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from trithuc.people.tests.factories import PersonFactory
from trithuc.programs.computations import REGISTRY
from trithuc.workforce.choices import AttractionStatus, NominationStatus
from trithuc.workforce.models import AttractionBudget, AttractionPolicy, AwardCriterion, AwardType
from trithuc.workforce.selectors.tables import attraction_budget, awards_by_type
from trithuc.workforce.services import (
    attraction_case_apply,
    attraction_case_appraise,
    attraction_case_decide,
    attraction_case_end,
    attraction_case_start_service,
    award_record,
    disbursement_add,
    nomination_create,
    nomination_decide,
    nomination_score,
    nomination_submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def typical(db):
    award_type = AwardType.objects.create(
        code="tri-thuc-tieu-bieu", name="Trí thức tiêu biểu", pass_score=Decimal(70)
    )
    results = AwardCriterion.objects.create(
        award_type=award_type, name="Kết quả ứng dụng", max_points=60
    )
    works = AwardCriterion.objects.create(
        award_type=award_type, name="Công trình công bố", max_points=40
    )
    return award_type, results, works


@pytest.fixture
def policy(db):
    policy = AttractionPolicy.objects.create(
        code="bac-si-thac-si",
        name="Thu hút bác sĩ, thạc sĩ về công tác tại tỉnh",
        legal_basis="Nghị quyết HĐND tỉnh (thử nghiệm)",
        eligibility="Thạc sĩ trở lên, dưới 35 tuổi",
        support="Hỗ trợ một lần 200 triệu đồng",
        support_amount=Decimal(200_000_000),
        commitment_years=5,
    )
    AttractionBudget.objects.create(policy=policy, year=2025, allocated=Decimal(1_000_000_000))
    return policy


def test_nomination_from_draft_to_award(units, users, typical):
    award_type, results, works = typical
    person = PersonFactory(full_name="Nguyễn Thị Hạnh", unit=units.other_commune)
    officer, office = users["officer_other_commune"], users["program_office"]
    nomination = nomination_create(
        actor=officer,
        person=person,
        award_type=award_type,
        year=2025,
        unit=units.other_commune,
        results_applied="Quy trình nuôi cá thát lát được 3 hợp tác xã áp dụng",
    )
    nomination_submit(actor=officer, nomination=nomination)
    with pytest.raises(PermissionDenied, match="cơ quan chuyên môn"):
        nomination_score(actor=officer, nomination=nomination, points={results.pk: Decimal(50)})
    with pytest.raises(ValidationError, match="từ 0 đến 40"):
        nomination_score(actor=office, nomination=nomination, points={works.pk: Decimal(45)})
    nomination_score(
        actor=office, nomination=nomination, points={results.pk: Decimal(50), works.pk: Decimal(30)}
    )
    assert nomination.total_score == Decimal(80)
    nomination_decide(actor=office, nomination=nomination, approve=True, note="Đủ điều kiện.")
    assert nomination.status == NominationStatus.APPROVED
    award_record(
        actor=officer,
        person=person,
        award_type=award_type,
        year=2025,
        decision_number="125/QĐ-UBND",
        decision_date=dt.date(2025, 12, 1),
        granting_body="UBND thành phố",
        unit=units.other_commune,
        nomination=nomination,
    )
    assert awards_by_type(unit=units.new_province, year=2025) == [(award_type, 1)]
    assert REGISTRY["awards"].counts({units.other_commune.pk}, [2025]) == {
        (units.other_commune.pk, 2025): 1
    }


def test_nomination_without_results_or_below_the_pass_score_is_refused(units, users, typical):
    award_type, results, works = typical
    person = PersonFactory(full_name="Trần Văn Khoa", unit=units.other_commune)
    with pytest.raises(ValidationError, match="ít nhất một kết quả cụ thể"):
        nomination_create(
            actor=None, person=person, award_type=award_type, year=2025, unit=units.other_commune
        )
    nomination = nomination_create(
        actor=None,
        person=person,
        award_type=award_type,
        year=2025,
        unit=units.other_commune,
        publications="Một bài báo",
    )
    nomination_submit(actor=None, nomination=nomination)
    nomination_score(actor=None, nomination=nomination, points={works.pk: Decimal(20)})
    with pytest.raises(ValidationError, match="thấp hơn điểm tối thiểu 70"):
        nomination_decide(actor=None, nomination=nomination, approve=True, note="Đề nghị")
    nomination_decide(actor=None, nomination=nomination, approve=False, note="Chưa đủ điểm.")
    with pytest.raises(ValidationError, match="Không thể chuyển"):
        nomination_submit(actor=None, nomination=nomination)


def test_award_only_from_an_approved_nomination(units, typical):
    award_type, *_ = typical
    person = PersonFactory(full_name="Lê Thị Mai", unit=units.other_commune)
    nomination = nomination_create(
        actor=None,
        person=person,
        award_type=award_type,
        year=2025,
        unit=units.other_commune,
        initiatives="Sáng kiến cấp tỉnh",
    )
    with pytest.raises(ValidationError, match="đã được hội đồng đề nghị"):
        award_record(
            actor=None,
            person=person,
            award_type=award_type,
            year=2025,
            decision_number="1/QĐ",
            decision_date=dt.date(2025, 5, 1),
            granting_body="UBND",
            unit=units.other_commune,
            nomination=nomination,
        )


def test_attraction_case_completes_its_commitment(units, users, policy):
    person = PersonFactory(full_name="Phạm Minh Tâm", unit=units.other_commune)
    officer, office = users["officer_other_commune"], users["program_office"]
    case = attraction_case_apply(
        actor=officer,
        person=person,
        policy=policy,
        unit=units.other_commune,
        applied_on=dt.date(2025, 2, 1),
    )
    with pytest.raises(PermissionDenied):
        attraction_case_appraise(actor=officer, case=case, passed=True, note="Đạt")
    with pytest.raises(ValidationError, match="từ «Đã nộp hồ sơ» sang «Đang thực hiện cam kết»"):
        attraction_case_start_service(actor=officer, case=case, service_start=dt.date(2025, 3, 1))
    attraction_case_appraise(actor=office, case=case, passed=True, note="Đủ điều kiện")
    attraction_case_decide(
        actor=office, case=case, decision_number="45/QĐ-UBND", decision_date=dt.date(2025, 3, 1)
    )
    assert REGISTRY["attraction_cases"].counts({units.other_commune.pk}, [2025]) == {
        (units.other_commune.pk, 2025): 1
    }
    disbursement_add(actor=office, case=case, date=dt.date(2025, 4, 1), amount=Decimal(200_000_000))
    attraction_case_start_service(actor=officer, case=case, service_start=dt.date(2025, 4, 1))
    attraction_case_end(actor=office, case=case, ended_on=dt.date(2030, 4, 1))
    assert case.status == AttractionStatus.COMPLETED
    assert case.repayment_owed is None
    [row] = attraction_budget(year=2025)
    assert (row.allocated, row.used, row.remaining) == (
        Decimal(1_000_000_000),
        Decimal(200_000_000),
        Decimal(800_000_000),
    )


def test_leaving_early_breaks_the_commitment_and_the_unserved_share_is_owed(units, policy):
    person = PersonFactory(full_name="Võ Thị Ngọc", unit=units.other_commune)
    case = attraction_case_apply(
        actor=None,
        person=person,
        policy=policy,
        unit=units.other_commune,
        applied_on=dt.date(2025, 2, 1),
    )
    attraction_case_appraise(actor=None, case=case, passed=True, note="Đạt")
    attraction_case_decide(
        actor=None, case=case, decision_number="46/QĐ-UBND", decision_date=dt.date(2025, 3, 1)
    )
    disbursement_add(actor=None, case=case, date=dt.date(2025, 4, 1), amount=Decimal(200_000_000))
    attraction_case_start_service(actor=None, case=case, service_start=dt.date(2025, 4, 1))
    # Two and a half years of five: about half of the support is owed back.
    attraction_case_end(actor=None, case=case, ended_on=dt.date(2027, 10, 1))
    assert case.status == AttractionStatus.BROKEN
    assert Decimal(99_000_000) < case.repayment_owed < Decimal(101_000_000)


def test_a_second_open_case_under_the_same_policy_is_refused(units, policy):
    person = PersonFactory(full_name="Đặng Văn Phúc", unit=units.other_commune)
    attraction_case_apply(
        actor=None,
        person=person,
        policy=policy,
        unit=units.other_commune,
        applied_on=dt.date(2025, 2, 1),
    )
    with pytest.raises(ValidationError, match="đang có hồ sơ"):
        attraction_case_apply(
            actor=None,
            person=person,
            policy=policy,
            unit=units.other_commune,
            applied_on=dt.date(2025, 3, 1),
        )
