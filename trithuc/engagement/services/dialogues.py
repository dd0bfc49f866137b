"""State changes of dialogue sessions: scheduling, registration, questions (sent, liked,
moderated, answered, withdrawn), holding the session, and commitments that become program tasks."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from trithuc.accounts.models import User
from trithuc.orgunits.models import OrgUnit
from trithuc.programs.models import Program

from .. import access
from ..choices import QuestionStatus, SessionStatus
from ..models import Commitment, DialogueSession, Question, QuestionLike, Registration
from ._common import with_actor

RUNNERS = "cơ quan thường trực Chương trình hoặc cơ quan tổ chức buổi đối thoại"
DIALOGUES = "engagement.DialogueSession"
COMMITMENT_SECTION = "ĐT"
COMMITMENT_SECTION_TITLE = "Cam kết, chỉ đạo tại các buổi đối thoại với trí thức"


def _require_runner(actor: User, session: DialogueSession) -> None:
    if not access.may_run_session(actor, session):
        raise PermissionDenied(f"Chỉ {RUNNERS} được làm việc này.")


def _require_planned(session: DialogueSession) -> None:
    if session.status != SessionStatus.PLANNED:
        raise ValidationError(
            f"Buổi đối thoại {session.get_status_display().lower()}: không nhận đăng ký, câu hỏi mới."
        )


def _figures_refresh(session: DialogueSession) -> None:
    """The «periodic dialogue» indicator counts held sessions; kept current in this transaction."""
    from trithuc.programs.services import computed_figures_refresh

    computed_figures_refresh(
        source=DIALOGUES,
        unit_ids={session.unit_id},
        years={timezone.localtime(session.starts_at).year},
    )


@transaction.atomic
def session_create(
    *,
    actor: User,
    unit: OrgUnit,
    topic: str,
    leader_name: str,
    starts_at: dt.datetime,
    place: str,
    leader_title: str = "",
) -> DialogueSession:
    if not access.may_organise_for(actor, unit.pk):
        raise PermissionDenied(f"Bạn không thể tổ chức đối thoại thay cho «{unit}».")
    session = DialogueSession(
        unit=unit,
        topic=topic.strip(),
        leader_name=leader_name.strip(),
        leader_title=leader_title.strip(),
        starts_at=starts_at,
        place=place.strip(),
    )
    session.full_clean()
    with_actor(session, actor)
    session.save()
    return session


@transaction.atomic
def session_mark_held(
    *, actor: User, session: DialogueSession, summary: str = ""
) -> DialogueSession:
    _require_runner(actor, session)
    _require_planned(session)
    if session.starts_at > timezone.now():
        raise ValidationError("Buổi đối thoại chưa đến giờ, chưa ghi nhận đã tổ chức được.")
    session.status, session.summary = SessionStatus.HELD, summary.strip()
    with_actor(session, actor)
    session.save(update_fields=["status", "summary"])
    _figures_refresh(session)
    return session


@transaction.atomic
def session_cancel(*, actor: User, session: DialogueSession, reason: str) -> DialogueSession:
    _require_runner(actor, session)
    _require_planned(session)
    if not reason.strip():
        raise ValidationError({"reason": "Cần ghi lý do hủy."})
    session.status = SessionStatus.CANCELLED
    with_actor(session, actor, reason.strip()[:100])
    session.save(update_fields=["status"])
    return session


@transaction.atomic
def session_register(*, actor: User, session: DialogueSession) -> Registration:
    access.require_consent(actor)
    _require_planned(session)
    registration, _ = Registration.objects.get_or_create(session=session, user=actor)
    return registration


@transaction.atomic
def question_submit(
    *, actor: User, session: DialogueSession, text: str, is_anonymous: bool = False
) -> Question:
    access.require_consent(actor)
    _require_planned(session)
    if not text.strip():
        raise ValidationError({"text": "Cần nhập câu hỏi."})
    question = Question(session=session, author=actor, text=text.strip(), is_anonymous=is_anonymous)
    question.full_clean()
    with_actor(question, actor)
    question.save()
    return question


@transaction.atomic
def question_like(*, actor: User, question: Question) -> bool:
    """Like a question, or take the like back; returns whether the user likes it now."""
    access.require_consent(actor)
    if question.status == QuestionStatus.HIDDEN or question.withdrawn_at is not None:
        raise ValidationError("Câu hỏi này không còn hiển thị.")
    like, created = QuestionLike.objects.get_or_create(question=question, user=actor)
    if not created:
        like.delete()
    return created


@transaction.atomic
def question_moderate(
    *, actor: User, question: Question, status: str, group: str | None = None, note: str = ""
) -> Question:
    """Group a question and mark it shortlisted, live, answered or hidden (with a note)."""
    _require_runner(actor, question.session)
    if status not in QuestionStatus.values:
        raise ValidationError({"status": "Tình trạng câu hỏi không hợp lệ."})
    if status == QuestionStatus.HIDDEN and not note.strip():
        raise ValidationError({"note": "Cần ghi lý do ẩn câu hỏi."})
    question.status = status
    if group is not None:
        question.group = group.strip()[:120]
    if note.strip():
        question.moderation_note = note.strip()[:300]
    with_actor(question, actor, note.strip()[:100])
    question.save(update_fields=["status", "group", "moderation_note"])
    return question


@transaction.atomic
def question_answer(*, actor: User, question: Question, answer: str) -> Question:
    """The answer given at the session (or afterwards in writing)."""
    _require_runner(actor, question.session)
    if not answer.strip():
        raise ValidationError({"answer": "Cần nhập nội dung trả lời."})
    question.answer, question.answered_at = answer.strip(), timezone.now()
    question.status = QuestionStatus.ANSWERED
    with_actor(question, actor)
    question.save(update_fields=["answer", "answered_at", "status"])
    return question


@transaction.atomic
def question_withdraw(*, actor: User, question: Question) -> Question:
    if question.author_id != actor.pk:
        raise PermissionDenied("Chỉ người hỏi được rút lại câu hỏi.")
    if question.status == QuestionStatus.ANSWERED:
        raise ValidationError("Câu hỏi đã được trả lời, không rút lại được.")
    if question.withdrawn_at is None:
        question.withdrawn_at = timezone.now()
        with_actor(question, actor, "Người hỏi rút lại")
        question.save(update_fields=["withdrawn_at"])
    return question


@transaction.atomic
def commitment_add(
    *,
    actor: User,
    session: DialogueSession,
    program: Program,
    text: str,
    lead_unit: OrgUnit,
    deadline: dt.date | None = None,
    question: Question | None = None,
) -> Commitment:
    """A commitment made at the session becomes a task of the program, led by ``lead_unit``, which
    the program's task tracking follows like any other (only the program office adds tasks)."""
    from trithuc.tasks.services import task_create

    _require_runner(actor, session)
    if session.status != SessionStatus.HELD:
        raise ValidationError("Ghi nhận buổi đối thoại đã tổ chức trước khi ghi cam kết.")
    if question is not None and question.session_id != session.pk:
        raise ValidationError({"question": "Câu hỏi không thuộc buổi đối thoại này."})
    day = timezone.localtime(session.starts_at)
    task = task_create(
        actor=actor,
        program=program,
        section=COMMITMENT_SECTION,
        section_title=COMMITMENT_SECTION_TITLE,
        text=text,
        assigned_by=f"Kết luận của {session.leader_name} tại buổi đối thoại với trí thức "
        f"ngày {day:%d/%m/%Y} ({session.topic})"[:300],
        lead_units=[lead_unit],
        deadline=deadline,
    )
    commitment = Commitment(session=session, question=question, text=text.strip(), task=task)
    with_actor(commitment, actor)
    commitment.save()
    return commitment
