"""The unit dashboard: headline indicators for a unit and each of its children, with drill-down."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ocop.geo.domain import MAP_2025, Level
from ocop.geo.models import AdminUnit
from ocop.monitoring import selectors
from ocop.monitoring.indicators import INDICATORS, Grouping, Period, compute
from ocop.monitoring.views.charts import breakdown_chart
from ocop.monitoring.views.common import (
    as_of_from,
    default_unit_for,
    grouping_from,
    is_old_map,
    officer_required,
    query,
    unit_for_user,
    visible_ancestors,
)


@dataclass(frozen=True)
class Headline:
    key: str
    label: Any
    params: dict
    period: str  # "day": a state on as_of; "year": since 1 January; "last_year": the previous year


HEADLINES = (
    Headline("certified_products", _("Sản phẩm 3★"), {"star_min": 3, "star_max": 3}, "day"),
    Headline("certified_products", _("Sản phẩm 4★"), {"star_min": 4, "star_max": 4}, "day"),
    Headline("certified_products", _("Sản phẩm 5★"), {"star_min": 5, "star_max": 5}, "day"),
    Headline("newly_recognised_products", _("Công nhận mới trong năm"), {}, "year"),
    Headline("listed_share", _("Tỉ lệ có mặt trên sàn TMĐT (%)"), {}, "day"),
    Headline("sales_points", _("Điểm giới thiệu và bán sản phẩm"), {}, "day"),
    Headline("training_classes", _("Lớp tập huấn trong năm"), {}, "year"),
    Headline("revenue", _("Doanh thu năm trước (đồng)"), {}, "last_year"),
)


def _period(kind: str, as_of: dt.date) -> Period:
    if kind == "year":
        return Period(dt.date(as_of.year, 1, 1), as_of)
    if kind == "last_year":
        return Period(dt.date(as_of.year - 1, 1, 1), dt.date(as_of.year - 1, 12, 31))
    return Period(as_of, as_of)


@officer_required
def unit_home(request: HttpRequest) -> HttpResponse:
    """The user's own area, or (nationwide users) the provinces to choose from."""
    unit = default_unit_for(request.user)
    if unit is not None:
        return redirect("monitoring:unit-dashboard", pk=unit.pk)
    provinces = AdminUnit.objects.filter(level=Level.PROVINCE).order_by("path")
    return render(
        request,
        "monitoring/unit_home.html",
        {
            "current": [u for u in provinces if u.map_key == MAP_2025],
            "old": [u for u in provinces if u.map_key != MAP_2025],
        },
    )


@officer_required
def unit_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_for_user(request.user, pk)
    as_of = as_of_from(request)
    grouping = grouping_from(request, unit)
    children = selectors.breakdown_units(unit, grouping)
    headlines = [h for h in HEADLINES if h.key in INDICATORS]
    results = [
        compute(
            h.key,
            unit=unit,
            period=_period(h.period, as_of),
            params=h.params,
            grouping=grouping if children else Grouping.NONE,
        )
        for h in headlines
    ]
    keep = query(request, grouping=None)
    rows = [
        {
            "unit": child,
            "values": [r.child(child.path).value for r in results],
            "link": reverse("monitoring:unit-dashboard", args=[child.pk]) + keep,
        }
        for child in children
    ]
    chart = None
    if children and results and headlines[0].key == "certified_products":
        totals = results[0]
        # the units holding certified products (a province has a hundred communes, most without)
        shown = [c for c in children if any(r.child(c.path).value for r in results[:3])]
        chart = breakdown_chart(totals, shown, label=str(headlines[0].label), unit="")
        chart["stacks"] = [
            {"label": str(h.label), "values": [float(r.child(c.path).value or 0) for c in shown]}
            for h, r in zip(headlines[:3], results[:3], strict=False)
        ]
    return render(
        request,
        "monitoring/unit_dashboard.html",
        {
            "unit": unit,
            "as_of": as_of,
            "as_of_text": as_of.strftime("%d/%m/%Y"),
            "grouping": grouping,
            "old_map": is_old_map(unit),
            "map_links": [
                (Grouping.CHILDREN.value, _("Bản đồ trước 01/07/2025"), query(request, grouping=None)),
                (
                    Grouping.CURRENT.value,
                    _("Bản đồ hiện hành"),
                    query(request, grouping=Grouping.CURRENT.value),
                ),
            ],
            "headlines": headlines,
            "totals": [r.total.value for r in results],
            "rows": rows,
            "chart": chart,
            "crumbs": visible_ancestors(request.user, unit),
            "keep": keep,
        },
    )
