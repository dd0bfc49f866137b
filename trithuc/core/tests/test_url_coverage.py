"""Every page of the project is in an access table, or exempt with a reason (as NetBox's model
coverage test): a new URL cannot slip in without someone deciding who may open it."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

from trithuc.accounts.tests.test_access import URL_TABLE as ACCOUNTS_URLS
from trithuc.api.tests.test_access import URL_TABLE as API_URLS
from trithuc.engagement.tests.test_access import URL_TABLE as ENGAGEMENT_URLS
from trithuc.imports.tests.test_access import URL_TABLE as IMPORTS_URLS
from trithuc.orgunits.tests.test_access import URL_TABLE as ORGUNITS_URLS
from trithuc.people.tests.test_access import URL_TABLE as PEOPLE_URLS
from trithuc.privacy.tests.test_access import URL_TABLE as PRIVACY_URLS
from trithuc.programs.tests.test_access import URL_TABLE as PROGRAMS_URLS
from trithuc.reports.tests.test_access import URL_TABLE as REPORTS_URLS
from trithuc.science.tests.test_access import URL_TABLE as SCIENCE_URLS
from trithuc.tasks.tests.test_access import URL_TABLE as TASKS_URLS
from trithuc.workforce.tests.test_access import URL_TABLE as WORKFORCE_URLS

EXEMPT = {
    "home": "redirects to the person list, which is in the people table",
}
TABLES = {
    **PEOPLE_URLS,
    **ORGUNITS_URLS,
    **ACCOUNTS_URLS,
    **PROGRAMS_URLS,
    **TASKS_URLS,
    **WORKFORCE_URLS,
    **IMPORTS_URLS,
    **SCIENCE_URLS,
    **REPORTS_URLS,
    **ENGAGEMENT_URLS,
    **API_URLS,
    **PRIVACY_URLS,
}


def _project_url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # Django admin: staff only, guarded by Django's own permission checks
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _project_url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_is_in_an_access_table_or_exempt_with_a_reason():
    missing = _project_url_names(get_resolver()) - set(TABLES) - set(EXEMPT)
    assert not missing, f"URL chưa có trong bảng phân quyền nào: {sorted(missing)}"


def test_access_tables_name_only_urls_that_exist():
    assert set(TABLES) <= _project_url_names(get_resolver())
