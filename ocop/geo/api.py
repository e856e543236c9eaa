"""Public API of administrative units: the list (filters, date, search, paging) and one unit's detail."""

# No "from __future__ import annotations" here: django-ninja reads these annotations at import.
import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from ocop.core.exceptions import ApplicationError, NotFoundError
from ocop.core.pagination import MAX_OFFSET
from ocop.geo import selectors
from ocop.geo.models import AdminUnit
from ocop.geo.schemas import AdminUnitDetailOut, AdminUnitFilters, AdminUnitOut

router = Router(tags=["admin-units"])


class AdminUnitPaging(Schema):
    limit: int = Field(settings.OCOP_PAGE_SIZE, ge=1, le=settings.OCOP_API_MAX_PAGE_SIZE)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class ItemsCountPagination(LimitOffsetPagination):
    """``limit``/``offset`` paging answering ``{"items": [...], "count": N}``, limit capped by settings."""

    Input = AdminUnitPaging  # its own name: the API's shared paging schema is also called "Input"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=settings.OCOP_API_MAX_PAGE_SIZE, **kwargs)


def _parent(filters: AdminUnitFilters, at: dt.date) -> AdminUnit | None:
    """The parent named by code (as in force on ``at``), else by id."""
    try:
        if filters.parent_id is not None:
            return selectors.unit_get(pk=filters.parent_id)
        if filters.parent:
            try:
                return selectors.unit_get(code=filters.parent, at=at)
            except NotFoundError:
                if not filters.parent.isdigit():
                    raise
                return selectors.unit_get(pk=int(filters.parent))
    except NotFoundError as error:
        raise ApplicationError(_("Không có đơn vị cấp trên này."), field="parent") from error
    return None


@router.get("", response=list[AdminUnitOut], summary="Danh sách đơn vị hành chính")
@paginate(ItemsCountPagination)
def list_units(request: HttpRequest, filters: Query[AdminUnitFilters]) -> QuerySet[AdminUnit]:
    """Units in force on ``at`` (default today), by level, parent, name (accents optional) or code."""
    at = filters.at or timezone.localdate()
    return selectors.units_list(
        level=filters.level, parent=_parent(filters, at), at=at, q=filters.q, order=filters.sort
    )


def _link(unit: AdminUnit) -> dict[str, Any]:
    succession = unit.succession
    return {
        "unit": unit,
        "kind": succession.kind,
        "kind_label": str(succession.get_kind_display()),
        "effective_on": succession.effective_on,
        "note": succession.note,
    }


@router.get("/{int:unit_id}", response=AdminUnitDetailOut, summary="Một đơn vị hành chính")
def get_unit(request: HttpRequest, unit_id: int) -> AdminUnit:
    """A unit with its parent, number of children and its successions both ways."""
    unit = selectors.unit_get(pk=unit_id)
    unit.children_count = selectors.unit_children_count(unit=unit)
    unit.predecessors = [_link(old) for old in selectors.predecessors_of(unit=unit)]
    unit.successors = [_link(new) for new in selectors.current_units_for(old_unit=unit) if new != unit]
    return unit
