"""The workforce pages as their users go through them: a unit officer records a rating and sees it;
the candidate page gives the reason for each check; an attraction case moves through its states by
the right roles, and a wrong move is refused with the service's message on the page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from trithuc.people.models import DegreeLevel, PoliticalTheoryLevel
from trithuc.people.reference import reference_data_load
from trithuc.workforce.choices import AttractionStatus, NominationStatus, RatingLevel
from trithuc.workforce.models import AnnualRating, AttractionCase, AwardNomination
from trithuc.workforce.templatetags.workforce_tags import money
from trithuc.workforce.tests import factories as make


@pytest.fixture
def officer(client, users):
    client.force_login(users["officer_new_commune"])
    return client


def test_unit_officer_records_a_rating_and_sees_it_in_the_list(officer, units):
    person = make.person_at(units.new_commune, "Trương Văn Đạt")
    form = officer.get(reverse("workforce:rating_set"))
    assert "Trương Văn Đạt" in form.text
    response = officer.post(
        reverse("workforce:rating_set"),
        {
            "person": person.pk,
            "year": 2025,
            "level": RatingLevel.EXCELLENT,
            "unit": units.new_commune.pk,
            "note": "Có sáng kiến cấp tỉnh",
        },
        follow=True,
    )
    assert "Đã lưu xếp loại." in response.text
    row = response.text.split("Trương Văn Đạt")[1].split("</tr>")[0]
    assert "Hoàn thành xuất sắc nhiệm vụ" in row
    assert AnnualRating.objects.get(person=person).year == 2025


def test_correcting_a_rating_replaces_it(officer, units):
    person = make.person_at(units.new_commune, "Trương Văn Đạt")
    rating = make.rating(person, units.new_commune, year=2024, level=RatingLevel.COMPLETED)
    page = officer.get(reverse("workforce:rating_edit", args=[rating.pk]))
    assert 'value="completed" selected' in page.text
    officer.post(
        reverse("workforce:rating_edit", args=[rating.pk]),
        {
            "person": person.pk,
            "year": 2024,
            "level": RatingLevel.GOOD,
            "unit": units.new_commune.pk,
        },
    )
    assert list(AnnualRating.objects.filter(person=person).values_list("level", flat=True)) == [
        RatingLevel.GOOD
    ]


def test_officer_cannot_rate_someone_outside_their_scope(officer, units):
    stranger = make.person_at(units.other_commune, "Người Xã Khác")
    response = officer.post(
        reverse("workforce:rating_set"),
        {
            "person": stranger.pk,
            "year": 2025,
            "level": RatingLevel.GOOD,
            "unit": units.new_commune.pk,
        },
    )
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.text
    assert not AnnualRating.objects.filter(person=stranger).exists()


def test_nomination_without_evidence_is_refused_and_the_form_keeps_the_input(officer, units):
    person = make.person_at(units.new_commune, "Trương Văn Đạt")
    kind = make.award_type()
    response = officer.post(
        reverse("workforce:nomination_create"),
        {"person": person.pk, "award_type": kind.pk, "year": 2023, "unit": units.new_commune.pk},
    )
    assert response.status_code == 200
    assert "cần ít nhất một kết quả cụ thể" in response.text
    assert 'value="2023"' in response.text
    assert not AwardNomination.objects.exists()


def test_candidate_page_gives_the_reason_of_each_check(officer, units):
    reference_data_load()
    position = make.position(
        min_degree=DegreeLevel.objects.get(code="dai-hoc"),
        min_political_theory=PoliticalTheoryLevel.objects.get(code="trung-cap"),
        requires_succession_plan=True,
    )
    make.person_at(units.new_commune, "Trương Văn Đạt")
    response = officer.get(
        reverse("workforce:candidates"),
        {"don_vi": units.new_commune.pk, "chuc_danh": position.pk, "ngay": "2026-01-15"},
    )
    assert response.status_code == 200
    assert "Trương Văn Đạt" in response.text
    assert "Chưa đủ tiêu chuẩn" in response.text
    assert "Chưa có văn bằng nào trong hồ sơ (yêu cầu từ Đại học)." in response.text
    assert f"Chưa có trong quy hoạch chức danh «{position}»." in response.text


def test_candidate_filter_answers_htmx_with_the_results_alone(officer, units):
    position = make.position()
    make.person_at(units.new_commune, "Trương Văn Đạt")
    response = officer.get(
        reverse("workforce:candidates"),
        {"don_vi": units.new_commune.pk, "chuc_danh": position.pk, "ngay": "2026-01-15"},
        headers={"HX-Request": "true"},
    )
    assert "Trương Văn Đạt" in response.text
    assert "<html" not in response.text


def test_attraction_case_moves_through_its_states_by_the_right_roles(client, users, units):
    person = make.person_at(units.new_commune, "Trương Văn Đạt")
    policy = make.policy()
    officer, office = users["officer_new_commune"], users["program_office"]

    client.force_login(officer)
    response = client.post(
        reverse("workforce:case_apply"),
        {
            "person": person.pk,
            "policy": policy.pk,
            "unit": units.new_commune.pk,
            "applied_on": "2025-02-01",
        },
    )
    case = AttractionCase.objects.get()
    assert response["Location"] == reverse("workforce:case_detail", args=[case.pk])
    detail = client.get(response["Location"]).text
    assert "Thẩm định hồ sơ" not in detail  # the unit does not appraise its own case
    refused = client.post(
        reverse("workforce:case_appraise", args=[case.pk]), {"passed": "1", "note": "Đạt"}
    )
    assert refused.status_code == 403
    assert "Chỉ cơ quan chuyên môn" in refused.text

    client.force_login(office)
    assert "Thẩm định hồ sơ" in client.get(reverse("workforce:case_detail", args=[case.pk])).text
    client.post(reverse("workforce:case_appraise", args=[case.pk]), {"passed": "1", "note": "Đạt"})
    client.post(
        reverse("workforce:case_decide", args=[case.pk]),
        {"decision_number": "15/QĐ-UBND", "decision_date": "2025-03-10"},
    )
    case.refresh_from_db()
    assert case.status == AttractionStatus.APPROVED

    client.force_login(officer)
    client.post(reverse("workforce:case_start", args=[case.pk]), {"service_start": "2025-04-01"})

    client.force_login(office)
    client.post(
        reverse("workforce:disbursement_add", args=[case.pk]),
        {"date": "2025-04-15", "amount": "100000000", "note": "Hỗ trợ một lần"},
    )
    response = client.post(
        reverse("workforce:case_end", args=[case.pk]), {"ended_on": "2027-04-01"}, follow=True
    )
    case.refresh_from_db()
    assert case.status == AttractionStatus.BROKEN
    assert "Vi phạm cam kết, phải bồi hoàn" in response.text
    # About three fifths of the support is owed back: three of the five years were not served.
    assert 59_000_000 < case.repayment_owed < 61_000_000
    assert f"<strong>{money(case.repayment_owed)}</strong>" in response.text


def test_a_wrong_move_is_refused_with_the_message_on_the_page(client, users, units):
    case = make.attraction_case(
        make.person_at(units.new_commune, "Trương Văn Đạt"), units.new_commune
    )
    client.force_login(users["program_office"])
    response = client.post(
        reverse("workforce:case_decide", args=[case.pk]),
        {"decision_number": "15/QĐ-UBND", "decision_date": "2025-03-10"},
    )
    assert response.status_code == 200
    assert "Không thể chuyển từ «Đã nộp hồ sơ» sang «Có quyết định thu hút»" in response.text
    assert "Traceback" not in response.text
    case.refresh_from_db()
    assert case.status == AttractionStatus.APPLIED


def test_a_decision_without_its_number_keeps_the_date_typed(client, users, units):
    case = make.attraction_case(
        make.person_at(units.new_commune, "Trương Văn Đạt"),
        units.new_commune,
        status=AttractionStatus.APPRAISED,
    )
    client.force_login(users["program_office"])
    response = client.post(
        reverse("workforce:case_decide", args=[case.pk]),
        {"decision_number": "  ", "decision_date": "2025-03-10"},
    )
    assert response.status_code == 200
    assert 'value="2025-03-10"' in response.text
    case.refresh_from_db()
    assert case.status == AttractionStatus.APPRAISED


def test_council_score_above_the_criterions_maximum_is_refused_with_its_message(
    client, users, units
):
    kind = make.award_type()
    nomination = make.nomination(
        make.person_at(units.new_commune, "Trương Văn Đạt"),
        units.new_commune,
        status=NominationStatus.SUBMITTED,
        of=kind,
    )
    works = kind.criteria.get(name="Công trình công bố")
    client.force_login(users["program_office"])
    response = client.post(
        reverse("workforce:nomination_score", args=[nomination.pk]), {f"diem_{works.pk}": "45"}
    )
    assert response.status_code == 200
    assert "điểm phải từ 0 đến 40" in response.text
    assert 'value="45"' in response.text
    nomination.refresh_from_db()
    assert nomination.total_score is None


def test_enrolment_buttons_show_only_the_moves_the_user_may_make(client, users, units):
    person = make.person_at(units.new_commune, "Trương Văn Đạt")
    enrollment = make.enrollment(person, units.new_commune)
    url = reverse("workforce:course_detail", args=[enrollment.course_id])
    client.force_login(users["officer_new_commune"])
    page = client.get(url).text
    assert ">Đang học</button>" in page
    assert ">Thôi học</button>" in page
    assert ">Đã tốt nghiệp</button>" not in page
    client.force_login(users["leader"])
    page = client.get(url).text
    assert "Trương Văn Đạt" in page
    assert "</button>" not in page.split("<main")[1].split("</main>")[0]


def test_a_finished_enrolment_cannot_move_back_and_says_so(client, users, units):
    from trithuc.workforce.choices import EnrollmentStatus

    enrollment = make.enrollment(
        make.person_at(units.new_commune, "Trương Văn Đạt"),
        units.new_commune,
        status=EnrollmentStatus.WITHDRAWN,
    )
    client.force_login(users["officer_new_commune"])
    response = client.post(
        reverse("workforce:enrollment_status", args=[enrollment.pk]),
        {"status": EnrollmentStatus.STUDYING},
        follow=True,
    )
    assert "Không thể chuyển từ «Thôi học» sang «Đang học»" in response.text


def test_training_plan_is_saved_and_shown_against_what_was_done(officer, units):
    from trithuc.workforce.choices import CourseKind, EnrollmentStatus

    course = make.course(kind=CourseKind.ADVANCED_THEORY, start=dt.date(2025, 9, 1))
    for name in ("Trương Văn Đạt", "Lý Thị Hoa"):
        make.enrollment(
            make.person_at(units.new_commune, name),
            units.new_commune,
            of=course,
            status=EnrollmentStatus.STUDYING,
        )
    url = f"{reverse('workforce:training_plan')}?don_vi={units.new_commune.pk}&nam=2025"
    officer.post(url, {CourseKind.ADVANCED_THEORY.value: "5"})
    page = officer.get(url).text
    row = page.split("Cao cấp lý luận chính trị</td>")[1].split("</tr>")[0]
    assert row.replace(" ", "") == "<td>5</td><td>2</td><td>-3</td>"
