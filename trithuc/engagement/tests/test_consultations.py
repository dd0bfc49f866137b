"""Consultations through the services: who publishes, who comments, moderation kept in history,
withdrawal, answers only after closing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from trithuc.core.dates import today
from trithuc.engagement import selectors, services
from trithuc.engagement.access import ConsentRequired
from trithuc.engagement.choices import Audience, CommentKind, CommentResult

from .conftest import SECTIONS, close

pytestmark = pytest.mark.django_db


def test_only_the_publishing_agency_or_program_office_opens_a_consultation(units, people):
    for role in ("officer_new_commune", "leader", "intellectual", "reviewer"):
        with pytest.raises(PermissionDenied):
            services.consultation_create(
                actor=people[role],
                unit=units.department,
                title="Dự thảo",
                opens_on=today(),
                closes_on=today(),
                sections=SECTIONS,
            )


def test_a_draft_is_invisible_until_published_then_read_by_its_audience(units, people, field_agri):
    draft = services.consultation_create(
        actor=people["program_office"],
        unit=units.department,
        title="Dự thảo đề án nông nghiệp",
        opens_on=today(),
        closes_on=today(),
        sections=SECTIONS,
        audience=Audience.FIELD,
        field=field_agri.parent,
    )
    assert draft not in selectors.consultation_list(user=people["intellectual"])
    assert draft in selectors.consultation_list(user=people["agency_officer"])
    services.consultation_publish(actor=people["agency_officer"], consultation=draft)
    # The agronomist's field lies under the group the draft asks; the colleague has no field.
    assert draft in selectors.consultation_list(user=people["intellectual"])
    assert draft not in selectors.consultation_list(user=people["colleague"])


def test_comments_per_paragraph_replies_and_amendments(consultation, people):
    section = consultation.current_version.sections.get(order=1)
    comment = services.comment_add(
        actor=people["intellectual"],
        consultation=consultation,
        section=section,
        paragraph=2,
        kind=CommentKind.AMENDMENT,
        text="Nên nói rõ hơn.",
        proposed_text="Không áp dụng cho người không cư trú tại tỉnh.",
    )
    reply = services.comment_add(
        actor=people["colleague"], consultation=consultation, parent=comment, text="Đồng ý."
    )
    assert (reply.section, reply.paragraph) == (section, 2)
    with pytest.raises(ValidationError, match="Đoạn được chọn"):
        services.comment_add(
            actor=people["intellectual"],
            consultation=consultation,
            section=section,
            paragraph=5,
            text="?",
        )
    with pytest.raises(ValidationError, match="câu chữ"):
        services.comment_add(
            actor=people["intellectual"],
            consultation=consultation,
            kind=CommentKind.AMENDMENT,
            text="Sửa",
        )


def test_taking_part_needs_consent_in_force(consultation, people):
    with pytest.raises(ConsentRequired):
        services.comment_add(actor=people["newcomer"], consultation=consultation, text="Ý kiến")


def test_a_hidden_comment_leaves_participants_view_and_keeps_its_reason_in_history(
    consultation, people
):
    comment = services.comment_add(
        actor=people["intellectual"], consultation=consultation, text="Lời lẽ không phù hợp"
    )
    with pytest.raises(PermissionDenied):
        services.comment_hide(actor=people["colleague"], comment=comment, reason="Tự ẩn")
    services.comment_hide(
        actor=people["agency_officer"], comment=comment, reason="Ngôn từ xúc phạm"
    )
    assert comment not in selectors.comments_visible(
        user=people["colleague"], consultation=consultation
    )
    assert comment in selectors.comments_visible(
        user=people["intellectual"], consultation=consultation
    )
    assert comment in selectors.comments_visible(
        user=people["program_office"], consultation=consultation
    )
    latest = comment.history.latest()
    assert (latest.is_hidden, latest.history_change_reason, latest.history_user) == (
        True,
        "Ẩn: Ngôn từ xúc phạm",
        people["agency_officer"],
    )


def test_answers_come_after_closing_and_withdrawn_comments_leave_the_table(consultation, people):
    kept = services.comment_add(actor=people["intellectual"], consultation=consultation, text="Giữ")
    gone = services.comment_add(actor=people["colleague"], consultation=consultation, text="Rút")
    with pytest.raises(ValidationError, match="sau khi hết hạn"):
        services.comment_answer(
            actor=people["agency_officer"],
            comment=kept,
            result=CommentResult.ACCEPTED,
            response="x",
        )
    with pytest.raises(PermissionDenied):
        services.comment_withdraw(actor=people["intellectual"], comment=gone)
    services.comment_withdraw(actor=people["colleague"], comment=gone)
    close(consultation)
    services.comment_answer(
        actor=people["agency_officer"],
        comment=kept,
        result=CommentResult.ACCEPTED,
        response="Đã sửa.",
    )
    assert list(selectors.comments_for_synthesis(consultation)) == [kept]
    with pytest.raises(ValidationError, match="đã được cơ quan trả lời"):
        services.comment_withdraw(actor=people["intellectual"], comment=kept)


def test_a_new_version_keeps_the_old_one_beside_it(consultation, people):
    services.draft_version_add(
        actor=people["agency_officer"],
        consultation=consultation,
        sections=[("Điều 1. Phạm vi", "Áp dụng cho trí thức trong tỉnh.")],
        note="Tiếp thu ý kiến đợt 1",
    )
    versions = list(consultation.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].sections.count() == 2
    assert consultation.current_version == versions[1]
