"""Pages of the indicator library: every indicator with its description, and any indicator computed for
any unit in the user's area (either map) and period, with the children breakdown, a chart and drill-down."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop.monitoring import selectors
from ocop.monitoring.forms import IndicatorQueryForm, default_period
from ocop.monitoring.indicators import INDICATORS, Grouping, Period, compute
from ocop.monitoring.views.charts import breakdown_chart
from ocop.monitoring.views.common import (
    default_unit_for,
    grouping_from,
    is_old_map,
    officer_required,
    parse_date,
    query,
    unit_for_user,
    visible_ancestors,
)

KIND_LABELS = {
    "stock": gettext_lazy("Trạng thái tại ngày cuối kỳ"),
    "flow": gettext_lazy("Phát sinh trong kỳ"),
}


@officer_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    indicators = sorted(INDICATORS.values(), key=lambda spec: spec.key)
    return render(request, "monitoring/indicator_list.html", {"indicators": indicators, "kinds": KIND_LABELS})


@officer_required
def indicator_detail(request: HttpRequest, key: str) -> HttpResponse:
    spec = INDICATORS.get(key)
    if spec is None:
        raise Http404(_("Không có chỉ số này."))
    raw_unit = request.GET.get("unit")
    unit = unit_for_user(request.user, raw_unit) if raw_unit else default_unit_for(request.user)
    form = IndicatorQueryForm(request.GET or None, user=request.user, spec=spec, unit=unit)
    params = form.params() if form.is_valid() else {}
    today = timezone.localdate()
    given_start, given_end = parse_date(request.GET.get("from")), parse_date(request.GET.get("to"))
    end = given_end or today
    start = given_start or default_period(end)[0]  # 1 January of the end's year
    error = None
    if end < start:
        error = _("Ngày cuối kỳ trước ngày đầu kỳ; đã đổi chỗ hai ngày.")
        start, end = end, start
    context = {
        "spec": spec,
        "kind_label": KIND_LABELS.get(spec.kind, spec.kind),
        "form": form,
        "unit": unit,
        "start": start,
        "end": end,
        "error": error,
        "params": params,
    }
    if unit is not None:
        grouping = grouping_from(request, unit)
        children = selectors.breakdown_units(unit, grouping)
        breakdown = compute(
            key,
            unit=unit,
            period=Period(start, end),
            params=params,
            grouping=grouping if children else Grouping.NONE,
        )
        rows = [
            {
                "unit": child,
                "value": breakdown.child(child.path),
                "link": query(request, unit=child.pk, grouping=None),
            }
            for child in children
        ]
        context |= {
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
            "total": breakdown.total,
            "rows": rows,
            "chart": breakdown_chart(breakdown, children, label=spec.label, unit=spec.unit_label)
            if children
            else None,
            "crumbs": [
                (u, query(request, unit=u.pk, grouping=None)) for u in visible_ancestors(request.user, unit)
            ],
        }
    return render(request, "monitoring/indicator_detail.html", context)
