"""API reads of records about people are logged, like the reads of the registry itself."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest

from trithuc.privacy.choices import AccessAction
from trithuc.privacy.services import access_record


def log_people_read(request: HttpRequest, person_ids: Iterable[int]) -> None:
    """One bulk insert for the people a response shows (own records are not logged)."""
    ids = set(person_ids)
    if ids:
        access_record(request.user, ids, AccessAction.API_READ, path=request.path)  # type: ignore[arg-type]
