"""Pages of a plan's targets: the detail (breakdown table and chart), add, edit, remove, and the
parameter fields of the chosen indicator (an htmx fragment of the target form)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.core.exceptions import ApplicationError
from ocop.core.views_support import apply_error, get_or_404
from ocop.monitoring import selectors, services
from ocop.monitoring.forms import TargetForm, TargetRemoveForm
from ocop.monitoring.models import Plan, Target
from ocop.monitoring.permissions import can_change_plan
from ocop.monitoring.views.charts import cells_chart
from ocop.monitoring.views.common import officer_required
from ocop.monitoring.views.plans import progress_context


def _plan_for_change(request: HttpRequest, pk: int) -> Plan:
    plan = get_or_404(selectors.plan_get_for_user, user=request.user, pk=pk)
    if not can_change_plan(request.user, plan):
        raise PermissionDenied(_("Bạn không có quyền sửa kế hoạch này."))
    return plan


def _target_of(plan: Plan, target_pk: int) -> Target:
    target = plan.targets.filter(pk=target_pk).first()
    if target is None:
        raise Http404(_("Không tìm thấy chỉ tiêu."))
    return target


@officer_required
def target_detail(request: HttpRequest, pk: int, target_pk: int) -> HttpResponse:
    """One target: every period, every child unit's value, share and status, a chart per period."""
    plan = get_or_404(selectors.plan_get_for_user, user=request.user, pk=pk)
    target = _target_of(plan, target_pk)
    context = progress_context(request, plan)
    item = next(t for t in context["targets"] if t["progress"].target.pk == target.pk)
    tp = item["progress"]
    periods = [
        {
            "progress": pp,
            "chart": cells_chart(
                pp.children,
                series_label=_("Thực hiện"),
                unit=tp.indicator.unit_label,
                target=target.value if target.per_child else None,
                target_max=target.value_max if target.per_child else None,
                judged=target.per_child,
            )
            if pp.children
            else None,
            "chart_id": f"chart-{target.pk}-{index}",
        }
        for index, pp in enumerate(tp.periods)
    ]
    links = {row["unit"].pk: row["link"] for row in context["matrix"]}
    context |= {
        "plan": plan,
        "target": target,
        "item": item,
        "periods": periods,
        "links": links,
        "can_change": can_change_plan(request.user, plan),
    }
    return render(request, "monitoring/target_detail.html", context)


def _save_target(request: HttpRequest, plan: Plan, target: Target | None) -> HttpResponse:
    form = TargetForm(request.POST or None, target=target)
    if request.method == "POST" and form.is_valid():
        try:
            if target is None:
                data = form.service_data()
                services.target_add(actor=request.user, plan=plan, **data)
                messages.success(request, _("Đã thêm chỉ tiêu."))
            else:
                services.target_update(actor=request.user, target=target, **form.service_data())
                messages.success(request, _("Đã cập nhật chỉ tiêu."))
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            return redirect(plan)
    return render(request, "monitoring/target_form.html", {"form": form, "plan": plan, "target": target})


@officer_required
def target_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _save_target(request, _plan_for_change(request, pk), None)


@officer_required
def target_edit(request: HttpRequest, pk: int, target_pk: int) -> HttpResponse:
    plan = _plan_for_change(request, pk)
    return _save_target(request, plan, _target_of(plan, target_pk))


@officer_required
def target_params(request: HttpRequest, pk: int) -> HttpResponse:
    """The parameter fields of ``?indicator=`` with its description (swapped into the target form)."""
    _plan_for_change(request, pk)
    form = TargetForm(indicator_key=request.GET.get("indicator") or "")
    return render(request, "monitoring/_target_params.html", {"form": form})


@officer_required
@require_POST
def target_remove(request: HttpRequest, pk: int, target_pk: int) -> HttpResponse:
    plan = _plan_for_change(request, pk)
    target = _target_of(plan, target_pk)
    form = TargetRemoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi lý do xoá chỉ tiêu."))
        return redirect("monitoring:target-edit", pk=plan.pk, target_pk=target.pk)
    try:
        services.target_remove(actor=request.user, target=target, reason=form.cleaned_data["reason"])
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("monitoring:target-edit", pk=plan.pk, target_pk=target.pk)
    messages.success(request, _("Đã xoá chỉ tiêu “%(t)s”.") % {"t": target.title})
    return redirect(plan)
