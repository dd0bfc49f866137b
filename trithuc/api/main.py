"""The REST API (``/api/v1/``): one NinjaAPI built from each app's router, the same scopes as the
pages, token or session authentication, one JSON error body, and an OpenAPI schema in Vietnamese.

Adding a record family is one router in the app's ``api.py`` and one line in ``ROUTERS``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, NinjaAPI, Schema

from trithuc.engagement.api import router as engagement_router
from trithuc.orgunits.api import router as orgunits_router
from trithuc.people.api import router as people_router
from trithuc.programs.api import router as programs_router
from trithuc.science.api import router as science_router
from trithuc.tasks.api import router as tasks_router
from trithuc.workforce.api import router as workforce_router

from .auth import API_AUTH
from .errors import AUTH_ERRORS, install_error_handlers
from .parser import StorableTextParser
from .reference import router as reference_router

API_DESCRIPTION = """Giao diện lập trình (REST) của hệ thống theo dõi Chương trình thực hiện Nghị
quyết 45-NQ/TW về đội ngũ trí thức. Mỗi thao tác áp dụng đúng phạm vi dữ liệu như trên trang web:
hồ sơ ngoài phạm vi trả 404 như hồ sơ không có. Xác thực bằng khóa API cá nhân
(`Authorization: Bearer <khóa>`) hoặc phiên đăng nhập của trang. Lỗi luôn là JSON
`{"code", "message", "fields"}` với thông báo tiếng Việt. Danh sách phân trang bằng con trỏ
(`cursor`, `limit`), theo id tăng dần. Xem thêm docs/api.md."""

ROUTERS = [
    ("", orgunits_router),
    ("", people_router),
    ("", reference_router),
    ("", programs_router),
    ("", tasks_router),
    ("", workforce_router),
    ("", science_router),
    ("", engagement_router),
]

api = NinjaAPI(
    title="trithuc API",
    version="1",
    description=API_DESCRIPTION,
    auth=API_AUTH,
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    parser=StorableTextParser(),
)
install_error_handlers(api)
for prefix, router in ROUTERS:
    api.add_router(prefix, router)


class MeOut(Schema):
    id: int = Field(description="Mã số (id) của tài khoản.")
    username: str = Field(description="Tên đăng nhập.")
    full_name: str = Field(description="Họ và tên người dùng.")
    roles: list[str] = Field(description="Các vai trò được phân công.")
    unit_ids: list[int] = Field(description="Các đơn vị được phân công (id).")


@api.get(
    "/me",
    response={200: MeOut, **AUTH_ERRORS},
    tags=["Tài khoản"],
    summary="Tài khoản đang gọi API",
    description="Người dùng của khóa API hay phiên đăng nhập, với vai trò và đơn vị được phân công.",
)
def me(request: HttpRequest) -> Any:
    user = request.user
    assignments = list(user.assignments.values_list("role", "unit_id"))
    return {
        "id": user.pk,
        "username": user.username,
        "full_name": user.get_full_name(),
        "roles": sorted({role for role, _ in assignments}),
        "unit_ids": sorted({unit for _, unit in assignments}),
    }
