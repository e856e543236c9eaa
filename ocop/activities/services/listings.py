"""Writes of e-commerce listings: a product on a platform from one date until another (or still)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from ocop.activities.models import Listing
from ocop.activities.permissions import (
    can_change_own_record,
    can_view_producer_record,
    can_write_for_producer,
)
from ocop.activities.services._base import assign, check_dates, check_not_future, fail, reason_of, save
from ocop.core.exceptions import NotFoundError, PermissionDeniedError

LISTING_FIELDS = ("platform", "url", "listed_from", "listed_until")


def _check(listing: Listing) -> None:
    check_not_future(listing.listed_from, field="listed_from", label="Ngày đăng bán")
    check_dates(
        listing.listed_from,
        listing.listed_until,
        field="listed_until",
        labels=("Ngày ngừng bán", "ngày đăng bán"),
        strict=True,
    )
    if listing.url:
        duplicate = Listing.objects.filter(product_id=listing.product_id, url=listing.url).exclude(
            pk=listing.pk
        )
        if duplicate.exists():
            fail(f"Sản phẩm “{listing.product.name}” đã có gian hàng với đường dẫn này.", "url")


@transaction.atomic
def listing_create(
    *, actor, product, reason: str = "Ghi nhận gian hàng thương mại điện tử", **data: Any
) -> Listing:
    """Record a listing of a product: by the producer's own account or an officer of its area."""
    if product is None:
        fail("Hãy chọn sản phẩm.", "product")
    if not can_write_for_producer(actor, product.producer):
        raise PermissionDeniedError(
            "Bạn không có quyền ghi nhận gian hàng cho sản phẩm này.", field="product"
        )
    listing = Listing(product=product, created_by=actor)
    assign(listing, LISTING_FIELDS, data)
    _check(listing)
    save(
        listing,
        actor=actor,
        reason=reason_of(reason, "Ghi nhận gian hàng thương mại điện tử"),
        duplicate="Sản phẩm đã có gian hàng với đường dẫn này.",
    )
    return listing


def _guard(actor, listing: Listing) -> None:
    if not can_view_producer_record(actor, listing):
        raise NotFoundError("Không tìm thấy gian hàng.")
    if not can_change_own_record(actor, listing):
        raise PermissionDeniedError("Bạn không có quyền sửa gian hàng này.")


@transaction.atomic
def listing_update(*, actor, listing: Listing, reason: str = "Cập nhật gian hàng", **data: Any) -> Listing:
    _guard(actor, listing)
    listing = Listing.objects.select_for_update().select_related("product").get(pk=listing.pk)
    if not assign(listing, LISTING_FIELDS, data):
        return listing
    _check(listing)
    save(listing, actor=actor, reason=reason_of(reason, "Cập nhật gian hàng"))
    return listing


@transaction.atomic
def listing_end(
    *, actor, listing: Listing, listed_until: dt.date, reason: str = "Ngừng bán trên sàn"
) -> Listing:
    """The product is no longer offered there from ``listed_until`` (live until the day before)."""
    _guard(actor, listing)
    listing = Listing.objects.select_for_update().select_related("product").get(pk=listing.pk)
    if listing.listed_until is not None:
        fail(f"Gian hàng đã ngừng bán từ {listing.listed_until:%d/%m/%Y}.", "listed_until")
    if listed_until is None:
        fail("Hãy nhập ngày ngừng bán.", "listed_until")
    check_not_future(listed_until, field="listed_until", label="Ngày ngừng bán")
    listing.listed_until = listed_until
    _check(listing)
    save(listing, actor=actor, reason=reason_of(reason, "Ngừng bán trên sàn"))
    return listing
