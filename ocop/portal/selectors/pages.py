"""Public product and producer pages: public facts only, the live certificate status, where to buy.

A product is public once a certificate was issued for it (on or before today); a producer once one of its
products is. Anything else is "not found" (never certified records are not public). Nothing private leaves
here: no phone, e-mail, tax or registration code, street address, legal representative, workforce or
council scores. Query cost: the product page reads five queries, the producer page four.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from ocop.activities.models import Listing, SalesPoint
from ocop.certification.models import Certificate
from ocop.certification.selectors import StatusInfo
from ocop.core.exceptions import NotFoundError
from ocop.geo.models import AdminUnit
from ocop.portal.domain import is_valid_gtin
from ocop.portal.selectors.cards import ProductCard, card_of, card_rows, current_certificates, media_url
from ocop.portal.selectors.status import public_status
from ocop.registry.models import Producer, Product

PRODUCT_NOT_FOUND = "Không tìm thấy sản phẩm OCOP."
PRODUCER_NOT_FOUND = "Không tìm thấy chủ thể OCOP."


@dataclass(frozen=True)
class Place:
    """Where a producer is: current commune and province, and the pre-2025 names when they differ."""

    commune: str
    province: str
    former: str = ""

    def __str__(self) -> str:
        return ", ".join(part for part in (self.commune, self.province) if part)


def _chain(unit: AdminUnit | None) -> list[AdminUnit]:
    units = []
    while unit is not None:
        units.append(unit)
        unit = unit.parent
    return units


def place_of(producer: Producer) -> Place:
    """The producer's place (select ``commune__parent`` and ``legacy_commune__parent__parent`` with it)."""
    commune = producer.commune
    province = commune.parent
    current = [commune.name] + ([province.name] if province is not None else [])
    former = [unit.name for unit in _chain(producer.legacy_commune)]
    differs = bool(former) and (former[0] != current[0] or former[-1] != current[-1])
    return Place(commune.name, province.name if province else "", ", ".join(former) if differs else "")


@dataclass(frozen=True)
class CertificateFacts:
    """One certificate as the public sees it."""

    number: str
    star: int
    issued_on: dt.date
    valid_until: dt.date
    status: StatusInfo
    revoked_on: dt.date | None
    verify_url: str


def _facts(certificate: Certificate, *, today: dt.date) -> CertificateFacts:
    status = public_status(certificate, today=today)
    revocation = getattr(certificate, "revocation", None)
    return CertificateFacts(
        number=certificate.number,
        star=certificate.star,
        issued_on=certificate.issued_on,
        valid_until=certificate.valid_until,
        status=status,
        revoked_on=revocation.decided_on if revocation is not None and status.code == "revoked" else None,
        verify_url=certificate.get_public_url(),
    )


@dataclass(frozen=True)
class SalesPointFacts:
    name: str
    kind: str
    operator: str
    address: str
    place: str
    latitude: float | None
    longitude: float | None
    products: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListingFacts:
    platform: str
    url: str
    product: str = ""


def _open_points(today: dt.date) -> Q:
    return Q(opened_on__lte=today) & (Q(closed_on__isnull=True) | Q(closed_on__gt=today))


def _live_listings(product_ids: list[int], today: dt.date) -> QuerySet[Listing]:
    return (
        Listing.objects.filter(product_id__in=product_ids, listed_from__lte=today)
        .filter(Q(listed_until__isnull=True) | Q(listed_until__gt=today))
        .select_related("product")
        .order_by("platform", "product__name_sort", "pk")
    )


def _point_facts(point: SalesPoint, products: tuple[str, ...] = ()) -> SalesPointFacts:
    unit = point.unit
    province = unit.parent
    return SalesPointFacts(
        name=point.name,
        kind=str(point.get_kind_display()),
        operator=point.operator,
        address=point.address,
        place=", ".join(u.name for u in (unit, province) if u is not None),
        latitude=point.latitude,
        longitude=point.longitude,
        products=products,
    )


def _listing_facts(listing: Listing, *, with_product: bool = False) -> ListingFacts:
    return ListingFacts(
        platform=str(listing.get_platform_display()),
        url=listing.url,
        product=listing.product.name if with_product else "",
    )


def _pk(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return 0


# ----------------------------------------------------------------------------------------------------
# Product page


@dataclass(frozen=True)
class Photo:
    url: str
    caption: str


@dataclass
class ProductPage:
    product_id: int
    name: str
    description: str
    story: str
    gtin: str
    ocop_code: str
    sector: str
    group: str
    group_id: int
    producer_id: int
    producer_name: str
    producer_kind: str
    place: Place
    certificate: CertificateFacts
    history: list[CertificateFacts] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)
    sales_points: list[SalesPointFacts] = field(default_factory=list)
    listings: list[ListingFacts] = field(default_factory=list)


def product_public(pk: Any, *, today: dt.date) -> ProductPage:
    """The public page of a certified product, with its live status; NotFoundError if it is not public."""
    product = (
        Product.objects.select_related(
            "product_set__group__sector",
            "producer__commune__parent",
            "producer__legacy_commune__parent__parent",
        )
        .filter(pk=_pk(pk))
        .first()
    )
    if product is None:
        raise NotFoundError(PRODUCT_NOT_FOUND)
    certificates = list(
        Certificate.objects.filter(product=product, issued_on__lte=today)
        .select_related("revocation")
        .order_by("-issued_on", "-pk")
    )
    if not certificates:
        raise NotFoundError(PRODUCT_NOT_FOUND)
    facts = [_facts(certificate, today=today) for certificate in certificates]
    points = (
        SalesPoint.objects.filter(_open_points(today), products=product)
        .select_related("unit__parent")
        .order_by("path_2025", "name", "pk")
    )
    producer = product.producer
    group = product.product_set.group
    return ProductPage(
        product_id=product.pk,
        name=product.name,
        description=product.description,
        story=product.story,
        gtin=product.gtin if is_valid_gtin(product.gtin) else "",
        ocop_code=product.ocop_code,
        sector=group.sector.name,
        group=group.name,
        group_id=group.pk,
        producer_id=producer.pk,
        producer_name=producer.name,
        producer_kind=str(producer.get_kind_display()),
        place=place_of(producer),
        certificate=facts[0],
        history=facts[1:],
        photos=[Photo(media_url(photo.image.name), photo.caption) for photo in product.photos.all()],
        sales_points=[_point_facts(point) for point in points],
        listings=[_listing_facts(listing) for listing in _live_listings([product.pk], today)],
    )


def product_by_gtin(forms: list[str], *, today: dt.date) -> int | None:
    """The id of the public product with this GTIN (any stored length); the latest certified wins."""
    return (
        current_certificates(today)
        .filter(product__gtin__in=forms)
        .order_by("-issued_on", "-pk")
        .values_list("product_id", flat=True)
        .first()
    )


# ----------------------------------------------------------------------------------------------------
# Producer page


@dataclass
class ProducerPage:
    producer_id: int
    name: str
    kind: str
    place: Place
    products: list[ProductCard]
    sales_points: list[SalesPointFacts] = field(default_factory=list)
    listings: list[ListingFacts] = field(default_factory=list)


def producer_public(pk: Any, *, today: dt.date) -> ProducerPage:
    """The public page of a producer with at least one certified product; NotFoundError otherwise."""
    producer = (
        Producer.objects.select_related("commune__parent", "legacy_commune__parent__parent")
        .filter(pk=_pk(pk))
        .first()
    )
    if producer is None:
        raise NotFoundError(PRODUCER_NOT_FOUND)
    rows = list(
        card_rows(current_certificates(today).filter(product__producer=producer)).order_by(
            "product__name_sort", "product_id"
        )
    )
    if not rows:
        raise NotFoundError(PRODUCER_NOT_FOUND)
    cards = [card_of(certificate, today=today) for certificate in rows]
    names = {card.product_id: card.name for card in cards}
    through = SalesPoint.products.through
    links = (
        through.objects.filter(product_id__in=list(names))
        .filter(salespoint__opened_on__lte=today)
        .filter(Q(salespoint__closed_on__isnull=True) | Q(salespoint__closed_on__gt=today))
        .select_related("salespoint__unit__parent")
        .order_by("salespoint__path_2025", "salespoint__name", "salespoint_id", "product_id")
    )
    points: dict[int, SalesPoint] = {}
    sold: dict[int, list[str]] = defaultdict(list)
    for link in links:
        points.setdefault(link.salespoint_id, link.salespoint)
        sold[link.salespoint_id].append(names[link.product_id])
    return ProducerPage(
        producer_id=producer.pk,
        name=producer.name,
        kind=str(producer.get_kind_display()),
        place=place_of(producer),
        products=cards,
        sales_points=[_point_facts(point, tuple(sold[pk])) for pk, point in points.items()],
        listings=[
            _listing_facts(listing, with_product=True) for listing in _live_listings(list(names), today)
        ],
    )
