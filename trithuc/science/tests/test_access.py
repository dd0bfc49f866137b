"""Who may open and act on each science page: one table over every URL and every role.

Tasks, calls and cooperation programmes are not personal data: every signed-in user reads them.
Applications follow the scoping rule (404 out of scope, alike for missing), plus their team and the
members of the task's council. Reviews are shown to the runners and the council only; an applicant
never sees them. Refused actions answer 403 with the service's reason.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from conftest import kept_fixtures, kept_province
from trithuc.people.reference import reference_data_load
from trithuc.science import services
from trithuc.science.choices import CouncilRole
from trithuc.science.models import ConflictDeclaration, Score
from trithuc.science.tests import factories as make

URL_TABLE = {
    "science:relative_add": "officers who manage records (declares a family tie for conflicts)",
    "science:task_list": "signed in",
    "science:task_detail": "signed in (applications listed as far as the user may see them)",
    "science:expert_finder": "agency or program office managing the task",
    "science:result_add": "agency or program office managing the task",
    "science:result_remove": "agency or program office managing the task",
    "science:task_cancel": "agency or program office managing the task",
    "science:need_list": "signed in (needs in scope)",
    "science:need_add": "unit officer, agency or program office",
    "science:application_detail": "application in scope, its team, or the task's council",
    "science:declare": "member of the task's council (POST)",
    "science:score": "member of the task's council who declared no conflict (POST)",
    "science:review_list": "signed in (shows the applications assigned to the user)",
    "science:council_summary": "runners of the task; the chair once the council closed",
    "science:initiative_list": "signed in (initiatives in scope)",
    "science:cooperation_list": "signed in",
    "science:ordering_add": "agency or program office (needs addressed to agencies they run)",
    "science:need_reject": "need in scope; agency or program office managing it",
    "science:call_add": "agency or program office managing the ordering list",
    "science:application_add": "unit officer, runners, or a user with a profile (as lead)",
    "science:council_add": "agency or program office managing the task",
    "science:council_close": "agency or program office managing the task",
    "science:selection_add": "agency or program office managing the task",
    "science:contract_add": "agency or program office managing the task",
    "science:milestone_add": "agency or program office managing the task",
    "science:milestone_report": "runners of the task, or the lead of its selected application",
    "science:acceptance_add": "agency or program office managing the task",
    "science:initiative_add": "unit officer, agency or program office",
    "science:initiative_recognise": "initiative in scope; runners of its unit",
    "science:initiative_reject": "initiative in scope; runners of its unit",
    "science:cooperation_add": "agency or program office",
    "science:cooperation_update": "runners of the organising unit",
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
RUNNERS = {"program_office", "agency_officer"}
PROPOSERS = {
    "program_office",
    "agency_officer",
    "officer_new_commune",
    "officer_other_commune",
    "officer_old_commune",
}
# Who sees the application filed by Xã Mới for a task managed by Sở Nội vụ.
SEES_FIRST = {
    "program_office",
    "leader",
    "administrator",
    "agency_officer",
    "officer_new_commune",
    "reviewer",
}


@pytest.fixture(scope="module")
def kept(module_transaction):
    kept = kept_province()
    reference_data_load()
    kept["review"] = build_review(kept["units"], kept["users"])
    return kept


units, users, review = kept_fixtures("units", "users", "review")


@pytest.fixture
def reference(kept_copy):
    """The reference lists, loaded with the module's data."""


def build_review(units, users):
    """A task under review: Xã Mới's application and the intellectual's own; the reviewer chairs."""
    chair = make.person("Phan Văn Biện", units.department, user=users["reviewer"])
    own = make.person("Đặng Thị Trí", units.other_commune, user=users["intellectual"])
    task = make.called_task(units.department, units.new_commune)
    first = make.apply(task, make.person("Võ Thành Đạt", units.new_commune), units.new_commune)
    second = make.apply(task, own, units.other_commune)
    council = services.council_form(
        actor=None,
        task=task,
        decision_number="30/QĐ",
        formed_on=dt.date(2025, 5, 2),
        members=[(chair, CouncilRole.CHAIR)],
    )
    return {"task": task, "first": first, "second": second, "council": council}


def _expected(role: str, allowed: set[str], visible: set[str]) -> int:
    """200 for the allowed, 403 for those who see the object, 404 for the rest."""
    if role in allowed:
        return 200
    return 403 if role in visible else 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "name",
    [
        "science:task_list",
        "science:need_list",
        "science:review_list",
        "science:initiative_list",
        "science:cooperation_list",
    ],
)
def test_list_pages_open_for_every_signed_in_user(client, users, review, role, name):
    client.force_login(users[role])
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", ["science:task_list", "science:need_add"])
def test_anonymous_users_go_to_the_login_page(client, review, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert "dang-nhap" in response["Location"] or "login" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_task_detail_opens_for_everyone_and_lists_only_visible_applications(
    client, users, review, role
):
    client.force_login(users[role])
    response = client.get(reverse("science:task_detail", args=[review["task"].pk]))
    assert response.status_code == 200
    shown = set(response.context["applications"])
    assert (review["first"] in shown) == (role in SEES_FIRST)


@pytest.mark.parametrize("role", ROLES)
def test_need_form_opens_for_proposers_only(client, users, review, role):
    client.force_login(users[role])
    response = client.get(reverse("science:need_add"))
    assert response.status_code == (200 if role in PROPOSERS else 403)


@pytest.mark.parametrize("role", ROLES)
def test_expert_finder_is_for_the_runners_of_the_task(client, users, review, role):
    client.force_login(users[role])
    response = client.get(reverse("science:expert_finder", args=[review["task"].pk]))
    assert response.status_code == (200 if role in RUNNERS else 403)


@pytest.mark.parametrize("role", ROLES)
def test_only_runners_record_applied_results(client, users, review, role):
    client.force_login(users[role])
    data = {
        "place": "HTX",
        "applied_by": "HTX",
        "since": "2026-01-01",
        "change": "x",
        "evidence": "x",
    }
    response = client.post(reverse("science:result_add", args=[review["task"].pk]), data)
    # The runners pass the role check and are told, on the form, that the task is not accepted.
    assert response.status_code == (200 if role in RUNNERS else 403)
    if role in RUNNERS:
        assert "Chỉ ghi nhận áp dụng kết quả khi nhiệm vụ" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_application_opens_in_scope_for_its_team_and_for_its_council(client, users, review, role):
    client.force_login(users[role])
    response = client.get(reverse("science:application_detail", args=[review["first"].pk]))
    assert response.status_code == (200 if role in SEES_FIRST else 404)


def test_applicant_sees_their_application_but_never_the_reviews(client, users, review):
    second = review["second"]
    seat = review["council"].members.get()
    ConflictDeclaration.objects.create(
        member=seat, application=second, has_conflict=False, declared_on=dt.date(2025, 5, 3)
    )
    criterion = review["council"].criteria.first()
    Score.objects.create(
        member=seat, application=second, criterion=criterion, value=15, comment="Khá tốt"
    )
    client.force_login(users["intellectual"])
    response = client.get(reverse("science:application_detail", args=[second.pk]))
    assert response.status_code == 200
    assert "sees_reviews" not in response.context
    assert "Khá tốt" not in response.content.decode()
    client.force_login(users["reviewer"])
    assert (
        "Khá tốt"
        in client.get(reverse("science:application_detail", args=[second.pk])).content.decode()
    )


@pytest.mark.parametrize("role", ROLES)
def test_only_the_council_member_declares_and_scores(client, users, review, role):
    first = review["first"]
    expected = 302 if role == "reviewer" else _expected(role, set(), SEES_FIRST)
    client.force_login(users[role])
    response = client.post(reverse("science:declare", args=[first.pk]), {"reason": ""})
    assert response.status_code == expected
    criterion = review["council"].criteria.first()
    response = client.post(
        reverse("science:score", args=[first.pk]), {"criterion": criterion.pk, "value": "15"}
    )
    assert response.status_code == expected
    assert Score.objects.filter(application=first).count() == (1 if role == "reviewer" else 0)


def test_a_reviewer_who_declared_a_conflict_cannot_score(client, users, review):
    first = review["first"]
    client.force_login(users["reviewer"])
    client.post(
        reverse("science:declare", args=[first.pk]),
        {"has_conflict": "on", "reason": "Vợ của chủ nhiệm"},
    )
    criterion = review["council"].criteria.first()
    response = client.post(
        reverse("science:score", args=[first.pk]), {"criterion": criterion.pk, "value": "15"}
    )
    assert response.status_code == 403
    assert "xung đột lợi ích" in response.content.decode()
    assert not Score.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_summary_sheet_is_for_the_runners_while_the_council_is_open(client, users, review, role):
    client.force_login(users[role])
    response = client.get(reverse("science:council_summary", args=[review["council"].pk]))
    assert response.status_code == (200 if role in RUNNERS else 404)


def test_the_chair_opens_the_summary_sheet_once_the_council_closed(client, users, review):
    council = review["council"]
    url = reverse("science:council_summary", args=[council.pk])
    client.force_login(users["reviewer"])
    assert client.get(url).status_code == 404
    council.closed_on = dt.date(2025, 5, 20)
    council.save()
    response = client.get(url)
    assert response.status_code == 200
    assert "Phiếu tổng hợp" in response.content.decode()


# --- The lifecycle forms: GET and POST answer alike (the view refuses before the form) ---

EVERYONE = set(ROLES)
RUN_TASK = (RUNNERS, EVERYONE)  # tasks, calls and programmes are public: the rest get 403
# The need and the initiative were filed by Xã Mới; the initiative's author is the intellectual.
SEES_NEED = {"program_office", "leader", "administrator", "agency_officer", "officer_new_commune"}
SEES_INITIATIVE = {
    "program_office",
    "leader",
    "administrator",
    "officer_new_commune",
    "intellectual",
}
STEP_TABLE = [
    # (URL name, object of the fixture, roles allowed, roles that see the object)
    ("science:ordering_add", None, *RUN_TASK),
    ("science:need_reject", "need", RUNNERS, SEES_NEED),
    ("science:call_add", "ordering", *RUN_TASK),
    ("science:application_add", "task", PROPOSERS | {"reviewer", "intellectual"}, EVERYONE),
    ("science:council_add", "task", *RUN_TASK),
    ("science:council_close", "council", *RUN_TASK),
    ("science:selection_add", "task", *RUN_TASK),
    ("science:contract_add", "task", *RUN_TASK),
    ("science:milestone_add", "task", *RUN_TASK),
    ("science:milestone_report", "milestone", RUNNERS | {"intellectual"}, EVERYONE),
    ("science:acceptance_add", "task", *RUN_TASK),
    ("science:initiative_add", None, PROPOSERS, EVERYONE),
    # Xã Mới lies outside the reach of Sở Nội vụ: only the program office runs its initiatives.
    ("science:initiative_recognise", "initiative", {"program_office"}, SEES_INITIATIVE),
    ("science:initiative_reject", "initiative", {"program_office"}, SEES_INITIATIVE),
    ("science:cooperation_add", None, *RUN_TASK),
    ("science:cooperation_update", "programme", *RUN_TASK),
    ("science:relative_add", None, PROPOSERS | {"administrator"}, EVERYONE),
]


@pytest.fixture
def step_task(review):
    return review["task"]


@pytest.fixture
def step_council(review):
    return review["council"]


@pytest.fixture
def step_ordering(review):
    return review["task"].ordering_list


@pytest.fixture
def step_need(units, reference):
    return services.need_propose(
        actor=None,
        proposing_unit=units.new_commune,
        managing_unit=units.department,
        kind="de_tai",
        title="Giống lúa chịu mặn",
        year=2026,
        proposed_on=dt.date(2025, 9, 1),
    )


@pytest.fixture
def step_initiative(units, review):
    return services.initiative_submit(
        actor=None,
        unit=units.new_commune,
        kind="sang_kien",
        title="Sổ tay số hóa hồ sơ một cửa",
        authors=[review["second"].lead],  # the intellectual's own profile
        description="Quy trình số hóa",
        submitted_on=dt.date(2025, 8, 1),
    )


@pytest.fixture
def step_programme(units, review):
    return services.cooperation_program_create(
        actor=None,
        title="Hợp tác chuyển giao quy trình nuôi tôm",
        partner="Trường Đại học Cần Thơ",
        organising_unit=units.department,
        start_date=dt.date(2025, 3, 1),
    )


@pytest.fixture
def step_milestone(units, review):
    """A milestone of a task whose selected application the intellectual leads."""
    from trithuc.science.models import Milestone

    done = make.called_task(units.department, units.new_commune, title="Chế biến khóm")
    chosen = make.apply(done, review["second"].lead, units.other_commune)
    done = make.done_task(done, chosen, chair=make.person("Lý Văn Chủ"))
    return Milestone.objects.create(task=done, title="Giữa kỳ", due_date=dt.date(2025, 9, 30))


def _step_url(request, name: str, target: str | None) -> str:
    """The step's URL for the fixture object it acts on (built only when a test needs it)."""
    return reverse(name, args=[request.getfixturevalue(f"step_{target}").pk] if target else [])


@pytest.mark.parametrize(("name", "target", "allowed", "visible"), STEP_TABLE)
def test_anonymous_users_are_sent_to_log_in_before_any_step(
    request, client, review, name, target, allowed, visible
):
    response = client.get(_step_url(request, name, target))
    assert response.status_code == 302
    assert "dang-nhap" in response["Location"] or "login" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "target", "allowed", "visible"), STEP_TABLE)
def test_each_step_opens_for_whoever_may_take_it(
    request, client, users, review, role, name, target, allowed, visible
):
    """Allowed: the form (200; an empty POST comes back with its errors). In scope but not
    allowed: 403 with the reason. Out of scope: 404, as for a missing record."""
    expected = _expected(role, allowed, visible)
    client.force_login(users[role])
    url = _step_url(request, name, target)
    assert client.get(url).status_code == expected
    response = client.post(url, {})
    assert response.status_code == expected
    if expected == 200:
        assert response.context["form"].errors
    if expected == 403:
        assert "Không có quyền" in response.content.decode()
