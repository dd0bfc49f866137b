"""Cross-site request forgery: every view that accepts POST refuses a POST without the CSRF token,
for a user who would otherwise be allowed to do it, with a Vietnamese page that says nothing was
saved. The views are enumerated from the URL resolver, so a new view cannot escape the test."""

from __future__ import annotations

import pytest
from django.test import Client

from trithuc.accounts.models import User

from .urls import project_routes

CSRF_PAGE_TEXT = "Biểu mẫu đã hết hạn hoặc không được gửi từ trang của hệ thống"
ROUTES = project_routes()


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser(username="sieuquantri", password="mat-khau-thu-nghiem")


def _accepts_post(client: Client, route) -> bool:
    return client.post(route.url()).status_code != 405


def _is_api(route) -> bool:
    """django-ninja marks its views exempt from Django's middleware check and makes the same
    check itself whenever the caller is authenticated by the session cookie (a token is not sent
    by a browser on its own, so it needs none); the test below proves it answers 403."""
    return route.name.startswith("api:")


def test_no_view_is_exempt_from_the_csrf_check():
    exempt = [r.name for r in ROUTES if getattr(r.view, "csrf_exempt", False) and not _is_api(r)]
    assert not exempt, f"View được miễn kiểm tra CSRF: {exempt}"


def test_every_view_that_accepts_post_refuses_a_post_without_the_token(superuser):
    trusting = Client()  # the test client skips the CSRF check unless asked to enforce it
    trusting.force_login(superuser)
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(superuser)
    # Signing out goes last: it ends the session the other probes use.
    routes = sorted(ROUTES, key=lambda route: route.name == "accounts:logout")
    accepting = [route for route in routes if _accepts_post(trusting, route)]
    # Enough of the project's forms and actions to show the enumeration works.
    assert len(accepting) > 40
    assert "people:person_edit" in {r.name for r in accepting}
    for route in accepting:
        response = guarded.post(route.url(), {"unit": 1, "comment": "giả mạo"})
        assert response.status_code == 403, route.name
        if response["Content-Type"].startswith("application/json"):
            assert _is_api(route), route.name
            assert response.json()["code"] == "csrf_failed", route.name
        else:
            assert CSRF_PAGE_TEXT in response.text, route.name


def test_the_same_post_with_the_token_passes_the_check(client, users):
    """The refusal above is the CSRF check, not the view: with the token the form is processed."""
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(users["officer_new_commune"])
    page = guarded.get("/nhan-su/them/")
    token = page.context["csrf_token"]
    response = guarded.post("/nhan-su/them/", {"csrfmiddlewaretoken": str(token)})
    assert response.status_code == 200  # the form, with its field errors
    assert CSRF_PAGE_TEXT not in response.text
    assert response.context["form"].errors


def test_login_form_itself_needs_the_token(users):
    guarded = Client(enforce_csrf_checks=True)
    response = guarded.post("/tai-khoan/dang-nhap/", {"username": "xamoi", "password": "x"})
    assert response.status_code == 403
    assert CSRF_PAGE_TEXT in response.text
