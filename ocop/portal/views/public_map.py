"""Public sales-point map (no login): the page with its HTML list, the points as JSON, the map background."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET

from ocop.activities.models import SalesPointKind
from ocop.portal.selectors.public_map import (
    MapPoint,
    current_provinces,
    map_background,
    map_filters_from,
    sales_points_public,
)

# The background is the administrative map itself: it changes only when the units are reloaded.
BACKGROUND_MAX_AGE = 6 * 60 * 60


_PK_MARK = 987654321


def product_url_maker() -> Callable[[int], str]:
    """Build product page addresses (``portal:product``), reversing once rather than once per product.

    While that page is not wired yet, its planned address ``/ocop/san-pham/<pk>/`` is used.
    """
    try:
        pattern = reverse("portal:product", args=[_PK_MARK])
    except NoReverseMatch:
        pattern = f"/ocop/san-pham/{_PK_MARK}/"
    head, tail = pattern.split(str(_PK_MARK), 1)
    return lambda pk: f"{head}{pk}{tail}"


def points_json(points: list[MapPoint]) -> list[dict]:
    """What the map script draws: only the points that have a position (the list shows them all)."""
    return [
        {
            "id": p.pk,
            "name": p.name,
            "kind": p.kind,
            "kind_label": p.kind_label,
            "address": p.address,
            "commune": p.commune,
            "province": p.province,
            "opened_on": p.opened_on_text,
            "lat": p.latitude,
            "lon": p.longitude,
            "approximate": p.approximate,
            "products": [{"name": x.name, "star": x.star, "url": x.url} for x in p.products],
        }
        for p in points
        if p.on_map
    ]


def _points(request: HttpRequest):
    provinces = current_provinces()
    filters, problems = map_filters_from(request.GET, provinces)
    points = sales_points_public(filters=filters, provinces=provinces, today=timezone.localdate())
    url_of = product_url_maker()
    for point in points:
        for product in point.products:
            product.url = url_of(product.pk)
    return provinces, filters, problems, points


@require_GET
def sales_map(request: HttpRequest) -> HttpResponse:
    """The map of open display and sales points, with the same points as a table beside it."""
    provinces, filters, problems, points = _points(request)
    context = {
        "provinces": provinces,
        "kinds": SalesPointKind.choices,
        "filters": filters,
        "problems": problems,
        "points": points,
        "points_data": points_json(points),
        "without_position": sum(1 for p in points if not p.on_map),
        "approximate_count": sum(1 for p in points if p.approximate),
    }
    return render(request, "portal/map.html", context)


@require_GET
@gzip_page
def sales_map_data(request: HttpRequest) -> JsonResponse:
    """The points of the map as JSON, with the same filters as the page (``?tinh=&loai=``)."""
    _provinces, _filters, problems, points = _points(request)
    return JsonResponse({"points": points_json(points), "problems": problems})


@require_GET
@gzip_page
@cache_control(public=True, max_age=BACKGROUND_MAX_AGE)
def sales_map_background(request: HttpRequest) -> JsonResponse:
    """Commune and province centroids of the current map: the map's background, in place of tiles."""
    return JsonResponse(map_background())
