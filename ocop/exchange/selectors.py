"""Reads of import jobs, scoped to the reader's area; the row results filtered and paged in memory."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ocop.accounts.scoping import scope_of
from ocop.core.exceptions import NotFoundError
from ocop.exchange.models import ImportJob
from ocop.exchange.permissions import can_import, can_see_job


def job_get_for_user(*, user, pk: int, with_results: bool = True) -> ImportJob:
    """One job the user may see, else ``NotFoundError`` (also outside the user's area). One query."""
    jobs = ImportJob.objects.select_related("created_by", "scope_unit", "committed_by")
    if not with_results:
        jobs = jobs.defer("results")
    job = jobs.filter(pk=pk).first()
    if job is None or not can_see_job(user, job):
        raise NotFoundError(_("Không tìm thấy lần nhập dữ liệu này."))
    return job


def jobs_for_user(*, user, limit: int = 20) -> list[ImportJob]:
    """The latest jobs of the user's area (without their row results). One query."""
    if not can_import(user):
        return []
    jobs = ImportJob.objects.select_related("created_by", "scope_unit").defer("results")
    scope = scope_of(user)
    if not scope.nationwide:
        jobs = jobs.filter(scope_unit__path__startswith=scope.unit.path)
    return list(jobs[:limit])


def job_rows(job: ImportJob, *, only_errors: bool = False) -> list[dict]:
    """The row results of a job, the error rows only when asked."""
    rows = job.results or []
    if only_errors:
        return [row for row in rows if row.get("action") == "error"]
    return rows
