"""Dialogue sessions: questions before the session (named or anonymous to other participants),
likes, moderation, answers; commitments become program tasks; held sessions feed the indicator."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from trithuc.engagement import selectors, services
from trithuc.engagement.access import ConsentRequired
from trithuc.programs.choices import IndicatorSource
from trithuc.programs.models import Indicator, IndicatorFigure
from trithuc.programs.services import figures_rebuild

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(units, people):
    return services.session_create(
        actor=people["program_office"],
        unit=units.new_province,
        topic="Trí thức với chuyển đổi số",
        leader_name="Đồng chí Bí thư Tỉnh ủy",
        starts_at=timezone.now() - dt.timedelta(hours=2),
        place="Hội trường Tỉnh ủy",
    )


@pytest.fixture
def dialogue_indicator(program):
    return Indicator.objects.create(
        program=program,
        code="doi-thoai-tri-thuc",
        name="Buổi đối thoại",
        unit_of_measure="buổi",
        method="Đếm",
        source=IndicatorSource.COMPUTED,
        computation="dialogue_sessions",
        order=1,
    )


def test_questions_are_liked_grouped_and_anonymous_to_other_participants(session, people):
    named = services.question_submit(
        actor=people["intellectual"], session=session, text="Chính sách cho trí thức trẻ?"
    )
    anonymous = services.question_submit(
        actor=people["colleague"], session=session, text="Lương chuyên gia?", is_anonymous=True
    )
    assert services.question_like(actor=people["intellectual"], question=anonymous) is True
    assert services.question_like(actor=people["intellectual"], question=anonymous) is False
    services.question_like(actor=people["intellectual"], question=anonymous)
    services.question_moderate(
        actor=people["program_office"], question=anonymous, status="shortlisted", group="Đãi ngộ"
    )
    rows = {
        q.pk: q for q in selectors.questions_visible(user=people["intellectual"], session=session)
    }
    assert rows[anonymous.pk].n_likes == 1
    assert rows[anonymous.pk].liked
    label = selectors.question_author_label
    assert label(user=people["intellectual"], question=anonymous, runner=False) == "Ẩn danh"
    assert label(user=people["colleague"], question=anonymous, runner=False) != "Ẩn danh"
    assert label(user=people["program_office"], question=anonymous, runner=True) != "Ẩn danh"
    assert label(user=people["colleague"], question=named, runner=False) == str(
        people["intellectual"]
    )


def test_a_hidden_question_leaves_other_participants_view(session, people):
    question = services.question_submit(actor=people["colleague"], session=session, text="Lạc đề")
    with pytest.raises(ValidationError, match="lý do"):
        services.question_moderate(
            actor=people["program_office"], question=question, status="hidden"
        )
    with pytest.raises(PermissionDenied):
        services.question_moderate(
            actor=people["officer_new_commune"], question=question, status="hidden", note="x"
        )
    services.question_moderate(
        actor=people["program_office"], question=question, status="hidden", note="Không liên quan"
    )
    assert question not in selectors.questions_visible(user=people["intellectual"], session=session)
    assert question in selectors.questions_visible(user=people["colleague"], session=session)


def test_taking_part_needs_consent(session, people):
    with pytest.raises(ConsentRequired):
        services.question_submit(actor=people["newcomer"], session=session, text="Câu hỏi")
    with pytest.raises(ConsentRequired):
        services.session_register(actor=people["newcomer"], session=session)


def test_held_sessions_feed_the_dialogue_indicator_and_commitments_become_tasks(
    units, session, people, program, dialogue_indicator
):
    question = services.question_submit(
        actor=people["intellectual"], session=session, text="Bao giờ có quỹ hỗ trợ?"
    )
    services.question_answer(
        actor=people["program_office"], question=question, answer="Trong năm nay."
    )
    assert not IndicatorFigure.objects.filter(indicator=dialogue_indicator).exists()
    with pytest.raises(ValidationError, match="đã tổ chức"):
        services.commitment_add(
            actor=people["program_office"],
            session=session,
            program=program,
            text="Lập quỹ",
            lead_unit=units.department,
        )
    services.session_mark_held(actor=people["program_office"], session=session, summary="Tốt")
    year = timezone.localtime(session.starts_at).year
    figure = IndicatorFigure.objects.get(indicator=dialogue_indicator)
    assert (figure.unit, figure.year, figure.value) == (units.new_province, year, 1)

    commitment = services.commitment_add(
        actor=people["program_office"],
        session=session,
        program=program,
        text="Thành lập Quỹ hỗ trợ trí thức trẻ",
        lead_unit=units.department,
        deadline=dt.date(year, 12, 31),
        question=question,
    )
    task = commitment.task
    assert (task.program, task.order) == (program, 1)
    assert list(task.lead_units.all()) == [units.department]
    assert "Đồng chí Bí thư Tỉnh ủy" in task.assigned_by
    # The incremental figure equals a full recount.
    figures_rebuild()
    assert IndicatorFigure.objects.get(indicator=dialogue_indicator).value == 1


def test_only_the_program_office_turns_commitments_into_tasks(units, session, people, program):
    """An agency may run its own session, but only the program office adds tasks to the program."""
    own = services.session_create(
        actor=people["agency_officer"],
        unit=units.department,
        topic="Đối thoại ngành nội vụ",
        leader_name="Giám đốc Sở",
        starts_at=session.starts_at,
        place="Sở Nội vụ",
    )
    services.session_mark_held(actor=people["agency_officer"], session=own)
    for role in ("agency_officer", "leader"):
        with pytest.raises(PermissionDenied):
            services.commitment_add(
                actor=people[role],
                session=own,
                program=program,
                text="Lập quỹ",
                lead_unit=units.department,
            )
    assert not program.tasks.exists()
