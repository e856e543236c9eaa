"""Writes of support given to producers (trademarks, labels, packaging, testing, equipment, credit…)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ocop.activities.models import Support
from ocop.activities.permissions import (
    can_change_officer_record,
    can_support_producer,
    can_view_producer_record,
)
from ocop.activities.services._base import (
    assign,
    check_amounts,
    check_not_future,
    check_product_of,
    fail,
    reason_of,
    save,
)
from ocop.core.exceptions import NotFoundError, PermissionDeniedError

SUPPORT_FIELDS = ("product", "kind", "amount", "source", "given_on", "note")


def _check(support: Support) -> None:
    check_product_of(support.producer, support.product)
    check_amounts(support, ("amount",))
    check_not_future(support.given_on, field="given_on", label="Ngày hỗ trợ")


@transaction.atomic
def support_create(*, actor, producer, reason: str = "Ghi nhận hỗ trợ", **data: Any) -> Support:
    """Record support given to a producer of the actor's area (``SUPPORT_FIELDS``)."""
    if producer is None:
        fail("Hãy chọn chủ thể được hỗ trợ.", "producer")
    if not can_support_producer(actor, producer):
        raise PermissionDeniedError("Bạn không có quyền ghi nhận hỗ trợ cho chủ thể này.", field="producer")
    support = Support(producer=producer, created_by=actor)
    assign(support, SUPPORT_FIELDS, data, multiline=("note",))
    _check(support)
    save(support, actor=actor, reason=reason_of(reason, "Ghi nhận hỗ trợ"))
    return support


@transaction.atomic
def support_update(*, actor, support: Support, reason: str = "Cập nhật hỗ trợ", **data: Any) -> Support:
    if not can_view_producer_record(actor, support):
        raise NotFoundError("Không tìm thấy bản ghi hỗ trợ.")
    if not can_change_officer_record(actor, support):
        raise PermissionDeniedError("Bạn không có quyền sửa bản ghi hỗ trợ này.")
    support = Support.objects.select_for_update().select_related("producer").get(pk=support.pk)
    if not assign(support, SUPPORT_FIELDS, data, multiline=("note",)):
        return support
    _check(support)
    save(support, actor=actor, reason=reason_of(reason, "Cập nhật hỗ trợ"))
    return support
