"""Product taxonomy (regimes of QĐ 1048/2019, 148/2023, 26/2026), producers and products."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ocop.core.models import NamedSearchableModel, TimeStampedModel


class Regime(models.TextChoices):
    QD_1048_2019 = "1048/2019", _("QĐ 1048/QĐ-TTg (2019)")
    QD_148_2023 = "148/2023", _("QĐ 148/QĐ-TTg (2023)")
    QD_26_2026 = "26/2026", _("QĐ 26/2026/QĐ-TTg")


CURRENT_REGIME = Regime.QD_26_2026


class Sector(models.Model):
    """Ngành (26/2026), nhóm sản phẩm (148/2023) or ngành hàng (1048/2019): the top level."""

    regime = models.CharField(_("văn bản"), max_length=12, choices=Regime.choices)
    code = models.CharField(_("mã"), max_length=8)
    name = models.CharField(_("tên"), max_length=255)

    class Meta:
        verbose_name = _("ngành")
        verbose_name_plural = _("ngành")
        ordering = ["regime", "code"]
        constraints = [models.UniqueConstraint(fields=["regime", "code"], name="registry_sector_uniq")]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class ProductGroup(models.Model):
    """Nhóm sản phẩm (26/2026 Phụ lục I): 17 groups under the 6 sectors."""

    sector = models.ForeignKey(
        Sector, verbose_name=_("ngành"), on_delete=models.CASCADE, related_name="groups"
    )
    code = models.CharField(_("mã"), max_length=8)
    name = models.CharField(_("tên"), max_length=255)

    class Meta:
        verbose_name = _("nhóm sản phẩm")
        verbose_name_plural = _("nhóm sản phẩm")
        ordering = ["sector__code", "code"]
        constraints = [models.UniqueConstraint(fields=["sector", "code"], name="registry_group_uniq")]

    def __str__(self) -> str:
        return self.name


class ProductSet(models.Model):
    """Bộ sản phẩm: the unit a score sheet is written for (26 sets, numbered 1–26)."""

    group = models.ForeignKey(
        ProductGroup, verbose_name=_("nhóm"), on_delete=models.CASCADE, related_name="sets"
    )
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    name = models.CharField(_("tên"), max_length=255)
    managing_ministry = models.CharField(_("cơ quan chủ trì quản lý"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("bộ sản phẩm")
        verbose_name_plural = _("bộ sản phẩm")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["group", "number"], name="registry_set_uniq")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class ProducerKind(models.TextChoices):
    COOPERATIVE = "htx", _("Hợp tác xã")
    COOPERATIVE_GROUP = "tht", _("Tổ hợp tác")
    ENTERPRISE = "doanh_nghiep", _("Doanh nghiệp")
    FARM = "trang_trai", _("Trang trại")
    HOUSEHOLD = "ho_kinh_doanh", _("Hộ sản xuất kinh doanh có đăng ký")


class Gender(models.TextChoices):
    FEMALE = "nu", _("Nữ")
    MALE = "nam", _("Nam")
    OTHER = "khac", _("Khác")


KINH_ETHNICITY = "Kinh"


class ProducerQuerySet(models.QuerySet):
    def within(self, unit) -> ProducerQuerySet:
        """Producers whose commune lies in ``unit`` (any level, same map version)."""
        return self.filter(commune__path__startswith=unit.path)

    def within_area(self, unit) -> ProducerQuerySet:
        """Producers counted in ``unit`` on its own map: the current commune, or the pre-2025 one."""
        if unit.map_key == "pre2025":
            return self.filter(legacy_commune__path__startswith=unit.path)
        return self.within(unit)


class Producer(NamedSearchableModel, TimeStampedModel):
    """Chủ thể OCOP: the organisation or household that makes and sells OCOP products."""

    kind = models.CharField(_("loại hình"), max_length=20, choices=ProducerKind.choices)
    registration_code = models.CharField(
        _("mã số đăng ký kinh doanh"),
        max_length=32,
        unique=True,
        error_messages={"unique": _("Đã có chủ thể với mã số đăng ký kinh doanh này.")},
    )
    tax_code = models.CharField(_("mã số thuế"), max_length=20, blank=True)
    legal_rep_name = models.CharField(_("người đại diện theo pháp luật"), max_length=120)
    legal_rep_title = models.CharField(_("chức vụ"), max_length=80, blank=True)
    legal_rep_gender = models.CharField(_("giới tính người đại diện"), max_length=8, choices=Gender.choices)
    legal_rep_ethnicity = models.CharField(_("dân tộc người đại diện"), max_length=40, default=KINH_ETHNICITY)
    legal_rep_disabled = models.BooleanField(_("người đại diện là người khuyết tật"), default=False)
    commune = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("xã/phường"), on_delete=models.PROTECT, related_name="producers"
    )
    legacy_commune = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("xã/phường trước 01/07/2025"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="legacy_producers",
        help_text=_("Nơi chủ thể được tính trên bản đồ trước sắp xếp; để trống để hệ thống tự xác định."),
    )
    address = models.CharField(_("địa chỉ"), max_length=255)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    workforce_total = models.PositiveIntegerField(_("tổng số lao động"), default=0)
    workforce_local = models.PositiveIntegerField(_("lao động địa phương"), default=0)
    workforce_trained = models.PositiveIntegerField(_("lao động đã qua đào tạo"), default=0)
    green_value_chain = models.BooleanField(_("tham gia chuỗi giá trị xanh/tuần hoàn"), default=False)
    joined_on = models.DateField(_("ngày tham gia chương trình"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["name_folded", "name_sort", "updated_at"])
    objects = ProducerQuerySet.as_manager()

    class Meta:
        verbose_name = _("chủ thể OCOP")
        verbose_name_plural = _("chủ thể OCOP")
        ordering = ["name_sort"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(workforce_local__lte=models.F("workforce_total"))
                & models.Q(workforce_trained__lte=models.F("workforce_total")),
                name="registry_producer_workforce_le_total",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("registry:producer-detail", args=[self.pk])

    @property
    def is_women_led(self) -> bool:
        return self.legal_rep_gender == Gender.FEMALE

    @property
    def is_ethnic_minority_led(self) -> bool:
        return bool(self.legal_rep_ethnicity) and self.legal_rep_ethnicity != KINH_ETHNICITY


class ProductQuerySet(models.QuerySet):
    def within(self, unit) -> ProductQuerySet:
        return self.filter(producer__commune__path__startswith=unit.path)


class Product(NamedSearchableModel, TimeStampedModel):
    """A product (or tourism service) of one producer, classified in a product set."""

    producer = models.ForeignKey(
        Producer, verbose_name=_("chủ thể"), on_delete=models.PROTECT, related_name="products"
    )
    product_set = models.ForeignKey(
        ProductSet, verbose_name=_("bộ sản phẩm"), on_delete=models.PROTECT, related_name="products"
    )
    description = models.TextField(_("mô tả"), blank=True)
    story = models.TextField(_("câu chuyện sản phẩm"), blank=True)
    ocop_code = models.CharField(_("mã sản phẩm OCOP"), max_length=40, blank=True, db_index=True)
    gtin = models.CharField(_("mã GTIN"), max_length=14, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["name_folded", "name_sort", "updated_at"])
    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("sản phẩm")
        verbose_name_plural = _("sản phẩm")
        ordering = ["name_sort"]
        constraints = [
            models.UniqueConstraint(
                fields=["producer", "name_folded"], name="registry_product_per_producer_uniq"
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("registry:product-detail", args=[self.pk])


class ProductPhoto(TimeStampedModel):
    """A photo of a product, in display order."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("ảnh"), upload_to="products/%Y/")
    caption = models.CharField(_("chú thích"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0, validators=[MinValueValidator(0)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ảnh sản phẩm")
        verbose_name_plural = _("ảnh sản phẩm")
        ordering = ["position", "pk"]
