"""REST API of imports: upload a file (→ a checked job), read the job and its rows, confirm it."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from ninja import File, Form, Router
from ninja.files import UploadedFile
from ninja.responses import Status

from ocop.exchange import selectors, services
from ocop.exchange.models import ImportJob
from ocop.exchange.schemas import ImportJobOut

router = Router(tags=["exchange"])
RowsWanted = Literal["none", "errors", "all"]


def _out(job: ImportJob, rows: RowsWanted = "errors") -> dict:
    out = {
        "id": job.pk,
        "kind": job.kind,
        "original_name": job.original_name,
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "background": job.background,
        "progress": job.progress,
        "row_count": job.row_count,
        "counts": job.counts,
        "can_commit": job.can_commit,
        "error": job.error,
        "created_at": job.created_at,
        "checked_at": job.checked_at,
        "committed_at": job.committed_at,
        "finished_at": job.finished_at,
        "rows": None,
    }
    if rows != "none":
        out["rows"] = selectors.job_rows(job, only_errors=rows == "errors")
    return out


@router.post(
    "/imports",
    response={201: ImportJobOut},
    summary="Tải lên một tệp Excel để kiểm tra (kind: producers, products…)",
)
def create_import(request: HttpRequest, kind: Form[str], file: File[UploadedFile]):
    job = services.import_upload(actor=request.user, kind=kind, file=file)
    return Status(201, _out(job))


@router.get("/imports/{job_id}", response=ImportJobOut, summary="Một lần nhập: trạng thái, số dòng, các dòng")
def get_import(request: HttpRequest, job_id: int, rows: RowsWanted = "errors"):
    return _out(selectors.job_get_for_user(user=request.user, pk=job_id), rows)


@router.post("/imports/{job_id}/commit", response=ImportJobOut, summary="Xác nhận ghi toàn bộ một lần nhập")
def commit_import(request: HttpRequest, job_id: int):
    job = selectors.job_get_for_user(user=request.user, pk=job_id)
    return _out(services.import_confirm(job=job, actor=request.user))
