"""Background tasks of the exchange: thin wrappers that take a job id and call the services."""

from __future__ import annotations

from django_tasks import task

from ocop.exchange import services
from ocop.exchange.models import ImportJob


@task()
def check_import(job_id: int) -> None:
    """Check every row of a large file (the job page polls the progress)."""
    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is not None and job.status == "uploaded":
        services.import_check(job=job)


@task()
def commit_import(job_id: int) -> None:
    """Write a confirmed large file in one transaction."""
    job = ImportJob.objects.select_related("created_by", "committed_by").filter(pk=job_id).first()
    if job is not None:
        services.import_run_commit(job=job)
