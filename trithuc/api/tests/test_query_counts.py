"""Every list endpoint costs the same number of queries for one row as for a full page: a list
that queried per row (an N+1) would fail here. Each is read as the program office, who sees the
most rows of the shared test world."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .test_access import TABLE

LIST_ENDPOINTS = (
    "api:application_list",
    "api:association_list",
    "api:attraction_case_list",
    "api:award_list",
    "api:career_event_list",
    "api:comment_list",
    "api:consultation_list",
    "api:course_list",
    "api:enrollment_list",
    "api:figure_list",
    "api:idea_list",
    "api:indicator_list",
    "api:initiative_list",
    "api:need_list",
    "api:nomination_list",
    "api:orgunit_list",
    "api:person_list",
    "api:program_list",
    "api:rating_list",
    "api:reference_list",
    "api:science_task_list",
    "api:session_list",
    "api:task_list",
    "api:unit_report_list",
)
ROWS = {
    f"api:{row.operation}": row
    for row in TABLE.values()
    if row.method == "GET" and row.operation.endswith("_list")
}


def test_every_list_endpoint_is_guarded_here():
    assert set(LIST_ENDPOINTS) == set(ROWS)


def _with_limit(path: str, limit: int) -> str:
    parts = urlsplit(path)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "limit"] + [("limit", str(limit))]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _items(response) -> int:
    body = response.json()
    return len(body["items"]) if isinstance(body, dict) and "items" in body else 0


@pytest.mark.parametrize("name", LIST_ENDPOINTS)
def test_a_full_page_costs_no_more_queries_than_one_row(
    world, call, django_assert_max_num_queries, name
):
    path = ROWS[name].path(world)
    call("program_office", "GET", _with_limit(path, 1))  # warm per-process caches
    with CaptureQueriesContext(connection) as one_row:
        first = call("program_office", "GET", _with_limit(path, 1))
    assert first.status_code == 200, first.content
    with django_assert_max_num_queries(len(one_row)):
        page = call("program_office", "GET", _with_limit(path, 200))
    assert page.status_code == 200
    assert _items(page) >= _items(first)
