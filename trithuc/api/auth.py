"""Who calls the API: a personal token (``Authorization: Bearer tt_…``) for scripts, or the
session of a signed-in page user (with Django's CSRF check on writes). Either way the request then
runs as that user, so the scoping rule and the services see the same person the pages would."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from .services import token_authenticate


class TokenAuth(HttpBearer):
    openapi_description = (
        "Khóa API cá nhân, tạo trong trang «Tài khoản → Khóa API»: "
        "`Authorization: Bearer tt_xxxxxxxx_...`."
    )

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_authenticate(token)
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found.user


class PageSessionAuth(SessionAuth):
    openapi_description = "Phiên đăng nhập của trang web (cookie), dùng từ trình duyệt."

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        return user if user.is_authenticated and user.is_active else None


API_AUTH = [TokenAuth(), PageSessionAuth()]
