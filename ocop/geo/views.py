"""Public pages of administrative units: the list (map version, search, level) and one unit."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.core.exceptions import NotFoundError
from ocop.geo import selectors
from ocop.geo.domain import MAP_2025, MAP_PRE_2025, REFORM_DATE, Level
from ocop.geo.models import AdminUnit

MAP_CHOICES = [
    (MAP_2025, _("Hiện hành (từ 01/07/2025)")),
    (MAP_PRE_2025, _("Trước 01/07/2025")),
]
LEVEL_CHOICES = [
    ("", _("Mặc định")),
    ("all", _("Mọi cấp")),
    (str(Level.PROVINCE.value), _("Tỉnh, thành phố")),
    (str(Level.DISTRICT.value), _("Quận, huyện, thị xã")),
    (str(Level.COMMUNE.value), _("Xã, phường, thị trấn, đặc khu")),
]
SORT_CHOICES = [("code", _("Theo mã")), ("name", _("Theo tên"))]


def _map_date(map_key: str) -> dt.date:
    """The day whose map is shown: today, or the last day of the map before the reform."""
    return REFORM_DATE - dt.timedelta(days=1) if map_key == MAP_PRE_2025 else timezone.localdate()


def _level(value: str, *, searching: bool) -> int | None:
    if value in {str(level.value) for level in Level}:
        return int(value)
    if value == "all" or searching:
        return None
    return Level.PROVINCE


def unit_list(request: HttpRequest) -> HttpResponse:
    """Provinces of the current map by default; switch map, search by name (accents optional) or code."""
    map_key = MAP_PRE_2025 if request.GET.get("map") == MAP_PRE_2025 else MAP_2025
    at = _map_date(map_key)
    q = request.GET.get("q", "").strip()[:100]
    parent: AdminUnit | None = None
    parent_code = request.GET.get("parent", "").strip()[:10]
    if parent_code:
        try:
            parent = selectors.unit_get(code=parent_code, at=at)
        except NotFoundError as error:
            raise Http404(error.message) from error
    level = _level(request.GET.get("level", ""), searching=bool(q or parent))
    sort = "name" if request.GET.get("sort") == "name" else "code"
    units = selectors.units_list(level=level, parent=parent, at=at, q=q, order=sort)
    page = Paginator(units, settings.OCOP_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "map_key": map_key,
        "at": at,
        "q": q,
        "parent": parent,
        "level": request.GET.get("level", ""),
        "sort": sort,
        "map_choices": MAP_CHOICES,
        "level_choices": LEVEL_CHOICES,
        "sort_choices": SORT_CHOICES,
        "query": query.urlencode(),
        "is_pre_2025": map_key == MAP_PRE_2025,
    }
    return render(request, "geo/unit_list.html", context)


def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One unit: facts, parent, children (paged) and its successions both ways."""
    try:
        unit = selectors.unit_get(pk=pk)
    except NotFoundError as error:
        raise Http404(error.message) from error
    children = Paginator(selectors.unit_children(unit=unit), settings.OCOP_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    successors = [new for new in selectors.current_units_for(old_unit=unit) if new != unit]
    context = {
        "unit": unit,
        "map_key": unit.map_key,
        "children": children,
        "predecessors": selectors.predecessors_of(unit=unit),
        "successors": successors,
    }
    return render(request, "geo/unit_detail.html", context)
