"""Pages of certification: officers' certificates and decisions, the PDF, and the public verification page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ocop.certification import domain, pdf, selectors, services
from ocop.certification.domain import CertificateStatus
from ocop.certification.exports import DECISION_COLUMNS, certificate_columns
from ocop.certification.forms import (
    CertificateFilterForm,
    DecisionForm,
    InspectionForm,
    RenewalForm,
    RevocationForm,
)
from ocop.certification.models import Certificate
from ocop.certification.permissions import can_inspect, can_issue_decisions, can_open_renewal, can_revoke
from ocop.core.exceptions import ApplicationError, NotFoundError
from ocop.core.exports import export_format, export_response
from ocop.core.views_support import apply_error, get_or_404, paginate

# ----------------------------------------------------------------------------------------------------
# Certificates


@login_required
def certificate_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = CertificateFilterForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.CertificateFilters(
        status=data.get("status") or None,
        star=data.get("star"),
        province_id=data["province"].pk if data.get("province") else None,
        q=data.get("q"),
    )
    certificates = selectors.certificate_list(user=request.user, filters=filters, today=today)
    if fmt := export_format(request):
        columns = certificate_columns(today)
        return export_response(fmt, rows=certificates, columns=columns, name="giay-chung-nhan")
    page = paginate(request, certificates)
    page.object_list = selectors.with_status(page.object_list, today=today)
    template = (
        "certification/_certificate_rows.html" if request.htmx else "certification/certificate_list.html"
    )
    return render(
        request,
        template,
        {"form": form, "page": page, "today": today, "can_decide": can_issue_decisions(request.user)},
    )


def _renewal_context(user, certificate: Certificate, status, today) -> dict:
    window = domain.renewal_window_state(certificate.valid_until, today)
    live = status.code not in (CertificateStatus.REVOKED, CertificateStatus.SUPERSEDED)
    may_open = can_open_renewal(user, certificate) and live
    return {
        "window": window,
        "window_message": domain.renewal_window_message(window),
        "can_reevaluate": may_open and window.is_open,
        "show_window": may_open,
        "can_upgrade": may_open and status.in_force and certificate.star < 5,
    }


@login_required
def certificate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    today = timezone.localdate()
    certificate = get_or_404(selectors.certificate_get_for_user, user=request.user, pk=pk)
    status = selectors.certificate_status_of(certificate, today=today)
    live = status.code not in (CertificateStatus.REVOKED, CertificateStatus.SUPERSEDED)
    revocation = selectors.revocation_of(certificate)
    context = {
        "certificate": certificate,
        "status": status,
        "today": today,
        "timeline": selectors.certificate_timeline(certificate, today=today),
        "revocation": revocation,
        "revocation_ground": selectors.revocation_ground_of(revocation) if revocation else None,
        "revocation_late": selectors.revocation_late(revocation) if revocation else False,
        "can_revoke": live and can_revoke(request.user, certificate),
        "can_inspect": live and can_inspect(request.user, certificate),
        "reevaluation_called": certificate.inspections.filter(outcome="reevaluate").exists(),
        **_renewal_context(request.user, certificate, status, today),
    }
    return render(request, "certification/certificate_detail.html", context)


@login_required
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_or_404(selectors.certificate_get_for_user, user=request.user, pk=pk)
    body = pdf.certificate_pdf(certificate, url=pdf.verification_url(request, certificate))
    response = HttpResponse(body, content_type="application/pdf")
    filename = "giay-chung-nhan-" + certificate.number.replace("/", "-") + ".pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
@require_POST
def certificate_renewal(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a re-evaluation or upgrade dossier; problems come back as messages on the certificate page."""
    certificate = get_or_404(selectors.certificate_get_for_user, user=request.user, pk=pk)
    form = RenewalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Loại hồ sơ phải là “đánh giá lại” hoặc “nâng hạng”."))
        return redirect(certificate)
    try:
        dossier = services.renewal_dossier_open(
            actor=request.user, certificate=certificate, kind=form.cleaned_data["kind"]
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(certificate)
    messages.success(
        request,
        _("Đã lập hồ sơ %(kind)s cho sản phẩm “%(product)s”; hãy hoàn thiện hồ sơ và nộp cho UBND cấp xã.")
        % {"kind": dossier.get_kind_display().lower(), "product": certificate.product.name},
    )
    try:
        return redirect(dossier.get_absolute_url())
    except NoReverseMatch:  # the dossier pages are not wired yet
        return redirect(certificate)


@login_required
def certificate_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_or_404(selectors.certificate_get_for_user, user=request.user, pk=pk)
    if not can_revoke(request.user, certificate):
        raise PermissionDenied(_("Bạn không có quyền thu hồi giấy chứng nhận này."))
    form = RevocationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_revoke(actor=request.user, certificate=certificate, **form.cleaned_data)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(
                request,
                _("Đã ghi nhận quyết định thu hồi giấy chứng nhận %(n)s.") % {"n": certificate.number},
            )
            return redirect(certificate)
    return render(request, "certification/revocation_form.html", {"form": form, "certificate": certificate})


@login_required
def inspection_create(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_or_404(selectors.certificate_get_for_user, user=request.user, pk=pk)
    if not can_inspect(request.user, certificate):
        raise PermissionDenied(_("Bạn không có quyền ghi nhận hậu kiểm giấy chứng nhận này."))
    form = InspectionForm(request.POST or None, initial={"inspected_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.inspection_record(actor=request.user, certificate=certificate, **form.cleaned_data)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận kết quả hậu kiểm."))
            return redirect(certificate)
    return render(request, "certification/inspection_form.html", {"form": form, "certificate": certificate})


@login_required
def pending_revocations(request: HttpRequest) -> HttpResponse:
    """Inspections that concluded "revoke" awaiting a decision (15 days), and calls for re-evaluation."""
    today = timezone.localdate()
    return render(
        request,
        "certification/pending.html",
        {
            "today": today,
            "pending": selectors.pending_revocations(user=request.user, today=today),
            "calls": selectors.reevaluation_calls(user=request.user, today=today),
        },
    )


# ----------------------------------------------------------------------------------------------------
# Decisions


@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    decisions = selectors.decisions_for_user(user=request.user)
    if fmt := export_format(request):
        return export_response(fmt, rows=decisions, columns=DECISION_COLUMNS, name="quyet-dinh-cong-nhan")
    page = paginate(request, decisions)
    return render(
        request,
        "certification/decision_list.html",
        {"page": page, "can_decide": can_issue_decisions(request.user)},
    )


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    today = timezone.localdate()
    decision = get_or_404(selectors.decision_get_for_user, user=request.user, pk=pk)
    rows = selectors.with_status(
        selectors.decision_certificates(user=request.user, decision=decision), today=today
    )
    return render(request, "certification/decision_detail.html", {"decision": decision, "certificates": rows})


@login_required
def decision_issue(request: HttpRequest) -> HttpResponse:
    """The scored dossiers of the officer's province, to tick and recognise in one decision."""
    if not can_issue_decisions(request.user):
        raise PermissionDenied(
            _("Chỉ cán bộ cấp tỉnh hoặc cấp trung ương được ghi nhận quyết định công nhận.")
        )
    dossiers = selectors.scored_dossiers_for_user(user=request.user)
    form = DecisionForm(request.POST or None, dossiers=dossiers)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_issue(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(
                request,
                _("Đã ban hành quyết định %(n)s, cấp %(c)s giấy chứng nhận.")
                % {"n": decision.number, "c": decision.certificates.count()},
            )
            return redirect("certification:decision-detail", pk=decision.pk)
    chosen = {str(v) for v in (form["dossiers"].value() or [])}
    return render(
        request, "certification/decision_form.html", {"form": form, "dossiers": dossiers, "chosen": chosen}
    )


# ----------------------------------------------------------------------------------------------------
# Public verification (no login)


@never_cache
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """The QR code's target: public facts and the live status, or a friendly 404 for any other address."""
    try:
        public = selectors.certificate_public(token, today=timezone.localdate())
    except NotFoundError:
        return render(request, "certification/verify_not_found.html", status=404)
    return render(request, "certification/verify.html", {"c": public})
