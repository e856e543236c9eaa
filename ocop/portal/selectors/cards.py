"""Product cards of the public pages (catalogue results, a producer's products) and the current certificate.

A product is public once it has held a certificate; what a card shows of it is its *current* certificate,
the latest issued on or before today (by issue date, then id), with that certificate's live status.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.core.files.storage import default_storage
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse

from ocop.certification.models import Certificate
from ocop.certification.selectors import StatusInfo
from ocop.portal.selectors.status import public_status
from ocop.registry.models import ProductPhoto


@dataclass(frozen=True)
class ProductCard:
    """What a result card shows: nothing private."""

    product_id: int
    name: str
    star: int
    producer_id: int
    producer_name: str
    province: str
    thumbnail_url: str
    status: StatusInfo

    @cached_property
    def url(self) -> str:
        return reverse("portal:product", args=[self.product_id])

    @cached_property
    def producer_url(self) -> str:
        return reverse("portal:producer", args=[self.producer_id])


def current_certificates(today: dt.date) -> QuerySet[Certificate]:
    """The current certificate of every ever-certified product: the latest issued on or before ``today``."""
    newer = Certificate.objects.filter(product_id=OuterRef("product_id"), issued_on__lte=today).filter(
        Q(issued_on__gt=OuterRef("issued_on")) | Q(issued_on=OuterRef("issued_on"), pk__gt=OuterRef("pk"))
    )
    return Certificate.objects.filter(issued_on__lte=today).filter(~Exists(newer))


def thumbnail_subquery() -> Subquery:
    """The image of the product's first photo (by position), as stored (a storage name)."""
    first = ProductPhoto.objects.filter(product_id=OuterRef("product_id")).order_by("position", "pk")
    return Subquery(first.values("image")[:1])


def media_url(name: str | None) -> str:
    return default_storage.url(name) if name else ""


def card_rows(qs: QuerySet[Certificate]) -> QuerySet[Certificate]:
    """Current certificates with what a card shows joined in (product, producer, province, first photo)."""
    return qs.select_related("product__producer__commune__parent", "revocation").annotate(
        thumbnail=thumbnail_subquery()
    )


def card_of(certificate: Certificate, *, today: dt.date) -> ProductCard:
    product = certificate.product
    producer = product.producer
    province = producer.commune.parent
    return ProductCard(
        product_id=product.pk,
        name=product.name,
        star=certificate.star,
        producer_id=producer.pk,
        producer_name=producer.name,
        province=province.name if province is not None else "",
        thumbnail_url=media_url(getattr(certificate, "thumbnail", None)),
        status=public_status(certificate, today=today),
    )
