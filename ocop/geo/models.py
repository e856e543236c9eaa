"""Administrative units (tỉnh, huyện, xã) with validity in time, and their successions."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.core.models import NamedSearchableModel
from ocop.geo.domain import Level, is_valid_on


class AdminUnitKind(models.TextChoices):
    CENTRAL_CITY = "thanh_pho_tw", _("Thành phố trực thuộc trung ương")
    PROVINCE = "tinh", _("Tỉnh")
    URBAN_DISTRICT = "quan", _("Quận")
    RURAL_DISTRICT = "huyen", _("Huyện")
    TOWN = "thi_xa", _("Thị xã")
    PROVINCIAL_CITY = "thanh_pho", _("Thành phố thuộc tỉnh")
    COMMUNE = "xa", _("Xã")
    WARD = "phuong", _("Phường")
    TOWNSHIP = "thi_tran", _("Thị trấn")
    SPECIAL_ZONE = "dac_khu", _("Đặc khu")


class AdminUnitQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date) -> AdminUnitQuerySet:
        """Units in force on ``day`` (half-open validity)."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=day)
        )

    def current(self) -> AdminUnitQuerySet:
        """Units with no end of validity (the map in force today and from now on)."""
        return self.filter(valid_to__isnull=True)

    def on_map(self, map_key: str) -> AdminUnitQuerySet:
        """Units of one map version ("pre2025" or "2025")."""
        return self.filter(path__startswith=f"/{map_key}/")

    def within(self, unit: AdminUnit) -> AdminUnitQuerySet:
        """``unit`` and every unit below it (same map version)."""
        return self.filter(path__startswith=unit.path)


class AdminUnit(NamedSearchableModel):
    """One administrative unit on one version of the map, identified by its GSO code.

    Codes repeat across map versions (Hà Nội is "01" before and after 2025), so a unit is
    the pair (code, validity). ``path`` is the map key then the codes from the province down,
    e.g. ``/2025/01/00004/``, and makes "everything within this unit" one indexed prefix query.
    """

    code = models.CharField(_("mã"), max_length=10, db_index=True)
    kind = models.CharField(_("loại"), max_length=20, choices=AdminUnitKind.choices)
    level = models.PositiveSmallIntegerField(_("cấp"), choices=[(lv.value, lv.name.lower()) for lv in Level])
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=64, unique=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hết hiệu lực từ"), null=True, blank=True, db_index=True)
    english_name = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    latitude = models.FloatField(_("vĩ độ"), null=True, blank=True)
    longitude = models.FloatField(_("kinh độ"), null=True, blank=True)

    objects = AdminUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["level", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "level", "valid_from"], name="geo_unit_code_level_from_uniq"
            ),
            # NULLs are distinct in a unique index: the map without a start date needs its own.
            models.UniqueConstraint(
                fields=["code", "level"],
                condition=Q(valid_from__isnull=True),
                name="geo_unit_code_level_open_uniq",
            ),
        ]
        indexes = [models.Index(fields=["level", "valid_to"], name="geo_unit_level_valid_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("geo:unit-detail", args=[self.pk])

    def is_valid_on(self, day: dt.date) -> bool:
        return is_valid_on(self.valid_from, self.valid_to, day)

    @property
    def map_key(self) -> str:
        """The map version this unit belongs to (first segment of ``path``)."""
        return self.path.strip("/").split("/", 1)[0]


class SuccessionKind(models.TextChoices):
    MERGED_WHOLE = "merged_whole", _("Nhập toàn bộ")
    MERGED_PART = "merged_part", _("Nhập một phần")
    RENAMED = "renamed", _("Đổi tên")
    KEPT = "kept", _("Giữ nguyên")


class Succession(models.Model):
    """``predecessor`` (an old unit) went, wholly or in part, into ``successor`` on ``effective_on``."""

    predecessor = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị cũ"), on_delete=models.CASCADE, related_name="successions"
    )
    successor = models.ForeignKey(
        AdminUnit, verbose_name=_("đơn vị mới"), on_delete=models.CASCADE, related_name="predecessions"
    )
    kind = models.CharField(_("hình thức"), max_length=20, choices=SuccessionKind.choices)
    effective_on = models.DateField(_("ngày hiệu lực"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("kế thừa đơn vị hành chính")
        verbose_name_plural = _("kế thừa đơn vị hành chính")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="geo_succession_pair_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.get_kind_display()})"


class LocatedModel(models.Model):
    """A record placed at one administrative unit (of either map), counted on both maps.

    ``path_2025`` and ``path_pre2025`` are where it counts on each map (``geo.selectors.paths_of``),
    kept by the services that write it, so "within a unit" is one indexed prefix filter on either map.
    """

    unit = models.ForeignKey(AdminUnit, verbose_name=_("địa bàn"), on_delete=models.PROTECT, related_name="+")
    path_2025 = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    path_pre2025 = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class Meta:
        abstract = True
