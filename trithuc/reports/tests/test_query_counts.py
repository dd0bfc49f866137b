"""The list of review reports costs the same queries with six reports as with one."""

from __future__ import annotations

from django.urls import reverse

from trithuc.core.testing import queries_of
from trithuc.reports.choices import PeriodKind
from trithuc.reports.services import review_report_create


def _reports(users, units, program, committee, years: range) -> None:
    # The documents are written on commit by a job; the list needs only the stored rows.
    for year in years:
        review_report_create(
            actor=users["program_office"],
            program=program,
            period=PeriodKind.YEAR,
            year=year,
            unit=units.new_province,
            issuer=committee,
        )


def test_review_list_queries_do_not_grow_with_the_reports(
    client, users, units, program, committee, django_assert_num_queries
):
    client.force_login(users["program_office"])
    url = reverse("reports:review_list")
    _reports(users, units, program, committee, range(2024, 2025))
    queries_of(client, url)
    few = queries_of(client, url)
    _reports(users, units, program, committee, range(2025, 2030))
    with django_assert_num_queries(few):
        response = client.get(url)
    assert len(response.context["reports"]) == 6
