"""Progress figures as one shape for the pages and the exports: live (``selectors.plan_progress``) or
rebuilt from an issued report's frozen rows (``frozen_progress``), and flattened to table rows.

A report stores, for each target and period, the row of the plan's unit then one row per child unit
(``services.report_issue``); ``frozen_progress`` reads them back into the same ``PlanProgress`` the live
dashboard uses, so a past report renders and exports exactly as it was issued whatever the data did since.
The targets' wording, comparator and value are read from the targets themselves (a report freezes the
values, not the targets, which are protected from deletion once reported).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ocop.geo.domain import MAP_2025
from ocop.geo.models import AdminUnit
from ocop.monitoring import domain
from ocop.monitoring.domain import Cell, Status
from ocop.monitoring.indicators import INDICATORS, Breakdown, Grouping, Indicator, Period, Value
from ocop.monitoring.models import Report, Target
from ocop.monitoring.selectors import PeriodProgress, PlanProgress, TargetProgress, report_rows


def indicator_of(key: str) -> Indicator:
    """The registered indicator, or a stand-in naming the key when it is no longer registered."""
    spec = INDICATORS.get(key)
    if spec is not None:
        return spec
    return Indicator(key, key, "", "", "stock", lambda **_kwargs: Breakdown(Value(None)))


def _cell(row) -> Cell:
    return Cell(
        unit_id=row.unit_id,
        unit_name=row.unit_name,
        unit_path="",
        period=Period(row.period_start, row.period_end),
        actual=row.actual,
        numerator=row.numerator,
        denominator=row.denominator,
        forecast=row.forecast,
        share=row.share,
        status=Status(row.status),
    )


def _as_issued(target: Target, report: Report) -> Target:
    """The target as worded when the report was issued (an unsaved copy), or as it is for old reports."""
    data = report.targets_snapshot.get(str(target.pk))
    if not data:
        return target
    copy = Target(pk=target.pk, plan_id=target.plan_id)
    for name, value in data.items():
        if name in {"value", "value_max"}:
            value = None if value is None else Decimal(value)
        elif name == "deadline":
            value = dt.date.fromisoformat(value) if value else None
        setattr(copy, name, value)
    return copy


def frozen_progress(report: Report) -> PlanProgress:
    """The report's frozen values as a ``PlanProgress`` (milestones are not part of a report)."""
    plan = report.plan
    rows = report_rows(report)
    groups: dict[int, dict[tuple[dt.date, dt.date], list]] = {}
    targets: dict[int, Target] = {}
    for row in rows:
        targets[row.target_id] = row.target
        groups.setdefault(row.target_id, {}).setdefault((row.period_start, row.period_end), []).append(row)
    child_ids: list[int] = []
    progress: list[TargetProgress] = []
    for target_id, periods in groups.items():
        target = _as_issued(targets[target_id], report)
        items: list[PeriodProgress] = []
        for _key, period_rows in periods.items():
            total, children = _cell(period_rows[0]), [_cell(r) for r in period_rows[1:]]
            if not child_ids:
                child_ids = [c.unit_id for c in children]
            meeting = None
            if target.per_child and total.share is not None:
                meeting = int((total.share * len(children) / Decimal(100)).to_integral_value())
            items.append(
                PeriodProgress(
                    period=total.period,
                    total=total,
                    children=children,
                    status=total.status,
                    children_meeting=meeting,
                )
            )
        index = domain.current_period_index([p.period for p in items], report.as_of)
        progress.append(
            TargetProgress(
                target=target,
                indicator=indicator_of(target.indicator),
                periods=items,
                current=items[index],
                status=domain.overall_status(p.status for p in items),
            )
        )
    units = {u.pk: u for u in AdminUnit.objects.filter(pk__in=child_ids)}
    old_plan_now = report.map_key == MAP_2025 and plan.unit.map_key != MAP_2025
    return PlanProgress(
        plan=plan,
        unit=plan.unit,
        as_of=report.as_of,
        grouping=Grouping.CURRENT if old_plan_now else Grouping.CHILDREN,
        child_units=[units[pk] for pk in child_ids if pk in units],
        targets=progress,
        milestones=[],
    )


@dataclass(frozen=True)
class Row:
    """One line of the exported tables: a target, for one unit and one period."""

    number: int
    code: str
    title: str
    indicator: str
    unit_label: str
    comparator: str
    value: Decimal
    value_max: Decimal | None
    deadline: dt.date
    each_year: bool
    per_child: bool
    unit_name: str
    period_start: dt.date
    period_end: dt.date
    actual: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    share: Decimal | None
    forecast: Decimal | None
    status: Status
    children_meeting: int | None
    children_total: int


def _row(n: int, tp: TargetProgress, pp: PeriodProgress, cell: Cell, *, total: bool) -> Row:
    target = tp.target
    return Row(
        number=n,
        code=target.code,
        title=str(target.title),
        indicator=str(tp.indicator.label),
        unit_label=str(tp.indicator.unit_label),
        comparator=str(target.get_comparator_display()),
        value=target.value,
        value_max=target.value_max,
        deadline=pp.period.end,
        each_year=target.each_year,
        per_child=target.per_child,
        unit_name=str(cell.unit_name),
        period_start=pp.period.start,
        period_end=pp.period.end,
        actual=cell.actual,
        numerator=cell.numerator,
        denominator=cell.denominator,
        share=cell.share,
        forecast=cell.forecast,
        status=cell.status,
        children_meeting=pp.children_meeting if total else None,
        children_total=len(pp.children) if total else 0,
    )


def target_rows(progress: PlanProgress) -> list[Row]:
    """One row per target and period, for the unit shown."""
    return [
        _row(n, tp, pp, pp.total, total=True)
        for n, tp in enumerate(progress.targets, start=1)
        for pp in tp.periods
    ]


def breakdown_rows(progress: PlanProgress) -> list[Row]:
    """One row per target, period and child unit."""
    return [
        _row(n, tp, pp, cell, total=False)
        for n, tp in enumerate(progress.targets, start=1)
        for pp in tp.periods
        for cell in pp.children
    ]


def current_breakdown_rows(progress: PlanProgress) -> list[Row]:
    """One row per target and child unit for the period holding ``as_of`` only (the printed report;
    the workbook keeps every period)."""
    return [
        _row(n, tp, tp.current, cell, total=False)
        for n, tp in enumerate(progress.targets, start=1)
        for cell in tp.current.children
    ]
