"""Reads of engagement. Drafts, sessions and association figures are not personal data; comments,
ideas, questions and memberships are, and each read below says who sees which rows.

Private ideas are narrower than the project's scoping rule on purpose: the author and the officers
of the agency answering it see them, and the program office only while it routes them (received,
not yet assigned). Leaders, administrators and other officers do not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.http import Http404

from trithuc.accounts.models import User
from trithuc.accounts.scoping import Action, restrict, role_reach_ids
from trithuc.core.dates import today
from trithuc.programs.computations import young_born_after

from . import access
from .choices import Audience, IdeaStatus, QuestionStatus
from .models import (
    Association,
    Comment,
    Consultation,
    DialogueSession,
    Idea,
    Membership,
    Question,
    QuestionLike,
)

AnyUser = access.AnyUser


# --- Consultations ---------------------------------------------------------------------------


def _audience_q(user: AnyUser) -> Q:
    if access.has_assignment(user):
        return Q()
    person = getattr(user, "person", None) if user.is_authenticated else None
    condition = Q(audience=Audience.ALL)
    if person is not None:
        fields = list(person.fields.values_list("pk", "parent_id"))
        field_ids = {pk for pk, _ in fields} | {parent for _, parent in fields if parent}
        condition |= Q(audience=Audience.INVITED, invited=person)
        condition |= Q(audience=Audience.FIELD, field_id__in=field_ids)
    return condition


def consultation_list(*, user: AnyUser) -> QuerySet[Consultation]:
    if not user.is_authenticated:
        return Consultation.objects.none()
    moderated = Q(unit_id__in=role_reach_ids(user, access.MODERATOR_ROLES))
    if user.is_superuser:
        moderated = Q()
    published = Q(published_at__isnull=False) & _audience_q(user)
    return (
        Consultation.objects.filter(moderated | published)
        .distinct()
        .select_related("unit")
        .annotate(n_comments=Count("comments", filter=Q(comments__parent__isnull=True)))
    )


def consultation_get(*, user: AnyUser, pk: int) -> Consultation:
    consultation = Consultation.objects.select_related("unit", "field").filter(pk=pk).first()
    if consultation is None or not access.may_read_consultation(user, consultation):
        raise Http404("Không tìm thấy dự thảo.")
    return consultation


def comments_visible(*, user: AnyUser, consultation: Consultation) -> QuerySet[Comment]:
    """Moderators see every comment (hidden ones marked, with the reason); participants see the
    comments shown, and their own even when hidden (so they learn why)."""
    comments = consultation.comments.select_related("author", "section", "answered_by")
    if access.is_moderator(user, consultation):
        return comments.filter(withdrawn_at__isnull=True) | comments.filter(
            withdrawn_at__isnull=False, author=user
        )
    shown = Q(is_hidden=False, withdrawn_at__isnull=True)
    own = Q(author_id=user.pk, withdrawn_at__isnull=True)
    return comments.filter(shown | own)


def comments_for_synthesis(consultation: Consultation) -> QuerySet[Comment]:
    """The comments the synthesis table lists: top-level, shown, not withdrawn, in draft order."""
    return (
        consultation.comments.filter(
            parent__isnull=True, is_hidden=False, withdrawn_at__isnull=True
        )
        .select_related("author__person", "section")
        # General comments (no section) first, on both databases.
        .order_by(
            F("section__version__number").asc(nulls_first=True),
            F("section__order").asc(nulls_first=True),
            F("paragraph").asc(nulls_first=True),
            "created_at",
            "pk",
        )
    )


# --- Ideas -----------------------------------------------------------------------------------


def _ideas_visible_q(user: AnyUser) -> Q:
    public = Q(is_public=True, withdrawn_at__isnull=True)
    if not user.is_authenticated:
        return Q(pk__in=[])
    condition = public | Q(author_id=user.pk)
    agencies = role_reach_ids(user, access.ANSWERING_ROLES)
    if agencies:
        condition |= Q(agency_id__in=agencies)
    if access.may_route_idea(user):
        condition |= Q(status=IdeaStatus.RECEIVED, withdrawn_at__isnull=True)
    return condition


def idea_list(*, user: AnyUser, mine: bool = False) -> QuerySet[Idea]:
    ideas = Idea.objects.filter(_ideas_visible_q(user)).select_related("field", "agency", "author")
    return ideas.filter(author_id=user.pk) if mine else ideas


def idea_get(*, user: AnyUser, pk: int) -> Idea:
    idea = idea_list(user=user).filter(pk=pk).first()
    if idea is None:
        raise Http404("Không tìm thấy hiến kế.")
    return idea


# --- Dialogues -------------------------------------------------------------------------------


def session_list() -> QuerySet[DialogueSession]:
    return DialogueSession.objects.select_related("unit").annotate(
        n_questions=Count(
            "questions",
            filter=Q(questions__withdrawn_at__isnull=True)
            & ~Q(questions__status=QuestionStatus.HIDDEN),
        ),
        n_registrations=Count("registrations", distinct=True),
    )


def session_get(*, user: AnyUser, pk: int) -> DialogueSession:
    session = session_list().filter(pk=pk).first()
    if session is None or not user.is_authenticated:
        raise Http404("Không tìm thấy buổi đối thoại.")
    return session


def questions_visible(*, user: AnyUser, session: DialogueSession) -> QuerySet[Question]:
    """Runners see every question; participants the ones not hidden, and their own."""
    questions = session.questions.filter(withdrawn_at__isnull=True).select_related("author")
    questions = questions.annotate(
        n_likes=Count("likes"),
        liked=Exists(QuestionLike.objects.filter(question=OuterRef("pk"), user_id=user.pk)),
    ).order_by("group", "-n_likes", "created_at", "pk")
    if access.may_run_session(user, session):
        return questions
    return questions.filter(~Q(status=QuestionStatus.HIDDEN) | Q(author_id=user.pk))


def question_author_label(*, user: AnyUser, question: Question, runner: bool) -> str:
    """An anonymous question names nobody to other participants; runners and the author see who."""
    if question.is_anonymous and not runner and question.author_id != user.pk:
        return "Ẩn danh"
    return str(question.author)


# --- Associations ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AssociationFigures:
    association: Association
    members: int
    young: int

    @property
    def young_share(self) -> float | None:
        return self.young / self.members if self.members else None


def association_list() -> QuerySet[Association]:
    return Association.objects.filter(is_active=True).select_related("unit", "parent")


def association_figures(*, day: dt.date | None = None) -> list[AssociationFigures]:
    """Current members and young members (under ``TRITHUC_YOUNG_AGE_LIMIT``) of each association;
    a union's row adds its member associations' members. Counts, not names: readable by all."""
    day = day or today()
    current = Q(memberships__left_on__isnull=True) | Q(memberships__left_on__gt=day)
    young = Q(memberships__person__birth_date__gt=young_born_after(day))
    rows = association_list().annotate(
        n=Count("memberships__person", filter=current, distinct=True),
        n_young=Count("memberships__person", filter=current & young, distinct=True),
    )
    own = {a.pk: (a, a.n, a.n_young) for a in rows}
    figures = []
    for pk, (association, members, youth) in own.items():
        children = [v for v in own.values() if v[0].parent_id == pk]
        figures.append(
            AssociationFigures(
                association,
                members + sum(c[1] for c in children),
                youth + sum(c[2] for c in children),
            )
        )
    # Each union, then its member associations.
    return sorted(
        figures,
        key=lambda f: (
            f.association.parent_id or f.association.pk,
            f.association.parent_id is not None,
            f.association.name,
        ),
    )


def memberships_visible(*, user: AnyUser, association: Association) -> QuerySet[Membership]:
    rows = Membership.objects.filter(
        Q(association=association) | Q(association__parent=association)
    ).select_related("person", "association")
    return restrict(rows, user, Action.VIEW).order_by("person__sort_key", "pk")


def association_get(pk: int) -> Association:
    association = association_list().filter(pk=pk).first()
    if association is None:
        raise Http404("Không tìm thấy hội.")
    return association


def my_memberships(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(person__user=user).select_related("association")
