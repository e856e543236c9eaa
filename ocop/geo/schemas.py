"""Input and output schemas of the administrative-unit API."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from ocop.geo.models import AdminUnit


class AdminUnitRef(Schema):
    """A unit named in passing: enough to show it and fetch it."""

    id: int
    code: str
    name: str
    level: int


class AdminUnitOut(Schema):
    """One administrative unit on one map version."""

    id: int
    code: str = Field(description="Mã GSO, giữ số 0 ở đầu / GSO code with its leading zeros")
    name: str
    english_name: str
    kind: str
    kind_label: str
    level: int = Field(description="1 tỉnh/thành phố, 2 quận/huyện (trước 01/07/2025), 3 xã/phường")
    parent: AdminUnitRef | None
    valid_from: dt.date | None = Field(description="hiệu lực từ (trống: trước khi có dữ liệu)")
    valid_to: dt.date | None = Field(description="hết hiệu lực từ ngày này (trống: đang có hiệu lực)")
    latitude: float | None
    longitude: float | None

    @staticmethod
    def resolve_kind_label(obj: AdminUnit) -> str:
        return str(obj.get_kind_display())


class SuccessionOut(Schema):
    """One link of the 2025 reorganisation, seen from the other unit."""

    unit: AdminUnitRef
    kind: str
    kind_label: str
    effective_on: dt.date
    note: str


class AdminUnitDetailOut(AdminUnitOut):
    """A unit with its children count and the successions both ways."""

    children_count: int
    predecessors: list[SuccessionOut]
    successors: list[SuccessionOut]


class AdminUnitFilters(Schema):
    """Query parameters of the list."""

    level: int | None = Field(None, ge=1, le=3, description="1, 2 hoặc 3")
    parent: str | None = Field(
        None, max_length=20, description="mã GSO của đơn vị cấp trên (hoặc id, nếu không có mã đó)"
    )
    parent_id: int | None = Field(None, ge=1, description="id của đơn vị cấp trên")
    at: dt.date | None = Field(None, description="ngày xem bản đồ, YYYY-MM-DD (mặc định: hôm nay)")
    q: str | None = Field(None, max_length=100, description="tìm theo tên (không dấu cũng được) hoặc mã")
    sort: Literal["code", "name"] = Field("code", description="sắp xếp theo mã hoặc theo tên")
