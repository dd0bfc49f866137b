"""State changes of the ideas box: submit, route to an agency, answer, record as implemented,
withdraw."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from trithuc.accounts.models import User
from trithuc.orgunits.models import OrgUnit
from trithuc.people.models import Field

from .. import access
from ..choices import IDEA_MOVES, IdeaStatus
from ..models import Idea
from ._common import with_actor


def _move(idea: Idea, to: IdeaStatus) -> None:
    if to not in IDEA_MOVES[IdeaStatus(idea.status)]:
        allowed = ", ".join(f"«{s.label}»" for s in IDEA_MOVES[IdeaStatus(idea.status)]) or "không"
        raise ValidationError(
            f"Hiến kế đang ở trạng thái «{idea.get_status_display()}»; bước tiếp theo được phép: "
            f"{allowed}."
        )
    if idea.withdrawn_at is not None:
        raise ValidationError("Tác giả đã rút lại hiến kế này.")
    idea.status = to


@transaction.atomic
def idea_submit(
    *, actor: User, title: str, text: str, field: Field | None = None, is_public: bool = False
) -> Idea:
    access.require_consent(actor)
    if not title.strip() or not text.strip():
        raise ValidationError({"title": "Cần nhập tên và nội dung hiến kế."})
    idea = Idea(
        author=actor, title=title.strip(), text=text.strip(), field=field, is_public=is_public
    )
    idea.full_clean()
    with_actor(idea, actor)
    idea.save()
    return idea


@transaction.atomic
def idea_assign(*, actor: User, idea: Idea, agency: OrgUnit) -> Idea:
    """The program office routes the idea to the agency that will answer it (or re-routes it)."""
    if not access.may_route_idea(actor):
        raise PermissionDenied("Chỉ cơ quan thường trực Chương trình chuyển hiến kế.")
    if idea.status not in (IdeaStatus.RECEIVED, IdeaStatus.ASSIGNED):
        raise ValidationError("Hiến kế đã được trả lời, không chuyển lại được.")
    _move(idea, IdeaStatus.ASSIGNED)
    idea.agency = agency
    with_actor(idea, actor, f"Chuyển {agency}")
    idea.save(update_fields=["status", "agency"])
    return idea


@transaction.atomic
def idea_answer(*, actor: User, idea: Idea, response: str) -> Idea:
    if not access.is_answering_agency(actor, idea):
        raise PermissionDenied("Chỉ cơ quan được giao trả lời hiến kế này.")
    if not response.strip():
        raise ValidationError({"response": "Cần nhập nội dung trả lời."})
    _move(idea, IdeaStatus.ANSWERED)
    idea.response, idea.answered_at = response.strip(), timezone.now()
    with_actor(idea, actor)
    idea.save(update_fields=["status", "response", "answered_at"])
    return idea


@transaction.atomic
def idea_mark_implemented(*, actor: User, idea: Idea, note: str) -> Idea:
    if not access.is_answering_agency(actor, idea):
        raise PermissionDenied("Chỉ cơ quan được giao trả lời hiến kế này.")
    if not note.strip():
        raise ValidationError({"note": "Ghi hiến kế đã được áp dụng ở đâu, thế nào."})
    _move(idea, IdeaStatus.IMPLEMENTED)
    idea.implemented_note = note.strip()
    with_actor(idea, actor)
    idea.save(update_fields=["status", "implemented_note"])
    return idea


@transaction.atomic
def idea_withdraw(*, actor: User, idea: Idea) -> Idea:
    if idea.author_id != actor.pk:
        raise PermissionDenied("Chỉ tác giả được rút lại hiến kế.")
    if idea.status in (IdeaStatus.ANSWERED, IdeaStatus.IMPLEMENTED):
        raise ValidationError("Hiến kế đã được trả lời, không rút lại được.")
    if idea.withdrawn_at is None:
        idea.withdrawn_at = timezone.now()
        with_actor(idea, actor, "Tác giả rút lại")
        idea.save(update_fields=["withdrawn_at"])
    return idea
