"""Writes of trade-promotion events and of the producers that took part in them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from ocop.activities.models import EventParticipation, PromotionEvent
from ocop.activities.permissions import can_change_located, can_view_located, can_view_producer
from ocop.activities.services._base import (
    assign,
    check_amounts,
    check_dates,
    check_product_of,
    check_unit_on,
    fail,
    mark_history,
    place,
    reason_of,
    save,
    search_key,
)
from ocop.core.exceptions import NotFoundError, PermissionDeniedError

EVENT_FIELDS = ("unit", "name", "kind", "scope", "venue", "starts_on", "ends_on", "note")
PARTICIPATION_AMOUNTS = ("sales", "contracts", "contracts_value")


def _check(event: PromotionEvent) -> None:
    check_dates(event.starts_on, event.ends_on, field="ends_on")
    check_unit_on(event.unit, event.starts_on)
    event.search_folded = search_key(event.name, event.venue)


def _guard(actor, event: PromotionEvent) -> None:
    if not can_view_located(actor, event):
        raise NotFoundError("Không tìm thấy sự kiện.")
    if not can_change_located(actor, event):
        raise PermissionDeniedError("Bạn không có quyền sửa sự kiện này.")


@transaction.atomic
def event_create(*, actor, reason: str = "Ghi nhận sự kiện xúc tiến", **data: Any) -> PromotionEvent:
    """Record a fair, exhibition or matching event at a unit of the actor's scope (``EVENT_FIELDS``)."""
    event = PromotionEvent(created_by=actor)
    unit = data.pop("unit", None)
    assign(event, EVENT_FIELDS, data, multiline=("note",))
    place(event, unit, actor=actor)
    _check(event)
    save(event, actor=actor, reason=reason_of(reason, "Ghi nhận sự kiện xúc tiến"))
    return event


@transaction.atomic
def event_update(
    *, actor, event: PromotionEvent, reason: str = "Cập nhật sự kiện", **data: Any
) -> PromotionEvent:
    _guard(actor, event)
    event = PromotionEvent.objects.select_for_update().select_related("unit").get(pk=event.pk)
    changed = assign(event, EVENT_FIELDS, data, multiline=("note",))
    if not changed:
        return event
    if "unit" in changed:
        place(event, event.unit, actor=actor)
    _check(event)
    save(event, actor=actor, reason=reason_of(reason, "Cập nhật sự kiện"))
    return event


@transaction.atomic
def event_participation_set(
    *,
    actor,
    event: PromotionEvent,
    producer,
    products: Iterable | None = None,
    sales: int = 0,
    contracts: int = 0,
    contracts_value: int = 0,
    reason: str = "Ghi nhận chủ thể tham gia sự kiện",
) -> EventParticipation:
    """Record (or correct) one producer's part in an event: the products it showed, sales, contracts.

    One row per event and producer: a second call for the same producer replaces its figures.
    """
    _guard(actor, event)
    if producer is None or not can_view_producer(actor, producer):
        raise NotFoundError("Không tìm thấy chủ thể.", field="producer")
    products = list(products or [])
    for product in products:
        check_product_of(producer, product, field="products")
    participation = EventParticipation.objects.select_for_update().filter(
        event=event, producer=producer
    ).first() or EventParticipation(event=event, producer=producer)
    participation.sales, participation.contracts, participation.contracts_value = (
        sales,
        contracts,
        contracts_value,
    )
    check_amounts(participation, PARTICIPATION_AMOUNTS)
    if participation.contracts_value and not participation.contracts:
        fail("Có giá trị hợp đồng thì số hợp đồng, biên bản ghi nhớ phải từ 1 trở lên.", "contracts")
    why = reason_of(reason, "Ghi nhận chủ thể tham gia sự kiện")
    save(participation, actor=actor, reason=why, duplicate="Chủ thể này đã được ghi nhận tham gia sự kiện.")
    mark_history(participation, actor=actor, reason=why)
    wanted = {p.pk for p in products}
    if wanted != set(participation.products.values_list("pk", flat=True)):
        participation.products.set(products)
    return participation


@transaction.atomic
def event_participation_remove(
    *, actor, participation: EventParticipation, reason: str = "Xoá chủ thể tham gia sự kiện"
) -> None:
    _guard(actor, participation.event)
    mark_history(participation, actor=actor, reason=reason_of(reason, "Xoá chủ thể tham gia sự kiện"))
    participation.delete()
