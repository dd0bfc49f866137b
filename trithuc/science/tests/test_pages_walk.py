"""One task walked through every step in the browser, each form posted by the role that takes
that step, up to the applied result the dashboard counts; and the forms keep their input and show
the service's reason when it refuses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from trithuc.programs.selectors import dashboard_build
from trithuc.science.choices import ApplicationStatus, TaskStatus
from trithuc.science.models import (
    Application,
    CooperationProgram,
    Milestone,
    Need,
    ScienceTask,
)
from trithuc.science.tests import factories as make
from trithuc.science.tests.test_indicator import indicator  # noqa: F401  (fixture)


def post(client, user, name, args=(), data=None, *, expect=302):
    client.force_login(user)
    response = client.post(reverse(name, args=args), data or {})
    errors = response.context["form"].errors if response.status_code == 200 else None
    assert response.status_code == expect, errors
    return response


@pytest.mark.usefixtures("indicator")
def test_a_task_walks_from_need_to_applied_result_through_the_pages(
    client,
    units,
    users,
    indicator,  # noqa: F811
):
    agency, officer, reviewer = (
        users["agency_officer"],
        users["officer_new_commune"],
        users["reviewer"],
    )
    lead = make.person("Đặng Thị Trí", units.other_commune, user=users["intellectual"])
    rival = make.person("Võ Thành Đạt", units.new_commune)
    chair = make.person("Phan Văn Biện", units.department, user=reviewer)

    # A commune proposes; the agency approves the ordering list and publishes the call.
    post(client, officer, "science:need_add", data={
        "kind": "de_tai", "title": "Nuôi tôm càng xanh trong ruộng lúa", "year": 2025,
        "proposed_on": "2024-10-01", "proposing_unit": units.new_commune.pk,
        "managing_unit": units.department.pk,
    })  # fmt: skip
    need = Need.objects.get()
    post(client, agency, "science:ordering_add", data={
        "managing_unit": units.department.pk, "year": 2025, "title": "Danh mục 2025",
        "decision_number": "15/QĐ-UBND", "decision_date": "2025-01-15", "needs": [need.pk],
    })  # fmt: skip
    task = ScienceTask.objects.get()
    assert task.status == TaskStatus.ORDERED
    post(client, agency, "science:call_add", [task.ordering_list_id], {
        "number": "TB-01", "published_on": "2025-02-01", "deadline": "2025-04-30",
        "tasks": [task.pk],
    })  # fmt: skip

    # Two applications: the intellectual files the one she leads, the commune another.
    post(client, users["intellectual"], "science:application_add", [task.pk], {
        "submitting_unit": units.other_commune.pk, "lead": lead.pk, "host_name": "Xã Khác",
        "budget": "450", "submitted_on": "2025-03-01",
    })  # fmt: skip
    post(client, officer, "science:application_add", [task.pk], {
        "submitting_unit": units.new_commune.pk, "lead": rival.pk, "host_name": "Xã Mới",
        "budget": "500", "submitted_on": "2025-03-02",
    })  # fmt: skip
    chosen = Application.objects.get(lead=lead)

    # The council is formed, the chair declares and scores, the agency closes and selects.
    criteria = "Tính cấp thiết | 40\nTính khả thi | 60"
    post(client, agency, "science:council_add", [task.pk], {
        "decision_number": "30/QĐ", "formed_on": "2025-05-02", "chair": chair.pk,
        "criteria": criteria,
    })  # fmt: skip
    council = task.council
    assert list(council.criteria.values_list("max_score", flat=True)) == [40, 60]
    for application, points in ((chosen, ("35", "50")), (Application.objects.get(lead=rival), ("20", "30"))):  # fmt: skip
        post(client, reviewer, "science:declare", [application.pk], {"reason": ""})
        for criterion, value in zip(council.criteria.all(), points, strict=True):
            post(client, reviewer, "science:score", [application.pk],
                 {"criterion": criterion.pk, "value": value})  # fmt: skip
    post(client, agency, "science:council_close", [council.pk], {"closed_on": "2025-05-20"})
    post(client, agency, "science:selection_add", [task.pk], {
        "application": chosen.pk, "decision_number": "40/QĐ", "decided_on": "2025-06-01",
    })  # fmt: skip
    chosen.refresh_from_db()
    assert chosen.status == ApplicationStatus.SELECTED

    # Contract, a milestone reported by the lead, acceptance, and the result applied.
    post(client, agency, "science:contract_add", [task.pk], {
        "number": "HĐ-01", "signed_on": "2025-06-15", "start_date": "2025-07-01",
        "end_date": "2025-11-30", "amount": "400",
    })  # fmt: skip
    post(client, agency, "science:milestone_add", [task.pk],
         {"title": "Báo cáo giữa kỳ", "due_date": "2025-09-30"})  # fmt: skip
    milestone = Milestone.objects.get()
    post(client, users["intellectual"], "science:milestone_report", [milestone.pk],
         {"reported_on": "2025-09-28", "report": "Đã thả giống ba ruộng thử nghiệm"})  # fmt: skip
    post(client, agency, "science:acceptance_add", [task.pk], {
        "decision_number": "NT-01", "accepted_on": "2025-12-01", "rating": "excellent",
    })  # fmt: skip
    post(client, agency, "science:result_add", [task.pk], {
        "place": "HTX Tân Phú", "applied_by": "HTX Tân Phú", "since": "2025-12-20",
        "change": "Năng suất tăng 20%", "evidence": "Giấy xác nhận số 5",
    })  # fmt: skip

    task.refresh_from_db()
    assert task.status == TaskStatus.ACCEPTED
    assert task.acceptance.rating == "excellent"
    board = dashboard_build(
        program=indicator.program, unit=units.new_province, year=2025, day=dt.date(2025, 12, 31)
    )
    row = next(r for r in board.rows if r.indicator.code == "de-tai-ap-dung")
    assert row.value == Decimal(1)
    assert task.counted.unit == units.other_commune


@pytest.fixture
def called(units, reference):
    return make.called_task(units.department, units.new_commune)


def test_a_refused_step_shows_the_reason_on_the_form_and_keeps_the_input(client, users, called):
    client.force_login(users["agency_officer"])
    response = client.post(
        reverse("science:contract_add", args=[called.pk]),
        {
            "number": "HĐ-99",
            "signed_on": "2025-06-15",
            "start_date": "2025-07-01",
            "end_date": "2025-11-30",
            "amount": "400",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Chỉ ký hợp đồng khi nhiệm vụ ở trạng thái" in page
    assert 'value="HĐ-99"' in page
    called.refresh_from_db()
    assert called.status == TaskStatus.CALLED


def test_a_service_error_naming_a_field_lands_on_that_field(client, users, units, reference):
    client.force_login(users["agency_officer"])
    response = client.post(
        reverse("science:cooperation_add"),
        {
            "organising_unit": units.department.pk,
            "title": "Chuyển giao quy trình nuôi tôm",
            "partner": "Trường Đại học Cần Thơ",
            "start_date": "2025-06-01",
            "end_date": "2025-05-01",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["end_date"] == ["Ngày kết thúc phải sau ngày bắt đầu."]
    assert not CooperationProgram.objects.exists()


def test_the_task_page_offers_only_the_step_the_task_is_at_to_those_who_may_take_it(
    client, users, called
):
    url = reverse("science:task_detail", args=[called.pk])
    client.force_login(users["agency_officer"])
    actions = client.get(url).context["actions"]
    assert {k for k, v in actions.items() if v} == {"apply", "council", "finder", "cancel"}
    client.force_login(users["leader"])
    actions = client.get(url).context["actions"]
    assert not any(actions.values())
    assert reverse("science:council_add", args=[called.pk]) not in client.get(url).content.decode()


def test_the_council_form_loads_the_expert_finder_beside_it(client, users, called):
    client.force_login(users["agency_officer"])
    finder = reverse("science:expert_finder", args=[called.pk])
    page = client.get(reverse("science:council_add", args=[called.pk])).content.decode()
    assert f'hx-get="{finder}"' in page
    partial = client.get(finder, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "<html" not in partial.content.decode()
