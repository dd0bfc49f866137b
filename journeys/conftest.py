"""Fixtures of the browser journeys: one Chromium per test process (xdist worker), a fresh tab and
cookie jar per journey, the live server, and the world the journey walks through."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest

from .harness import DESKTOP, Journey
from .install import CHROMIUM, Unavailable, ensure_all
from .world import World, world_build

# The network is closed: without these Chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Marked so that a quick run can leave them out: pytest -m "not browser".
    for item in items:
        if item.nodeid.startswith("journeys/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def axe_script() -> str:
    try:
        return ensure_all().read_text()
    except Unavailable as exc:
        pytest.skip(f"browser journeys need Chromium, Noto fonts and axe-core: {exc}")


@pytest.fixture(scope="session")
def browser(axe_script: str) -> Iterator:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # the dev extra was not installed
        pytest.skip("browser journeys need playwright (pip install -e '.[dev]')")
    # Playwright's driver runs an event loop in this thread; Django must still allow its ORM here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def world(transactional_db) -> World:
    return world_build()


@pytest.fixture
def journey(browser, live_server, axe_script: str, request) -> Iterator[Callable[[str], Journey]]:
    """``journey("unit-officer")``: a new tab with its own cookies, pointed at the live server."""
    contexts = []

    def start(name: str) -> Journey:
        context = browser.new_context(
            base_url=live_server.url,
            viewport=DESKTOP,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            accept_downloads=True,
        )
        context.set_default_timeout(15_000)
        # The pages' Content-Security-Policy forbids inline scripts, so axe-core cannot be added as
        # a <script> tag; a script run at each page's start by the browser itself is not subject to
        # it, and the policy stays in force for everything the page does.
        context.add_init_script(axe_script)
        contexts.append(context)
        return Journey(page=context.new_page(), name=name, axe_script=axe_script)

    yield start
    for context in contexts:
        context.close()
