"""A journey: one user's browser tab, and the checks every page they reach must pass.

``Journey.check()`` is called on each page a journey reaches. It fails the test on
- an HTTP error answer (the page itself or anything it loads) or a request that failed,
- any message the page wrote to the console as an error, or an uncaught JavaScript error,
- an axe-core violation of impact "serious" or "critical",
- the page body scrolling sideways at 1366×768 or at a phone width of 390×844,
- a heading drawn with a font that is not one the stylesheet names, or with more than one font
  (what happens when the first font lacks a Vietnamese letter and the browser borrows it elsewhere),
and, when ``TRITHUC_SCREENSHOTS`` names a folder (``bin/screenshots``), saves a screenshot there.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import ConsoleMessage, Locator, Page, Request, Response

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
BLOCKING_IMPACTS = ("serious", "critical")
# Fontconfig answers a request for these families with a metric-compatible stand-in.
FONT_STAND_INS = {"liberation sans": "arial", "liberation serif": "times new roman"}
MAX_TABS = 60


@dataclass
class Journey:
    page: Page
    name: str
    axe_script: str
    problems: list[str] = field(default_factory=list)
    shots: int = 0

    def __post_init__(self) -> None:
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.problems.append(f"JavaScript: {error}"))
        self.page.on("response", self._on_response)
        self.page.on("requestfailed", self._on_request_failed)

    # --- events ----------------------------------------------------------------------------------

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text} ({message.location})")

    def _on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append(
                f"HTTP {response.status}: {response.request.method} {response.url}"
            )

    def _on_request_failed(self, request: Request) -> None:
        # A download that the browser hands to disk is aborted on purpose, not a failure.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    # --- moving around ---------------------------------------------------------------------------

    def open(self, path: str, *, shot: str | None = None) -> None:
        self.page.goto(path)
        self.check(shot=shot)

    def login(self, username: str, password: str) -> None:
        """Sign in on the login page, as the user would, and land where the system sends them."""
        self.open("/tai-khoan/dang-nhap/", shot=None)
        self.page.get_by_label("Tên đăng nhập").fill(username)
        self.page.get_by_label("Mật khẩu").fill(password)
        self.page.get_by_role("button", name="Đăng nhập").click()
        self.page.wait_for_load_state()
        assert "/dang-nhap/" not in self.page.url, f"{username} could not sign in"

    def tab_to(self, target: Locator) -> None:
        """Press Tab until ``target`` has the focus: it must be reachable by keyboard."""
        handle = target.element_handle()
        for _ in range(MAX_TABS):
            self.page.keyboard.press("Tab")
            if self.page.evaluate("(el) => document.activeElement === el", handle):
                return
        raise AssertionError(f"{target} never got the focus in {MAX_TABS} presses of Tab")

    # --- the checks ------------------------------------------------------------------------------

    def check(self, *, shot: str | None = None) -> None:
        self.page.wait_for_load_state("load")
        where = f"{self.page.url} ({self.page.title()})"
        self._assert_no_problems(where)
        self._assert_accessible(where)
        self._assert_fits(where)
        self._assert_fonts(where)
        if shot:
            self.screenshot(shot)
        # Anything the checks themselves set off (a late script error) counts too.
        self._assert_no_problems(where)

    def _assert_no_problems(self, where: str) -> None:
        found, self.problems[:] = list(self.problems), []
        assert not found, f"{where}:\n" + "\n".join(found)

    def _assert_accessible(self, where: str) -> None:
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            # Evaluated through the DevTools protocol, which the page's Content Security Policy
            # does not govern; a <script> tag would be (rightly) refused by it.
            self.page.evaluate(self.axe_script)
        violations = self.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))"
        )
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, f"{where}: accessibility violations:\n" + "\n".join(
            f"- {v['impact']} {v['id']}: {v['help']} at {v['nodes']}" for v in blocking
        )

    def _assert_fits(self, where: str) -> None:
        for size in (DESKTOP, PHONE):
            self.page.set_viewport_size(size)
            overflow = self.page.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, (
                f"{where}: at {size['width']}×{size['height']} the page is {overflow}px wider than "
                f"the screen: {self._widest_elements()}"
            )
        self.page.set_viewport_size(DESKTOP)

    def _widest_elements(self) -> list[str]:
        return self.page.evaluate(
            "() => [...document.querySelectorAll('body *')]"
            ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
            ".slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')"
            " + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')"
        )

    def _assert_fonts(self, where: str) -> None:
        """Each heading of the page is drawn by one installed font that the stylesheet names.

        Chromium reports which platform fonts drew a node's glyphs (DevTools' "Rendered Fonts"):
        a Vietnamese letter missing from the first font shows up as a second, borrowed font."""
        cdp = self.page.context.new_cdp_session(self.page)
        try:
            cdp.send("DOM.enable")
            cdp.send("CSS.enable")
            root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
            nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "h1, h2"})
            checked = 0
            for node_id in nodes["nodeIds"][:4]:
                text = cdp.send("DOM.describeNode", {"nodeId": node_id, "depth": -1})
                fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node_id})["fonts"]
                if not fonts:  # an empty or hidden heading draws nothing
                    continue
                checked += 1
                names = [f["familyName"] for f in fonts]
                stack = self._font_stack(node_id, cdp)
                assert len(fonts) == 1, (
                    f"{where}: a heading is drawn with several fonts {names} (stylesheet: {stack}); "
                    f"the first lacks some Vietnamese letters: {text['node'].get('localName')}"
                )
                family = names[0].lower()
                assert FONT_STAND_INS.get(family, family) in stack, (
                    f"{where}: a heading is drawn with {names[0]}, which the stylesheet does not "
                    f"name ({stack})"
                )
            assert checked, f"{where}: no heading to check the fonts on"
        finally:
            cdp.detach()

    @staticmethod
    def _font_stack(node_id: int, cdp) -> list[str]:
        styles = cdp.send("CSS.getComputedStyleForNode", {"nodeId": node_id})["computedStyle"]
        value = next(s["value"] for s in styles if s["name"] == "font-family")
        return [name.strip().strip("\"'").lower() for name in value.split(",")]

    def screenshot(self, name: str) -> None:
        folder = os.environ.get("TRITHUC_SCREENSHOTS")
        if not folder:
            return
        self.shots += 1
        path = Path(folder) / f"{self.name}-{self.shots}-{_slug(name)}.png"
        # The whole page, cut at a height a reader scrolls through (the dashboard's table of
        # a hundred units would otherwise make a picture of several megabytes).
        size = self.page.viewport_size or DESKTOP
        height = min(self.page.evaluate("() => document.documentElement.scrollHeight"), 2000)
        clip = {"x": 0, "y": 0, "width": size["width"], "height": height}
        self.page.screenshot(path=str(path), full_page=True, clip=clip)

    def phone_screenshot(self, name: str) -> None:
        """The page as a phone shows it, for the README."""
        self.page.set_viewport_size(PHONE)
        try:
            self.screenshot(f"{name}-dien-thoai")
        finally:
            self.page.set_viewport_size(DESKTOP)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
