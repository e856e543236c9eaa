"""Pages of progress reports: issue one (freezing the values), view an issued one, and the Excel and PDF
exports of live progress and of issued reports."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ocop.core.exceptions import ApplicationError
from ocop.core.views_support import apply_error, get_or_404
from ocop.monitoring import exports, selectors, services
from ocop.monitoring.exports.progress import frozen_progress
from ocop.monitoring.forms import ReportForm
from ocop.monitoring.indicators import Grouping
from ocop.monitoring.views.common import as_of_from, grouping_from, is_old_map, officer_required
from ocop.monitoring.views.plans import _unit_arg, progress_display
from ocop.monitoring.views.targets import _plan_for_change


@officer_required
def report_issue(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_for_change(request, pk)
    form = ReportForm(request.POST or None, old_map=is_old_map(plan.unit))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.report_issue(
                actor=request.user,
                plan=plan,
                as_of=data["as_of"],
                grouping=data.get("grouping") or Grouping.CHILDREN,
                title=data.get("title") or "",
                note=data.get("note") or "",
            )
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã ban hành báo cáo “%(t)s”.") % {"t": report.title})
            return redirect(report)
    return render(request, "monitoring/report_form.html", {"form": form, "plan": plan})


@officer_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_or_404(selectors.report_get_for_user, user=request.user, pk=pk)
    progress = frozen_progress(report)
    context = progress_display(request, progress, frozen=True)
    context |= {"report": report, "plan": report.plan}
    return render(request, "monitoring/report_detail.html", context)


def _live(request: HttpRequest, pk: int):
    plan = get_or_404(selectors.plan_get_for_user, user=request.user, pk=pk)
    return get_or_404(
        selectors.plan_progress,
        plan=plan,
        as_of=as_of_from(request),
        unit=_unit_arg(request),
        grouping=grouping_from(request, plan.unit),
    )


def _download(body: bytes, *, content_type: str, filename: str, inline: bool = False) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@officer_required
def plan_export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    progress = _live(request, pk)
    name = exports.filename(progress, "xlsx")
    return _download(exports.progress_xlsx(progress), content_type=XLSX, filename=name)


@officer_required
def plan_export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    progress = _live(request, pk)
    return _download(
        exports.progress_pdf(progress),
        content_type="application/pdf",
        filename=exports.filename(progress, "pdf"),
    )


@officer_required
def report_export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_or_404(selectors.report_get_for_user, user=request.user, pk=pk)
    progress = frozen_progress(report)
    return _download(
        exports.progress_xlsx(progress, report=report),
        content_type=XLSX,
        filename=exports.filename(progress, "xlsx", report=report),
    )


@officer_required
def report_export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_or_404(selectors.report_get_for_user, user=request.user, pk=pk)
    progress = frozen_progress(report)
    return _download(
        exports.progress_pdf(progress, report=report),
        content_type="application/pdf",
        filename=exports.filename(progress, "pdf", report=report),
    )
