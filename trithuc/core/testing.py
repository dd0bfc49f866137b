"""Test helpers shared by the apps' query-count tests."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_of(client: Any, url: str, data: dict[str, Any] | None = None) -> int:
    """How many queries one GET of ``url`` makes (the page must answer 200)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data or {})
    assert response.status_code == 200, (url, response.status_code)  # noqa: S101 - test helper
    return len(captured)
