"""Pages of the data exchange: templates, uploads, the preview of a job, its confirmation and its errors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ocop.core.exceptions import ApplicationError
from ocop.core.views_support import get_or_404, paginate
from ocop.exchange import selectors, services
from ocop.exchange.forms import UploadForm, kinds
from ocop.exchange.importers.base import get_importer
from ocop.exchange.permissions import can_commit_job, can_import
from ocop.exchange.workbooks import errors_workbook, template_workbook
from ocop.exchange.xlsx import FileRejected, read_sheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_importer(request: HttpRequest) -> None:
    if not can_import(request.user):
        raise PermissionDenied(_("Tài khoản của bạn không được nhập dữ liệu."))


def _index(request: HttpRequest, failed: UploadForm | None = None, status: int = 200) -> HttpResponse:
    sections = []
    for kind in kinds():
        importer_class = get_importer(kind)
        form = (
            failed
            if failed is not None and failed.data.get("kind") == kind
            else UploadForm(initial={"kind": kind})
        )
        sections.append(
            {"kind": kind, "title": importer_class.title, "form": form, "columns": importer_class.columns}
        )
    jobs = selectors.jobs_for_user(user=request.user)
    return render(request, "exchange/index.html", {"sections": sections, "jobs": jobs}, status=status)


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    return _index(request)


@login_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            job = services.import_upload(
                actor=request.user, kind=form.cleaned_data["kind"], file=form.cleaned_data["file"]
            )
        except ApplicationError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect(job)
    return _index(request, failed=form, status=400)


@login_required
@require_GET
def template_download(request: HttpRequest, kind: str) -> HttpResponse:
    _require_importer(request)
    importer_class = get_importer(kind)
    if importer_class is None:
        raise Http404(_("Không có mẫu này."))
    importer = importer_class(user=request.user)
    content = template_workbook(importer, examples=getattr(importer, "examples", None))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="mau-{kind}.xlsx"'
    return response


def _result_url(importer_class) -> str:
    try:
        return reverse(importer_class.result_url_name) if importer_class.result_url_name else ""
    except NoReverseMatch:
        return ""


@login_required
@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_or_404(selectors.job_get_for_user, user=request.user, pk=pk)
    importer_class = get_importer(job.kind)
    only_errors = request.GET.get("loi") == "1"
    page = paginate(request, selectors.job_rows(job, only_errors=only_errors), size=100)
    context = {
        "job": job,
        "title": importer_class.title if importer_class else job.kind,
        "page": page,
        "only_errors": only_errors,
        "can_commit": job.can_commit and can_commit_job(request.user, job),
        "is_uploader": job.created_by_id == request.user.pk,
        "result_url": _result_url(importer_class) if importer_class else "",
    }
    return render(request, "exchange/job_detail.html", context)


@login_required
@require_GET
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment polled by htmx; once the job stops running the page reloads itself."""
    job = get_or_404(selectors.job_get_for_user, user=request.user, pk=pk, with_results=False)
    response = render(request, "exchange/_progress.html", {"job": job})
    if not job.is_running:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def job_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_or_404(selectors.job_get_for_user, user=request.user, pk=pk)
    try:
        job = services.import_confirm(job=job, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        if job.status == "done":
            messages.success(request, _("Đã ghi toàn bộ dữ liệu của tệp."))
        elif job.status == "failed":
            messages.error(request, job.error)
    return redirect(job)


@login_required
@require_GET
def job_errors(request: HttpRequest, pk: int) -> HttpResponse:
    """The file's rows with a "Lỗi" column, to fix and upload again."""
    job = get_or_404(selectors.job_get_for_user, user=request.user, pk=pk)
    importer_class = get_importer(job.kind)
    if importer_class is None or not job.results:
        raise Http404(_("Lần nhập này không có bảng kết quả từng dòng."))
    try:
        with job.file.open("rb") as source:
            sheet = read_sheet(source, columns=importer_class.columns)
    except (FileRejected, OSError) as exc:
        raise Http404(_("Không đọc lại được tệp đã tải lên.")) from exc
    problems = {}
    for result in job.results:
        texts = [
            (f"{e['column']}: " if e["column"] else "")
            + e["message"]
            + (f" ({e['suggestion']})" if e["suggestion"] else "")
            for e in result["errors"]
        ]
        problems[result["row"]] = "; ".join(texts)
    rows = ((number, cells, problems.get(number, "")) for number, cells in sheet.rows)
    response = HttpResponse(errors_workbook(headers=sheet.headers, rows=rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="loi-lan-nhap-{job.pk}.xlsx"'
    return response
