"""The progress report as an A4 landscape PDF (WeasyPrint renders an HTML template; the DejaVu fonts of
Debian's ``fonts-dejavu-core`` cover Vietnamese). The children table holds the current period of each
target only (every period is in the workbook), which keeps a provincial report to a few pages."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from ocop.monitoring.exports.progress import current_breakdown_rows, target_rows
from ocop.monitoring.indicators import Grouping
from ocop.monitoring.models import Report
from ocop.monitoring.selectors import PlanProgress


def progress_html(progress: PlanProgress, *, report: Report | None = None) -> str:
    return render_to_string(
        "monitoring/progress_pdf.html",
        {
            "progress": progress,
            "plan": progress.plan,
            "report": report,
            "rows": target_rows(progress),
            "breakdown": current_breakdown_rows(progress),
            "current_map": progress.grouping == Grouping.CURRENT,
            "printed_at": timezone.localtime(),
        },
    )


def progress_pdf(progress: PlanProgress, *, report: Report | None = None) -> bytes:
    """The PDF bytes of the progress report."""
    from weasyprint import HTML  # imported late: loading Pango takes a moment

    return HTML(string=progress_html(progress, report=report)).write_pdf()
