"""The real server, run as users meet it: Django's threaded server (``serve.py``: what
``trithuc runserver --noreload`` runs, with a longer listen queue) in a subprocess on a free loopback port, against a database made for the test (a SQLite file, or a
PostgreSQL database on the same server as ``DATABASE_URL`` whose name holds ``secb``), plus a
small browser (cookies, CSRF token, form fields) for the client threads."""

from __future__ import annotations

import contextlib
import html.parser
import http.cookiejar
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tests.databases import ROOT


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_server(
    env: dict[str, str], log: Path, *, single_thread: bool = False, **extra_env: str
) -> Iterator[str]:
    port = _free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 — our own console script
            [
                sys.executable,
                "-m",
                "tests.reliability.serve",
                f"127.0.0.1:{port}",
                *(["single"] if single_thread else []),
            ],
            env={**env, **extra_env},
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                assert process.poll() is None, log.read_text()[-3000:]
                assert time.monotonic() < deadline, "server did not start in 60 s"
                with contextlib.suppress(OSError):
                    urllib.request.urlopen(base + "/tai-khoan/dang-nhap/", timeout=5)  # noqa: S310
                    break
                time.sleep(0.3)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


class _FormFields(html.parser.HTMLParser):
    """The fields of the page's POST forms (the last one wins on a repeated name)."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self._in_post_form = False
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_post_form = (attrs.get("method") or "").lower() == "post"
        if not self._in_post_form or "name" not in attrs and tag != "option":
            return
        if tag == "input" and attrs.get("type") not in ("submit", "button", "file", "checkbox"):
            self.fields[attrs["name"]] = attrs.get("value") or ""
        elif tag == "input" and attrs.get("type") == "checkbox" and "checked" in attrs:
            self.fields[attrs["name"]] = attrs.get("value") or "on"
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.fields[self._textarea] = ""
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_post_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


class Browser:
    """One user's browser: its own cookies, never following redirects (the tests read them)."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), self._NoRedirect()
        )

    def request(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)  # noqa: S310
        if data is not None:
            request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def form(self, path: str) -> dict[str, str]:
        status, page = self.request(path)
        assert status == 200, (path, status, page[:500])
        parser = _FormFields()
        parser.feed(page)
        return parser.fields

    def login(self, username: str, password: str) -> None:
        fields = self.form("/tai-khoan/dang-nhap/")
        status, page = self.request(
            "/tai-khoan/dang-nhap/", {**fields, "username": username, "password": password}
        )
        assert status == 302, page[:1000]
