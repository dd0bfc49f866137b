"""The checks every journey page passes can fail: each broken page below is caught, the clean one
is not. Pages are served by the browser itself (``page.route``), so no server and no database."""

from __future__ import annotations

import pytest

from .harness import DESKTOP, Journey

SITE = "http://trang.thu/"
CLEAN = """<!DOCTYPE html><html lang="vi"><head><title>Trang thử</title>
<style>body { font: 16px "Noto Sans", sans-serif; }</style></head>
<body><main><h1>Chương trình thực hiện Nghị quyết</h1>{body}</main></body></html>"""


@pytest.fixture
def tab(browser, axe_script):
    context = browser.new_context(viewport=DESKTOP)
    yield lambda: Journey(page=context.new_page(), name="thu", axe_script=axe_script)
    context.close()


def visit(journey: Journey, body: str = "", *, status: int = 200, html: str = CLEAN) -> None:
    journey.page.route(
        f"{SITE}**",
        lambda route: route.fulfill(
            status=status,
            content_type="text/html; charset=utf-8",
            body=html.replace("{body}", body),
        ),
    )
    journey.page.goto(SITE)


def test_a_clean_page_passes_every_check(tab):
    journey = tab()
    visit(journey, "<p>Đội ngũ trí thức</p>")
    journey.check()


def test_an_http_error_page_fails(tab):
    journey = tab()
    visit(journey, "<p>Không tìm thấy</p>", status=404)
    with pytest.raises(AssertionError, match="HTTP 404"):
        journey.check()


def test_an_uncaught_javascript_error_fails(tab):
    journey = tab()
    visit(journey, "<script>null.hong()</script>")
    with pytest.raises(AssertionError, match="JavaScript"):
        journey.check()


def test_an_error_written_to_the_console_fails(tab):
    journey = tab()
    visit(journey, "<script>console.error('Không tải được dữ liệu')</script>")
    with pytest.raises(AssertionError, match="console error: Không tải được dữ liệu"):
        journey.check()


def test_a_field_without_a_label_is_a_serious_accessibility_violation(tab):
    journey = tab()
    visit(journey, '<form><input type="text" name="ho_ten"></form>')
    with pytest.raises(AssertionError, match="critical label"):
        journey.check()


def test_pale_text_is_a_serious_accessibility_violation(tab):
    journey = tab()
    visit(journey, '<p style="color:#bbb;background:#fff">Hạn nộp báo cáo</p>')
    with pytest.raises(AssertionError, match="serious color-contrast"):
        journey.check()


def test_a_page_wider_than_a_phone_fails(tab):
    journey = tab()
    visit(journey, '<div style="width:600px">Bảng số liệu</div>')
    with pytest.raises(AssertionError, match="at 390×844 the page is 2[0-9]{2}px wider"):
        journey.check()


def test_a_heading_in_a_font_lacking_vietnamese_letters_fails(tab):
    # Liberation Sans (what Linux gives for "Arial") has no "ự": where it is installed, Chromium
    # borrows that letter from another font; where it is not, the whole heading falls back to a
    # font the stylesheet does not name. Either way the page must fail.
    journey = tab()
    page = CLEAN.replace('"Noto Sans", sans-serif', '"Liberation Sans", sans-serif')
    visit(journey, "", html=page.replace("Chương trình", "Thực hiện"))
    with pytest.raises(AssertionError, match="several fonts|which the stylesheet does not name"):
        journey.check()
