"""Shared pieces of the security suite: a database fingerprint (to prove a refused write changed
nothing), and the fixtures of the apps' own test folders that the suite reuses."""

from __future__ import annotations

import hashlib

import pytest
from django.apps import apps

from trithuc.imports.tests.conftest import reference  # noqa: F401
from trithuc.tasks.tests.conftest import make_report, program, tasks  # noqa: F401
from trithuc.workforce.tests.conftest import records  # noqa: F401

# Tables that change on a refused request without any record changing: the log of reads of a
# person's data (a refusal reads nothing, but an allowed read on the way is logged by design),
# and the history of user accounts, which records each sign-in's ``last_login``.
NOT_FINGERPRINTED = {"privacy.accesslogentry", "accounts.historicaluser"}
NOT_FINGERPRINTED_COLUMNS = {"last_login"}


def database_fingerprint() -> dict[str, str]:
    """A digest of every row of every trithuc table (records, their history, queued jobs)."""
    digests = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        module = model.__module__
        if not module.startswith(("trithuc.", "django_tasks")):
            continue
        if label in NOT_FINGERPRINTED:
            continue
        columns = [
            f.attname
            for f in model._meta.concrete_fields
            if f.name not in NOT_FINGERPRINTED_COLUMNS
        ]
        rows = model._default_manager.order_by("pk").values_list(*columns)
        digests[label] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    return digests


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(label for label in after if before.get(label) != after[label])


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TRITHUC_REPORT_PDF = False
