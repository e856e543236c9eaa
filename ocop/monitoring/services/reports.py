"""Issued progress reports: the live progress of a plan frozen into dated values.

``report_issue`` stores one ``Report`` and one ``ReportValue`` per target × period × unit (the plan's unit,
then every child of the breakdown), so ``selectors.report_rows`` gives them back unchanged whatever the
data does later.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from ocop.geo.domain import MAP_2025
from ocop.monitoring import domain
from ocop.monitoring.indicators import Grouping
from ocop.monitoring.models import Plan, Report, ReportValue, Target
from ocop.monitoring.services._common import _check_can_change, _date, _format, _save, _text


@transaction.atomic
def report_issue(
    *,
    actor,
    plan: Plan,
    as_of: dt.date,
    grouping: Grouping | str = Grouping.CHILDREN,
    title: str = "",
    note: str = "",
) -> Report:
    """Freeze the progress of every target of ``plan`` as of ``as_of`` into a report (module docstring)."""
    from ocop.monitoring.selectors import plan_progress

    _check_can_change(actor, plan)
    _date(as_of, field="as_of", label=_("ngày lấy số liệu"))
    grouping = Grouping(grouping)
    if grouping == Grouping.NONE:
        grouping = Grouping.CHILDREN
    progress = plan_progress(plan=plan, as_of=as_of, grouping=grouping)
    map_key = MAP_2025 if grouping == Grouping.CURRENT else plan.unit.map_key
    title = _text(title) or _("Báo cáo tiến độ %(number)s đến ngày %(day)s") % {
        "number": plan.number,
        "day": _format(as_of),
    }
    report = Report(
        plan=plan,
        title=title[:255],
        as_of=as_of,
        map_key=map_key,
        issued_by=actor,
        note=_text(note, multiline=True),
        targets_snapshot={str(tp.target.pk): target_snapshot(tp.target) for tp in progress.targets},
    )
    _save(report, actor=actor, reason=_("Ban hành báo cáo"))
    rows: list[ReportValue] = []
    for target_progress in progress.targets:
        for period_progress in target_progress.periods:
            for cell in [period_progress.total, *period_progress.children]:
                rows.append(_frozen(report, target_progress.target, cell, position=len(rows)))
    ReportValue.objects.bulk_create(rows, batch_size=500)
    return report


SNAPSHOT_FIELDS = (
    "position",
    "code",
    "title",
    "indicator",
    "params",
    "comparator",
    "each_year",
    "per_child",
    "note",
)


def target_snapshot(target: Target) -> dict:
    """A target's wording and figures as JSON, so an issued report keeps them if the target is edited."""
    data = {name: getattr(target, name) for name in SNAPSHOT_FIELDS}
    data["value"] = str(target.value)
    data["value_max"] = None if target.value_max is None else str(target.value_max)
    data["deadline"] = target.deadline.isoformat() if target.deadline else None
    return data


def _frozen(report: Report, target: Target, cell: domain.Cell, *, position: int) -> ReportValue:
    return ReportValue(
        report=report,
        target=target,
        unit_id=cell.unit_id,
        unit_name=cell.unit_name[:255],
        period_start=cell.period.start,
        period_end=cell.period.end,
        actual=cell.actual,
        numerator=cell.numerator,
        denominator=cell.denominator,
        forecast=cell.forecast,
        share=cell.share,
        status=str(cell.status),
        position=position,
    )
