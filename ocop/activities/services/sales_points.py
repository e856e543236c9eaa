"""Writes of display and sales points (điểm giới thiệu và bán sản phẩm OCOP) and the products on sale."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from ocop.activities.domain import coordinates_problem
from ocop.activities.models import SalesPoint
from ocop.activities.permissions import can_change_located, can_view_located, can_view_producer
from ocop.activities.services._base import (
    assign,
    check_dates,
    check_not_future,
    check_unit_on,
    fail,
    mark_history,
    place,
    reason_of,
    save,
    search_key,
    today,
)
from ocop.core.exceptions import NotFoundError, PermissionDeniedError

SALES_POINT_FIELDS = ("unit", "name", "kind", "operator", "address", "latitude", "longitude", "opened_on")


def _check(point: SalesPoint) -> None:
    if point.unit.level != 3:
        fail("Điểm giới thiệu và bán sản phẩm phải đặt tại một xã, phường hoặc đặc khu.", "unit")
    if point.closed_on is None:
        check_unit_on(point.unit, today())
    else:
        check_unit_on(point.unit, point.opened_on)
    problem = coordinates_problem(point.latitude, point.longitude)
    if problem:
        fail(problem[1], problem[0])
    check_dates(
        point.opened_on,
        point.closed_on,
        field="closed_on",
        labels=("Ngày đóng cửa", "ngày khai trương"),
        strict=True,
    )
    point.search_folded = search_key(point.name, point.operator, point.address)


def _check_products(actor, products: list) -> None:
    for product in products:
        if not can_view_producer(actor, product.producer):
            raise NotFoundError(f"Không tìm thấy sản phẩm “{product.name}”.", field="products")


def _set_products(point: SalesPoint, products: list, *, actor, reason: str) -> None:
    if {p.pk for p in products} != set(point.products.values_list("pk", flat=True)):
        mark_history(point, actor=actor, reason=reason)
        point.products.set(products)


def _guard(actor, point: SalesPoint) -> None:
    if not can_view_located(actor, point):
        raise NotFoundError("Không tìm thấy điểm bán.")
    if not can_change_located(actor, point):
        raise PermissionDeniedError("Bạn không có quyền sửa điểm bán này.")


@transaction.atomic
def sales_point_create(
    *,
    actor,
    products: Iterable | None = None,
    reason: str = "Ghi nhận điểm giới thiệu và bán sản phẩm",
    **data: Any,
) -> SalesPoint:
    """Record a sales point in a commune of the actor's scope, with the products on sale."""
    point = SalesPoint(created_by=actor)
    unit = data.pop("unit", None)
    assign(point, SALES_POINT_FIELDS, data)
    place(point, unit, actor=actor)
    _check(point)
    products = list(products or [])
    _check_products(actor, products)
    why = reason_of(reason, "Ghi nhận điểm giới thiệu và bán sản phẩm")
    save(point, actor=actor, reason=why)
    _set_products(point, products, actor=actor, reason=why)
    return point


@transaction.atomic
def sales_point_update(
    *,
    actor,
    sales_point: SalesPoint,
    products: Iterable | None = None,
    reason: str = "Cập nhật điểm bán",
    **data: Any,
) -> SalesPoint:
    """Change a sales point; ``products`` (when given) replaces the products on sale."""
    _guard(actor, sales_point)
    point = SalesPoint.objects.select_for_update().select_related("unit").get(pk=sales_point.pk)
    changed = assign(point, SALES_POINT_FIELDS, data)
    why = reason_of(reason, "Cập nhật điểm bán")
    if changed:
        if "unit" in changed:
            place(point, point.unit, actor=actor)
        _check(point)
        save(point, actor=actor, reason=why)
    if products is not None:
        products = list(products)
        _check_products(actor, products)
        _set_products(point, products, actor=actor, reason=why)
    return point


@transaction.atomic
def sales_point_close(
    *, actor, sales_point: SalesPoint, closed_on: dt.date, reason: str = "Đóng cửa điểm bán"
) -> SalesPoint:
    """Close a sales point from ``closed_on`` (it counts as open until the day before)."""
    _guard(actor, sales_point)
    point = SalesPoint.objects.select_for_update().select_related("unit").get(pk=sales_point.pk)
    if point.closed_on is not None:
        fail(f"Điểm bán đã đóng cửa từ {point.closed_on:%d/%m/%Y}.", "closed_on")
    if closed_on is None:
        fail("Hãy nhập ngày đóng cửa.", "closed_on")
    check_not_future(closed_on, field="closed_on", label="Ngày đóng cửa")
    point.closed_on = closed_on
    _check(point)
    save(point, actor=actor, reason=reason_of(reason, "Đóng cửa điểm bán"))
    return point
