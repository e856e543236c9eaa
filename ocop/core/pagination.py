"""API paging: ``?limit=&offset=`` answering ``{"items": [...], "count": N}``, limit capped by settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_OFFSET = 1_000_000_000  # beyond any table here; a larger one would overflow the database's integer


class CappedLimitOffsetPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(50, ge=1, le=500, description="Số bản ghi mỗi trang (tối đa 500)")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Bỏ qua bao nhiêu bản ghi")

    def paginate_queryset(self, queryset, pagination: Input, **params: Any) -> Any:
        pagination.limit = min(pagination.limit, settings.OCOP_API_MAX_PAGE_SIZE)
        return super().paginate_queryset(queryset, pagination, **params)
