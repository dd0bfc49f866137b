"""Engagement over the API shows what the pages show, and hides what they hide: a private idea,
a hidden comment, the author of an anonymous question. Posting a comment goes through the page's
service, so its refusals come back as the API's JSON errors."""

from __future__ import annotations

import datetime as dt

from trithuc.core.dates import today
from trithuc.engagement import services as engage
from trithuc.engagement.models import Consultation

API = "/api/v1"


def _comments(call, role, consultation):
    response = call(role, "GET", f"{API}/consultations/{consultation.pk}/comments")
    assert response.status_code == 200
    return {c["id"]: c for c in response.json()["items"]}


def test_a_hidden_comment_reaches_only_its_moderators_and_its_author(world, call):
    consultation = world.engagement.consultations["open"]
    hidden = world.engagement.comments["hidden"]

    seen_by_participant = _comments(call, "intellectual", consultation)
    assert hidden.pk not in seen_by_participant
    assert "Có thông tin cá nhân" not in str(seen_by_participant)

    seen_by_moderator = _comments(call, "agency_officer", consultation)[hidden.pk]
    assert seen_by_moderator["is_hidden"] is True
    assert seen_by_moderator["hidden_reason"] == "Có thông tin cá nhân"

    seen_by_author = _comments(call, "leader", consultation)[hidden.pk]
    assert seen_by_author["is_mine"] is True
    assert seen_by_author["hidden_reason"] == "Có thông tin cá nhân"


def test_a_private_idea_reaches_its_author_and_the_answering_agency_only(world, call, users):
    private = world.engagement.ideas["private"]
    path = f"{API}/ideas/{private.pk}"

    mine = call("intellectual", "GET", path).json()
    assert mine["is_mine"] is True
    assert mine["text"] == "Đề xuất riêng"
    assert call("agency_officer", "GET", path).json()["author"] == str(users["intellectual"])
    # Once routed, the program office no longer reads it, nor does a leader.
    for role in ("program_office", "leader", "officer_new_commune"):
        assert call(role, "GET", path).status_code == 404
        listed = {i["id"] for i in call(role, "GET", f"{API}/ideas").json()["items"]}
        assert private.pk not in listed


def test_the_program_office_reads_a_private_idea_while_it_routes_it(world, call, users):
    waiting = engage.idea_submit(
        actor=users["intellectual"], title="Quỹ học bổng", text="Nội dung riêng", is_public=False
    )
    listed = {i["id"] for i in call("program_office", "GET", f"{API}/ideas").json()["items"]}
    assert waiting.pk in listed
    assert call("leader", "GET", f"{API}/ideas/{waiting.pk}").status_code == 404


def test_an_anonymous_question_names_nobody_to_other_participants(world, call, users):
    session = world.engagement.session
    anonymous = world.engagement.questions["anonymous"]
    name = str(users["intellectual"])

    def shown_to(role):
        response = call(role, "GET", f"{API}/dialogues/{session.pk}")
        assert response.status_code == 200
        return response, {q["id"]: q for q in response.json()["question_list"]}

    response, questions = shown_to("officer_other_commune")
    assert questions[anonymous.pk]["author"] == "Ẩn danh"
    assert name not in response.content.decode()
    assert questions[world.engagement.questions["named"].pk]["author"] == str(users["leader"])

    assert shown_to("agency_officer")[1][anonymous.pk]["author"] == name  # the session's runner
    own = shown_to("intellectual")[1][anonymous.pk]
    assert (own["author"], own["is_mine"]) == (name, True)


def test_a_comment_posted_through_the_api_appears_as_the_page_shows_it(world, call):
    consultation = world.engagement.consultations["open"]
    section = consultation.current_version.sections.order_by("order").last()
    response = call(
        "intellectual",
        "POST",
        f"{API}/consultations/{consultation.pk}/comments",
        {"section": section.pk, "text": "Nên hỗ trợ theo trình độ", "on_behalf_of": "Hội Nông học"},
    )
    assert response.status_code == 201, response.json()
    posted = response.json()
    assert (posted["section_id"], posted["author"]) == (section.pk, "Hội Nông học")
    assert posted["id"] in _comments(call, "officer_other_commune", consultation)


def test_a_comment_the_service_refuses_comes_back_as_a_vietnamese_error(world, call):
    consultation = world.engagement.consultations["open"]
    path = f"{API}/consultations/{consultation.pk}/comments"
    section = consultation.current_version.sections.order_by("order").last()

    too_far = call(
        "intellectual", "POST", path, {"section": section.pk, "paragraph": 5, "text": "x"}
    )
    assert too_far.status_code == 422
    assert too_far.json()["code"] == "invalid"
    assert too_far.json()["fields"]["paragraph"] == ["Đoạn được chọn không có trong mục này."]

    amendment = call("intellectual", "POST", path, {"kind": "amendment", "text": "Sửa"})
    assert amendment.status_code == 422
    assert "proposed_text" in amendment.json()["fields"]

    without_consent = call("officer_new_commune", "POST", path, {"text": "Đồng ý"})
    assert without_consent.status_code == 403
    assert "đồng ý với thông báo xử lý dữ liệu cá nhân" in without_consent.json()["message"]

    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=today() - dt.timedelta(days=20), closes_on=today() - dt.timedelta(days=1)
    )
    closed = call("intellectual", "POST", path, {"text": "Muộn rồi"})
    assert closed.status_code == 403
    assert "hết hạn" in closed.json()["message"]


def test_consultations_filter_by_phase_and_page_in_a_stable_order(world, call):
    drafts = world.engagement.consultations

    def listed(role, query):
        return [c["id"] for c in call(role, "GET", f"{API}/consultations?{query}").json()["items"]]

    assert listed("program_office", "phase=open") == [drafts["open"].pk]
    assert listed("program_office", "phase=draft") == [drafts["draft"].pk]
    assert listed("intellectual", "phase=draft") == []
    assert listed("program_office", "phase=closed") == []

    first = call("program_office", "GET", f"{API}/consultations?limit=1").json()
    second = call(
        "program_office", "GET", f"{API}/consultations?limit=1&cursor={first['next_cursor']}"
    )
    assert [first["items"][0]["id"], second.json()["items"][0]["id"]] == sorted(
        [drafts["open"].pk, drafts["draft"].pk]
    )
    detail = call("intellectual", "GET", f"{API}/consultations/{drafts['open'].pk}").json()
    assert [s["heading"] for s in detail["sections"]] == ["Điều 1. Phạm vi", "Điều 2. Hỗ trợ"]
    assert detail["sections"][0]["paragraphs"] == [
        "Áp dụng cho trí thức.",
        "Không áp dụng cho khách.",
    ]
    assert (detail["phase"], detail["may_comment"], len(detail["versions"])) == ("open", True, 1)


def test_associations_count_their_members_and_the_union_adds_its_members(world, call):
    rows = {a["name"]: a for a in call("leader", "GET", f"{API}/associations").json()["items"]}
    assert rows["Hội Nông học"]["members"] == 1
    assert rows["Liên hiệp các hội"]["members"] == 1
    assert rows["Hội Nông học"]["parent_id"] == rows["Liên hiệp các hội"]["id"]
