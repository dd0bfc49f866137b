"""The project's 500 handler: a database that cannot be reached (restarted, its connections
ended, its file locked or gone) answers 503 with a Vietnamese page that says to try again in a
moment; any other fault answers 500. Both pages render without touching the database, which may
be what failed (no request context: no user, no messages)."""

from __future__ import annotations

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

logger = logging.getLogger("trithuc.errors")
RETRY_AFTER_SECONDS = 30


def _database_unavailable(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        if isinstance(exc, DatabaseError) and "no such table" in str(exc):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def server_error(request: HttpRequest) -> HttpResponse:
    exc = sys.exc_info()[1]
    if _database_unavailable(exc):
        logger.error("Database unavailable during %s %s: %s", request.method, request.path, exc)
        response = HttpResponse(loader.get_template("503.html").render({}), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(loader.get_template("500.html").render({}), status=500)
