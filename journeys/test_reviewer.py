"""A council member sees the application assigned to them, signs the conflict-of-interest pledge,
and scores each criterion."""

from __future__ import annotations

from trithuc.science.models import ConflictDeclaration, Score

from .world import PASSWORD, application_to_review


def test_reviewer_declares_no_conflict_and_scores_an_application(journey, world):
    application = application_to_review(world)
    reviewer = journey("phan-bien")
    reviewer.login("phanbien", PASSWORD)
    page = reviewer.page

    reviewer.open("/khoa-hoc/phan-bien/", shot="ho so duoc phan cong")
    page.get_by_role("link", name=application.host_name).click()
    reviewer.check(shot="cam ket")

    # No score before the pledge: the page asks for it first.
    assert not page.get_by_role("button", name="Lưu").count()
    page.get_by_role("button", name="Ký cam kết").click()
    reviewer.check(shot="cham diem")
    assert ConflictDeclaration.objects.get().has_conflict is False

    criteria = list(application.task.council.criteria.order_by("order"))
    for criterion in criteria:
        form = page.locator("form").filter(has_text=criterion.name)
        form.get_by_label(criterion.name).fill(str(criterion.max_score - 1.5))
        form.get_by_label("Nhận xét").fill(f"Nhận xét về {criterion.name.lower()}")
        form.get_by_role("button", name="Lưu").click()
        reviewer.check()
    reviewer.screenshot("da cham diem")

    scores = page.get_by_role("table").filter(has_text="Tiêu chí")
    for criterion in criteria:
        assert scores.get_by_role("row").filter(has_text=criterion.name).is_visible()
    assert sorted(float(s.value) for s in Score.objects.all()) == sorted(
        c.max_score - 1.5 for c in criteria
    )
