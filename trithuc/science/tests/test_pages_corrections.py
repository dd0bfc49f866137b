"""The managing agency corrects the record on the task's page: it cancels a task with a reason,
and removes a result application entered in error, which moves the indicator back."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from trithuc.science import services
from trithuc.science.choices import TaskStatus
from trithuc.science.models import ResultApplication
from trithuc.science.tests import factories as make

from .test_access import ROLES, RUNNERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(units, reference):
    """A task called for applications by Sở Nội vụ, for Xã Mới's need."""
    return {"task": make.called_task(units.department, units.new_commune)}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_runners_of_a_task_may_open_its_cancel_page(client, users, review, role):
    client.force_login(users[role])
    response = client.get(reverse("science:task_cancel", args=[review["task"].pk]))
    assert response.status_code == (200 if role in RUNNERS else 403)


def test_the_agency_cancels_a_task_with_its_reason_and_the_page_says_so(client, users, review):
    task = review["task"]
    client.force_login(users["agency_officer"])
    url = reverse("science:task_cancel", args=[task.pk])

    refused = client.post(url, {"cancel_reason": ""})
    assert refused.status_code == 200
    task.refresh_from_db()
    assert task.status != TaskStatus.CANCELLED

    response = client.post(url, {"cancel_reason": "Đơn vị đề xuất rút nhu cầu"}, follow=True)
    task.refresh_from_db()
    assert task.status == TaskStatus.CANCELLED
    page = response.content.decode()
    assert "Đơn vị đề xuất rút nhu cầu" in page
    assert "Hủy nhiệm vụ</a>" not in page  # a cancelled task cannot be cancelled again
    assert task.history.filter(status=TaskStatus.CANCELLED).exists()


def test_a_cancelled_task_refuses_a_second_cancellation_with_the_reason(client, users, review):
    task = review["task"]
    client.force_login(users["agency_officer"])
    url = reverse("science:task_cancel", args=[task.pk])
    client.post(url, {"cancel_reason": "Lần một"})
    again = client.post(url, {"cancel_reason": "Lần hai"})
    assert again.status_code == 200
    assert "không chuyển sang «Đã hủy» được" in again.content.decode()


@pytest.fixture
def applied(units, reference):
    chair = make.person("Phan Văn Biện", units.department)
    lead = make.person("Võ Thành Đạt", units.new_commune)
    task = make.called_task(units.department, units.new_commune)
    task = make.done_task(task, make.apply(task, lead, units.new_commune), chair=chair)
    use = services.result_application_record(
        actor=None,
        task=task,
        place="HTX Tân Phú",
        applied_by="HTX Tân Phú",
        since=dt.date(2026, 3, 1),
        change="Năng suất tăng",
        evidence="Giấy xác nhận",
    )
    return task, use


@pytest.mark.parametrize("role", ROLES)
def test_only_the_runners_may_remove_a_result_application(client, users, applied, role):
    task, use = applied
    client.force_login(users[role])
    response = client.post(reverse("science:result_remove", args=[use.pk]), {"confirm": "on"})
    still_there = ResultApplication.objects.filter(pk=use.pk).exists()
    if role in RUNNERS:
        assert response.status_code == 302
        assert not still_there
    else:
        assert response.status_code == 403
        assert still_there


def test_removal_asks_for_confirmation_and_keeps_the_record_in_history(client, users, applied):
    task, use = applied
    client.force_login(users["program_office"])
    detail = client.get(reverse("science:task_detail", args=[task.pk])).content.decode()
    assert reverse("science:result_remove", args=[use.pk]) in detail

    unconfirmed = client.post(reverse("science:result_remove", args=[use.pk]), {})
    assert unconfirmed.status_code == 200
    assert ResultApplication.objects.filter(pk=use.pk).exists()

    client.post(reverse("science:result_remove", args=[use.pk]), {"confirm": "on"})
    assert not ResultApplication.objects.filter(pk=use.pk).exists()
    deleted = ResultApplication.history.filter(id=use.pk, history_type="-").get()
    assert deleted.history_user == users["program_office"]
