"""Each flow walked through the pages, role by role, as the users would."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from python_calamine import CalamineWorkbook

from trithuc.engagement.models import Comment, Consultation, DialogueSession, Idea, Question
from trithuc.programs.choices import IndicatorSource
from trithuc.programs.models import Indicator, IndicatorFigure
from trithuc.tasks.models import Task

from .conftest import close

pytestmark = pytest.mark.django_db

DRAFT_TEXT = """## Điều 1. Phạm vi điều chỉnh
Quy định này áp dụng cho trí thức.
Không áp dụng cho khách.
## Điều 2. Chính sách hỗ trợ
Hỗ trợ 50 triệu đồng mỗi người."""


def _as(client, user):
    client.force_login(user)
    return client


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_consultation_from_draft_to_synthesis_table(client, units, people):
    today = timezone.localdate()
    # The agency officer writes and publishes the draft.
    officer = _as(client, people["agency_officer"])
    response = officer.post(
        reverse("engagement:consultation_create"),
        {
            "unit": units.department.pk,
            "title": "Dự thảo Đề án thu hút trí thức",
            "opens_on": today.isoformat(),
            "closes_on": (today + dt.timedelta(days=7)).isoformat(),
            "audience": "all",
            "sections": DRAFT_TEXT,
        },
    )
    consultation = Consultation.objects.get(title="Dự thảo Đề án thu hút trí thức")
    assert response.status_code == 302
    one, two = consultation.current_version.sections.order_by("order")
    assert one.paragraphs == ["Quy định này áp dụng cho trí thức.", "Không áp dụng cho khách."]
    officer.post(reverse("engagement:consultation_publish", args=[consultation.pk]))

    # Intellectuals comment on a paragraph, propose wording, reply.
    url = reverse("engagement:comment_add", args=[consultation.pk])
    _as(client, people["intellectual"]).post(
        url,
        {
            "section": one.pk,
            "paragraph": 2,
            "kind": "amendment",
            "text": "Cần rõ hơn.",
            "proposed_text": "Không áp dụng cho người không cư trú.",
        },
    )
    _as(client, people["intellectual"]).post(
        url, {"section": two.pk, "kind": "comment", "text": "Rút sau"}
    )
    rude = Comment.objects.get(text="Rút sau")
    client.post(reverse("engagement:comment_withdraw", args=[rude.pk]))
    amendment = Comment.objects.get(text="Cần rõ hơn.")
    _as(client, people["colleague"]).post(
        url, {"parent": amendment.pk, "kind": "comment", "text": "Tán thành."}
    )
    client.post(url, {"section": two.pk, "kind": "comment", "text": "Quảng cáo bán hàng"})
    spam = Comment.objects.get(text="Quảng cáo bán hàng")

    # A leader cannot moderate; the program office hides with a reason.
    hide = reverse("engagement:comment_hide", args=[spam.pk])
    assert _as(client, people["leader"]).post(hide, {"reason": "x"}).status_code == 403
    _as(client, people["program_office"]).post(hide, {"reason": "Quảng cáo"})
    page = _as(client, people["intellectual"]).get(
        reverse("engagement:consultation_detail", args=[consultation.pk])
    )
    assert "Quảng cáo bán hàng" not in page.content.decode()
    assert "Tán thành." in page.content.decode()
    assert "Rút sau" not in page.content.decode()
    own_view = _as(client, people["colleague"]).get(
        reverse("engagement:consultation_detail", args=[consultation.pk])
    )
    assert "Đã ẩn: Quảng cáo" in own_view.content.decode()
    assert spam.history.latest().history_change_reason == "Ẩn: Quảng cáo"

    # After closing, the agency answers; then everyone who reads it downloads the table.
    close(consultation)
    answer = reverse("engagement:comment_answer", args=[amendment.pk])
    _as(client, people["agency_officer"]).post(
        answer, {"result": "accepted", "response": "Đã sửa."}
    )
    response = _as(client, people["intellectual"]).get(
        reverse("engagement:synthesis_xlsx", args=[consultation.pk])
    )
    assert response.status_code == 200, response.content[:500]
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert rows[4][1:] == [
        "Điều 1. Phạm vi điều chỉnh, đoạn 2",
        "Cần rõ hơn.\nĐề nghị sửa thành: «Không áp dụng cho người không cư trú.»",
        "Nguyễn Văn An (Xã Mới)",
        "Đã sửa.",
        "Tiếp thu",
    ]
    assert len([r for r in rows[5:] if r and r[0] != ""]) == 1  # the summary line only


def test_a_participant_without_consent_is_sent_to_give_it_and_withdrawal_stops_taking_part(
    client, people, consultation
):
    url = reverse("engagement:comment_add", args=[consultation.pk])
    _as(client, people["newcomer"])
    response = client.post(url, {"kind": "comment", "text": "Ý kiến đầu tiên"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("engagement:my_area")
    assert any("đồng ý" in m for m in _messages(response))
    assert not Comment.objects.exists()

    client.post(reverse("engagement:consent_give"))
    client.post(url, {"kind": "comment", "text": "Ý kiến đầu tiên"})
    assert Comment.objects.filter(text="Ý kiến đầu tiên").exists()

    response = client.post(reverse("engagement:consent_withdraw"), follow=True)
    assert any("tối đa 5 năm" in m for m in _messages(response))
    client.post(url, {"kind": "comment", "text": "Ý kiến sau khi rút"})
    assert not Comment.objects.filter(text="Ý kiến sau khi rút").exists()
    # What was given stays (the retention period), visible to the others.
    assert Comment.objects.filter(text="Ý kiến đầu tiên", withdrawn_at=None).exists()
    client.post(reverse("engagement:idea_submit"), {"title": "Ý tưởng", "text": "Nội dung"})
    assert not Idea.objects.exists()


def test_a_private_idea_through_the_pages(client, units, people):
    _as(client, people["intellectual"]).post(
        reverse("engagement:idea_submit"),
        {"title": "Quỹ khởi nghiệp", "text": "Lập quỹ.", "is_public": ""},
    )
    idea = Idea.objects.get()
    detail = reverse("engagement:idea_detail", args=[idea.pk])
    assert _as(client, people["program_office"]).get(detail).status_code == 200
    client.post(reverse("engagement:idea_assign", args=[idea.pk]), {"agency": units.department.pk})
    for role in ("program_office", "leader", "administrator", "colleague", "officer_new_commune"):
        assert _as(client, people[role]).get(detail).status_code == 404, role
        assert "Quỹ khởi nghiệp" not in client.get(reverse("engagement:idea_list")).content.decode()
    _as(client, people["agency_officer"]).post(
        reverse("engagement:idea_answer", args=[idea.pk]), {"text": "Đưa vào kế hoạch 2027."}
    )
    page = _as(client, people["intellectual"]).get(detail).content.decode()
    assert "Đưa vào kế hoạch 2027." in page
    assert "Đã trả lời" in page


def test_a_dialogue_with_questions_answers_and_a_commitment(client, units, people, program):
    indicator = Indicator.objects.create(
        program=program,
        code="doi-thoai-tri-thuc",
        name="Buổi đối thoại",
        unit_of_measure="buổi",
        method="Đếm",
        source=IndicatorSource.COMPUTED,
        computation="dialogue_sessions",
        order=1,
    )
    starts = timezone.localtime() - dt.timedelta(hours=1)
    _as(client, people["program_office"]).post(
        reverse("engagement:session_create"),
        {
            "unit": units.new_province.pk,
            "topic": "Trí thức trẻ và khởi nghiệp",
            "leader_name": "Bí thư Tỉnh ủy",
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "place": "Hội trường A",
        },
    )
    session = DialogueSession.objects.get()
    _as(client, people["intellectual"]).post(
        reverse("engagement:session_register", args=[session.pk])
    )
    client.post(
        reverse("engagement:question_submit", args=[session.pk]),
        {"text": "Có quỹ hỗ trợ không?", "is_anonymous": "on"},
    )
    question = Question.objects.get()
    _as(client, people["colleague"])
    liked = client.post(
        reverse("engagement:question_like", args=[question.pk]), HTTP_HX_REQUEST="true"
    )
    assert "♥ 1" in liked.content.decode()
    page = client.get(reverse("engagement:session_detail", args=[session.pk])).content.decode()
    assert "Ẩn danh" in page
    assert str(people["intellectual"]) not in page

    runner = _as(client, people["program_office"])
    assert (
        str(people["intellectual"])
        in runner.get(reverse("engagement:session_detail", args=[session.pk])).content.decode()
    )
    runner.post(
        reverse("engagement:question_moderate", args=[question.pk]),
        {"status": "live", "group": "Tài chính"},
    )
    runner.post(
        reverse("engagement:question_answer", args=[question.pk]), {"text": "Có, từ năm sau."}
    )
    runner.post(reverse("engagement:session_held", args=[session.pk]), {"text": "Đã tổ chức"})
    assert IndicatorFigure.objects.get(indicator=indicator).value == 1
    rows = runner.get(
        reverse("programs:indicator_rows", args=[program.code, indicator.code]),
        {"don-vi": units.new_province.pk, "nam": starts.year},
    )
    assert rows.context["breakdown"].total == 1
    assert "Trí thức trẻ và khởi nghiệp" in rows.content.decode()
    runner.post(
        reverse("engagement:commitment_add", args=[session.pk]),
        {
            "text": "Lập Quỹ hỗ trợ trí thức trẻ",
            "lead_unit": units.department.pk,
            "deadline": "2027-06-30",
            "question": question.pk,
        },
    )
    task = Task.objects.get(text="Lập Quỹ hỗ trợ trí thức trẻ")
    assert task.deadline == dt.date(2027, 6, 30)
    assert list(task.lead_units.all()) == [units.department]
    # The task is followed like every other task of the program.
    assert (
        _as(client, people["agency_officer"])
        .get(reverse("tasks:task_detail", args=[task.pk]))
        .status_code
        == 200
    )


def test_an_agency_keeps_members_of_its_association(client, units, people):
    from conftest import make_user
    from trithuc.accounts.choices import Role
    from trithuc.engagement.models import Association, Membership
    from trithuc.engagement.services import associations_load
    from trithuc.orgunits.choices import OrgUnitKind
    from trithuc.orgunits.services import orgunit_create
    from trithuc.people.models import Person

    unit = orgunit_create(
        code="CT.HVHNT",
        name="Hội Văn học Nghệ thuật",
        kind=OrgUnitKind.ASSOCIATION,
        parent=units.new_province,
        valid_from=units.new_province.valid_from,
    )
    associations_load()
    association = Association.objects.get(unit=unit)
    keeper = make_user("hoivhnt", Role.AGENCY_OFFICER, unit)
    person = Person.objects.get(user=people["intellectual"])
    add = reverse("engagement:membership_add", args=[association.pk])
    assert (
        _as(client, people["officer_other_commune"])
        .post(add, {"person": person.pk, "association": association.pk})
        .status_code
        == 403
    )
    _as(client, people["program_office"]).post(
        add, {"person": person.pk, "association": association.pk, "position": "Hội viên"}
    )
    assert Membership.objects.filter(person=person, association=association).exists()
    detail = reverse("engagement:association_detail", args=[association.pk])
    for user, sees in [
        (keeper, True),
        (people["program_office"], True),
        (people["agency_officer"], False),
    ]:
        assert (person.full_name in _as(client, user).get(detail).content.decode()) is sees
