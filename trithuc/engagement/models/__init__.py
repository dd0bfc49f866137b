"""Engagement: consultations, the ideas box, dialogue sessions, associations and members."""

from .associations import Association, Membership
from .consultations import (
    Comment,
    Consultation,
    ConsultationAttachment,
    DraftSection,
    DraftVersion,
)
from .dialogues import Commitment, DialogueSession, Question, QuestionLike, Registration
from .ideas import Idea

__all__ = [
    "Association",
    "Comment",
    "Commitment",
    "Consultation",
    "ConsultationAttachment",
    "DialogueSession",
    "DraftSection",
    "DraftVersion",
    "Idea",
    "Membership",
    "Question",
    "QuestionLike",
    "Registration",
]
