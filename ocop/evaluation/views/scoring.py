"""Pages of council scoring: councils and seats, "Chấm điểm" list, declaration, score sheet, results, PDF.

Thin views: parse input, call one selector or service, render. Who sees whose scores is decided in
``selectors.scoring`` (``scoring_access``), never here.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.core.exceptions import ApplicationError, PermissionDeniedError
from ocop.core.views_support import get_or_404
from ocop.evaluation import lifecycle
from ocop.evaluation.models import Dossier
from ocop.evaluation.pdf import score_sheet_pdf
from ocop.evaluation.scoring_forms import (
    ConcludeForm,
    CouncilForm,
    DeclarationForm,
    MemberForm,
    ReasonForm,
    ScoreSheetForm,
)
from ocop.evaluation.selectors import scoring as selectors
from ocop.evaluation.services import councils as council_services
from ocop.evaluation.services import scoring as services


def _form_error(form, exc: ApplicationError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _dossier_url(request: HttpRequest, dossier: Dossier) -> str:
    """The dossier's page (absolute), or the results page while the dossier pages are not wired."""
    try:
        url = dossier.get_absolute_url()
    except NoReverseMatch:
        url = reverse("evaluation:scoring-results", args=[dossier.pk])
    return request.build_absolute_uri(url)


# ----------------------------------------------------------------------------------------------------
# Councils


@login_required
def council_list(request: HttpRequest) -> HttpResponse:
    councils = selectors.council_list_for_user(request.user)
    can_create = selectors.rounds_manageable_by(request.user).exists()
    return render(
        request, "evaluation/scoring/council_list.html", {"councils": councils, "can_create": can_create}
    )


@login_required
def council_create(request: HttpRequest) -> HttpResponse:
    if not selectors.rounds_manageable_by(request.user).exists():
        raise PermissionDenied(_("Bạn không có quyền thành lập hội đồng."))
    form = CouncilForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            council = council_services.council_create(
                actor=request.user,
                round=data["round"],
                name=data["name"],
                establishing_decision=data["establishing_decision"],
                spread_threshold=data["spread_threshold"],
            )
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã thành lập “%(name)s”.") % {"name": council.name})
            return redirect("evaluation:council-detail", pk=council.pk)
    return render(request, "evaluation/scoring/council_form.html", {"form": form})


@login_required
def council_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = get_or_404(selectors.council_get_for_user, user=request.user, pk=pk)
    can_manage = selectors.can_manage_council(request.user, council.round)
    return render(
        request,
        "evaluation/scoring/council_detail.html",
        {
            "council": council,
            "members": selectors.members_in_order(council),
            "can_manage": can_manage,
            "form": MemberForm(council=council) if can_manage else None,
            "dossiers": council.dossiers.select_related("product", "producer").order_by(
                "registration_number", "pk"
            ),
            "history": council.history.select_related("history_user").order_by("-history_date")[:50],
        },
    )


@login_required
@require_POST
def council_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = get_or_404(selectors.council_get_for_user, user=request.user, pk=pk)
    form = MemberForm(request.POST, council=council)
    if form.is_valid():
        data = form.cleaned_data
        try:
            member = council_services.council_member_add(
                actor=request.user,
                council=council,
                user=data["user"],
                role=data["role"],
                organisation=data["organisation"],
            )
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("Đã thêm %(name)s vào hội đồng.") % {"name": selectors.display_name(member.user)}
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("evaluation:council-detail", pk=council.pk)


@login_required
@require_POST
def council_member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    council = get_or_404(selectors.council_get_for_user, user=request.user, pk=pk)
    member = next((m for m in council.members.all() if m.pk == member_pk), None)
    if member is None:
        raise Http404(_("Không tìm thấy thành viên hội đồng."))
    try:
        council_services.council_member_remove(
            actor=request.user, member=member, reason=request.POST.get("reason", "")
        )
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from exc
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã rút thành viên khỏi hội đồng."))
    return redirect("evaluation:council-detail", pk=council.pk)


# ----------------------------------------------------------------------------------------------------
# Scoring


@login_required
def scoring_list(request: HttpRequest) -> HttpResponse:
    """“Chấm điểm”: the dossiers on my councils, with my declaration and sheet state."""
    return render(
        request,
        "evaluation/scoring/list.html",
        {
            "dossiers": selectors.scoring_dossiers_for_user(request.user),
            "concluded": selectors.concluded_for_user(request.user, limit=20),
        },
    )


@login_required
def declaration(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_or_404(selectors.dossier_for_scoring, user=request.user, pk=pk)
    access = selectors.scoring_access(request.user, dossier)
    if not access.scores_seat:
        raise PermissionDenied(_("Chỉ chủ tịch và thành viên hội đồng chấm hồ sơ này mới kê khai."))
    initial = {}
    if access.declaration:
        initial = {"has_conflict": "yes" if access.declaration.has_conflict else "no"}
    form = DeclarationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.conflict_declare(
                actor=request.user,
                dossier=dossier,
                has_conflict=form.cleaned_data["has_conflict"],
                note=form.cleaned_data["note"],
            )
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            if made.has_conflict:
                messages.success(request, _("Đã ghi nhận: bạn có xung đột lợi ích và không chấm hồ sơ này."))
                return redirect("evaluation:scoring-list")
            messages.success(request, _("Đã ghi nhận kê khai. Bạn có thể bắt đầu chấm."))
            return redirect("evaluation:scoring-sheet", pk=dossier.pk)
    return render(
        request, "evaluation/scoring/declaration.html", {"dossier": dossier, "form": form, "access": access}
    )


def _others(counts: selectors.Tally | None, user) -> list[selectors.MemberRow]:
    if counts is None:
        return []
    return [row for row in counts.rows if row.submitted and row.member.user_id != user.pk]


def _sheet_context(request, dossier, access, form, others) -> dict:
    own = access.own_sheet
    lines = {line.criterion_code: line for line in own.lines.all()} if own else {}
    rows = selectors.rubric_rows(dossier)
    other_choices = [(row, {line.criterion_code: line for line in row.sheet.lines.all()}) for row in others]
    for row in rows:
        if row["kind"] != "criterion":
            continue
        code = row["code"]
        line = lines.get(code)
        row["line"] = line
        if row["applicable"] and form is not None:
            row["field"] = form[f"c_{code}"]
            row["comment_field"] = form[f"n_{code}"]
            row["selected"] = (
                str(form[f"c_{code}"].value()) if form[f"c_{code}"].value() not in (None, "") else ""
            )
        row["others"] = [(member_row, member_lines.get(code)) for member_row, member_lines in other_choices]
    applicable = selectors.applicable_codes(dossier)
    missing = [code for code in applicable if code not in lines]
    return {
        "dossier": dossier,
        "access": access,
        "form": form,
        "rows": rows,
        "own": own,
        "others": others,
        "running_total": sum((line.points for line in lines.values()), 0),
        "missing": missing,
        "applicable_count": len(applicable),
        "answered_count": len(applicable) - len(missing),
        "editable": form is not None,
    }


@login_required
def score_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The scoring screen: the frozen rubric with option radios while editable, read-only once submitted."""
    dossier = get_or_404(selectors.dossier_for_scoring, user=request.user, pk=pk)
    access = selectors.scoring_access(request.user, dossier)
    if not access.scores_seat:
        return redirect("evaluation:scoring-results", pk=dossier.pk)
    if access.declaration is None and access.result is None and dossier.status == lifecycle.COUNCIL:
        return redirect("evaluation:scoring-declare", pk=dossier.pk)
    editable = access.can_score and dossier.status == lifecycle.COUNCIL
    form = ScoreSheetForm(request.POST or None, dossier=dossier, sheet=access.own_sheet) if editable else None
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action == "confirm":
                sheet = services.sheet_submit(actor=request.user, dossier=dossier)
                messages.success(request, _("Đã nộp phiếu chấm: %(total)s điểm.") % {"total": sheet.total})
                return redirect("evaluation:scoring-sheet", pk=dossier.pk)
            if form is None:
                raise ApplicationError(_("Phiếu chấm không sửa được ở bước này."))
            if form.is_valid():
                services.sheet_save(actor=request.user, dossier=dossier, **form.service_data())
                access = selectors.scoring_access(request.user, dossier)
                if action == "submit":
                    context = _sheet_context(request, dossier, access, None, [])
                    if not context["missing"]:
                        return render(request, "evaluation/scoring/confirm_submit.html", context)
                    messages.error(
                        request,
                        _("Chưa chấm các tiêu chí: %(codes)s. Hãy chọn phương án cho từng tiêu chí rồi nộp.")
                        % {"codes": ", ".join(context["missing"])},
                    )
                else:
                    messages.success(request, _("Đã lưu nháp phiếu chấm."))
                return redirect("evaluation:scoring-sheet", pk=dossier.pk)
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except ApplicationError as exc:
            if form is not None:
                _form_error(form, exc)
            else:
                messages.error(request, exc.message)
                return redirect("evaluation:scoring-sheet", pk=dossier.pk)
    others: list[selectors.MemberRow] = []
    if access.scores:
        __, counts = selectors.results_for(user=request.user, dossier=dossier)
        others = _others(counts, request.user)
    return render(
        request, "evaluation/scoring/sheet.html", _sheet_context(request, dossier, access, form, others)
    )


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    """The council's results on a dossier: progress, member totals, mean, flags, minimum marks, conclusion."""
    dossier = get_or_404(selectors.dossier_for_scoring, user=request.user, pk=pk)
    access, counts = get_or_404(selectors.results_for, user=request.user, dossier=dossier)
    can_conclude = (
        access.is_chair
        and access.result is None
        and dossier.status == lifecycle.COUNCIL
        and counts is not None
    )
    return render(
        request,
        "evaluation/scoring/results.html",
        {
            "dossier": dossier,
            "access": access,
            "counts": counts,
            "result": access.result,
            "can_conclude": can_conclude,
            "conclude_form": ConcludeForm() if can_conclude else None,
            "reopen_form": ReasonForm() if can_conclude else None,
        },
    )


@login_required
@require_POST
def conclude(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_or_404(selectors.dossier_for_scoring, user=request.user, pk=pk)
    form = ConcludeForm(request.POST)
    form.is_valid()
    try:
        result = services.result_conclude(
            actor=request.user,
            dossier=dossier,
            discussed=bool(form.cleaned_data.get("discussed")),
            note=form.cleaned_data.get("note") or "",
        )
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from exc
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        if result.final_star >= 3:
            messages.success(request, _("Đã kết luận: %(star)s sao.") % {"star": result.final_star})
        else:
            messages.success(request, _("Đã kết luận: không đủ điều kiện công nhận."))
    return redirect("evaluation:scoring-results", pk=dossier.pk)


@login_required
@require_POST
def reopen(request: HttpRequest, sheet_pk: int) -> HttpResponse:
    sheet = get_or_404(selectors.sheet_get_for_user, user=request.user, pk=sheet_pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.sheet_reopen(actor=request.user, sheet=sheet, reason=reason)
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from exc
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Đã mở lại phiếu chấm của %(name)s.") % {"name": selectors.display_name(sheet.member.user)},
        )
    return redirect("evaluation:scoring-results", pk=sheet.dossier_id)


def _pdf_response(request: HttpRequest, sheet) -> HttpResponse:
    content = score_sheet_pdf(sheet, dossier_url=_dossier_url(request, sheet.dossier))
    response = HttpResponse(content, content_type="application/pdf")
    number = (sheet.dossier.registration_number or str(sheet.dossier_id)).replace("/", "-")
    response["Content-Disposition"] = f'inline; filename="phieu-cham-{number}-{sheet.pk}.pdf"'
    return response


@login_required
def sheet_pdf(request: HttpRequest, sheet_pk: int) -> HttpResponse:
    """A member's score sheet as PDF: one's own (even a draft), others' once ``scoring_access`` allows."""
    return _pdf_response(request, get_or_404(selectors.sheet_get_for_user, user=request.user, pk=sheet_pk))


@login_required
def my_sheet_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_or_404(selectors.dossier_for_scoring, user=request.user, pk=pk)
    sheet = selectors.sheet_for(request.user, dossier)
    if sheet is None:
        raise Http404(_("Bạn chưa bắt đầu chấm hồ sơ này."))
    return _pdf_response(request, get_or_404(selectors.sheet_get_for_user, user=request.user, pk=sheet.pk))


urlpatterns: list[URLPattern] = [
    path("hoi-dong/", council_list, name="council-list"),
    path("hoi-dong/them/", council_create, name="council-create"),
    path("hoi-dong/<int:pk>/", council_detail, name="council-detail"),
    path("hoi-dong/<int:pk>/thanh-vien/", council_member_add, name="council-member-add"),
    path(
        "hoi-dong/<int:pk>/thanh-vien/<int:member_pk>/rut/",
        council_member_remove,
        name="council-member-remove",
    ),
    path("cham-diem/", scoring_list, name="scoring-list"),
    path("cham-diem/<int:pk>/", score_sheet, name="scoring-sheet"),
    path("cham-diem/<int:pk>/ke-khai/", declaration, name="scoring-declare"),
    path("cham-diem/<int:pk>/phieu.pdf", my_sheet_pdf, name="scoring-my-pdf"),
    path("cham-diem/<int:pk>/ket-qua/", results, name="scoring-results"),
    path("cham-diem/<int:pk>/ket-luan/", conclude, name="scoring-conclude"),
    path("phieu-cham/<int:sheet_pk>/pdf/", sheet_pdf, name="scoring-sheet-pdf"),
    path("phieu-cham/<int:sheet_pk>/mo-lai/", reopen, name="scoring-reopen"),
]
