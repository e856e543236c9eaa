"""Pages of the dossier procedure: producers prepare and follow, communes and provinces work their queues.

Thin views: read through ``selectors.dossiers`` (404 outside the scope), write through
``services.dossiers`` and ``services.rounds``; every refusal comes back as a Vietnamese message.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.accounts.models import Role
from ocop.accounts.scoping import is_producer_account, scope_of
from ocop.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from ocop.core.exports import export_format, export_response
from ocop.core.views_support import apply_error, paginate
from ocop.evaluation import lifecycle
from ocop.evaluation.exports import DOSSIER_COLUMNS
from ocop.evaluation.forms import (
    AdvisoryForm,
    ApplicationForm,
    CommuneAssessmentForm,
    CouncilPickForm,
    DisqualifyForm,
    DossierFilterForm,
    EvidenceForm,
    IntakeForm,
    ReasonForm,
    RoundEditForm,
    RoundForm,
)
from ocop.evaluation.models import Dossier, DossierKind, RoundLevel
from ocop.evaluation.permissions import can_act_as
from ocop.evaluation.selectors import dossiers as selectors
from ocop.evaluation.services import dossiers as services
from ocop.evaluation.services import rounds as round_services
from ocop.registry import selectors as registry_selectors

PAGE_SIZE = 25


# ----------------------------------------------------------------------------------------------------
# Plumbing


def _dossier_or_404(request: HttpRequest, pk: int) -> Dossier:
    try:
        return selectors.dossier_get_for_user(user=request.user, pk=pk)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc


def _form_errors_to_messages(request: HttpRequest, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _can_edit(user, dossier: Dossier) -> bool:
    return dossier.status in lifecycle.EDITABLE_STATES and can_act_as(user, dossier, "producer")


def _sees_commune_queue(user) -> bool:
    return user.is_authenticated and (scope_of(user).nationwide or user.role in {Role.COMMUNE, Role.PROVINCE})


def _sees_province_queue(user) -> bool:
    return user.is_authenticated and (scope_of(user).nationwide or user.role == Role.PROVINCE)


def _sees_rounds(user) -> bool:
    return user.is_authenticated and not is_producer_account(user) and not scope_of(user).is_empty


def _nav(user) -> dict[str, bool]:
    return {
        "nav_commune_queue": _sees_commune_queue(user),
        "nav_province_queue": _sees_province_queue(user),
        "nav_rounds": _sees_rounds(user),
    }


def _missing_message(dossier: Dossier, exc: ApplicationError) -> str:
    """The "criteria not self-scored" refusal with a link to each criterion on the self-assessment page."""
    missing = exc.extra.get("missing") if exc.extra else None
    if not missing:
        return exc.message
    url = reverse("evaluation:dossier-self-assessment", args=[dossier.pk])
    links = format_html_join(
        ", ", '<a href="{}#tieu-chi-{}">{}</a>', ((url, code.replace(".", "-"), code) for code in missing)
    )
    return format_html(
        "{} {}",
        _("Chưa nộp được: còn %(n)d tiêu chí chưa tự đánh giá (Mẫu 02, phần III):") % {"n": len(missing)},
        links,
    )


# ----------------------------------------------------------------------------------------------------
# Lists and queues


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Where "Hồ sơ đánh giá" leads: the commune's or the province's queue, or the dossier list."""
    user = request.user
    if user.role == Role.COMMUNE:
        return redirect("evaluation:queue-commune")
    if user.role == Role.PROVINCE:
        return redirect("evaluation:queue-province")
    return redirect("evaluation:dossier-list")


@login_required
def dossier_list(request: HttpRequest) -> HttpResponse:
    form = DossierFilterForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.DossierFilters(
        q=data.get("q"),
        status=data.get("status") or None,
        kind=data.get("kind") or None,
        round_id=data["round"].pk if data.get("round") else None,
    )
    dossiers = selectors.dossier_list(user=request.user, filters=filters)
    if fmt := export_format(request):
        return export_response(fmt, rows=dossiers, columns=DOSSIER_COLUMNS, name="ho-so")
    page = paginate(request, dossiers)
    template = "evaluation/dossiers/_rows.html" if request.htmx else "evaluation/dossiers/list.html"
    can_create = is_producer_account(request.user) and bool(request.user.producer_id)
    can_create = (
        can_create or request.user.role in {Role.COMMUNE, Role.PROVINCE} or scope_of(request.user).nationwide
    )
    return render(
        request, template, {"form": form, "page": page, "can_create": can_create, **_nav(request.user)}
    )


@login_required
def queue_commune(request: HttpRequest) -> HttpResponse:
    """Dossiers waiting for the commune: receive, assess (Mẫu 03), forward or return — earliest due first."""
    if not _sees_commune_queue(request.user):
        raise PermissionDenied(_("Hàng đợi này dành cho cán bộ cấp xã và cấp tỉnh."))
    today = timezone.localdate()
    page = paginate(request, selectors.commune_queue(user=request.user))
    items = selectors.with_commune_due(page.object_list, today=today)
    return render(
        request,
        "evaluation/dossiers/queue_commune.html",
        {"page": page, "items": items, "today": today, **_nav(request.user)},
    )


@login_required
def queue_province(request: HttpRequest) -> HttpResponse:
    """Dossiers waiting for the province: intake, advisory review, decision — by the round's deadline."""
    if not _sees_province_queue(request.user):
        raise PermissionDenied(_("Hàng đợi này dành cho cán bộ cấp tỉnh."))
    today = timezone.localdate()
    round_id = request.GET.get("round")
    page = paginate(
        request,
        selectors.province_queue(
            user=request.user, round_id=int(round_id) if (round_id or "").isdigit() else None
        ),
    )
    items = selectors.with_round_due(page.object_list, today=today)
    return render(
        request,
        "evaluation/dossiers/queue_province.html",
        {"page": page, "items": items, "today": today, **_nav(request.user)},
    )


# ----------------------------------------------------------------------------------------------------
# Preparing a dossier (producer)


@login_required
def dossier_create(request: HttpRequest) -> HttpResponse:
    """Pick one of the user's products and open a first-time dossier for it."""
    products = registry_selectors.product_list(
        user=request.user, filters=registry_selectors.ProductFilters(q=request.GET.get("q") or None)
    )
    if request.method == "POST":
        try:
            product = registry_selectors.product_get_for_user(
                user=request.user, pk=request.POST.get("product")
            )
            dossier = services.dossier_create(actor=request.user, product=product, kind=DossierKind.FIRST)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("Đã lập hồ sơ cho “%(name)s”. Hãy kiểm tra phiếu đăng ký (Mẫu 01) và tự đánh giá (Mẫu 02).")
                % {"name": product.name},
            )
            return redirect(dossier)
    page = paginate(request, products)
    busy = selectors.products_with_open_dossier([p.pk for p in page.object_list])
    return render(
        request, "evaluation/dossiers/create.html", {"page": page, "busy": busy, **_nav(request.user)}
    )


@login_required
def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _dossier_or_404(request, pk)
    today = timezone.localdate()
    steps = selectors.steps_for(request.user, dossier)
    targets = {s.to_status for s in steps}
    assessment = selectors.self_assessment(dossier)
    context: dict[str, Any] = {
        "dossier": dossier,
        "timeline": selectors.timeline(dossier),
        "assessment": assessment,
        "evidence": selectors.evidence_of(dossier),
        "commune_due": selectors.commune_due(dossier, today=today),
        "round_due": selectors.round_due(dossier.round, today=today),
        "steps": steps,
        "can_edit": _can_edit(request.user, dossier),
        "can_assess": dossier.status == lifecycle.COMMUNE_REVIEW
        and can_act_as(request.user, dossier, "commune"),
        "can_advise": dossier.status in services.ADVISORY_STATES
        and can_act_as(request.user, dossier, "province"),
        "commune_assessment_rows": [
            (label, dossier.commune_assessment.get(key, ""))
            for key, label in services.COMMUNE_ASSESSMENT_FIELDS.items()
        ],
        "reason_form": ReasonForm(),
        **_nav(request.user),
    }
    if lifecycle.ADVISORY_REVIEW in targets:
        context["intake_form"] = IntakeForm(dossier=dossier)
    if lifecycle.COUNCIL in targets:
        context["council_form"] = CouncilPickForm(dossier=dossier)
    if lifecycle.DISQUALIFIED in targets:
        context["disqualify_form"] = DisqualifyForm(conditions=_conditions(dossier))
    return render(request, "evaluation/dossiers/detail.html", context)


def _conditions(dossier: Dossier) -> tuple[str, ...]:
    sheet = selectors.dossier_sheet(dossier)
    return tuple(sheet.disqualification)


@login_required
def dossier_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Mẫu 01: the registration form, while the dossier is being prepared or was returned."""
    dossier = _dossier_or_404(request, pk)
    if not _can_edit(request.user, dossier):
        raise PermissionDenied(_("Hồ sơ này không sửa được ở bước hiện tại."))
    form = ApplicationForm(request.POST or None, initial=ApplicationForm.initial_for(dossier))
    if request.method == "POST" and form.is_valid():
        try:
            services.dossier_update(actor=request.user, dossier=dossier, **form.service_data())
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã lưu phiếu đăng ký."))
            return redirect(dossier)
    return render(request, "evaluation/dossiers/application_form.html", {"form": form, "dossier": dossier})


def _self_score_inputs(request: HttpRequest, assessment) -> dict[str, tuple[int, str]]:
    """The choices posted on the self-assessment page: criterion code → (option index, note)."""
    scores: dict[str, tuple[int, str]] = {}
    for row in assessment.rows:
        code = row.criterion.code
        raw = request.POST.get(f"c-{code}", "")
        note = request.POST.get(f"n-{code}", "")
        if raw.isdigit() and row.applicable:
            index = int(raw)
            if index != row.chosen or note.strip() != row.note:
                scores[code] = (index, note)
    return scores


@login_required
def dossier_self_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    """Mẫu 02 part III: one option per criterion with a note and evidence; a running total; submit."""
    dossier = _dossier_or_404(request, pk)
    editable = _can_edit(request.user, dossier)
    assessment = selectors.self_assessment(dossier)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(_("Hồ sơ này không sửa được ở bước hiện tại."))
        scores = _self_score_inputs(request, assessment)
        try:
            if scores:
                services.self_scores_set_many(actor=request.user, dossier=dossier, scores=scores)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("evaluation:dossier-self-assessment", pk=dossier.pk)
        if request.POST.get("action") == "submit":
            return _transition(request, dossier, lifecycle.SUBMITTED, {}, reason="")
        messages.success(request, _("Đã lưu tự đánh giá (%(n)d tiêu chí thay đổi).") % {"n": len(scores)})
        return redirect("evaluation:dossier-self-assessment", pk=dossier.pk)
    return render(
        request,
        "evaluation/dossiers/self_assessment.html",
        {"dossier": dossier, "assessment": assessment, "editable": editable, "evidence_form": EvidenceForm()},
    )


@login_required
@require_POST
def dossier_self_score(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Save one criterion's choice (htmx, on change) and answer the row's status and the new total."""
    dossier = _dossier_or_404(request, pk)
    if not _can_edit(request.user, dossier):
        raise PermissionDenied(_("Hồ sơ này không sửa được ở bước hiện tại."))
    raw = request.POST.get(f"c-{code}", "")
    error = ""
    if not raw.isdigit():
        error = _("Hãy chọn một phương án.")
    else:
        try:
            services.self_score_set(
                actor=request.user,
                dossier=dossier,
                criterion_code=code,
                option_index=int(raw),
                note=request.POST.get(f"n-{code}", ""),
            )
        except ApplicationError as exc:
            error = exc.message
    assessment = selectors.self_assessment(dossier)
    row = next((r for r in assessment.rows if r.criterion.code == code), None)
    if row is None:
        raise Http404(_("Phiếu đánh giá không có tiêu chí này."))
    return render(
        request,
        "evaluation/dossiers/_self_score_saved.html",
        {"row": row, "assessment": assessment, "error": error},
    )


@login_required
@require_POST
def dossier_evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _dossier_or_404(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    back = reverse("evaluation:dossier-self-assessment", args=[dossier.pk])
    code = request.POST.get("criterion_code", "")
    anchor = f"#tieu-chi-{code.replace('.', '-')}" if code else "#minh-chung"
    if not form.is_valid():
        _form_errors_to_messages(request, form)
        return redirect(back + anchor)
    try:
        services.evidence_add(
            actor=request.user,
            dossier=dossier,
            title=form.cleaned_data["title"],
            file=form.cleaned_data["file"],
            criterion_code=form.cleaned_data["criterion_code"] or "",
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã tải lên “%(title)s”.") % {"title": form.cleaned_data["title"]})
    return redirect(back + anchor)


@login_required
def dossier_evidence_download(request: HttpRequest, pk: int, evidence_pk: int) -> FileResponse:
    """Evidence files are served only to those who may see the dossier."""
    dossier = _dossier_or_404(request, pk)
    evidence = dossier.evidence.filter(pk=evidence_pk).first()
    if evidence is None or not evidence.file:
        raise Http404(_("Không tìm thấy tài liệu."))
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Tệp tài liệu không còn trên máy chủ.")) from exc
    return FileResponse(handle, as_attachment=False, filename=evidence.file.name.rsplit("/", 1)[-1])


# ----------------------------------------------------------------------------------------------------
# Moving a dossier along


def _transition(
    request: HttpRequest, dossier: Dossier, to_status: str, extra: dict[str, Any], *, reason: str
):
    step = lifecycle.step(dossier.status, to_status)
    try:
        services.dossier_transition(
            actor=request.user, dossier=dossier, to_status=to_status, reason=reason, **extra
        )
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from exc
    except ApplicationError as exc:
        messages.error(
            request, _missing_message(dossier, exc) if to_status == lifecycle.SUBMITTED else exc.message
        )
    else:
        messages.success(request, _("Đã thực hiện: %(step)s.") % {"step": step.label if step else to_status})
    return redirect(dossier)


@login_required
@require_POST
def dossier_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """One step of the procedure, with what that step needs (reason, round, council, conditions)."""
    dossier = _dossier_or_404(request, pk)
    to_status = request.POST.get("to_status", "")
    if to_status not in {s.to_status for s in selectors.steps_for(request.user, dossier)}:
        step = lifecycle.step(dossier.status, to_status)
        if step is None or (dossier.status, to_status) in selectors.STEPS_ELSEWHERE:
            messages.error(
                request,
                _("Hồ sơ đang ở bước “%(status)s”, không thể thực hiện thao tác này.")
                % {"status": dossier.get_status_display()},
            )
            return redirect(dossier)
        raise PermissionDenied(
            _("Bạn không có quyền thực hiện bước “%(step)s” với hồ sơ này.") % {"step": step.label}
        )
    extra: dict[str, Any] = {}
    reason = ""
    if to_status == lifecycle.ADVISORY_REVIEW:
        form = IntakeForm(request.POST, dossier=dossier)
        if not form.is_valid():
            _form_errors_to_messages(request, form)
            return redirect(dossier)
        extra["round"] = form.cleaned_data["round"]
    elif to_status == lifecycle.COUNCIL:
        form = CouncilPickForm(request.POST, dossier=dossier)
        if not form.is_valid():
            _form_errors_to_messages(request, form)
            return redirect(dossier)
        extra["council"] = form.cleaned_data["council"]
    elif to_status == lifecycle.DISQUALIFIED:
        form = DisqualifyForm(request.POST, conditions=_conditions(dossier))
        if not form.is_valid():
            _form_errors_to_messages(request, form)
            return redirect(dossier)
        reason = form.reason()
    elif to_status == lifecycle.PROVINCE_INTAKE:
        return redirect("evaluation:dossier-commune-assessment", pk=dossier.pk)
    else:
        reason = request.POST.get("reason", "")
    return _transition(request, dossier, to_status, extra, reason=reason)


@login_required
def dossier_commune_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    """Mẫu 03: the commune's assessment, saved as a draft, then forwarded to the province."""
    dossier = _dossier_or_404(request, pk)
    if not can_act_as(request.user, dossier, "commune"):
        raise PermissionDenied(_("Chỉ cán bộ cấp xã nơi tiếp nhận hồ sơ mới lập được báo cáo Mẫu 03."))
    editable = dossier.status == lifecycle.COMMUNE_REVIEW
    form = CommuneAssessmentForm(request.POST or None, initial=dossier.commune_assessment)
    if request.method == "POST":
        if not editable:
            messages.error(request, _("Báo cáo Mẫu 03 chỉ lập được khi xã đang xem xét hồ sơ."))
            return redirect(dossier)
        if form.is_valid():
            data = {key: form.cleaned_data.get(key, "") for key in services.COMMUNE_ASSESSMENT_FIELDS}
            try:
                services.dossier_commune_assessment_save(actor=request.user, dossier=dossier, assessment=data)
            except ApplicationError as exc:
                apply_error(form, exc)
            else:
                if request.POST.get("action") == "forward":
                    return _transition(request, dossier, lifecycle.PROVINCE_INTAKE, {}, reason="")
                messages.success(request, _("Đã lưu nháp báo cáo Mẫu 03."))
                return redirect("evaluation:dossier-commune-assessment", pk=dossier.pk)
    return render(
        request,
        "evaluation/dossiers/commune_assessment.html",
        {
            "dossier": dossier,
            "form": form,
            "editable": editable,
            "assessment": selectors.self_assessment(dossier),
            "due": selectors.commune_due(dossier),
            "reason_form": ReasonForm(),
            "can_return": lifecycle.RETURNED
            in {s.to_status for s in selectors.steps_for(request.user, dossier)},
        },
    )


@login_required
def dossier_advisory(request: HttpRequest, pk: int) -> HttpResponse:
    """The advisory group's report, field-visit notes and extra tests, kept by the province office."""
    dossier = _dossier_or_404(request, pk)
    if not can_act_as(request.user, dossier, "province"):
        raise PermissionDenied(_("Chỉ cán bộ cấp tỉnh phụ trách hồ sơ mới ghi được báo cáo của tổ tư vấn."))
    initial = {
        "advisory_report": dossier.advisory_report,
        "field_visit_notes": dossier.field_visit_notes,
        "extra_tests": dossier.extra_tests,
    }
    form = AdvisoryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.dossier_advisory_update(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã lưu báo cáo của tổ tư vấn."))
            return redirect(dossier)
    return render(request, "evaluation/dossiers/advisory.html", {"dossier": dossier, "form": form})


# ----------------------------------------------------------------------------------------------------
# Rounds


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    if not _sees_rounds(request.user):
        raise PermissionDenied(_("Danh sách đợt đánh giá dành cho cán bộ."))
    today = timezone.localdate()
    year = request.GET.get("year", "")
    rounds = selectors.round_list(user=request.user, year=int(year) if year.isdigit() else None, today=today)
    page = paginate(request, rounds)
    can_open = round_services.can_manage_rounds(request.user, level=RoundLevel.CENTRAL) or (
        request.user.role == Role.PROVINCE
    )
    manageable = {
        r.pk
        for r in page.object_list
        if round_services.can_manage_rounds(request.user, level=r.level, unit=r.unit)
    }
    return render(
        request,
        "evaluation/dossiers/round_list.html",
        {
            "page": page,
            "today": today,
            "can_open": can_open,
            "manageable": manageable,
            "year": year,
            **_nav(request.user),
        },
    )


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    form = RoundForm(request.POST or None, user=request.user)
    if not form.fields["level"].choices:
        raise PermissionDenied(_("Bạn không có quyền mở đợt đánh giá."))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = round_services.round_create(
                actor=request.user,
                level=data["level"],
                unit=data.get("unit"),
                year=data["year"],
                number=data["number"],
                name=data.get("name") or None,
                proposal_deadline=data.get("proposal_deadline"),
                conclusion_deadline=data.get("conclusion_deadline"),
            )
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã mở “%(name)s”.") % {"name": round_.name})
            return redirect("evaluation:round-list")
    return render(request, "evaluation/dossiers/round_form.html", {"form": form, "round": None})


def _round_or_404(request: HttpRequest, pk: int):
    try:
        return selectors.round_get_for_user(user=request.user, pk=pk)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc


@login_required
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round_or_404(request, pk)
    if not round_services.can_manage_rounds(request.user, level=round_.level, unit=round_.unit):
        raise PermissionDenied(_("Bạn không có quyền sửa đợt đánh giá này."))
    form = RoundEditForm(request.POST or None, initial=RoundEditForm.initial_for(round_))
    if request.method == "POST" and form.is_valid():
        try:
            round_services.round_update(actor=request.user, round=round_, **form.cleaned_data)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã lưu “%(name)s”.") % {"name": round_.name})
            return redirect("evaluation:round-list")
    return render(request, "evaluation/dossiers/round_form.html", {"form": form, "round": round_})


@login_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round_or_404(request, pk)
    reopen = request.POST.get("action") == "reopen"
    try:
        if reopen:
            round_services.round_reopen(
                actor=request.user, round=round_, reason=request.POST.get("reason", "")
            )
        else:
            round_services.round_close(
                actor=request.user, round=round_, reason=request.POST.get("reason", "")
            )
    except ApplicationError as exc:
        if exc.status_code == 403:
            raise PermissionDenied(exc.message) from exc
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            (_("Đã mở lại “%(name)s”.") if reopen else _("Đã đóng “%(name)s”.")) % {"name": round_.name},
        )
    return redirect("evaluation:round-list")


urlpatterns = [
    path("", home, name="home"),
    path("ho-so/", dossier_list, name="dossier-list"),
    path("ho-so/lap/", dossier_create, name="dossier-create"),
    path("ho-so/<int:pk>/", dossier_detail, name="dossier-detail"),
    path("ho-so/<int:pk>/phieu-dang-ky/", dossier_edit, name="dossier-edit"),
    path("ho-so/<int:pk>/tu-danh-gia/", dossier_self_assessment, name="dossier-self-assessment"),
    path("ho-so/<int:pk>/tu-danh-gia/<str:code>/", dossier_self_score, name="dossier-self-score"),
    path("ho-so/<int:pk>/minh-chung/", dossier_evidence_add, name="dossier-evidence-add"),
    path("ho-so/<int:pk>/minh-chung/<int:evidence_pk>/", dossier_evidence_download, name="dossier-evidence"),
    path("ho-so/<int:pk>/chuyen-buoc/", dossier_transition, name="dossier-transition"),
    path("ho-so/<int:pk>/mau-03/", dossier_commune_assessment, name="dossier-commune-assessment"),
    path("ho-so/<int:pk>/to-tu-van/", dossier_advisory, name="dossier-advisory"),
    path("hang-doi/xa/", queue_commune, name="queue-commune"),
    path("hang-doi/tinh/", queue_province, name="queue-province"),
    path("dot/", round_list, name="round-list"),
    path("dot/them/", round_create, name="round-create"),
    path("dot/<int:pk>/sua/", round_edit, name="round-edit"),
    path("dot/<int:pk>/dong/", round_close, name="round-close"),
]
