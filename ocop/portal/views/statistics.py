"""Public statistics page (no login): charts drawn from json_script, with the same numbers as tables."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET

from ocop.core.exports import Column, col, export_format, export_response
from ocop.portal.selectors.statistics import (
    FIRST_YEAR,
    STARS,
    PublicStatistics,
    Row,
    public_statistics,
    year_from,
)

# ?bang= of an export: which table, under which file name and first-column header.
TABLES = {
    "tinh": ("thong-ke-ocop-theo-tinh", gettext_noop("Tỉnh, thành phố")),
    "nganh": ("thong-ke-ocop-theo-nganh", gettext_noop("Ngành")),
    "nam": ("thong-ke-ocop-theo-nam", gettext_noop("Năm")),
}


def _export_columns(first: str) -> list[Column]:
    stars = [
        col(_("%(star)s sao") % {"star": star}, (lambda r, i=i: r.by_star[i]), "int")
        for i, star in enumerate(STARS)
    ]
    return [col(_(first), "label"), *stars, col(_("Tổng"), "total", "int")]


def _table_rows(stats: PublicStatistics, table: str) -> list[Row]:
    return {"tinh": stats.by_province, "nganh": stats.by_sector, "nam": stats.by_year}[table]


def _chart(rows: list[Row], *, horizontal: bool = False) -> dict:
    """One stacked bar chart: a bar per row, a stack per star."""
    return {
        "labels": [r.label for r in rows],
        "series": [
            {"label": _("%(star)s sao") % {"star": star}, "values": [r.by_star[i] for r in rows]}
            for i, star in enumerate(STARS)
        ],
        "horizontal": horizontal,
    }


@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    """Products in force by star, province and sector (``?nam=``: at the end of a past year), and by year."""
    today = timezone.localdate()
    year, problem = year_from(request.GET.get("nam"), today=today)
    stats = public_statistics(today=today, year=year)
    table = request.GET.get("bang", "")
    if (fmt := export_format(request)) is not None and table in TABLES:
        name, first = TABLES[table]
        suffix = f"-cuoi-nam-{year}" if year and table != "nam" else ""  # the download date follows
        return export_response(
            fmt, rows=_table_rows(stats, table), columns=_export_columns(first), name=name + suffix
        )
    star_rows = [
        Row(_("%(star)s sao") % {"star": star}, (n,)) for star, n in zip(STARS, stats.by_star, strict=True)
    ]
    charts = {
        "star": {
            "labels": [r.label for r in star_rows],
            "series": [{"label": _("Số sản phẩm"), "values": list(stats.by_star)}],
            "horizontal": False,
        },
        "province": _chart(stats.by_province, horizontal=True),
        "sector": _chart(stats.by_sector, horizontal=True),
        "year": _chart(stats.by_year),
    }
    context = {
        "stats": stats,
        "stars": STARS,
        "star_rows": star_rows,
        "charts": charts,
        "problem": problem,
        "years": list(range(today.year, FIRST_YEAR - 1, -1)),
        "year": year,
    }
    return render(request, "portal/statistics.html", context)
