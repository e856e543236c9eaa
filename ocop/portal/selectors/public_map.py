"""Public reads for the sales-point map: open points with their certified products, and the map background."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
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
    """Products holding a certificate in force on ``today``, annotated with its star."""
    live = _in_force_certificates(today)
    best_star = live.filter(product=OuterRef("pk")).order_by("-star").values("star")[:1]
    return (
        Product.objects.filter(pk__in=live.values("product_id"))
        .annotate(live_star=Subquery(best_star))
        .only("id", "name")
        .order_by("name_sort")
    )


def open_points_on(today: dt.date) -> QuerySet[SalesPoint]:
    """Sales points open on ``today``: opened by then, not closed (or closing later)."""
    qs = SalesPoint.objects.filter(opened_on__lte=today)
    return qs.exclude(closed_on__isnull=False, closed_on__lte=today)


def sales_points_public(*, filters: MapFilters, provinces: list[AdminUnit], today: dt.date) -> list[MapPoint]:
    """The open points that match ``filters`` with their certified products, in two queries."""
    qs = open_points_on(today).select_related("unit")
    if filters.province is not None:
        qs = qs.filter(path_2025__startswith=filters.province.path)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    qs = qs.prefetch_related(
        Prefetch("products", queryset=certified_products(today), to_attr="ocop_products")
    ).order_by("path_2025", "name", "pk")
    province_by_path = {p.path: p.name for p in provinces}
    kind_labels = dict(SalesPointKind.choices)
    points = []
    for point in qs:
        own = point.latitude is not None and point.longitude is not None
        lat, lon = (point.latitude, point.longitude) if own else (point.unit.latitude, point.unit.longitude)
        province_path = "/".join(point.path_2025.split("/")[:3]) + "/" if point.path_2025 else ""
        points.append(
            MapPoint(
                pk=point.pk,
                name=point.name,
                kind=point.kind,
                kind_label=str(kind_labels.get(point.kind, point.kind)),
                address=point.address,
                commune=point.unit.name,
                province=province_by_path.get(province_path, ""),
                opened_on=point.opened_on,
                latitude=lat,
                longitude=lon,
                approximate=not own and lat is not None and lon is not None,
                products=[MapProduct(p.pk, p.name, p.live_star) for p in point.ocop_products],
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
