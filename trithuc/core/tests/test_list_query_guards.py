"""Every list page has a query-count test (as NetBox's per-app query baselines): a new list page
cannot slip in without a test that fails when it makes a query per row.

A list page is a URL whose name ends in ``_list``, plus the pages below that list rows under
another name. "Guarded" means its URL name appears in a test module that asserts a number of
queries (``django_assert_num_queries`` / ``django_assert_max_num_queries``).
"""

from __future__ import annotations

from pathlib import Path

from django.urls import get_resolver

from trithuc.core.tests.test_url_coverage import _project_url_names

OTHER_LIST_PAGES = {
    "programs:dashboard": "a row per indicator and per unit below",
    "programs:indicator_rows": "the records behind one number",
    "orgunits:orgunit_tree": "every unit of a date",
    "workforce:structure": "a row per unit",
    "workforce:course_detail": "the people enrolled in a course",
}
PROJECT = Path(__file__).resolve().parents[2]


def _guarded_text() -> str:
    texts = []
    for path in PROJECT.glob("*/tests/test_*.py"):
        text = path.read_text(encoding="utf-8")
        if "django_assert_num_queries" in text or "django_assert_max_num_queries" in text:
            texts.append(text)
    return "\n".join(texts)


def _list_pages() -> set[str]:
    names = _project_url_names(get_resolver())
    return {n for n in names if n.endswith("_list")} | set(OTHER_LIST_PAGES)


def test_every_list_page_has_a_query_count_test():
    text = _guarded_text()
    missing = sorted(name for name in _list_pages() if f'"{name}"' not in text)
    assert not missing, f"Trang danh sách chưa có kiểm thử số truy vấn: {missing}"


def test_the_other_list_pages_exist():
    assert set(OTHER_LIST_PAGES) <= _project_url_names(get_resolver())
