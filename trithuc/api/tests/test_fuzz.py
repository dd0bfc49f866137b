"""Schemathesis generates requests from the served OpenAPI schema for every operation and sends
them to the WSGI application, as a program-office user (the widest scope) and as an officer of
one commune (a narrow one): no answer may be a server error, and every answer must match the
schema (status code, content type, body). The examples are derandomised and bounded, so the run
is the same every time and takes well under two minutes per database."""

from __future__ import annotations

import hypothesis
import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from trithuc.api.management.commands.api_schema import schema_dict

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
ROLES = ("program_office", "officer_other_commune")
EXAMPLES_PER_OPERATION = 15


def _known_ids(world) -> dict[str, object]:
    """Path parameters that name records of the world, so generated requests reach them too."""
    return {
        "code": world.program.code,
        "person_id": world.people["in_other_commune"].pk,
        "unit_id": world.units.new_commune.pk,
        "task_id": world.tasks["other_commune"].pk,
        "report_id": world.reports["other_commune"].pk,
        "enrollment_id": world.enrollments["in_other_commune"].pk,
        "consultation_id": world.engagement.consultations["open"].pk,
        "idea_id": world.engagement.ideas["public"].pk,
        "session_id": world.engagement.session.pk,
    }


def _strategy(operation, known):
    found = {name: value for name, value in known.items() if f"{{{name}}}" in operation.path}
    strategy = operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(
        GenerationMode.NEGATIVE
    )
    if found:
        strategy |= operation.as_strategy(GenerationMode.POSITIVE, path_parameters=found)
    return strategy


def _fuzz(operation, app, tokens, statuses, known):
    """A hypothesis test of ``operation``: each generated request sent as each role."""

    @hypothesis.settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
    )
    @given(case=_strategy(operation, known))
    def check(case):
        for role in ROLES:
            headers = {"Authorization": f"Bearer {tokens[role]}"}
            response = case.call_and_validate(app=app, headers=headers, checks=CHECKS)
            statuses.add(response.status_code)

    return check


@pytest.fixture
def keep_the_test_connection():
    """Django closes a connection at the end of a request when it is not in autocommit mode: on
    PostgreSQL that would end the test's transaction. Its test client detaches that handler for
    the same reason; the fuzzer calls the WSGI application directly, so it is detached here."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def test_generated_requests_find_no_server_error_and_no_schema_violation(
    world, tokens, keep_the_test_connection
):
    app = WSGIHandler()
    schema = schemathesis.openapi.from_dict(schema_dict())
    failures, statuses = [], {}
    # The start and end of each request would close the database connection the test's
    # transaction is on (PostgreSQL; SQLite's in-memory one survives): keep it open, as Django's
    # test client does.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        for result in schema.get_all_operations():
            operation = result.ok()
            statuses[operation.label] = set()
            try:
                _fuzz(operation, app, tokens, statuses[operation.label], _known_ids(world))()
            except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - reported below
                failures.append(f"{operation.label}: {exc}")
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
    assert not failures, "\n\n".join(failures)
    # The tokens were accepted everywhere, and every read reached a record.
    assert not [label for label, seen in statuses.items() if 401 in seen]
    unreached = {
        label for label, seen in statuses.items() if label.startswith("GET") and 200 not in seen
    }
    assert unreached == {"GET /api/v1/science/tasks/{task_id}"}  # the world orders no science task
