"""Pages of a plan's milestones: add one, update its status, attach evidence documents."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ocop.core.exceptions import ApplicationError
from ocop.core.views_support import apply_error
from ocop.monitoring import services
from ocop.monitoring.forms import EvidenceForm, MilestoneForm, MilestoneStatusForm
from ocop.monitoring.models import Milestone, Plan
from ocop.monitoring.views.common import officer_required
from ocop.monitoring.views.targets import _plan_for_change


def _milestone_of(plan: Plan, milestone_pk: int) -> Milestone:
    milestone = plan.milestones.filter(pk=milestone_pk).first()
    if milestone is None:
        raise Http404(_("Không tìm thấy nhiệm vụ."))
    return milestone


@officer_required
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_for_change(request, pk)
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_add(actor=request.user, plan=plan, **form.cleaned_data)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã thêm nhiệm vụ."))
            return redirect(plan.get_absolute_url() + "#nhiem-vu")
    return render(request, "monitoring/milestone_form.html", {"form": form, "plan": plan, "milestone": None})


@officer_required
def milestone_edit(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    """Update a milestone's status and attach evidence (two forms on one page)."""
    plan = _plan_for_change(request, pk)
    milestone = _milestone_of(plan, milestone_pk)
    initial = {"status": milestone.status, "done_on": milestone.done_on, "note": milestone.note}
    is_upload = request.method == "POST" and "file" in request.FILES
    form = MilestoneStatusForm(
        request.POST if request.method == "POST" and not is_upload else None, initial=initial
    )
    evidence_form = EvidenceForm(request.POST if is_upload else None, request.FILES if is_upload else None)
    if request.method == "POST" and not is_upload and form.is_valid():
        try:
            services.milestone_update(actor=request.user, milestone=milestone, **form.cleaned_data)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã cập nhật tình trạng nhiệm vụ."))
            return redirect(plan.get_absolute_url() + "#nhiem-vu")
    if is_upload and evidence_form.is_valid():
        try:
            services.milestone_evidence_add(
                actor=request.user, milestone=milestone, **evidence_form.cleaned_data
            )
        except ApplicationError as exc:
            apply_error(evidence_form, exc)
        else:
            messages.success(request, _("Đã tải lên tài liệu minh chứng."))
            return redirect("monitoring:milestone-edit", pk=plan.pk, milestone_pk=milestone.pk)
    return render(
        request,
        "monitoring/milestone_form.html",
        {
            "form": form,
            "evidence_form": evidence_form,
            "plan": plan,
            "milestone": milestone,
            "evidence": list(milestone.evidence.all()),
        },
    )
