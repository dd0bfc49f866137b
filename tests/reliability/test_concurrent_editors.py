"""Fifty officers edit the same person and the same unit report at the same moment, through the
real server (threads against ``trithuc runserver`` on loopback). Every save either succeeds or is
refused with the page saying someone else just changed the record; the history holds every
successful save (zero lost updates) and the record ends with the last one. Bounded in time."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from tests.databases import run_python

from .conftest import EDITORS, PASSWORD
from .server import Browser, running_server

CONFLICT_TEXT = "vừa được người khác cập nhật"
TIME_LIMIT_SECONDS = 60


def _edit(base: str, n: int, ids: dict[str, int], start: threading.Barrier) -> tuple[int, str]:
    browser = Browser(base)
    browser.login(f"canbo{n}", PASSWORD)
    if n % 2 == 0:
        path = f"/nhan-su/{ids['person']}/sua/"
        fields = browser.form(path)
        fields["expertise"] = f"Sửa bởi cán bộ {n}"
    else:
        path = f"/nhiem-vu/bao-cao/{ids['report']}/sua/"
        fields = browser.form(path)
        fields["summary"] = f"Sửa bởi cán bộ {n}"
    start.wait(timeout=TIME_LIMIT_SECONDS)  # every editor has the form open: all save at once
    status, page = browser.request(path, fields)
    if status == 409:
        assert CONFLICT_TEXT in page
    return status, fields.get("expertise") or fields.get("summary")


def test_fifty_concurrent_editors_lose_no_update(seeded, tmp_path):
    scratch, ids = seeded
    started = time.monotonic()
    # One connection per request thread, closed at its end: a threaded server that kept them
    # (CONN_MAX_AGE) would hold one per finished thread and exhaust PostgreSQL's connections.
    with running_server(scratch.env, tmp_path / "server.log", TRITHUC_DB_CONN_MAX_AGE="0") as base:
        start = threading.Barrier(EDITORS)
        with ThreadPoolExecutor(max_workers=EDITORS) as pool:
            futures = [pool.submit(_edit, base, n, ids, start) for n in range(EDITORS)]
            outcomes = [f.result(timeout=TIME_LIMIT_SECONDS) for f in futures]
    assert time.monotonic() - started < TIME_LIMIT_SECONDS + 30

    statuses = {status for status, _ in outcomes}
    assert statuses <= {302, 409}, outcomes
    saved = {text for status, text in outcomes if status == 302}
    # All opened the same version, so exactly one save per record wins; the rest are told.
    assert len(saved) == 2, outcomes
    stored = run_python(
        scratch.env,
        f"""
import json
from trithuc.people.models import Person
from trithuc.tasks.models import UnitReport
person, report = Person.objects.get(pk={ids["person"]}), UnitReport.objects.get(pk={ids["report"]})
print(json.dumps({{
    "history": [h.expertise for h in person.history.all()]
              + [h.summary for h in report.history.all()],
    "final": [person.expertise, report.summary],
    "versions": [person.version, report.version],
}}))
""",
    )
    assert saved <= set(stored["history"])  # every successful save is in the history
    assert set(stored["final"]) == saved  # and is what the records hold now
    refused = {text for status, text in outcomes if status == 409}
    assert not refused & set(stored["history"])  # a refused save wrote nothing
