"""Who may open each engagement page: one table over every URL, and the GET pages tried by every
role. Actions (POST) are walked through end to end, role by role, in test_views.py."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished
from django.db import close_old_connections
from django.urls import reverse

from trithuc.engagement import services

URL_TABLE = {
    "engagement:index": "signed in",
    "engagement:sign_up": "anyone not signed in",
    "engagement:my_area": "signed in (their own area)",
    "engagement:consent_give": "signed in, for themself (POST)",
    "engagement:consent_withdraw": "signed in, for themself (POST)",
    "engagement:my_profile": "signed in with a profile",
    "engagement:my_data_download": "signed in, their own data",
    "engagement:consultation_list": "signed in (lists what the user may read)",
    "engagement:consultation_create": "agency officer or program office",
    "engagement:consultation_detail": "the audience of a published draft; moderators always",
    "engagement:consultation_publish": "moderators (POST)",
    "engagement:version_add": "moderators",
    "engagement:version_compare": "readers of the consultation",
    "engagement:comment_add": "audience with consent, while open (POST)",
    "engagement:synthesis_xlsx": "moderators; readers once closed",
    "engagement:synthesis_docx": "moderators; readers once closed",
    "engagement:attachment_download": "readers of the consultation",
    "engagement:comment_hide": "moderators (POST)",
    "engagement:comment_withdraw": "the comment's author (POST)",
    "engagement:comment_answer": "moderators, once closed (POST)",
    "engagement:idea_list": "signed in (public ideas, own ideas, ideas routed to them)",
    "engagement:idea_submit": "signed in with consent",
    "engagement:idea_detail": "public: signed in; private: author and answering agency",
    "engagement:idea_assign": "program office (POST)",
    "engagement:idea_answer": "answering agency (POST)",
    "engagement:idea_implemented": "answering agency (POST)",
    "engagement:idea_withdraw": "author (POST)",
    "engagement:session_list": "signed in",
    "engagement:session_create": "program office or agency officer",
    "engagement:session_detail": "signed in",
    "engagement:session_register": "signed in with consent (POST)",
    "engagement:question_submit": "signed in with consent (POST)",
    "engagement:session_held": "runners of the session (POST)",
    "engagement:commitment_add": "program office running the session (POST)",
    "engagement:question_like": "signed in with consent (POST)",
    "engagement:question_moderate": "runners of the session (POST)",
    "engagement:question_answer": "runners of the session (POST)",
    "engagement:question_withdraw": "the question's author (POST)",
    "engagement:association_list": "signed in (figures, no names)",
    "engagement:association_detail": "signed in; members listed within scope",
    "engagement:membership_add": "officers reaching the association (POST)",
}
ROLES = [
    "program_office",
    "leader",
    "administrator",
    "agency_officer",
    "officer_new_commune",
    "officer_other_commune",
    "officer_old_commune",
    "reviewer",
    "intellectual",
]
MODERATORS = {"program_office", "agency_officer"}


@pytest.fixture
def records(units, people, consultation):
    services.attachment_add(
        actor=people["agency_officer"],
        consultation=consultation,
        upload=SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.4 to trinh"),
        description="Tờ trình",
    )
    idea = services.idea_submit(actor=people["intellectual"], title="Riêng tư", text="Nội dung")
    services.idea_assign(actor=people["program_office"], idea=idea, agency=units.department)
    session = services.session_create(
        actor=people["program_office"],
        unit=units.new_province,
        topic="Đối thoại",
        leader_name="Bí thư",
        starts_at=consultation.published_at,
        place="Hội trường",
    )
    services.associations_load()
    return {
        "consultation": consultation,
        "attachment": consultation.attachments.get(),
        "idea": idea,
        "session": session,
    }


def _get(client, user, name, *args):
    if user is not None:
        client.force_login(user)
    return client.get(reverse(name, args=args))


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_each_role_as_the_table_says(client, people, records, role):
    user = people[role]
    c, idea, session = records["consultation"], records["idea"], records["session"]
    expected = {
        ("engagement:index",): 200,
        ("engagement:sign_up",): 302,
        ("engagement:my_area",): 200,
        ("engagement:my_profile",): 200 if role == "intellectual" else 302,
        ("engagement:my_data_download",): 200,
        ("engagement:consultation_list",): 200,
        ("engagement:consultation_create",): 200 if role in MODERATORS else 403,
        ("engagement:consultation_detail", c.pk): 200,
        ("engagement:version_add", c.pk): 200 if role in MODERATORS else 403,
        ("engagement:version_compare", c.pk): 200,
        ("engagement:synthesis_xlsx", c.pk): 200 if role in MODERATORS else 403,
        ("engagement:synthesis_docx", c.pk): 200 if role in MODERATORS else 403,
        ("engagement:attachment_download", records["attachment"].pk): 200,
        ("engagement:idea_list",): 200,
        ("engagement:idea_submit",): 200 if role == "intellectual" else 302,  # consent first
        ("engagement:idea_detail", idea.pk): 200
        if role in {"intellectual", "agency_officer"}
        else 404,
        ("engagement:session_list",): 200,
        ("engagement:session_create",): 200 if role in MODERATORS else 403,
        ("engagement:session_detail", session.pk): 200,
        ("engagement:association_list",): 200,
    }
    for (name, *args), status in expected.items():
        response = _get(client, user, name, *args)
        if response.streaming:
            assert b"".join(response.streaming_content) == b"%PDF-1.4 to trinh"
            # Closing ends the request, which would close the test's database connection on
            # PostgreSQL: close the file without that signal, as the test client does.
            request_finished.disconnect(close_old_connections)
            try:
                response.close()
            finally:
                request_finished.connect(close_old_connections)
        assert response.status_code == status, (name, role, response.status_code)


def test_anonymous_visitors_may_only_sign_up(client, records):
    assert client.get(reverse("engagement:sign_up")).status_code == 200
    for name in ("engagement:index", "engagement:my_area", "engagement:consultation_list"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


def test_an_unpublished_draft_is_found_only_by_its_moderators(client, units, people):
    from trithuc.core.dates import today

    draft = services.consultation_create(
        actor=people["agency_officer"],
        unit=units.department,
        title="Chưa công bố",
        opens_on=today(),
        closes_on=today(),
        sections=[("Điều 1", "Nội dung")],
    )
    for role in ROLES:
        response = _get(client, people[role], "engagement:consultation_detail", draft.pk)
        assert response.status_code == (200 if role in MODERATORS else 404), role


@pytest.mark.parametrize("role", ROLES)
def test_moderating_routing_and_running_are_refused_to_every_other_role(
    client, units, people, records, role
):
    """Hide a comment (moderators), answer a routed private idea (its agency), moderate a
    question (the session's runners): each role either acts or is refused, never half-done."""
    from trithuc.engagement.models import Comment, Question

    comment = services.comment_add(
        actor=people["colleague"], consultation=records["consultation"], text="Ý kiến"
    )
    question = services.question_submit(
        actor=people["colleague"], session=records["session"], text="Câu hỏi"
    )
    client.force_login(people[role])
    hide = client.post(reverse("engagement:comment_hide", args=[comment.pk]), {"reason": "Lạc đề"})
    answer = client.post(
        reverse("engagement:idea_answer", args=[records["idea"].pk]), {"text": "Trả lời"}
    )
    moderate = client.post(
        reverse("engagement:question_moderate", args=[question.pk]),
        {"status": "shortlisted", "group": "Nhóm 1"},
    )
    assert hide.status_code == (302 if role in MODERATORS else 403)
    assert Comment.objects.get(pk=comment.pk).is_hidden is (role in MODERATORS)
    # The private idea is not even found by those who may not read it.
    assert answer.status_code == {"agency_officer": 302, "intellectual": 403}.get(role, 404)
    records["idea"].refresh_from_db()
    assert (records["idea"].status == "answered") is (role == "agency_officer")
    # The session is organised by the new province: its program office runs it.
    assert moderate.status_code == (302 if role == "program_office" else 403)
    assert Question.objects.get(pk=question.pk).group == (
        "Nhóm 1" if role == "program_office" else ""
    )
