"""Activities of the OCOP programme that plans set targets on.

Training courses and their attendees, trade-promotion events and who took part, media items,
display and sales points, e-commerce listings, yearly revenue reports, support given to producers,
and budgets. Records placed at an administrative unit inherit ``geo.LocatedModel`` (counted on
both maps); records about a producer are placed where the producer is. Money is whole đồng.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ocop.core.models import TimeStampedModel
from ocop.geo.models import LocatedModel

User = settings.AUTH_USER_MODEL
YEAR_VALIDATORS = [MinValueValidator(2018), MaxValueValidator(2100)]


def _created_by() -> models.ForeignKey:
    return models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")


class Audience(models.TextChoices):
    OFFICIALS = "officials", _("Cán bộ quản lý")
    PRODUCERS = "producers", _("Chủ thể sản xuất")
    WORKERS = "workers", _("Người lao động")


class OrganiserLevel(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


class TrainingCourse(LocatedModel, TimeStampedModel):
    """A training course (lớp tập huấn, bồi dưỡng): one or more classes for one audience."""

    title = models.CharField(_("tên lớp"), max_length=255)
    audience = models.CharField(_("đối tượng"), max_length=12, choices=Audience.choices)
    level = models.CharField(_("cấp tổ chức"), max_length=10, choices=OrganiserLevel.choices)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    classes = models.PositiveSmallIntegerField(_("số lớp"), default=1, validators=[MinValueValidator(1)])
    participants = models.PositiveIntegerField(_("số lượt người tham gia"), default=0)
    organiser = models.CharField(_("đơn vị tổ chức"), max_length=255, blank=True)
    cost = models.PositiveBigIntegerField(_("kinh phí (đồng)"), default=0)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = _created_by()
    # Folded text of the names people search by (ocop.core.text.fold), kept by the services.
    search_folded = models.CharField(max_length=600, blank=True, default="", editable=False)

    history = HistoricalRecords(excluded_fields=["updated_at", "search_folded"])

    class Meta:
        verbose_name = _("lớp tập huấn")
        verbose_name_plural = _("lớp tập huấn")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="act_training_dates"),
        ]

    def __str__(self) -> str:
        return self.title


class AttendeeRole(models.TextChoices):
    LEADER = "leader", _("Lãnh đạo, chủ thể")
    WORKER = "worker", _("Người lao động")
    OFFICIAL = "official", _("Cán bộ")


class TrainingAttendance(models.Model):
    """One person who attended a course, linked to the producer they came from when known."""

    course = models.ForeignKey(TrainingCourse, on_delete=models.CASCADE, related_name="attendances")
    person_name = models.CharField(_("họ và tên"), max_length=120)
    role = models.CharField(_("vai trò"), max_length=10, choices=AttendeeRole.choices)
    producer = models.ForeignKey(
        "registry.Producer",
        verbose_name=_("chủ thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_attendances",
    )
    gender = models.CharField(_("giới tính"), max_length=8, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("học viên")
        verbose_name_plural = _("học viên")
        ordering = ["course", "pk"]

    def __str__(self) -> str:
        return self.person_name


class EventScope(models.TextChoices):
    IN_PROVINCE = "in_province", _("Trong tỉnh")
    OUT_OF_PROVINCE = "out_of_province", _("Ngoài tỉnh")
    INTERNATIONAL = "international", _("Quốc tế")


class EventKind(models.TextChoices):
    FAIR = "fair", _("Hội chợ")
    EXHIBITION = "exhibition", _("Triển lãm")
    MATCHING = "matching", _("Kết nối cung cầu")
    FESTIVAL = "festival", _("Lễ hội, tuần hàng")


class PromotionEvent(LocatedModel, TimeStampedModel):
    """A trade-promotion event (hội chợ, triển lãm, kết nối cung cầu) that OCOP producers took part in."""

    name = models.CharField(_("tên sự kiện"), max_length=255)
    kind = models.CharField(_("hình thức"), max_length=12, choices=EventKind.choices)
    scope = models.CharField(_("phạm vi"), max_length=16, choices=EventScope.choices)
    venue = models.CharField(_("địa điểm"), max_length=255, blank=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = _created_by()
    # Folded text of the names people search by (ocop.core.text.fold), kept by the services.
    search_folded = models.CharField(max_length=600, blank=True, default="", editable=False)

    history = HistoricalRecords(excluded_fields=["updated_at", "search_folded"])

    class Meta:
        verbose_name = _("sự kiện xúc tiến thương mại")
        verbose_name_plural = _("sự kiện xúc tiến thương mại")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="act_event_dates"),
        ]

    def __str__(self) -> str:
        return self.name


class EventParticipation(models.Model):
    """A producer at an event, with the products it showed, its sales and the contracts it signed."""

    event = models.ForeignKey(PromotionEvent, on_delete=models.CASCADE, related_name="participations")
    producer = models.ForeignKey(
        "registry.Producer", verbose_name=_("chủ thể"), on_delete=models.PROTECT, related_name="+"
    )
    products = models.ManyToManyField("registry.Product", verbose_name=_("sản phẩm"), blank=True)
    sales = models.PositiveBigIntegerField(_("doanh số tại sự kiện (đồng)"), default=0)
    contracts = models.PositiveIntegerField(_("số hợp đồng, biên bản ghi nhớ"), default=0)
    contracts_value = models.PositiveBigIntegerField(_("giá trị hợp đồng (đồng)"), default=0)

    history = HistoricalRecords(m2m_fields=[products])

    class Meta:
        verbose_name = _("chủ thể tham gia sự kiện")
        verbose_name_plural = _("chủ thể tham gia sự kiện")
        constraints = [
            models.UniqueConstraint(fields=["event", "producer"], name="act_participation_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.producer}"


class MediaKind(models.TextChoices):
    TV_CLIP = "tv_clip", _("Clip, phóng sự truyền hình")
    RADIO = "radio", _("Chương trình phát thanh")
    ARTICLE = "article", _("Bài viết")
    SOCIAL = "social", _("Bài đăng mạng xã hội")


class MediaItem(LocatedModel, TimeStampedModel):
    """A clip, report or article about OCOP products or the programme."""

    kind = models.CharField(_("loại"), max_length=10, choices=MediaKind.choices)
    title = models.CharField(_("tiêu đề"), max_length=255)
    channel = models.CharField(_("kênh, cơ quan báo chí"), max_length=255)
    published_on = models.DateField(_("ngày phát sóng, đăng tải"))
    url = models.URLField(_("đường dẫn"), max_length=500, blank=True)
    created_by = _created_by()
    # Folded text of the names people search by (ocop.core.text.fold), kept by the services.
    search_folded = models.CharField(max_length=600, blank=True, default="", editable=False)

    history = HistoricalRecords(excluded_fields=["updated_at", "search_folded"])

    class Meta:
        verbose_name = _("tin, bài, phóng sự")
        verbose_name_plural = _("tin, bài, phóng sự")
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class SalesPointKind(models.TextChoices):
    DISPLAY = "display", _("Điểm giới thiệu và bán sản phẩm OCOP")
    SHOP = "shop", _("Cửa hàng OCOP")
    CENTRE = "centre", _("Trung tâm giới thiệu, quảng bá")


class SalesPoint(LocatedModel, TimeStampedModel):
    """A display and sales point (điểm giới thiệu và bán sản phẩm OCOP), open from one date to another."""

    name = models.CharField(_("tên điểm"), max_length=255)
    kind = models.CharField(_("loại"), max_length=10, choices=SalesPointKind.choices, default="display")
    operator = models.CharField(_("đơn vị vận hành"), max_length=255, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255)
    latitude = models.FloatField(
        _("vĩ độ"), null=True, blank=True, validators=[MinValueValidator(8.0), MaxValueValidator(23.5)]
    )
    longitude = models.FloatField(
        _("kinh độ"), null=True, blank=True, validators=[MinValueValidator(102.0), MaxValueValidator(117.5)]
    )
    opened_on = models.DateField(_("ngày khai trương"))
    closed_on = models.DateField(_("ngày đóng cửa"), null=True, blank=True)
    products = models.ManyToManyField(
        "registry.Product", verbose_name=_("sản phẩm đang bán"), blank=True, related_name="sales_points"
    )
    created_by = _created_by()
    # Folded text of the names people search by (ocop.core.text.fold), kept by the services.
    search_folded = models.CharField(max_length=600, blank=True, default="", editable=False)

    history = HistoricalRecords(excluded_fields=["updated_at", "search_folded"], m2m_fields=[products])

    class Meta:
        verbose_name = _("điểm giới thiệu và bán sản phẩm")
        verbose_name_plural = _("điểm giới thiệu và bán sản phẩm")
        ordering = ["path_2025", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gt=F("opened_on")),
                name="act_salespoint_dates",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Platform(models.TextChoices):
    SHOPEE = "shopee", "Shopee"
    LAZADA = "lazada", "Lazada"
    TIKI = "tiki", "Tiki"
    TIKTOK = "tiktok", "TikTok Shop"
    SENDO = "sendo", "Sendo"
    POSTMART = "postmart", "Postmart"
    VOSO = "voso", "Voso"
    OCOP_PORTAL = "ocop_portal", _("Sàn OCOP của tỉnh, quốc gia")
    WEBSITE = "website", _("Website của chủ thể")
    OTHER = "other", _("Khác")


class Listing(TimeStampedModel):
    """A product offered on an e-commerce platform from one date, until another (or still)."""

    product = models.ForeignKey(
        "registry.Product", verbose_name=_("sản phẩm"), on_delete=models.PROTECT, related_name="listings"
    )
    platform = models.CharField(_("sàn, kênh"), max_length=12, choices=Platform.choices)
    url = models.URLField(_("đường dẫn"), max_length=500)
    listed_from = models.DateField(_("đăng bán từ"))
    listed_until = models.DateField(_("ngừng bán từ"), null=True, blank=True)
    created_by = _created_by()

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("gian hàng thương mại điện tử")
        verbose_name_plural = _("gian hàng thương mại điện tử")
        ordering = ["-listed_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(listed_until__isnull=True) | Q(listed_until__gt=F("listed_from")),
                name="act_listing_dates",
            ),
            models.UniqueConstraint(fields=["product", "url"], name="act_listing_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.product} · {self.get_platform_display()}"


class RevenueReport(TimeStampedModel):
    """A producer's revenue for one year (optionally for one product), by sales channel, in đồng."""

    producer = models.ForeignKey(
        "registry.Producer", verbose_name=_("chủ thể"), on_delete=models.PROTECT, related_name="revenues"
    )
    product = models.ForeignKey(
        "registry.Product",
        verbose_name=_("sản phẩm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revenues",
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    direct = models.PositiveBigIntegerField(_("bán trực tiếp"), default=0)
    distributors = models.PositiveBigIntegerField(_("qua đại lý, nhà phân phối"), default=0)
    modern_retail = models.PositiveBigIntegerField(_("siêu thị, cửa hàng tiện lợi"), default=0)
    ecommerce = models.PositiveBigIntegerField(_("thương mại điện tử"), default=0)
    export = models.PositiveBigIntegerField(_("xuất khẩu"), default=0)
    other = models.PositiveBigIntegerField(_("kênh khác"), default=0)
    total = models.PositiveBigIntegerField(_("tổng doanh thu"), default=0, editable=False)
    created_by = _created_by()

    history = HistoricalRecords(excluded_fields=["updated_at"])

    CHANNELS = ("direct", "distributors", "modern_retail", "ecommerce", "export", "other")
    MODERN_CHANNELS = ("modern_retail", "ecommerce")

    class Meta:
        verbose_name = _("báo cáo doanh thu")
        verbose_name_plural = _("báo cáo doanh thu")
        ordering = ["-year", "producer"]
        constraints = [
            models.UniqueConstraint(
                fields=["producer", "product", "year"], name="act_revenue_per_product_year_uniq"
            ),
            models.UniqueConstraint(
                fields=["producer", "year"], condition=Q(product__isnull=True), name="act_revenue_year_uniq"
            ),
        ]


class SupportKind(models.TextChoices):
    TRADEMARK = "trademark", _("Đăng ký nhãn hiệu")
    LABEL = "label", _("Tem, nhãn, truy xuất nguồn gốc")
    PACKAGING = "packaging", _("Thiết kế bao bì, mẫu mã")
    TESTING = "testing", _("Kiểm nghiệm chất lượng")
    EQUIPMENT = "equipment", _("Máy móc, trang thiết bị")
    CREDIT = "credit", _("Tín dụng, vay vốn")
    PROMOTION = "promotion", _("Xúc tiến thương mại")
    CONSULTING = "consulting", _("Tư vấn, chuyên gia")
    OTHER = "other", _("Khác")


class FundingSource(models.TextChoices):
    CENTRAL = "central", _("Ngân sách trung ương")
    LOCAL = "local", _("Ngân sách địa phương")
    CREDIT = "credit", _("Vốn tín dụng")
    COMMUNITY = "community", _("Vốn đối ứng của chủ thể, cộng đồng")
    OTHER = "other", _("Nguồn khác")


class Support(TimeStampedModel):
    """Support given to a producer (and product): what, how much, from which source, when."""

    producer = models.ForeignKey(
        "registry.Producer", verbose_name=_("chủ thể"), on_delete=models.PROTECT, related_name="supports"
    )
    product = models.ForeignKey(
        "registry.Product",
        verbose_name=_("sản phẩm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supports",
    )
    kind = models.CharField(_("nội dung hỗ trợ"), max_length=12, choices=SupportKind.choices)
    amount = models.PositiveBigIntegerField(_("kinh phí (đồng)"), default=0)
    source = models.CharField(_("nguồn vốn"), max_length=10, choices=FundingSource.choices)
    given_on = models.DateField(_("ngày hỗ trợ"))
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = _created_by()

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("hỗ trợ chủ thể")
        verbose_name_plural = _("hỗ trợ chủ thể")
        ordering = ["-given_on", "-pk"]


class Budget(LocatedModel, TimeStampedModel):
    """Money for the programme in one area and year from one source: planned and actually mobilised."""

    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    source = models.CharField(_("nguồn vốn"), max_length=10, choices=FundingSource.choices)
    planned = models.PositiveBigIntegerField(_("kế hoạch (đồng)"), default=0)
    mobilised = models.PositiveBigIntegerField(_("đã huy động (đồng)"), default=0)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    created_by = _created_by()

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("kinh phí thực hiện")
        verbose_name_plural = _("kinh phí thực hiện")
        ordering = ["-year", "source"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "source"], name="act_budget_uniq"),
        ]
