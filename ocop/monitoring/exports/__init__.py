"""Exports of a plan's progress report: Excel (openpyxl) and PDF (WeasyPrint), live or from an issued
report's frozen rows (``progress.frozen_progress``)."""

from __future__ import annotations

from ocop.core.text import fold
from ocop.monitoring.exports.pdf import progress_pdf
from ocop.monitoring.exports.xlsx import progress_xlsx
from ocop.monitoring.models import Report
from ocop.monitoring.selectors import PlanProgress


def filename(progress: PlanProgress, extension: str, *, report: Report | None = None) -> str:
    """An ASCII file name: ``tien-do-<plan number>-<unit>-<dd-mm-yyyy>.<ext>``."""
    parts = ["bao-cao" if report else "tien-do", progress.plan.number, progress.unit.name]
    slug = "-".join(fold(part).replace(" ", "-") for part in parts)
    slug = "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in slug)
    while "--" in slug:
        slug = slug.replace("--", "-")
    return f"{slug.strip('-')}-{progress.as_of:%d-%m-%Y}.{extension}"


__all__ = ["filename", "progress_pdf", "progress_xlsx"]
