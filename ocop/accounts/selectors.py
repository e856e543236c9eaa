"""Reads of accounts: a user's own API tokens, and the token a bearer secret names."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.models import ApiToken, User
from ocop.accounts.services import SECRET_PREFIX, hash_secret
from ocop.core.exceptions import NotFoundError


def api_tokens_of(*, user: User) -> QuerySet[ApiToken]:
    """The user's tokens, newest first (revoked and expired included, to show their status)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def api_token_get_for_user(*, user: User, pk: int) -> ApiToken:
    """One of the user's own tokens; another user's token is 404, as if it did not exist."""
    token = ApiToken.objects.filter(user=user, pk=pk).first()
    if token is None:
        raise NotFoundError(_("Không có mã truy cập này trong tài khoản của bạn."))
    return token


def api_token_authenticate(secret: str) -> ApiToken | None:
    """The usable token of an active user that ``secret`` names, else ``None`` (one query)."""
    if not secret or not secret.startswith(SECRET_PREFIX) or len(secret) > 200:
        return None
    return (
        ApiToken.objects.usable_on(timezone.now())
        .select_related("user", "user__scope_unit")
        .filter(secret_hash=hash_secret(secret), user__is_active=True)
        .first()
    )
