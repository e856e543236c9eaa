"""Indicators on products and their certificates: in force by star, newly recognised, upgraded, registered,
communes with products, and the share listed on e-commerce platforms.

A product counts where its producer is: the producer's current commune on the 2025 map, its pre-2025
commune (``legacy_commune``) on the old one. Certificates are joined to revocations and supersessions,
so every count is of distinct products.
"""

from __future__ import annotations

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from ocop.activities.models import Listing
from ocop.certification.models import Certificate
from ocop.geo.domain import MAP_2025
from ocop.monitoring.indicators.base import (
    Breakdown,
    Grouping,
    Param,
    Period,
    Place,
    Value,
    grouped,
    indicator,
)
from ocop.monitoring.indicators.common import (
    STAR_CHOICES,
    certificates_in_force,
    count_breakdown,
    describe,
    distinct,
    flag,
    has_certificate_in_force,
    in_period,
    share_breakdown,
    star,
    star_params,
)
from ocop.registry.models import Product

BY_PRODUCT = Place.of_producer("product__producer__")
BY_PRODUCER = Place.of_producer("producer__")

IN_FORCE_RULE = _(
    "Giấy chứng nhận còn hiệu lực vào một ngày khi: ngày cấp không sau ngày đó; ngày hết hiệu lực không "
    "trước ngày đó (giấy hết hạn đúng ngày đó vẫn được tính); chưa bị thu hồi (quyết định thu hồi ký đúng "
    "hoặc trước ngày đó thì không tính); chưa được thay thế bởi giấy chứng nhận mới (giấy được thay thế đúng "
    "ngày đó không tính, giấy mới thay nó được tính)."
)
PLACE_RULE = _(
    "Sản phẩm được tính tại nơi chủ thể hoạt động: xã/phường hiện hành trên bản đồ từ 01/07/2025, xã/phường "
    "trước sắp xếp trên bản đồ trước 01/07/2025."
)


def _star_range(star_min, star_max) -> tuple[int, int]:
    low, high = star("star_min", star_min) or 3, star("star_max", star_max) or 5
    if low > high:
        raise ValueError("parameter star_min is above star_max")
    return low, high


@indicator(
    "certified_products",
    label=_("Sản phẩm OCOP còn hiệu lực"),
    description=describe(
        _(
            "Số sản phẩm (mỗi sản phẩm tính một lần) có giấy chứng nhận OCOP còn hiệu lực vào ngày cuối kỳ, "
            "hạng sao trong khoảng đã chọn."
        ),
        IN_FORCE_RULE,
        PLACE_RULE,
    ),
    unit_label=_("sản phẩm"),
    kind="stock",
    params=star_params(),
)
def certified_products(*, unit, period: Period, grouping: Grouping, star_min=3, star_max=5) -> Breakdown:
    low, high = _star_range(star_min, star_max)
    certificates = certificates_in_force(period.end).filter(star__gte=low, star__lte=high)
    return count_breakdown(certificates, BY_PRODUCT, unit, grouping, distinct("product"))


@indicator(
    "certified_share_high_star",
    label=_("Tỷ lệ sản phẩm OCOP đạt hạng sao cao"),
    description=describe(
        _(
            "Trong các sản phẩm có giấy chứng nhận 3–5 sao còn hiệu lực vào ngày cuối kỳ, tỷ lệ phần trăm "
            "sản phẩm có hạng sao từ mức đã chọn trở lên (mặc định 4–5 sao). Tử số và mẫu số đếm sản phẩm, "
            "mỗi sản phẩm một lần."
        ),
        IN_FORCE_RULE,
        PLACE_RULE,
    ),
    unit_label="%",
    kind="stock",
    params=(Param("star_min", _("Hạng sao từ"), 4, STAR_CHOICES),),
    is_share=True,
)
def certified_share_high_star(*, unit, period: Period, grouping: Grouping, star_min=4) -> Breakdown:
    low = star("star_min", star_min) or 4
    certificates = certificates_in_force(period.end)
    return share_breakdown(
        certificates,
        BY_PRODUCT,
        unit,
        grouping,
        numerator=distinct("product", Q(star__gte=low)),
        denominator=distinct("product"),
    )


@indicator(
    "newly_recognised_products",
    label=_("Sản phẩm được công nhận OCOP mới"),
    description=describe(
        _(
            "Số sản phẩm được công nhận OCOP lần đầu trong kỳ: giấy chứng nhận đầu tiên của sản phẩm (theo "
            "ngày cấp; sản phẩm đã có giấy chứng nhận trước kỳ thì không tính, dù là đánh giá lại hay nâng "
            "hạng) có ngày cấp từ ngày đầu kỳ đến ngày cuối kỳ, kể cả hai ngày đó, và hạng sao của giấy đó "
            "trong khoảng đã chọn. Giấy chứng nhận bị thu hồi sau đó vẫn được tính là công nhận mới trong "
            "kỳ."
        ),
        PLACE_RULE,
    ),
    unit_label=_("sản phẩm"),
    kind="flow",
    params=star_params(),
)
def newly_recognised_products(
    *, unit, period: Period, grouping: Grouping, star_min=3, star_max=5
) -> Breakdown:
    low, high = _star_range(star_min, star_max)
    earlier = Certificate.objects.filter(product_id=OuterRef("product_id")).filter(
        Q(issued_on__lt=OuterRef("issued_on")) | Q(issued_on=OuterRef("issued_on"), pk__lt=OuterRef("pk"))
    )
    first = Certificate.objects.filter(in_period("issued_on", period), star__gte=low, star__lte=high).filter(
        ~Exists(earlier)
    )
    return count_breakdown(first, BY_PRODUCT, unit, grouping, distinct("product"))


@indicator(
    "upgraded_products",
    label=_("Sản phẩm được nâng hạng sao"),
    description=describe(
        _(
            "Số sản phẩm được nâng hạng trong kỳ: có giấy chứng nhận cấp từ ngày đầu kỳ đến ngày cuối kỳ (kể "
            "cả hai ngày đó) thay thế một giấy chứng nhận của chính sản phẩm đó có hạng sao thấp hơn. Có thể "
            "lọc theo hạng cũ (từ) và hạng mới (lên). Đánh giá lại giữ nguyên hoặc hạ hạng không tính; sản "
            "phẩm nâng hạng hai lần trong kỳ tính một lần."
        ),
        PLACE_RULE,
    ),
    unit_label=_("sản phẩm"),
    kind="flow",
    params=(
        Param("from_star", _("Từ hạng"), None, STAR_CHOICES),
        Param("to_star", _("Lên hạng"), None, STAR_CHOICES),
    ),
)
def upgraded_products(*, unit, period: Period, grouping: Grouping, from_star=None, to_star=None) -> Breakdown:
    certificates = Certificate.objects.filter(
        in_period("issued_on", period),
        supersedes__isnull=False,
        supersedes__product_id=F("product_id"),
        supersedes__star__lt=F("star"),
    )
    old, new = star("from_star", from_star), star("to_star", to_star)
    if old is not None:
        certificates = certificates.filter(supersedes__star=old)
    if new is not None:
        certificates = certificates.filter(star=new)
    return count_breakdown(certificates, BY_PRODUCT, unit, grouping, distinct("product"))


def _registered_by(day) -> Q:
    """A product in the registry on ``day``: entered by then (local date), or certified by then (a product
    recognised years ago and entered later was there all the same)."""
    return Q(created_at__date__lte=day) | Exists(
        Certificate.objects.filter(product_id=OuterRef("pk"), issued_on__lte=day)
    )


@indicator(
    "products_registered",
    label=_("Sản phẩm trong cơ sở dữ liệu"),
    description=describe(
        _(
            "Số sản phẩm có trong cơ sở dữ liệu vào ngày cuối kỳ: được nhập vào hệ thống đến hết ngày cuối "
            "kỳ (giờ Việt Nam), hoặc nhập sau nhưng đã có giấy chứng nhận cấp đến ngày cuối kỳ (kết quả công "
            "nhận trước khi có hệ thống)."
        ),
        PLACE_RULE,
    ),
    unit_label=_("sản phẩm"),
    kind="stock",
)
def products_registered(*, unit, period: Period, grouping: Grouping) -> Breakdown:
    products = Product.objects.filter(_registered_by(period.end))
    return count_breakdown(products, BY_PRODUCER, unit, grouping, Count("pk"))


def _commune_field(map_key: str) -> str:
    return "producer__commune" if map_key == MAP_2025 else "producer__legacy_commune"


@indicator(
    "communes_with_products",
    label=_("Xã có sản phẩm OCOP"),
    description=describe(
        _(
            "Số đơn vị cấp xã (xã, phường, đặc khu, thị trấn) của bản đồ đang xem có ít nhất một sản phẩm: "
            "sản phẩm có trong cơ sở dữ liệu vào ngày cuối kỳ, hoặc — khi chọn “chỉ sản phẩm OCOP” — sản "
            "phẩm có giấy chứng nhận còn hiệu lực vào ngày cuối kỳ. Trên bản đồ trước 01/07/2025 đếm các xã "
            "cũ, trên bản đồ hiện hành đếm các xã mới, nên hai con số không cộng dồn được sang nhau. Khi "
            "chia theo đơn vị cấp dưới, mỗi đơn vị cho số xã của nó có sản phẩm (một xã: 1 hoặc 0)."
        ),
        IN_FORCE_RULE,
    ),
    unit_label=_("xã"),
    kind="stock",
    params=(Param("certified_only", _("Chỉ sản phẩm OCOP còn hiệu lực"), False),),
)
def communes_with_products(*, unit, period: Period, grouping: Grouping, certified_only=False) -> Breakdown:
    if flag(certified_only):
        products = Product.objects.filter(has_certificate_in_force(period.end, product_ref="pk"))
    else:
        products = Product.objects.filter(_registered_by(period.end))
    total, rows = grouped(
        products,
        BY_PRODUCER,
        unit,
        grouping,
        n=distinct(_commune_field(unit.map_key)),
        by_child=lambda map_key: {"n": distinct(_commune_field(map_key))},
    )
    return Breakdown(Value.count(total["n"]), {path: Value.count(row["n"]) for path, row in rows.items()})


def live_listing_on(day, *, product_ref: str) -> Exists:
    """An e-commerce listing of the product live on ``day``: listed from that day or before, and not
    taken down by then (``listed_until`` is the first day off sale)."""
    return Exists(
        Listing.objects.filter(product_id=OuterRef(product_ref), listed_from__lte=day).filter(
            Q(listed_until__isnull=True) | Q(listed_until__gt=day)
        )
    )


@indicator(
    "listed_share",
    label=_("Tỷ lệ sản phẩm OCOP bán trên sàn thương mại điện tử"),
    description=describe(
        _(
            "Trong các sản phẩm có giấy chứng nhận còn hiệu lực vào ngày cuối kỳ, tỷ lệ phần trăm sản phẩm "
            "có ít nhất một gian hàng thương mại điện tử đang bán vào ngày đó: đăng bán từ ngày cuối kỳ trở "
            "về trước, và chưa ngừng bán (ngày ngừng bán trống hoặc sau ngày cuối kỳ; gian hàng ngừng bán "
            "đúng ngày cuối kỳ không tính)."
        ),
        IN_FORCE_RULE,
        PLACE_RULE,
    ),
    unit_label="%",
    kind="stock",
    is_share=True,
)
def listed_share(*, unit, period: Period, grouping: Grouping) -> Breakdown:
    certificates = certificates_in_force(period.end)
    listed = Q(live_listing_on(period.end, product_ref="product_id"))
    return share_breakdown(
        certificates,
        BY_PRODUCT,
        unit,
        grouping,
        numerator=distinct("product", listed),
        denominator=distinct("product"),
    )
