"""Writes to accounts: create and revoke personal API tokens (the secret is shown once, never stored)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.models import ApiToken, Role, User
from ocop.core.exceptions import ApplicationError, PermissionDeniedError

SECRET_PREFIX = "ocop_"
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)
MAX_ACTIVE_TOKENS = 20


def hash_secret(secret: str) -> str:
    """The stored form of a secret: its SHA-256 hex digest."""
    return hashlib.sha256(secret.encode()).hexdigest()


def _end_of_day(day: dt.date) -> dt.datetime:
    """A token "valid until 31/12" works through that whole day (local time)."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


@transaction.atomic
def api_token_create(*, user: User, name: str, expires_on: dt.date | None = None) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it with the secret, which is shown once and never stored."""
    name = " ".join((name or "").split())
    if not name:
        raise ApplicationError(_("Hãy đặt tên cho mã truy cập (ví dụ: “Báo cáo tỉnh”)."), field="name")
    if len(name) > 100:
        raise ApplicationError(_("Tên mã truy cập dài tối đa 100 ký tự."), field="name")
    if not user.is_active:
        raise PermissionDeniedError(_("Tài khoản đã bị khoá, không tạo được mã truy cập."))
    now = timezone.now()
    if expires_on is not None and expires_on < timezone.localdate(now):
        raise ApplicationError(
            _("Ngày hết hạn đã qua: hãy chọn từ hôm nay trở đi, hoặc để trống nếu không hết hạn."),
            field="expires_on",
        )
    if ApiToken.objects.filter(user=user).usable_on(now).count() >= MAX_ACTIVE_TOKENS:
        raise ApplicationError(
            _("Mỗi tài khoản có tối đa 20 mã đang dùng: hãy thu hồi mã không cần nữa rồi tạo lại."),
            field="name",
        )
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name,
        prefix=secret[len(SECRET_PREFIX) : len(SECRET_PREFIX) + ApiToken.PREFIX_LENGTH],
        secret_hash=hash_secret(secret),
        created_at=now,
        expires_at=_end_of_day(expires_on) if expires_on else None,
    )
    token.full_clean()
    token._change_reason = "Tạo mã truy cập API"
    token.save()
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    """Revoke ``token`` (its owner or an administrator); revoking twice changes nothing."""
    if actor.pk != token.user_id and not (actor.is_superuser or actor.role == Role.ADMIN):
        raise PermissionDeniedError(_("Chỉ chủ tài khoản hoặc quản trị hệ thống được thu hồi mã này."))
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.full_clean()
    token._change_reason = "Thu hồi mã truy cập API" + ("" if actor.pk == token.user_id else " (quản trị)")
    token._history_user = actor
    token.save()
    return token


def api_token_touch(*, token: ApiToken, now: dt.datetime | None = None) -> None:
    """Record a use, at most once a minute per token (one UPDATE, no history row)."""
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
