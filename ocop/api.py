"""The REST API v1: one NinjaAPI that assembles each app's router, with one error shape everywhere.

Every answer under ``/api/v1/`` that is not a success is ``{"error": {"code", "message", "field",
"details"}}``: refused use cases, invalid input, missing authentication, unknown paths, wrong methods,
unreadable bodies and unexpected failures alike. Authenticated routers accept a personal token
(``Authorization: Bearer …``) or the browser session.
"""

from __future__ import annotations

import functools
import json
import logging
from typing import Any

from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import URLPattern, URLResolver, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError
from ninja.renderers import BaseRenderer

from ocop.core.exceptions import ApplicationError

logger = logging.getLogger("ocop.api")


class UnicodeJSONRenderer(BaseRenderer):
    """JSON with Vietnamese characters as they are (no \\u escapes)."""

    media_type = "application/json"

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> str:
        from django.core.serializers.json import DjangoJSONEncoder

        return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)


class ErrorDetail(Schema):
    code: str
    message: str
    field: str | None = None
    details: Any = None


class ErrorOut(Schema):
    """The one error shape of the API."""

    error: ErrorDetail


#: Error answers documented on every operation (401 and 403 only where authentication is required).
DOCUMENTED_ERRORS = {
    "400": "Yêu cầu bị từ chối (quy tắc nghiệp vụ) hoặc nội dung không đọc được",
    "401": "Chưa đăng nhập, mã truy cập sai, đã thu hồi hoặc hết hạn",
    "403": "Không có quyền thực hiện",
    "404": "Không có, hoặc nằm ngoài phạm vi của người dùng",
    "422": "Dữ liệu gửi lên không hợp lệ",
}


class OcopAPI(NinjaAPI):
    """NinjaAPI that answers JSON for unknown paths and wrong methods, and documents error answers."""

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        urls = super()._get_urls()
        for pattern in urls:
            if isinstance(pattern, URLPattern):
                pattern.callback = _json_not_allowed(self, pattern.callback)
        urls.append(re_path(r"^.*$", _unknown_path_view(self), name="api-unknown"))
        return urls

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        json_schema = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(json_schema.pop("$defs", {}))
        components["ErrorOut"] = json_schema
        error_ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
        for methods in schema.get("paths", {}).values():
            for operation in methods.values():
                responses = {str(status): body for status, body in operation.get("responses", {}).items()}
                operation["responses"] = responses
                for status, description in DOCUMENTED_ERRORS.items():
                    if status in {"401", "403"} and not operation.get("security"):
                        continue
                    responses.setdefault(status, {"description": description, **error_ref})
        return schema


def _json_not_allowed(api: NinjaAPI, view: Any) -> Any:
    """Turn ninja's plain-text 405 into the error shape, keeping the ``Allow`` header."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            response = api.create_response(
                request,
                error_body(
                    "method_not_allowed",
                    _("Phương thức %(method)s không dùng được ở địa chỉ này; hãy dùng: %(allowed)s.")
                    % {"method": request.method, "allowed": allowed},
                ),
                status=405,
            )
            response["Allow"] = allowed
        return response

    return wrapper


def _unknown_path_view(api: NinjaAPI) -> Any:
    """Any method on a path no operation has: the JSON 404 (CSRF-exempt like every ninja view)."""

    @csrf_exempt
    def unknown_path(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        message = _("Không có địa chỉ API này: %(path)s. Xem /api/v1/docs.") % {"path": request.path}
        return api.create_response(request, error_body("not_found", message), status=404)

    return unknown_path


api = OcopAPI(
    title="OCOP API",
    version="1",
    description="API của hệ thống quản lý, giám sát sản phẩm OCOP / API of the OCOP management system. "
    "Xác thực: mã truy cập cá nhân (Authorization: Bearer …) hoặc phiên đăng nhập.",
    renderer=UnicodeJSONRenderer(),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


def error_body(code: str, message: str, *, field: str | None = None, details: Any = None) -> dict:
    """The one error shape of the API: {"error": {"code", "message", "field", "details"}}."""
    return {"error": {"code": code, "message": message, "field": field, "details": details}}


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "invalid",
}


@api.exception_handler(ApplicationError)
def on_application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    code = {404: "not_found", 403: "forbidden", 409: "conflict"}.get(exc.status_code, "invalid")
    return api.create_response(
        request,
        error_body(code, str(exc.message), field=exc.field, details=exc.extra or None),
        status=exc.status_code,
    )


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(
        request, error_body("invalid", _("Dữ liệu gửi lên không hợp lệ."), details=exc.errors), status=422
    )


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        error_body(
            "unauthorized",
            _(
                "Cần đăng nhập: gửi mã truy cập (Authorization: Bearer …) còn hiệu lực, "
                "tạo tại /tai-khoan/ma-truy-cap/."
            ),
        ),
        status=401,
    )


@api.exception_handler(AuthorizationError)
def on_authorization_error(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
    return api.create_response(request, error_body("forbidden", _("Không có quyền thực hiện.")), status=403)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(
        request,
        error_body("not_found", _("Không có bản ghi này, hoặc nằm ngoài phạm vi của bạn.")),
        status=404,
    )


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    status = exc.status_code
    if status == 400:
        message = _("Không đọc được nội dung gửi lên: cần JSON hợp lệ (Content-Type: application/json).")
    elif status == 403:
        message = _("Không có quyền thực hiện (với phiên đăng nhập cần gửi kèm mã CSRF).")
    else:
        message = str(exc)
    return api.create_response(request, error_body(_HTTP_CODES.get(status, "error"), message), status=status)


@api.exception_handler(IntegrityError)
def on_conflict(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
    logger.warning("API conflict on %s %s: %s", request.method, request.path, exc)
    message = _(
        "Dữ liệu trùng với một bản ghi đã có, hoặc vừa bị người khác thay đổi: hãy tải lại rồi thử lại."
    )
    return api.create_response(request, error_body("conflict", message), status=409)


@api.exception_handler(OverflowError)
def on_overflow(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    return api.create_response(
        request,
        error_body("invalid", _("Một giá trị số gửi lên quá lớn: hãy kiểm tra mã số hoặc năm.")),
        status=400,
    )


@api.exception_handler(Exception)
def on_unexpected_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error on %s %s", request.method, request.path)
    return api.create_response(
        request,
        error_body("server_error", _("Lỗi hệ thống ngoài dự kiến; đã ghi nhật ký. Hãy thử lại sau.")),
        status=500,
    )


def register_routers() -> None:
    """Attach each app's router (imported here so apps stay independent of each other)."""
    from ocop.accounts.api import router as tokens_router
    from ocop.accounts.auth import API_AUTH
    from ocop.activities.api import router as activities_router
    from ocop.certification.api import router as certification_router
    from ocop.evaluation.api import router as evaluation_router
    from ocop.exchange.api import router as exchange_router
    from ocop.geo.api import router as geo_router
    from ocop.monitoring.api import router as monitoring_router
    from ocop.registry.api import router as registry_router

    api.add_router("/admin-units", geo_router)
    api.add_router("/tokens", tokens_router, auth=API_AUTH)
    # First of the "/" routers: the public QR verification is the most requested path (URLs resolve in order).
    api.add_router("/", certification_router)  # verification endpoints are public; others set auth
    api.add_router("/", registry_router, auth=API_AUTH)
    api.add_router("/", evaluation_router, auth=API_AUTH)
    api.add_router("/", activities_router, auth=API_AUTH)
    api.add_router("/", monitoring_router, auth=API_AUTH)
    api.add_router("/", exchange_router, auth=API_AUTH)


register_routers()
