"""What every activity service shares: input cleaning, placing a record on both maps, checks, saving.

``save`` validates the whole record (``full_clean``), writes it with a history entry naming the actor
and the reason, and turns database refusals into an ``ApplicationError`` with a Vietnamese message.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ocop.activities.domain import dates_in_order
from ocop.activities.permissions import can_place_at
from ocop.core.exceptions import ApplicationError, PermissionDeniedError
from ocop.core.text import fold, normalize
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import paths_of

REASON_LIMIT = 100  # the history column holds 100 characters


def today() -> dt.date:
    return timezone.localdate()


def clean_value(field: str, value: Any, *, multiline: Iterable[str] = ()) -> Any:
    """NFC text: one line collapsed and trimmed, multi-line fields only trimmed; other values unchanged."""
    if not isinstance(value, str):
        return value
    if field in multiline:
        return unicodedata.normalize("NFC", value).strip()
    return normalize(value)


def current(instance: Any, field: str) -> Any:
    try:
        return getattr(instance, field)
    except ObjectDoesNotExist:  # an unset foreign key
        return None


def assign(instance: Any, allowed: tuple[str, ...], data: dict[str, Any], *, multiline=()) -> list[str]:
    """Set the ``allowed`` fields of ``data`` on ``instance``; return the names of those that changed."""
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ApplicationError(f"Trường không được phép sửa: {', '.join(unknown)}.", field=unknown[0])
    changed = []
    for field, value in data.items():
        value = clean_value(field, value, multiline=multiline)
        if current(instance, field) != value:
            setattr(instance, field, value)
            changed.append(field)
    return changed


def reason_of(reason: str | None, default: str) -> str:
    return (normalize(reason) or default)[:REASON_LIMIT]


def fail(message: str, field: str | None = None) -> None:
    raise ApplicationError(message, field=field)


def raise_validation(exc: ValidationError) -> None:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    field, messages = next(iter(errors.items()))
    raise ApplicationError(
        " ".join(str(m) for m in messages),
        field=None if field == "__all__" else field,
        extra={"errors": errors},
    ) from exc


def save(instance: Any, *, actor, reason: str, duplicate: str | None = None) -> None:
    """Validate and save with a history entry (who, why); ``duplicate`` is the message for a unique clash."""
    try:
        instance.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise_validation(exc)
    instance._history_user = actor
    instance._change_reason = reason[:REASON_LIMIT]
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        raise ApplicationError(
            duplicate or "Bản ghi trùng hoặc mâu thuẫn với dữ liệu đã có; hãy kiểm tra lại."
        ) from exc


def mark_history(instance: Any, *, actor, reason: str) -> None:
    """Name the actor and reason on an instance before a delete or an m2m change writes its history."""
    instance._history_user = actor
    instance._change_reason = reason[:REASON_LIMIT]


def place(instance: Any, unit: AdminUnit | None, *, actor, field: str = "unit") -> None:
    """Put a located record at ``unit`` with its paths on both maps, if the actor may place records there."""
    if unit is None:
        fail("Hãy chọn địa bàn của bản ghi.", field)
    paths = paths_of(unit)
    if not can_place_at(actor, paths):
        raise PermissionDeniedError("Bạn không có quyền ghi nhận hoạt động tại địa bàn này.", field=field)
    instance.unit = unit
    instance.path_2025, instance.path_pre2025 = paths


def check_unit_on(unit: AdminUnit, day: dt.date | None, *, field: str = "unit") -> None:
    """An abolished unit cannot hold what happened on or after the day it ceased to exist."""
    if day is not None and unit.valid_to is not None and day >= unit.valid_to:
        fail(
            f"{unit.name} không còn là đơn vị hành chính từ {unit.valid_to:%d/%m/%Y}; "
            "hãy chọn đơn vị hiện hành.",
            field,
        )


def check_dates(
    start: dt.date | None,
    end: dt.date | None,
    *,
    field: str,
    labels: tuple[str, str] = ("Ngày kết thúc", "ngày bắt đầu"),
    strict: bool = False,
) -> None:
    """``end`` not before ``start`` (strictly after it with ``strict``); the message names both dates."""
    if not dates_in_order(start, end, strict=strict):
        relation = "phải sau" if strict else "không được trước"
        fail(f"{labels[0]} ({end:%d/%m/%Y}) {relation} {labels[1]} ({start:%d/%m/%Y}).", field)


def check_not_future(day: dt.date | None, *, field: str, label: str) -> None:
    if day is not None and day > today():
        fail(f"{label} ({day:%d/%m/%Y}) không được sau ngày hôm nay.", field)


def check_amounts(instance: Any, fields: Iterable[str]) -> None:
    """Money and counts are whole numbers, zero or more (the message names the field)."""
    for field in fields:
        value = getattr(instance, field)
        if value is None:
            setattr(instance, field, 0)
        elif int(value) != value or value < 0:
            label = instance._meta.get_field(field).verbose_name
            fail(f"{str(label).capitalize()} phải là số nguyên không âm.", field)


def check_product_of(producer, product, *, field: str = "product") -> None:
    if product is not None and product.producer_id != producer.pk:
        fail(f"Sản phẩm “{product.name}” không thuộc chủ thể “{producer.name}”.", field)


def search_key(*parts: str | None) -> str:
    return fold(" ".join(p for p in parts if p))[:600]
