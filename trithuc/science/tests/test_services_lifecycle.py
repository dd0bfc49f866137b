"""One science task walked through every step, with the refused transitions and the role limits
along the way."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from trithuc.science import access, selectors, services
from trithuc.science.choices import (
    AcceptanceRating,
    ApplicationStatus,
    CouncilRole,
    NeedStatus,
    TaskKind,
    TaskStatus,
)
from trithuc.science.models import AppliedTask, Score
from trithuc.science.tests import factories as make


@pytest.fixture
def cast(units, users, reference, second_reviewer, aquaculture):
    """The people of the story: a lead in Xã Mới, the intellectual leading a rival application
    from Xã Khác, two reviewers (the shared one chairs) and a third council member."""
    return {
        "lead": make.person("Võ Thành Đạt", units.new_commune, degree="tien-si"),
        "applicant": make.person("Đặng Thị Trí", units.other_commune, user=users["intellectual"]),
        "chair": make.person("Phan Văn Biện", units.department, user=users["reviewer"]),
        "second": make.person("Lý Thu Hà", units.department, user=second_reviewer),
    }


def _need(users, units, aquaculture):
    return services.need_propose(
        actor=users["officer_new_commune"],
        proposing_unit=units.new_commune,
        managing_unit=units.department,
        kind=TaskKind.TOPIC,
        title="Nuôi tôm càng xanh trong ruộng lúa",
        field=aquaculture,
        keywords="tôm càng xanh, thủy sản, lúa",
        year=2025,
        proposed_on=dt.date(2024, 10, 1),
        document="Công văn 12/UBND-KT",
    )


def test_a_task_goes_from_need_to_counted_application(
    users, units, cast, aquaculture, second_reviewer
):
    agency, office = users["agency_officer"], users["program_office"]
    reviewer = users["reviewer"]

    # 1. A commune proposes a need; another commune may not propose for it.
    with pytest.raises(PermissionDenied):
        services.need_propose(
            actor=users["officer_other_commune"],
            proposing_unit=units.new_commune,
            managing_unit=units.department,
            kind=TaskKind.TOPIC,
            title="x",
            year=2025,
            proposed_on=dt.date(2024, 10, 1),
        )
    need = _need(users, units, aquaculture)

    # 2. The agency approves the ordering list; a commune officer may not.
    approve = {
        "managing_unit": units.department,
        "year": 2025,
        "title": "Danh mục đặt hàng 2025",
        "decision_number": "15/QĐ-UBND",
        "decision_date": dt.date(2025, 1, 15),
        "needs": [need],
    }
    with pytest.raises(PermissionDenied):
        services.ordering_list_approve(actor=users["officer_new_commune"], **approve)
    ordering = services.ordering_list_approve(actor=agency, **approve)
    need.refresh_from_db()
    assert need.status == NeedStatus.ORDERED
    task = ordering.tasks.get()
    assert (task.code, task.status, task.field) == ("NV-2025-001", TaskStatus.ORDERED, aquaculture)

    # Nothing can be applied for before the call, nor a council formed.
    with pytest.raises(ValidationError, match="Đã đặt hàng"):
        make.apply(task, cast["lead"], units.new_commune)

    # 3. The call.
    with pytest.raises(ValidationError, match="Hạn nộp"):
        services.call_publish(
            actor=agency,
            ordering_list=ordering,
            number="01/TB",
            published_on=dt.date(2025, 2, 1),
            deadline=dt.date(2025, 1, 1),
        )
    services.call_publish(
        actor=agency,
        ordering_list=ordering,
        number="01/TB-SKHCN",
        published_on=dt.date(2025, 2, 1),
        deadline=dt.date(2025, 4, 30),
    )
    task.refresh_from_db()
    assert task.status == TaskStatus.CALLED
    with pytest.raises(ValidationError, match="Không còn nhiệm vụ"):
        services.call_publish(
            actor=agency,
            ordering_list=ordering,
            number="02/TB",
            published_on=dt.date(2025, 2, 2),
            deadline=dt.date(2025, 4, 30),
        )

    # 4. Applications: the commune files one; the intellectual files their own; late ones refused.
    first = services.application_submit(
        actor=users["officer_new_commune"],
        task=task,
        lead=cast["lead"],
        submitting_unit=units.new_commune,
        host_unit=units.new_commune,
        host_name="",
        budget=Decimal("450"),
        submitted_on=dt.date(2025, 3, 1),
    )
    assert first.host_name == "Xã Mới"
    with pytest.raises(PermissionDenied):
        services.application_submit(
            actor=users["intellectual"],
            task=task,
            lead=cast["lead"],
            submitting_unit=units.other_commune,
            host_name="Trường Đại học X",
            budget=Decimal("1"),
            submitted_on=dt.date(2025, 3, 1),
        )
    second = services.application_submit(
        actor=users["intellectual"],
        task=task,
        lead=cast["applicant"],
        submitting_unit=units.other_commune,
        host_name="Trường Đại học Cần Thơ",
        budget=Decimal("380"),
        submitted_on=dt.date(2025, 4, 2),
    )
    with pytest.raises(ValidationError, match="quá hạn"):
        make.apply(task, cast["second"], units.new_commune, on=dt.date(2025, 5, 1))

    # 5. The council: one chair, nobody from an applying team; only the agency forms it.
    seats = [(cast["chair"], CouncilRole.CHAIR), (cast["second"], CouncilRole.REVIEWER)]
    form = {"task": task, "decision_number": "30/QĐ-SKHCN", "formed_on": dt.date(2025, 5, 2)}
    with pytest.raises(PermissionDenied):
        services.council_form(actor=users["officer_new_commune"], members=seats, **form)
    with pytest.raises(ValidationError, match="đúng một chủ tịch"):
        services.council_form(actor=agency, members=[(cast["chair"], CouncilRole.REVIEWER)], **form)
    with pytest.raises(ValidationError, match="không được là thành viên hội đồng"):
        services.council_form(
            actor=agency, members=[*seats, (cast["applicant"], CouncilRole.MEMBER)], **form
        )
    council = services.council_form(actor=agency, members=seats, **form)
    task.refresh_from_db()
    assert task.status == TaskStatus.REVIEWING
    criteria = list(council.criteria.all())
    assert len(criteria) == 5

    # Reviewers see the applications assigned to them; applicants see their own, never reviews.
    assert set(selectors.assigned_applications(user=reviewer)) == {first, second}
    assert set(selectors.application_list(user=users["intellectual"])) == {second}
    assert not access.may_see_reviews(users["intellectual"], second)

    # 6. Declarations, then 7. scores: none before declaring, none on a declared conflict.
    with pytest.raises(PermissionDenied, match="cam kết"):
        services.score_record(
            actor=reviewer, application=first, criterion=criteria[0], value=Decimal(15)
        )
    with pytest.raises(PermissionDenied, match="không phải thành viên"):
        services.conflict_declare(
            actor=users["intellectual"],
            application=first,
            has_conflict=False,
            declared_on=dt.date(2025, 5, 3),
        )
    for application in (first, second):
        services.conflict_declare(
            actor=reviewer,
            application=application,
            has_conflict=False,
            declared_on=dt.date(2025, 5, 3),
        )
    services.conflict_declare(
        actor=second_reviewer,
        application=first,
        has_conflict=False,
        declared_on=dt.date(2025, 5, 3),
    )
    services.conflict_declare(
        actor=second_reviewer,
        application=second,
        has_conflict=True,
        reason="Từng hướng dẫn luận án của chủ nhiệm",
        declared_on=dt.date(2025, 5, 3),
    )
    with pytest.raises(ValidationError, match="không sửa được"):
        services.conflict_declare(
            actor=second_reviewer,
            application=second,
            has_conflict=False,
            declared_on=dt.date(2025, 5, 4),
        )
    with pytest.raises(PermissionDenied, match="xung đột lợi ích"):
        services.score_record(
            actor=second_reviewer, application=second, criterion=criteria[0], value=Decimal(10)
        )
    with pytest.raises(ValidationError, match="từ 0 đến 20"):
        services.score_record(
            actor=reviewer, application=first, criterion=criteria[0], value=Decimal(21)
        )
    marks = {
        (reviewer, first): [18, 22, 23, 18, 9],
        (reviewer, second): [15, 18, 20, 14, 8],
        (second_reviewer, first): [17, 20, 21, 16, 8],
    }
    for (user, application), values in marks.items():
        for criterion, value in zip(criteria, values, strict=True):
            services.score_record(
                actor=user, application=application, criterion=criterion, value=Decimal(value)
            )
    assert Score.objects.count() == 15

    # Before closing, each reviewer sees only their own scores; the agency sees all.
    own = selectors.scores_visible(user=second_reviewer, application=first)
    assert {s.member.user for s in own} == {second_reviewer}
    assert selectors.scores_visible(user=agency, application=first).count() == 10
    assert selectors.scores_visible(user=users["intellectual"], application=second).count() == 0
    assert not access.may_see_summary(reviewer, council)

    # 8. Closing: the sheet ranks the applications; selection needs a closed council.
    with pytest.raises(ValidationError, match="hội đồng kết thúc"):
        services.selection_decide(
            actor=agency,
            task=task,
            application=first,
            decision_number="x",
            decided_on=dt.date(2025, 6, 1),
        )
    services.council_close(
        actor=agency, council=council, closed_on=dt.date(2025, 5, 20), conclusion="Chọn hồ sơ 1"
    )
    assert selectors.scores_visible(user=second_reviewer, application=first).count() == 10
    assert access.may_see_summary(reviewer, council)
    assert selectors.scores_visible(user=users["intellectual"], application=second).count() == 0
    with pytest.raises(PermissionDenied, match="kết thúc"):
        services.score_record(
            actor=reviewer, application=first, criterion=criteria[0], value=Decimal(1)
        )
    sheet = selectors.council_summary(council)
    assert [(r.application, r.rank, r.mean) for r in sheet.rows] == [
        (first, 1, Decimal("86.00")),
        (second, 2, Decimal("75.00")),
    ]
    conflicted = [c for _, _, c in sheet.rows[1].by_member]
    assert conflicted == [False, True]

    services.selection_decide(
        actor=agency,
        task=task,
        application=first,
        decision_number="45/QĐ-UBND",
        decided_on=dt.date(2025, 6, 1),
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (
        ApplicationStatus.SELECTED,
        ApplicationStatus.NOT_SELECTED,
    )

    # 9. Contract, 10. milestones and progress, 11. acceptance.
    with pytest.raises(ValidationError, match="sau thời gian bắt đầu"):
        services.contract_sign(
            actor=agency,
            task=task,
            number="01/HĐ",
            signed_on=dt.date(2025, 6, 15),
            start_date=dt.date(2025, 7, 1),
            end_date=dt.date(2025, 6, 1),
            amount=Decimal(400),
        )
    with pytest.raises(ValidationError, match="«Đã chọn tổ chức, cá nhân chủ trì»"):
        services.acceptance_record(
            actor=agency,
            task=task,
            decision_number="x",
            accepted_on=dt.date(2025, 7, 1),
            rating="passed",
        )
    services.contract_sign(
        actor=agency,
        task=task,
        number="01/HĐ-SKHCN",
        signed_on=dt.date(2025, 6, 15),
        start_date=dt.date(2025, 7, 1),
        end_date=dt.date(2026, 6, 30),
        amount=Decimal(400),
    )
    milestone = services.milestone_add(
        actor=agency, task=task, title="Báo cáo giữa kỳ", due_date=dt.date(2025, 12, 31)
    )
    with pytest.raises(PermissionDenied, match="chủ nhiệm"):
        services.milestone_report(
            actor=users["officer_other_commune"],
            milestone=milestone,
            reported_on=dt.date(2025, 12, 20),
            report="x",
        )
    with pytest.raises(ValidationError, match="Báo cáo giữa kỳ"):
        services.acceptance_record(
            actor=agency,
            task=task,
            decision_number="x",
            accepted_on=dt.date(2026, 7, 1),
            rating="passed",
        )
    services.milestone_report(
        actor=agency,
        milestone=milestone,
        reported_on=dt.date(2025, 12, 20),
        report="Hoàn thành 2 vụ nuôi thử nghiệm",
        evidence="Biên bản kiểm tra 20/12/2025",
    )
    with pytest.raises(ValidationError, match="nghiệm thu"):
        services.result_application_record(
            actor=agency,
            task=task,
            place="x",
            applied_by="x",
            since=dt.date(2026, 8, 1),
            change="x",
            evidence="x",
        )
    services.acceptance_record(
        actor=office,
        task=task,
        decision_number="88/QĐ-SKHCN",
        accepted_on=dt.date(2026, 7, 15),
        rating=AcceptanceRating.EXCELLENT,
    )
    task.refresh_from_db()
    assert task.status == TaskStatus.ACCEPTED

    # 12. Application of the results, with its evidence; counted for the lead's unit.
    with pytest.raises(PermissionDenied):
        services.result_application_record(
            actor=users["officer_new_commune"],
            task=task,
            place="HTX Tân Phú",
            applied_by="HTX Tân Phú",
            since=dt.date(2026, 8, 1),
            change="x",
            evidence="x",
        )
    with pytest.raises(ValidationError, match="trước ngày nghiệm thu"):
        services.result_application_record(
            actor=agency,
            task=task,
            place="HTX Tân Phú",
            applied_by="HTX Tân Phú",
            since=dt.date(2026, 7, 1),
            change="x",
            evidence="x",
        )
    services.result_application_record(
        actor=agency,
        task=task,
        place="HTX Tân Phú, xã Mới",
        applying_unit=units.new_commune,
        applied_by="Hợp tác xã Tân Phú",
        since=dt.date(2026, 8, 1),
        change="Năng suất tôm tăng 30%, giảm 40% thuốc bảo vệ thực vật trên lúa",
        evidence="Giấy xác nhận 05/XN-HTX ngày 01/9/2026",
    )
    counted = AppliedTask.objects.get(task=task)
    assert (counted.person, counted.unit, counted.year) == (cast["lead"], units.new_commune, 2026)
    assert "Chủ nhiệm" in counted.position

    # A finished task moves no further.
    with pytest.raises(ValidationError, match="chỉ chuyển được sang: không"):
        services.task_cancel(actor=agency, task=task, reason="Thử")


def test_a_rejected_need_needs_a_reason_and_is_decided_once(users, units, aquaculture, reference):
    need = _need(users, units, aquaculture)
    with pytest.raises(ValidationError):
        services.need_reject(actor=users["agency_officer"], need=need, reason=" ")
    with pytest.raises(PermissionDenied):
        services.need_reject(actor=users["officer_new_commune"], need=need, reason="Trùng")
    services.need_reject(actor=users["agency_officer"], need=need, reason="Trùng nội dung")
    with pytest.raises(ValidationError, match="đã được xét"):
        services.ordering_list_approve(
            actor=users["agency_officer"],
            managing_unit=units.department,
            year=2025,
            title="x",
            decision_number="x",
            decision_date=dt.date(2025, 1, 1),
            needs=[need],
        )


def test_council_cannot_close_while_declarations_or_scores_are_missing(users, units, reference):
    chair = make.person("Phan Văn Biện", units.department, user=users["reviewer"])
    task = make.called_task(units.department, units.new_commune)
    make.apply(task, make.person("Võ Đạt", units.new_commune), units.new_commune)
    council = services.council_form(
        actor=None,
        task=task,
        decision_number="1",
        formed_on=dt.date(2025, 5, 2),
        members=[(chair, CouncilRole.CHAIR)],
    )
    with pytest.raises(ValidationError, match="chưa khai báo"):
        services.council_close(actor=None, council=council, closed_on=dt.date(2025, 5, 3))
    services.conflict_declare(
        actor=users["reviewer"],
        application=task.applications.get(),
        has_conflict=False,
        declared_on=dt.date(2025, 5, 3),
    )
    with pytest.raises(ValidationError, match="chưa chấm đủ"):
        services.council_close(actor=None, council=council, closed_on=dt.date(2025, 5, 3))


def test_initiative_follows_the_short_recognition_path(users, units, reference):
    author = make.person("Nguyễn Văn Sáng", units.new_commune)
    initiative = services.initiative_submit(
        actor=users["officer_new_commune"],
        unit=units.new_commune,
        kind="giai_phap",
        title="Phần mềm một cửa trên điện thoại",
        authors=[author],
        description="Tiếp nhận hồ sơ qua Zalo",
        submitted_on=dt.date(2025, 8, 1),
    )
    with pytest.raises(PermissionDenied):
        services.initiative_recognise(
            actor=users["officer_new_commune"],
            initiative=initiative,
            decision_number="x",
            decided_on=dt.date(2025, 9, 1),
            scope="unit",
        )
    services.initiative_recognise(
        actor=users["program_office"],
        initiative=initiative,
        decision_number="12/QĐ-UBND",
        decided_on=dt.date(2025, 9, 1),
        scope="province",
    )
    assert initiative.get_scope_display() == "Phạm vi toàn tỉnh, thành phố"
    with pytest.raises(ValidationError, match="đã được xét"):
        services.initiative_reject(
            actor=users["program_office"],
            initiative=initiative,
            decided_on=dt.date(2025, 9, 2),
            reason="x",
        )
