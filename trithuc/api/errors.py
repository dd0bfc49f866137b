"""One JSON body for every error: a machine code, a Vietnamese message, and per-field messages.

Every refusal a service or the scoping rule raises becomes its 4xx here, so a script sees the same
reasons a page shows, and a bad input never reaches a 500.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as InputError

from trithuc.people.services import EditConflict
from trithuc.tasks.services import ReportConflict

from .services import TokenRejected


class ErrorOut(Schema):
    code: str = Field(description="Mã lỗi để chương trình đọc, ví dụ `not_found`, `invalid`.")
    message: str = Field(description="Thông báo lỗi bằng tiếng Việt, nói rõ cần sửa gì.")
    fields: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Lỗi theo từng trường dữ liệu gửi lên (tên trường → các thông báo).",
    )


# The status codes every authenticated operation may answer, with the error body.
AUTH_ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut}
NOT_FOUND: dict[int, Any] = {404: ErrorOut}
CONFLICT: dict[int, Any] = {409: ErrorOut}

# Vietnamese for the input errors pydantic reports, by error type.
_INPUT_MESSAGES = {
    "missing": "Thiếu trường bắt buộc: hãy gửi giá trị cho trường này.",
    "int_parsing": "Phải là một số nguyên.",
    "int_type": "Phải là một số nguyên.",
    "int_from_float": "Phải là một số nguyên, không có phần thập phân.",
    "float_parsing": "Phải là một số.",
    "decimal_parsing": "Phải là một số.",
    "decimal_type": "Phải là một số.",
    "bool_parsing": "Phải là true hoặc false.",
    "bool_type": "Phải là true hoặc false.",
    "date_parsing": "Phải là ngày theo dạng YYYY-MM-DD.",
    "date_from_datetime_parsing": "Phải là ngày theo dạng YYYY-MM-DD.",
    "date_type": "Phải là ngày theo dạng YYYY-MM-DD.",
    "string_type": "Phải là một chuỗi ký tự.",
    "string_too_long": "Dài quá số ký tự cho phép.",
    "string_too_short": "Ngắn hơn số ký tự tối thiểu.",
    "greater_than_equal": "Nhỏ hơn giá trị tối thiểu cho phép.",
    "greater_than": "Nhỏ hơn giá trị tối thiểu cho phép.",
    "less_than_equal": "Lớn hơn giá trị tối đa cho phép.",
    "less_than": "Lớn hơn giá trị tối đa cho phép.",
    "literal_error": "Không phải một trong các giá trị cho phép.",
    "enum": "Không phải một trong các giá trị cho phép.",
    "list_type": "Phải là một danh sách.",
    "dict_type": "Phải là một đối tượng JSON.",
    "model_attributes_type": "Phải là một đối tượng JSON.",
    "json_invalid": "Nội dung gửi lên không phải JSON hợp lệ.",
    "extra_forbidden": "Trường này không có trong API: hãy bỏ đi.",
    "unstorable_text": "Có ký tự không lưu được (ký tự NUL hoặc mã UTF-16 lẻ): hãy bỏ ký tự đó.",
}


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    code: str,
    message: str,
    fields: dict[str, list[str]] | None = None,
) -> HttpResponse:
    body = {"code": code, "message": message, "fields": fields or {}}
    return api.create_response(request, body, status=status)


def _field_name(loc: tuple | list) -> str:
    # ninja prefixes locations with where the value came from ("query", "body", "path", "form").
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"query", "body", "path", "form", "file", "header", "cookie"}:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in {"payload", "data", "filters", "params", "page"}:
        parts = parts[1:]
    return ".".join(parts) or "__all__"


def _input_fields(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        message = _INPUT_MESSAGES.get(error.get("type", ""))
        if message is None:
            message = f"Giá trị không hợp lệ ({error.get('type', 'lỗi')})."
        fields.setdefault(_field_name(error.get("loc", ())), []).append(message)
    return fields


def _validation_fields(exc: ValidationError) -> tuple[str, dict[str, list[str]]]:
    if hasattr(exc, "error_dict"):
        fields = {name: [str(m) for m in messages] for name, messages in exc.message_dict.items()}
        general = fields.pop("__all__", [])
        first = general[0] if general else next(iter(fields.values()), ["Dữ liệu không hợp lệ."])[0]
        if general:
            fields["__all__"] = general
        return first, fields
    messages = [str(m) for m in exc.messages]
    return (messages[0] if messages else "Dữ liệu không hợp lệ."), (
        {"__all__": messages} if len(messages) > 1 else {}
    )


def install_error_handlers(api: NinjaAPI) -> None:
    def on_input(request: HttpRequest, exc: InputError) -> HttpResponse:
        fields = _input_fields(list(exc.errors))
        names = ", ".join(sorted(fields))
        return error_response(
            api,
            request,
            422,
            "invalid_input",
            f"Dữ liệu gửi lên không hợp lệ ở: {names}. Hãy sửa theo thông báo của từng trường.",
            fields,
        )

    def on_service_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        message, fields = _validation_fields(exc)
        return error_response(api, request, 422, "invalid", message, fields)

    def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        message = str(exc) or "Tài khoản của bạn không có quyền thực hiện thao tác này."
        return error_response(api, request, 403, "forbidden", message)

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(
            api, request, 404, "not_found", "Không tìm thấy, hoặc bạn không có quyền xem."
        )

    def on_token(request: HttpRequest, exc: TokenRejected) -> HttpResponse:
        return error_response(api, request, 401, exc.code, exc.message)

    def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_response(
            api,
            request,
            401,
            "unauthenticated",
            "Cần đăng nhập: gửi khóa API trong tiêu đề «Authorization: Bearer <khóa>».",
        )

    def on_edit_conflict(request: HttpRequest, exc: EditConflict) -> HttpResponse:
        changed = {c.field: [f"{c.old} → {c.new}"] for c in exc.changes}
        return error_response(
            api,
            request,
            409,
            "conflict",
            f"Hồ sơ vừa được {exc.changed_by} cập nhật (phiên bản {exc.person.version}) sau khi "
            "bạn đọc nó: chưa có gì được lưu. Hãy đọc lại hồ sơ rồi gửi lại với phiên bản mới.",
            changed,
        )

    def on_report_conflict(request: HttpRequest, exc: ReportConflict) -> HttpResponse:
        return error_response(
            api,
            request,
            409,
            "conflict",
            f"Báo cáo vừa được {exc.changed_by} cập nhật (phiên bản {exc.report.version}): chưa "
            "có gì được lưu. Hãy đọc lại báo cáo rồi gửi lại với phiên bản mới.",
        )

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400:  # ninja: a body that cannot be read
            return error_response(
                api,
                request,
                400,
                "bad_request",
                "Không đọc được nội dung gửi lên: hãy gửi JSON hợp lệ.",
            )
        if exc.status_code == 403 and "CSRF" in str(exc):  # a session write without the CSRF token
            return error_response(
                api,
                request,
                403,
                "csrf_failed",
                "Thiếu hoặc sai mã CSRF: khi dùng phiên đăng nhập của trang, gửi tiêu đề "
                "«X-CSRFToken»; chương trình nên dùng khóa API.",
            )
        return error_response(api, request, exc.status_code, "error", str(exc))

    def on_data_error(request: HttpRequest, exc: DataError) -> HttpResponse:
        # PostgreSQL refuses a NUL character in text (SQLite stores it): the input is at fault.
        if "NUL" not in str(exc):
            raise exc
        return error_response(
            api,
            request,
            422,
            "invalid_input",
            "Dữ liệu gửi lên chứa ký tự NUL (0x00): hãy bỏ ký tự này rồi gửi lại.",
        )

    api.add_exception_handler(InputError, on_input)
    api.add_exception_handler(DataError, on_data_error)
    api.add_exception_handler(ValidationError, on_service_validation)
    api.add_exception_handler(PermissionDenied, on_forbidden)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(TokenRejected, on_token)
    api.add_exception_handler(AuthenticationError, on_unauthenticated)
    api.add_exception_handler(EditConflict, on_edit_conflict)
    api.add_exception_handler(ReportConflict, on_report_conflict)
    api.add_exception_handler(HttpError, on_http_error)
