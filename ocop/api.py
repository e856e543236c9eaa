"""The REST API v1: one NinjaAPI that assembles each app's router, with one error shape."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.renderers import BaseRenderer
from ninja.security import django_auth

from ocop.core.exceptions import ApplicationError


class UnicodeJSONRenderer(BaseRenderer):
    """JSON with Vietnamese characters as they are (no \\u escapes)."""

    media_type = "application/json"

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> str:
        from django.core.serializers.json import DjangoJSONEncoder

        return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)


api = NinjaAPI(
    title="OCOP API",
    version="1",
    description="API của hệ thống quản lý, giám sát sản phẩm OCOP / API of the OCOP management system.",
    renderer=UnicodeJSONRenderer(),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


def error_body(code: str, message: str, *, field: str | None = None, details: Any = None) -> dict:
    """The one error shape of the API: {"error": {"code", "message", "field", "details"}}."""
    return {"error": {"code": code, "message": message, "field": field, "details": details}}


@api.exception_handler(ApplicationError)
def on_application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    code = {404: "not_found", 403: "forbidden"}.get(exc.status_code, "invalid")
    return api.create_response(
        request,
        error_body(code, str(exc.message), field=exc.field, details=exc.extra or None),
        status=exc.status_code,
    )


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(
        request, error_body("invalid", "Dữ liệu gửi lên không hợp lệ.", details=exc.errors), status=422
    )


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, error_body("unauthorized", "Cần đăng nhập."), status=401)


def register_routers() -> None:
    """Attach each app's router (imported here so apps stay independent of each other)."""
    from ocop.activities.api import router as activities_router
    from ocop.certification.api import router as certification_router
    from ocop.evaluation.api import router as evaluation_router
    from ocop.geo.api import router as geo_router
    from ocop.monitoring.api import router as monitoring_router
    from ocop.registry.api import router as registry_router

    api.add_router("/admin-units", geo_router)
    api.add_router("/", registry_router, auth=django_auth)
    api.add_router("/", evaluation_router, auth=django_auth)
    api.add_router("/", activities_router, auth=django_auth)
    api.add_router("/", monitoring_router, auth=django_auth)
    api.add_router("/", certification_router)  # verification endpoints are public; others set auth


register_routers()
