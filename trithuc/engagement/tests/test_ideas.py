"""The ideas box: a private idea is seen only by its author and the agency answering it (and by the
program office only while it routes it); public ideas by everyone signed in."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from trithuc.engagement import selectors, services
from trithuc.engagement.access import ConsentRequired
from trithuc.engagement.choices import IdeaStatus

pytestmark = pytest.mark.django_db

EVERYONE = [
    "program_office",
    "leader",
    "administrator",
    "agency_officer",
    "officer_new_commune",
    "officer_other_commune",
    "officer_old_commune",
    "reviewer",
    "intellectual",
    "colleague",
]


def _who_sees(idea, people) -> set[str]:
    return {role for role in EVERYONE if idea in selectors.idea_list(user=people[role])}


def test_a_private_idea_is_seen_by_its_author_and_the_answering_agency_only(units, people):
    idea = services.idea_submit(
        actor=people["intellectual"], title="Vườn ươm khởi nghiệp", text="Lập vườn ươm."
    )
    # Received: the program office routes it, so it reads it until then.
    assert _who_sees(idea, people) == {"intellectual", "program_office"}
    services.idea_assign(actor=people["program_office"], idea=idea, agency=units.department)
    assert _who_sees(idea, people) == {"intellectual", "agency_officer"}
    services.idea_answer(actor=people["agency_officer"], idea=idea, response="Sẽ đưa vào kế hoạch.")
    services.idea_mark_implemented(
        actor=people["agency_officer"], idea=idea, note="Vườn ươm mở tháng 9."
    )
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.IMPLEMENTED
    assert _who_sees(idea, people) == {"intellectual", "agency_officer"}


def test_a_public_idea_is_read_by_everyone_signed_in(people):
    idea = services.idea_submit(
        actor=people["intellectual"], title="Thư viện số", text="Số hóa tài liệu.", is_public=True
    )
    assert _who_sees(idea, people) == set(EVERYONE)


def test_only_the_routed_agency_answers_and_moves_follow_the_order(units, people):
    idea = services.idea_submit(actor=people["intellectual"], title="Ý tưởng", text="Nội dung")
    with pytest.raises(PermissionDenied):
        services.idea_assign(actor=people["agency_officer"], idea=idea, agency=units.department)
    services.idea_assign(actor=people["program_office"], idea=idea, agency=units.other_commune)
    with pytest.raises(PermissionDenied):
        services.idea_answer(actor=people["agency_officer"], idea=idea, response="Trả lời")
    with pytest.raises(ValidationError, match="bước tiếp theo"):
        services.idea_mark_implemented(
            actor=people["officer_other_commune"], idea=idea, note="Đã làm"
        )
    services.idea_answer(actor=people["officer_other_commune"], idea=idea, response="Cảm ơn")


def test_ideas_need_consent_and_the_author_may_withdraw_until_answered(people):
    with pytest.raises(ConsentRequired):
        services.idea_submit(actor=people["newcomer"], title="Ý tưởng", text="Nội dung")
    idea = services.idea_submit(actor=people["intellectual"], title="Ý tưởng", text="Nội dung")
    with pytest.raises(PermissionDenied):
        services.idea_withdraw(actor=people["colleague"], idea=idea)
    services.idea_withdraw(actor=people["intellectual"], idea=idea)
    assert _who_sees(idea, people) == {"intellectual"}
