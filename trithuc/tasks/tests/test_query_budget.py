"""The task list and the report list cost the same few queries however many rows they show."""

from __future__ import annotations

from django.urls import reverse

from trithuc.tasks.tests.conftest import make_task


def test_task_list_queries_do_not_grow_with_tasks(
    client, users, program, units, django_assert_max_num_queries
):
    for order in range(1, 31):
        make_task(
            program,
            order,
            lead=[units.new_commune, units.department],
            support=[units.other_commune, units.commune_one],
        )
    client.force_login(users["officer_new_commune"])
    with django_assert_max_num_queries(14):
        response = client.get(reverse("tasks:task_list"))
    assert response.text.count("Xã Khác") >= 30


def test_report_list_queries_do_not_grow_with_reports(
    client, users, units, make_report, django_assert_max_num_queries
):
    for year in (2024, 2025, 2026):
        for quarter in (1, 2, 3, 4):
            for unit in (units.new_commune, units.other_commune, units.commune_one):
                make_report(unit, year=year, quarter=quarter)
    client.force_login(users["program_office"])
    with django_assert_max_num_queries(17):
        response = client.get(reverse("tasks:unit_report_list"))
    assert response.context["page"].paginator.count == 36
    assert response.text.count("Xã Khác") >= 12
