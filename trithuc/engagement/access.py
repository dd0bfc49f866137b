"""Who may act in engagement, beyond seeing. The services enforce these checks; the views use them
only to decide which buttons a page shows.

- Consultations are published, moderated and answered by the publishing agency (an agency officer
  whose assignment reaches the consultation's unit) and by the program office.
- Ideas are routed by the program office and answered by the officers of the agency they were
  routed to (agency or unit officers whose assignment reaches it).
- Dialogue sessions are run (questions moderated, answers and commitments recorded) by the program
  office and the agency officers of the organising unit.
- Association members are kept by officers whose assignment reaches the association's unit.
- Taking part (comments, ideas, questions, registrations) needs a consent in force.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from trithuc.accounts.choices import Role
from trithuc.accounts.models import User
from trithuc.accounts.scoping import may_act_in_role, role_reach_ids
from trithuc.core.dates import today
from trithuc.privacy.selectors import consent_in_force

from .choices import Audience, ConsultationPhase
from .models import Association, Consultation, DialogueSession, Idea

MODERATOR_ROLES = frozenset({Role.AGENCY_OFFICER, Role.PROGRAM_OFFICE})
ANSWERING_ROLES = frozenset({Role.AGENCY_OFFICER, Role.UNIT_OFFICER})
MEMBER_KEEPER_ROLES = frozenset({Role.AGENCY_OFFICER, Role.PROGRAM_OFFICE, Role.ADMINISTRATOR})

AnyUser = User | AnonymousUser


class ConsentRequired(PermissionDenied):
    """Taking part needs a consent in force; the pages send the user to the consent page."""

    def __init__(self) -> None:
        super().__init__(
            "Bạn cần đồng ý với thông báo xử lý dữ liệu cá nhân (mục «Tham gia của tôi») trước "
            "khi gửi góp ý, hiến kế hoặc câu hỏi."
        )


def require_consent(user: AnyUser) -> None:
    if not user.is_authenticated or consent_in_force(user) is None:
        raise ConsentRequired()


def has_assignment(user: AnyUser) -> bool:
    return user.is_authenticated and (user.is_superuser or user.assignments.exists())


def is_program_office(user: AnyUser) -> bool:
    return user.is_authenticated and (
        user.is_superuser or bool(role_reach_ids(user, {Role.PROGRAM_OFFICE}))
    )


# --- Consultations ---------------------------------------------------------------------------


def may_publish_for(user: AnyUser, unit_id: int | None) -> bool:
    return may_act_in_role(user, MODERATOR_ROLES, unit_id)


def is_moderator(user: AnyUser, consultation: Consultation) -> bool:
    return may_act_in_role(user, MODERATOR_ROLES, consultation.unit_id)


def in_audience(user: AnyUser, consultation: Consultation) -> bool:
    """Officers (anyone holding an assignment) may comment on every published draft, as agencies
    do; an intellectual when the audience includes them."""
    if not user.is_authenticated:
        return False
    if consultation.audience == Audience.ALL or has_assignment(user):
        return True
    person = getattr(user, "person", None)
    if person is None:
        return False
    if consultation.audience == Audience.INVITED:
        return consultation.invited.filter(pk=person.pk).exists()
    field_id = consultation.field_id
    return person.fields.filter(Q(pk=field_id) | Q(parent_id=field_id)).exists()


def may_read_consultation(user: AnyUser, consultation: Consultation) -> bool:
    if is_moderator(user, consultation):
        return True
    return consultation.published_at is not None and in_audience(user, consultation)


def may_comment(user: AnyUser, consultation: Consultation) -> bool:
    return consultation.phase_on(today()) == ConsultationPhase.OPEN and in_audience(
        user, consultation
    )


# --- Ideas -----------------------------------------------------------------------------------


def may_route_idea(user: AnyUser) -> bool:
    return is_program_office(user)


def is_answering_agency(user: AnyUser, idea: Idea) -> bool:
    return may_act_in_role(user, ANSWERING_ROLES, idea.agency_id)


# --- Dialogues -------------------------------------------------------------------------------


def may_run_session(user: AnyUser, session: DialogueSession) -> bool:
    return may_act_in_role(user, MODERATOR_ROLES, session.unit_id)


def may_organise_for(user: AnyUser, unit_id: int | None) -> bool:
    return may_act_in_role(user, MODERATOR_ROLES, unit_id)


# --- Associations ----------------------------------------------------------------------------


def may_keep_members(user: AnyUser, association: Association) -> bool:
    return may_act_in_role(user, MEMBER_KEEPER_ROLES, association.managing_unit_id)
