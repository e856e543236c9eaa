"""Public reads for the sales-point map: open points with their certified products, and the map background."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ocop.activities.models import SalesPoint, SalesPointKind
from ocop.certification.models import Certificate
from ocop.certification.selectors import format_date, live_on
from ocop.core.text import sort_key
from ocop.geo.domain import MAP_2025, Level
from ocop.geo.models import AdminUnit
from ocop.registry.models import Product

# Commune centroids are drawn as faint dots: three decimals (about 100 m) are plenty and keep the JSON small.
BACKGROUND_DECIMALS = 3
_PROVINCE_PREFIX = re.compile(r"^(Tỉnh|Thành phố)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class MapFilters:
    """What the public may filter the points by: a current province and a kind of point."""

    province: AdminUnit | None = None
    kind: str | None = None


@dataclass
class MapProduct:
    """A product on sale with the star of its certificate in force; ``url`` is set by the view."""

    pk: int
    name: str
    star: int
    url: str = ""


@dataclass
class MapPoint:
    """An open sales point as the public sees it; ``approximate`` when placed at its commune's centroid."""

    pk: int
    name: str
    kind: str
    kind_label: str
    address: str
    commune: str
    province: str
    opened_on: dt.date
    latitude: float | None
    longitude: float | None
    approximate: bool
    products: list[MapProduct] = field(default_factory=list)

    @property
    def opened_on_text(self) -> str:
        return format_date(self.opened_on)

    @property
    def on_map(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def short_province_name(name: str) -> str:
    """ "Tỉnh Lâm Đồng" → "Lâm Đồng", "Thành phố Hà Nội" → "Hà Nội": the label drawn on the map."""
    return _PROVINCE_PREFIX.sub("", name).strip() or name


def current_provinces() -> list[AdminUnit]:
    """The 34 provinces of the 2025 map in Vietnamese order of their names without "Tỉnh"/"Thành phố"."""
    provinces = AdminUnit.objects.current().on_map(MAP_2025).filter(level=Level.PROVINCE)
    return sorted(
        provinces.only("id", "code", "name", "path", "latitude", "longitude"),
        key=lambda unit: (sort_key(short_province_name(unit.name)), unit.code),
    )


def map_filters_from(params: dict[str, str], provinces: list[AdminUnit]) -> tuple[MapFilters, list[str]]:
    """Read ``?tinh=<province code>&loai=<kind>``; a value that is not known is ignored and said so."""
    problems: list[str] = []
    province = None
    code = (params.get("tinh") or "").strip()
    if code:
        province = next((p for p in provinces if p.code == code), None)
        if province is None:
            problems.append(
                _(
                    "Không có tỉnh, thành phố mã “%(code)s” trên bản đồ hành chính hiện hành; "
                    "đang hiển thị mọi tỉnh."
                )
                % {"code": code[:12]}
            )
    kind = (params.get("loai") or "").strip()
    if kind and kind not in SalesPointKind.values:
        problems.append(
            _("Không có loại điểm bán “%(kind)s”; hãy chọn một loại trong danh sách. Đang hiển thị mọi loại.")
            % {"kind": kind[:30]}
        )
        kind = ""
    return MapFilters(province=province, kind=kind or None), problems


def _in_force_certificates(today: dt.date) -> QuerySet[Certificate]:
    """Certificates in force on ``today``: issued, neither revoked nor superseded, not yet expired."""
    return live_on(Certificate.objects.filter(issued_on__lte=today, valid_until__gte=today), today)


def certified_products(today: dt.date) -> QuerySet[Product]:
    """Products holding a certificate in force on ``today``."""
    return Product.objects.filter(pk__in=_in_force_certificates(today).values("product_id"))


def open_points_on(today: dt.date) -> QuerySet[SalesPoint]:
    """Sales points open on ``today``: opened by then, not closed (or closing later)."""
    qs = SalesPoint.objects.filter(opened_on__lte=today)
    return qs.exclude(closed_on__isnull=False, closed_on__lte=today)


def _products_on_sale(points: QuerySet[SalesPoint], today: dt.date) -> dict[int, list[MapProduct]]:
    """Certified products of each of ``points`` with their star: the stars in force, then the links."""
    stars: dict[int, int] = {}
    for product_id, star in _in_force_certificates(today).values_list("product_id", "star").order_by():
        stars[product_id] = max(star, stars.get(product_id, 0))
    links = (
        SalesPoint.products.through.objects.filter(salespoint__in=points.values("pk"))
        .values_list("salespoint_id", "product_id", "product__name")
        .order_by("product__name_sort", "product_id")
    )
    on_sale: dict[int, list[MapProduct]] = defaultdict(list)
    for point_id, product_id, name in links:
        if product_id in stars:
            on_sale[point_id].append(MapProduct(product_id, name, stars[product_id]))
    return on_sale


def sales_points_public(*, filters: MapFilters, provinces: list[AdminUnit], today: dt.date) -> list[MapPoint]:
    """The open points that match ``filters`` with their certified products, in three queries of plain rows
    (a national map has thousands of points: model instances would cost more than the queries)."""
    qs = open_points_on(today)
    if filters.province is not None:
        qs = qs.filter(path_2025__startswith=filters.province.path)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    rows = qs.values_list(
        "pk",
        "name",
        "kind",
        "address",
        "opened_on",
        "latitude",
        "longitude",
        "path_2025",
        "unit__name",
        "unit__latitude",
        "unit__longitude",
    ).order_by("path_2025", "name", "pk")
    rows = list(rows)
    on_sale = _products_on_sale(qs, today) if rows else {}
    province_by_path = {p.path: p.name for p in provinces}
    kind_labels = {value: str(label) for value, label in SalesPointKind.choices}
    points = []
    for pk, name, kind, address, opened_on, lat, lon, path, commune, commune_lat, commune_lon in rows:
        own = lat is not None and lon is not None
        if not own:
            lat, lon = commune_lat, commune_lon
        province_path = "/".join(path.split("/")[:3]) + "/" if path else ""
        points.append(
            MapPoint(
                pk=pk,
                name=name,
                kind=kind,
                kind_label=kind_labels.get(kind, kind),
                address=address,
                commune=commune,
                province=province_by_path.get(province_path, ""),
                opened_on=opened_on,
                latitude=lat,
                longitude=lon,
                approximate=not own and lat is not None and lon is not None,
                products=on_sale.get(pk, []),
            )
        )
    return points


def map_background() -> dict[str, list]:
    """Current commune centroids (dots) and province centroids (labels) to draw Vietnam without tiles."""
    rows = (
        AdminUnit.objects.current()
        .on_map(MAP_2025)
        .filter(level__in=[Level.PROVINCE, Level.COMMUNE], latitude__isnull=False, longitude__isnull=False)
        .values_list("level", "name", "latitude", "longitude")
        .order_by("level", "path")
    )
    communes: list[list[float]] = []
    provinces: list[dict[str, object]] = []
    for level, name, lat, lon in rows:
        if level == Level.COMMUNE:
            communes.append([round(lat, BACKGROUND_DECIMALS), round(lon, BACKGROUND_DECIMALS)])
        else:
            provinces.append({"name": short_province_name(name), "lat": lat, "lon": lon})
    return {"communes": communes, "provinces": provinces}
