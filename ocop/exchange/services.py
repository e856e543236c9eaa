"""Imports: upload → check every row (no writes) → preview → confirm → commit all rows in one transaction.

``import_upload`` refuses a bad file with one message and stores nothing; a good one becomes an
``ImportJob``. Small files are checked in the request, large ones (more than
``OCOP_IMPORT_BACKGROUND_ROWS`` rows) in a background task. ``import_confirm`` starts the commit;
``import_run_commit`` re-checks every row inside the transaction (the data may have changed since
the preview) and writes through the importer, so either every row is written or none is.
``_transition`` is the only writer of a job's status (see ``models.TRANSITIONS``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from ocop.accounts.scoping import scope_of
from ocop.core.exceptions import ApplicationError, PermissionDeniedError
from ocop.core.text import normalize
from ocop.exchange.cells import convert
from ocop.exchange.importers.base import CellError, Importer, RowResult, get_importer
from ocop.exchange.models import TRANSITIONS, ImportJob, ImportStatus
from ocop.exchange.permissions import can_commit_job, can_import
from ocop.exchange.xlsx import FileRejected, Sheet, read_sheet

logger = logging.getLogger(__name__)
Progress = Callable[[int], None]


def _transition(job: ImportJob, to: str, **fields: Any) -> None:
    """Move a job to ``to`` (and set ``fields``) if it is still where this instance says it is."""
    if to not in TRANSITIONS[job.status]:
        raise ApplicationError(
            _("Lần nhập đang ở trạng thái “%(status)s”, không thể chuyển tiếp.")
            % {"status": job.get_status_display()}
        )
    if to in {ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.REJECTED}:
        fields.setdefault("finished_at", timezone.now())
    moved = ImportJob.objects.filter(pk=job.pk, status=job.status).update(status=to, **fields)
    if not moved:
        raise ApplicationError(_("Lần nhập này vừa được xử lý ở một yêu cầu khác; hãy tải lại trang."))
    job.status = to
    for name, value in fields.items():
        setattr(job, name, value)


def importer_for(kind: str, *, user) -> Importer:
    importer_class = get_importer(kind)
    if importer_class is None:
        raise ApplicationError(_("Loại dữ liệu “%(kind)s” không có.") % {"kind": kind[:40]}, field="kind")
    return importer_class(user=user)


def import_upload(*, actor, kind: str, file: UploadedFile) -> ImportJob:
    """Check the file's structure, store it as a job and check it (in the request or in the background)."""
    if not can_import(actor):
        raise PermissionDeniedError(_("Tài khoản của bạn không được nhập dữ liệu."))
    importer = importer_for(kind, user=actor)
    threshold = settings.OCOP_IMPORT_BACKGROUND_ROWS
    sheet = read_sheet(file, columns=importer.columns, size=file.size, rows_up_to=threshold)
    background = not sheet.rows  # more rows than the threshold: only the structure was read
    scope = scope_of(actor)
    original = normalize(os.path.basename(file.name or "")) or "du-lieu.xlsx"
    job = ImportJob(
        kind=kind,
        original_name=original[:255],
        created_by=actor,
        scope_unit=None if scope.nationwide else scope.unit,
        background=background,
        row_count=sheet.estimated_rows,
    )
    file.seek(0)
    job.file.save(f"{kind}.xlsx", file, save=False)
    job.full_clean(exclude=["file", "results"])
    job.save()
    if background:
        from ocop.exchange import tasks

        transaction.on_commit(lambda: tasks.check_import.enqueue(job.pk))
    else:
        import_check(job=job, sheet=sheet)
    return job


def import_check(*, job: ImportJob, sheet: Sheet | None = None) -> ImportJob:
    """Check every row of a job's file and store the results; never writes a record."""
    _transition(job, ImportStatus.CHECKING)
    importer = importer_for(job.kind, user=job.created_by)
    try:
        if sheet is None:
            with job.file.open("rb") as source:
                sheet = read_sheet(source, columns=importer.columns)
        results = evaluate(importer, sheet, progress=_progress_writer(job) if job.background else None)
    except FileRejected as exc:
        _transition(job, ImportStatus.REJECTED, error=exc.message)
        return job
    except Exception:
        logger.exception("import %s: check failed", job.pk)
        _transition(job, ImportStatus.REJECTED, error=_unexpected_message(), unexpected=True)
        return job
    _transition(
        job,
        ImportStatus.CHECKED,
        results=[r.as_dict() for r in results],
        counts=count_actions(results),
        row_count=len(results),
        progress=100,
        checked_at=timezone.now(),
    )
    return job


def import_confirm(*, job: ImportJob, actor) -> ImportJob:
    """The uploader confirms a clean preview: commit now, or queue the commit of a large file."""
    if not can_commit_job(actor, job):
        raise PermissionDeniedError(_("Chỉ người đã tải tệp lên mới xác nhận được lần nhập này."))
    if not job.can_commit:
        raise ApplicationError(
            _("Chưa thể ghi: tệp còn dòng lỗi. Hãy sửa tệp theo bảng lỗi rồi tải lên lại.")
            if job.counts.get("error")
            else _("Lần nhập này không ở bước chờ xác nhận.")
        )
    _transition(job, ImportStatus.COMMITTING, committed_by=actor, committed_at=timezone.now(), progress=0)
    if job.background:
        from ocop.exchange import tasks

        transaction.on_commit(lambda: tasks.commit_import.enqueue(job.pk))
        return job
    return import_run_commit(job=job)


class _Stale(Exception):
    def __init__(self, results: list[RowResult]) -> None:
        self.results = results


def import_run_commit(*, job: ImportJob) -> ImportJob:
    """Re-check and write every row in one transaction; on any problem nothing is written."""
    if job.status != ImportStatus.COMMITTING:
        return job
    actor = job.committed_by or job.created_by
    importer = importer_for(job.kind, user=actor)
    reason = _("Nhập từ tệp Excel “%(name)s”") % {"name": job.original_name}
    importer.reason = reason[:100]
    try:
        with transaction.atomic():
            with job.file.open("rb") as source:
                sheet = read_sheet(source, columns=importer.columns)
            results = evaluate(importer, sheet)
            if any(r.action == "error" for r in results):
                raise _Stale(results)
            for result in results:
                if result.action in ("create", "update"):
                    try:
                        importer.commit_row(result, actor=actor)
                    except ApplicationError as exc:
                        raise ApplicationError(
                            _("Dòng %(row)s (%(label)s): %(message)s")
                            % {"row": result.row, "label": result.label, "message": exc.message}
                        ) from exc
    except _Stale as stale:
        failing = count_actions(stale.results)["error"]
        message = _(
            "Dữ liệu đã thay đổi kể từ lúc xem trước: %(count)s dòng nay bị lỗi (xem bảng bên dưới). "
            "Không có dữ liệu nào được ghi. Hãy sửa tệp và tải lên lại."
        ) % {"count": failing}
        _transition(
            job,
            ImportStatus.FAILED,
            error=message,
            results=[r.as_dict() for r in stale.results],
            counts=count_actions(stale.results),
        )
    except (ApplicationError, FileRejected) as exc:
        _transition(job, ImportStatus.FAILED, error=exc.message + " " + _("Không có dữ liệu nào được ghi."))
    except Exception:
        logger.exception("import %s: commit failed", job.pk)
        _transition(job, ImportStatus.FAILED, error=_unexpected_message(), unexpected=True)
    else:
        _transition(
            job,
            ImportStatus.DONE,
            results=[r.as_dict() for r in results],
            counts=count_actions(results),
            progress=100,
        )
    return job


def _unexpected_message() -> str:
    return _(
        "Hệ thống gặp lỗi khi xử lý tệp này; không có dữ liệu nào được ghi. "
        "Hãy thử lại sau, hoặc gửi tệp cho quản trị hệ thống."
    )


def _progress_writer(job: ImportJob) -> Progress:
    def write(percent: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(progress=min(99, percent))

    return write


def count_actions(results: list[RowResult]) -> dict[str, int]:
    counts = {"create": 0, "update": 0, "skip": 0, "error": 0}
    for result in results:
        counts[result.action] = counts.get(result.action, 0) + 1
    return counts


def convert_row(importer: Importer, sheet: Sheet, number: int, cells: list) -> tuple[dict, list[CellError]]:
    """A sheet row → ``{column key: converted value or None}`` and the framework's cell errors."""
    columns = {col.key: col for col in importer.columns}
    values: dict[str, Any] = dict.fromkeys(columns)
    errors: list[CellError] = []
    for index, key in enumerate(sheet.keys):
        if key is None:
            continue
        column = columns[key]
        raw = cells[index]
        if raw is None and f"{get_column_letter(index + 1)}{number}" in sheet.formula_cells:
            errors.append(
                CellError(
                    column.header,
                    _("Ô có công thức nhưng chưa có giá trị đã tính."),
                    _("Mở tệp bằng Excel và lưu lại, hoặc sao chép rồi dán giá trị (Paste Values)."),
                )
            )
            continue
        value, message = convert(raw, column, importer.choices_for(column) if column.kind == "choice" else ())
        if message:
            errors.append(CellError(column.header, message))
        values[key] = value
    wrong = {error.column for error in errors}
    for column in importer.columns:
        if column.required and values[column.key] is None and column.header not in wrong:
            errors.append(CellError(column.header, _("Chưa điền: đây là cột bắt buộc.")))
    return values, errors


def evaluate(importer: Importer, sheet: Sheet, *, progress: Progress | None = None) -> list[RowResult]:
    """Every row of a sheet → its ``RowResult``: cell errors, the importer's check, duplicates."""
    converted = [(number, *convert_row(importer, sheet, number, cells)) for number, cells in sheet.rows]
    importer.prepare([values for _number, values, _errors in converted])
    results: list[RowResult] = []
    first_row_of: dict[tuple, RowResult] = {}
    step = max(1, len(converted) // 50)
    for index, (number, values, errors) in enumerate(converted):
        try:
            result = importer.check_row(values, row=number)
        except ApplicationError as exc:
            result = RowResult(row=number, action="error", label="")
            result.add_error("", exc.message)
        if errors:
            result.errors[:0] = errors
            result.action = "error"
        key = importer.duplicate_key(values)
        if key is not None:
            first = first_row_of.setdefault(key, result)
            if first is not result:
                result.add_error("", _("Trùng với dòng %(row)s.") % {"row": first.row})
                first.add_error("", _("Trùng với dòng %(row)s.") % {"row": number})
        results.append(result)
        if progress and index % step == 0:
            progress(int(100 * index / len(converted)))
    return results
