"""The user: a role, and for officers the unit their reads and writes are scoped to."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    CENTRAL = "central", _("Cán bộ trung ương")
    PROVINCE = "province", _("Cán bộ cấp tỉnh")
    COMMUNE = "commune", _("Cán bộ cấp xã")
    COUNCIL = "council", _("Thành viên hội đồng")
    PRODUCER = "producer", _("Chủ thể OCOP")


OFFICER_ROLES = frozenset({Role.PROVINCE, Role.COMMUNE, Role.COUNCIL})
NATIONWIDE_ROLES = frozenset({Role.ADMIN, Role.CENTRAL})


class User(AbstractUser):
    """A person who signs in. Officers read and write only within ``scope_unit``."""

    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, default=Role.PRODUCER)
    scope_unit = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("địa bàn phụ trách"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    producer = models.ForeignKey(
        "registry.Producer",
        verbose_name=_("chủ thể OCOP"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accounts",
    )
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role__in=["province", "commune", "council"])
                | models.Q(scope_unit__isnull=False),
                name="accounts_officer_has_scope",
            ),
        ]

    def get_full_name(self) -> str:
        """Vietnamese order: family name first ("Nguyễn Văn An")."""
        return " ".join(part for part in (self.last_name, self.first_name) if part).strip()

    @property
    def is_nationwide(self) -> bool:
        return self.is_superuser or self.role in NATIONWIDE_ROLES

    @property
    def is_officer(self) -> bool:
        return self.role in OFFICER_ROLES or self.is_nationwide


class ApiTokenQuerySet(models.QuerySet):
    def usable_on(self, moment) -> ApiTokenQuerySet:
        """Tokens not revoked and not expired at ``moment`` (a datetime)."""
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=moment)
        )


class ApiToken(models.Model):
    """A personal API token: only a SHA-256 hash of the secret is kept; the prefix identifies it."""

    PREFIX_LENGTH = 8

    user = models.ForeignKey(
        User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("tên gợi nhớ"), max_length=100)
    prefix = models.CharField(_("tiền tố"), max_length=PREFIX_LENGTH, db_index=True)
    secret_hash = models.CharField(_("mã băm"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["last_used_at"])
    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def status_on(self, moment) -> str:
        """``"revoked"``, ``"expired"`` or ``"active"`` at ``moment``."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= moment:
            return "expired"
        return "active"
