"""The user: a role, and for officers the unit their reads and writes are scoped to."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


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
