"""Pages of plans: the list, the plan dashboard (live progress with drill-down), create and edit."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.core.exceptions import ApplicationError
from ocop.core.exports import export_format, export_response
from ocop.core.text import fold
from ocop.core.views_support import apply_error, get_or_404, paginate
from ocop.geo.models import AdminUnit
from ocop.monitoring import selectors, services
from ocop.monitoring.domain import STATUS_LABELS, STATUS_ORDER
from ocop.monitoring.forms import PlanFilterForm, PlanForm
from ocop.monitoring.indicators import Grouping
from ocop.monitoring.list_exports import PLAN_COLUMNS
from ocop.monitoring.models import Plan
from ocop.monitoring.permissions import can_change_plan
from ocop.monitoring.selectors import PlanProgress
from ocop.monitoring.views.charts import target_chart
from ocop.monitoring.views.common import (
    as_of_from,
    breadcrumbs,
    grouping_from,
    is_old_map,
    officer_required,
    query,
)


def _may_create(user) -> bool:
    from ocop.accounts.models import Role
    from ocop.accounts.scoping import scope_of

    scope = scope_of(user)
    return scope.nationwide or user.role in {Role.PROVINCE, Role.COMMUNE}


@officer_required
def plan_list(request: HttpRequest) -> HttpResponse:
    """Plans in the user's area, filtered; each row loads its status counts on its own (htmx)."""
    plans = selectors.plans_for_user(user=request.user)
    form = PlanFilterForm(request.GET or None, plans=plans)
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("q"):
        plans = plans.filter(pk__in=_matching(plans, data["q"]))
    if data.get("unit"):
        plans = plans.filter(unit=data["unit"])
    if data.get("year"):
        year = data["year"]
        plans = plans.filter(period_start__year__lte=year, period_end__year__gte=year)
    if data.get("reference"):
        plans = plans.filter(is_reference=True)
    plans = plans.annotate(
        n_targets=Count("targets", distinct=True), n_milestones=Count("milestones", distinct=True)
    ).order_by("-issued_on", "-pk")
    if fmt := export_format(request):
        return export_response(fmt, rows=plans, columns=PLAN_COLUMNS, name="ke-hoach")
    page = paginate(request, plans, size=20)
    template = "monitoring/_plan_rows.html" if request.htmx else "monitoring/plan_list.html"
    return render(request, template, {"form": form, "page": page, "can_create": _may_create(request.user)})


@officer_required
def plan_status_counts(request: HttpRequest, pk: int) -> HttpResponse:
    """A plan's targets counted by status as of today (the fragment a plan list row loads)."""
    plan = get_or_404(selectors.plan_get_for_user, user=request.user, pk=pk)
    progress = selectors.plan_progress(plan=plan, as_of=timezone.localdate())
    return render(request, "monitoring/_status_counts.html", {"counts": _counts(progress), "plan": plan})


def _matching(plans, q: str) -> list[int]:
    """Plans whose number, title or issuing body hold every word of ``q``, accents and case ignored
    ("dak nong" finds "Đắk Nông"). Plans are few (tens per area): one query, folded here."""
    words = fold(q).split()
    rows = plans.values_list("pk", "number", "title", "issuing_body")
    return [pk for pk, *texts in rows if all(w in fold(" ".join(texts)) for w in words)]


def _counts(progress: PlanProgress) -> list[tuple[str, str, int]]:
    counts = progress.status_counts()
    return [(str(s), str(STATUS_LABELS[s]), counts[s]) for s in STATUS_ORDER if counts[s]]


def _unit_arg(request: HttpRequest) -> AdminUnit | None:
    """``?unit=<pk>`` (a drill-down descendant of the plan's unit, checked by ``plan_progress``)."""
    raw = request.GET.get("unit", "")
    if not raw:
        return None
    unit = AdminUnit.objects.select_related("parent").filter(pk=int(raw)).first() if raw.isdigit() else None
    if unit is None:
        raise Http404(_("Không tìm thấy đơn vị hành chính."))
    return unit


def progress_context(request: HttpRequest, plan: Plan) -> dict:
    """The live progress of ``plan`` for ``?unit`` / ``?as_of`` / ``?grouping`` and what the page shows
    around it (breadcrumbs, the map switch, child links); 404 when the unit is outside the plan."""
    as_of = as_of_from(request)
    grouping = grouping_from(request, plan.unit)
    unit = _unit_arg(request)
    progress = get_or_404(selectors.plan_progress, plan=plan, as_of=as_of, unit=unit, grouping=grouping)
    return progress_display(request, progress) | {
        "crumbs": breadcrumbs(plan.unit, progress.unit),
        "as_of_text": as_of.strftime("%d/%m/%Y"),
        "old_map": is_old_map(plan.unit),
        "map_links": [
            (Grouping.CHILDREN.value, _("Bản đồ trước 01/07/2025"), query(request, grouping=None)),
            (Grouping.CURRENT.value, _("Bản đồ hiện hành"), query(request, grouping=Grouping.CURRENT.value)),
        ],
        "export_query": query(request),
    }


def progress_display(request: HttpRequest, progress: PlanProgress, *, frozen: bool = False) -> dict:
    """Charts, the children matrix and drill-down links of a progress (live or frozen)."""
    targets = [
        {"progress": tp, "chart": target_chart(tp), "chart_id": f"chart-{tp.target.pk}"}
        for tp in progress.targets
    ]
    drill_here = progress.grouping == Grouping.CHILDREN and not frozen
    matrix = []
    for index, unit in enumerate(progress.child_units):
        # a child is judged against the target only when the target applies to each child
        cells = [
            (tp.current.children[index] if index < len(tp.current.children) else None, tp.target.per_child)
            for tp in progress.targets
        ]
        if drill_here:
            link = query(request, unit=unit.pk)
        else:
            link = reverse("monitoring:unit-dashboard", args=[unit.pk])
        matrix.append({"unit": unit, "cells": cells, "link": link})
    return {"progress": progress, "targets": targets, "matrix": matrix, "counts": _counts(progress)}


@officer_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_or_404(selectors.plan_get_for_user, user=request.user, pk=pk)
    context = progress_context(request, plan)
    context |= {
        "plan": plan,
        "can_change": can_change_plan(request.user, plan),
        "reports": list(selectors.reports_of_plan(plan=plan)[:10]),
    }
    return render(request, "monitoring/plan_detail.html", context)


@officer_required
def plan_create(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(actor=request.user, **form.service_data())
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã lập kế hoạch %(n)s; hãy thêm các chỉ tiêu.") % {"n": plan.number})
            return redirect(plan)
    return render(request, "monitoring/plan_form.html", {"form": form, "plan": None})


@officer_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_or_404(selectors.plan_get_for_user, user=request.user, pk=pk)
    if not can_change_plan(request.user, plan):
        raise PermissionDenied(_("Bạn không có quyền sửa kế hoạch này."))
    form = PlanForm(request.POST or None, instance=plan, user=request.user)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data.get("reason") or _("Cập nhật kế hoạch")
        try:
            services.plan_update(actor=request.user, plan=plan, reason=reason, **form.service_data())
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã cập nhật kế hoạch."))
            return redirect(plan)
    return render(request, "monitoring/plan_form.html", {"form": form, "plan": plan})
