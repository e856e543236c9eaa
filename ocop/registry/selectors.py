"""Scoped reads of producers and products: every view and API call gets its records here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from ocop.accounts.scoping import is_producer_account, scope_of
from ocop.core.exceptions import NotFoundError
from ocop.core.text import fold
from ocop.registry.models import Gender, Producer, Product, ProductSet, Sector
from ocop.registry.permissions import can_view_producer, can_view_product, is_registry_reader


def producers_for_user(*, user) -> QuerySet[Producer]:
    """Every producer the user may see (nothing for the public)."""
    if is_producer_account(user):
        return Producer.objects.filter(pk=user.producer_id) if user.producer_id else Producer.objects.none()
    if not is_registry_reader(user):
        return Producer.objects.none()
    scope = scope_of(user)
    if scope.nationwide:
        return Producer.objects.all()
    if scope.unit is not None:
        return Producer.objects.within(scope.unit)
    return Producer.objects.none()


def products_for_user(*, user) -> QuerySet[Product]:
    """Every product the user may see."""
    if is_producer_account(user):
        return (
            Product.objects.filter(producer_id=user.producer_id)
            if user.producer_id
            else Product.objects.none()
        )
    if not is_registry_reader(user):
        return Product.objects.none()
    scope = scope_of(user)
    if scope.nationwide:
        return Product.objects.all()
    if scope.unit is not None:
        return Product.objects.within(scope.unit)
    return Product.objects.none()


def _search(qs: QuerySet, q: str | None, *fields: str) -> QuerySet:
    """Accent-insensitive search: every word of ``q`` must appear in one of ``fields``."""
    for word in fold(q).split():
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__contains": word})
        qs = qs.filter(condition)
    return qs


@dataclass(frozen=True)
class ProducerFilters:
    q: str | None = None
    kind: str | None = None
    unit_id: int | None = None
    women_led: bool | None = None
    ethnic_minority_led: bool | None = None
    green_value_chain: bool | None = None


def producer_list(*, user, filters: ProducerFilters | None = None) -> QuerySet[Producer]:
    """The producers a user may see, filtered, with what list pages show in one query."""
    filters = filters or ProducerFilters()
    qs = producers_for_user(user=user).select_related("commune__parent__parent")
    qs = _search(qs, filters.q, "name_folded", "registration_code", "tax_code")
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.unit_id:
        from ocop.geo.models import AdminUnit

        unit = AdminUnit.objects.filter(pk=filters.unit_id).first()
        qs = qs.within(unit) if unit else qs.none()
    if filters.women_led is not None:
        qs = (
            qs.filter(legal_rep_gender=Gender.FEMALE)
            if filters.women_led
            else qs.exclude(legal_rep_gender=Gender.FEMALE)
        )
    if filters.ethnic_minority_led is not None:
        minority = ~Q(legal_rep_ethnicity="Kinh") & ~Q(legal_rep_ethnicity="")
        qs = qs.filter(minority) if filters.ethnic_minority_led else qs.exclude(minority)
    if filters.green_value_chain is not None:
        qs = qs.filter(green_value_chain=filters.green_value_chain)
    return qs.annotate(product_count=Count("products")).order_by("name_sort", "pk")


@dataclass(frozen=True)
class ProductFilters:
    q: str | None = None
    product_set: int | None = None
    sector_id: int | None = None
    unit_id: int | None = None
    producer_id: int | None = None


def product_list(*, user, filters: ProductFilters | None = None) -> QuerySet[Product]:
    """The products a user may see, filtered, with producer, place and set joined in."""
    filters = filters or ProductFilters()
    qs = products_for_user(user=user).select_related(
        "producer__commune__parent__parent", "product_set__group__sector"
    )
    qs = _search(qs, filters.q, "name_folded", "producer__name_folded", "ocop_code")
    if filters.product_set:
        qs = qs.filter(product_set__number=filters.product_set)
    if filters.sector_id:
        qs = qs.filter(product_set__group__sector_id=filters.sector_id)
    if filters.producer_id:
        qs = qs.filter(producer_id=filters.producer_id)
    if filters.unit_id:
        from ocop.geo.models import AdminUnit

        unit = AdminUnit.objects.filter(pk=filters.unit_id).first()
        qs = qs.within(unit) if unit else qs.none()
    return qs.order_by("name_sort", "pk")


def producer_get_for_user(*, user, pk: Any) -> Producer:
    """One producer, or NotFoundError when it does not exist or lies outside the user's scope."""
    try:
        producer = Producer.objects.select_related(
            "commune__parent__parent", "legacy_commune__parent__parent"
        ).get(pk=int(pk))
    except (Producer.DoesNotExist, TypeError, ValueError):
        raise NotFoundError("Không tìm thấy chủ thể.") from None
    if not can_view_producer(user, producer):
        raise NotFoundError("Không tìm thấy chủ thể.")
    return producer


def product_get_for_user(*, user, pk: Any) -> Product:
    """One product, or NotFoundError outside the user's scope."""
    try:
        product = Product.objects.select_related(
            "producer__commune__parent__parent", "product_set__group__sector"
        ).get(pk=int(pk))
    except (Product.DoesNotExist, TypeError, ValueError):
        raise NotFoundError("Không tìm thấy sản phẩm.") from None
    if not can_view_product(user, product):
        raise NotFoundError("Không tìm thấy sản phẩm.")
    return product


def product_sets(*, regime: str = "26/2026") -> QuerySet[ProductSet]:
    return ProductSet.objects.filter(group__sector__regime=regime).select_related("group__sector")


def sectors(*, regime: str = "26/2026") -> QuerySet[Sector]:
    return Sector.objects.filter(regime=regime)


@dataclass(frozen=True)
class HistoryEntry:
    when: dt.datetime
    who: str
    kind: str
    reason: str
    changes: list[tuple[str, str, str]]


def record_history(record: Producer | Product, *, limit: int = 50) -> list[HistoryEntry]:
    """Who changed the record, when, why, and which fields from what to what (newest first)."""
    entries: list[HistoryEntry] = []
    versions = list(
        record.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    model = type(record)
    kinds = {"+": "Tạo mới", "~": "Sửa", "-": "Xoá"}
    for newer, older in zip(versions, [*versions[1:], None], strict=False):
        if len(entries) == limit:
            break
        changes: list[tuple[str, str, str]] = []
        if older is not None:
            for change in newer.diff_against(older).changes:
                try:
                    label = str(model._meta.get_field(change.field).verbose_name)
                except Exception:
                    label = change.field
                changes.append((label, _display(change.old), _display(change.new)))
        user = newer.history_user
        entries.append(
            HistoryEntry(
                when=newer.history_date,
                who=(user.get_full_name() or user.username) if user else "hệ thống",
                kind=kinds.get(newer.history_type, newer.history_type),
                reason=newer.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def _display(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return str(value)


def registry_summary_for_user(*, user) -> dict[str, int]:
    """Counts for the home page, within the user's scope."""
    producers = producers_for_user(user=user)
    products = products_for_user(user=user)
    return {
        "producers": producers.count(),
        "products": products.count(),
        "communes_with_products": products.values("producer__commune_id").distinct().count(),
    }
