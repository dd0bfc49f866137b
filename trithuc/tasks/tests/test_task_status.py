"""A task's status follows from its deadline and completion day, alike in Python and in the database."""

from __future__ import annotations

import datetime as dt

import pytest

from trithuc.tasks.choices import TaskStatus
from trithuc.tasks.models import Task
from trithuc.tasks.tests.conftest import make_task

DAY = dt.date(2025, 6, 30)
DEADLINE = dt.date(2025, 6, 1)


@pytest.mark.parametrize(
    ("deadline", "completed_on", "expected"),
    [
        (DEADLINE, dt.date(2025, 5, 20), TaskStatus.DONE_ON_TIME),
        (DEADLINE, DEADLINE, TaskStatus.DONE_ON_TIME),
        (DEADLINE, dt.date(2025, 6, 2), TaskStatus.DONE_LATE),
        (None, dt.date(2025, 6, 2), TaskStatus.DONE_ON_TIME),
        (dt.date(2025, 7, 1), None, TaskStatus.OPEN_ON_TIME),
        (DAY, None, TaskStatus.OPEN_ON_TIME),
        (None, None, TaskStatus.OPEN_ON_TIME),
        (DEADLINE, None, TaskStatus.OPEN_OVERDUE),
    ],
)
def test_status_on_a_day_is_the_same_in_python_and_in_the_database(
    program, units, deadline, completed_on, expected
):
    task = make_task(
        program, 1, lead=[units.new_commune], deadline=deadline, completed_on=completed_on
    )
    assert task.status_on(DAY) == expected
    assert Task.objects.with_status(DAY).get(pk=task.pk).status == expected


def test_task_list_filters_by_status_on_today(client, users, program, units):
    make_task(program, 1, lead=[units.new_commune], deadline=dt.date(2020, 1, 1))
    make_task(program, 2, lead=[units.new_commune], deadline=dt.date(2099, 1, 1))
    client.force_login(users["leader"])
    response = client.get("/nhiem-vu/", {"trang_thai": TaskStatus.OPEN_OVERDUE})
    assert [t.order for t in response.context["tasks"]] == [1]
    assert "Chưa hoàn thành, quá hạn" in response.text


def test_task_list_filters_by_unit_including_its_predecessors(client, users, tasks, units):
    client.force_login(users["leader"])
    response = client.get("/nhiem-vu/", {"don_vi": units.new_commune.pk})
    assert sorted(t.order for t in response.context["tasks"]) == [1, 2]
