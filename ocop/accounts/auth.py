"""API authentication: a personal token (``Authorization: Bearer <secret>``) or the signed-in session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, django_auth

from ocop.accounts.selectors import api_token_authenticate
from ocop.accounts.services import api_token_touch


class ApiTokenAuth(HttpBearer):
    """The request acts as the token's user, with that user's role and area scope."""

    openapi_description = "Mã truy cập cá nhân, tạo tại /tai-khoan/ma-truy-cap/ (Bearer ocop_…)."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = api_token_authenticate(token)
        if api_token is None:
            return None
        api_token_touch(token=api_token)
        request.user = api_token.user
        request.api_token = api_token
        return api_token.user


#: Every authenticated operation accepts a token first, then the browser session.
API_AUTH = [ApiTokenAuth(), django_auth]
