"""Writes of media items: TV clips and reports, radio programmes, articles, social posts."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ocop.activities.models import MediaItem
from ocop.activities.permissions import can_change_located, can_view_located
from ocop.activities.services._base import (
    assign,
    check_not_future,
    check_unit_on,
    place,
    reason_of,
    save,
    search_key,
)
from ocop.core.exceptions import NotFoundError, PermissionDeniedError

MEDIA_FIELDS = ("unit", "kind", "title", "channel", "published_on", "url")


def _check(item: MediaItem) -> None:
    check_not_future(item.published_on, field="published_on", label="Ngày phát sóng, đăng tải")
    check_unit_on(item.unit, item.published_on)
    item.search_folded = search_key(item.title, item.channel)


@transaction.atomic
def media_create(*, actor, reason: str = "Ghi nhận tin, bài", **data: Any) -> MediaItem:
    """Record a clip, report or article at a unit of the actor's scope (``MEDIA_FIELDS``)."""
    item = MediaItem(created_by=actor)
    unit = data.pop("unit", None)
    assign(item, MEDIA_FIELDS, data)
    place(item, unit, actor=actor)
    _check(item)
    save(item, actor=actor, reason=reason_of(reason, "Ghi nhận tin, bài"))
    return item


@transaction.atomic
def media_update(*, actor, item: MediaItem, reason: str = "Cập nhật tin, bài", **data: Any) -> MediaItem:
    if not can_view_located(actor, item):
        raise NotFoundError("Không tìm thấy tin, bài.")
    if not can_change_located(actor, item):
        raise PermissionDeniedError("Bạn không có quyền sửa tin, bài này.")
    item = MediaItem.objects.select_for_update().select_related("unit").get(pk=item.pk)
    changed = assign(item, MEDIA_FIELDS, data)
    if not changed:
        return item
    if "unit" in changed:
        place(item, item.unit, actor=actor)
    _check(item)
    save(item, actor=actor, reason=reason_of(reason, "Cập nhật tin, bài"))
    return item
