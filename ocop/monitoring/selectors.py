"""Scoped reads of plans and reports, and the progress of a plan's targets computed live.

``plan_progress`` computes every target with the indicator library (``indicators.compute``) in a fixed
number of queries per target and period, whatever the amount of data: the value as of the day (total and
children), and for stock indicators the value on the eve of the period too (the start of the forecast).
A flow indicator starts each period at 0. Plans are visible where their scope unit lies inside the
user's area on either map (a Lâm Đồng officer sees the pre-2025 Đắk Nông plans, counted in Lâm Đồng).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ocop.accounts.scoping import scope_of
from ocop.core.exceptions import NotFoundError
from ocop.geo.models import AdminUnit
from ocop.monitoring import domain
from ocop.monitoring.domain import Cell, Status
from ocop.monitoring.indicators import INDICATORS, Grouping, Indicator, Period, Value, compute
from ocop.monitoring.models import Milestone, Plan, Report, ReportValue, Target

HUNDRED = Decimal(100)


@dataclass
class PeriodProgress:
    period: Period
    total: Cell  # the unit shown
    children: list[Cell]  # every child unit of the breakdown, zeros included
    status: Status  # per_child targets: ACHIEVED when every child meets, etc.
    children_meeting: int | None  # per_child targets: how many children meet the comparator


@dataclass
class TargetProgress:
    target: Target
    indicator: Indicator
    periods: list[PeriodProgress]  # one, or one per calendar year for each_year targets
    current: PeriodProgress  # the period holding as_of (the first before them, else the last one)
    status: Status  # overall


@dataclass
class PlanProgress:
    plan: Plan
    unit: AdminUnit  # the unit the figures are for (plan.unit or a drill-down descendant on its map)
    as_of: dt.date
    grouping: Grouping  # CHILDREN (plan's own map) or CURRENT (2025 communes, for old-map plans)
    child_units: list[AdminUnit]
    targets: list[TargetProgress]
    milestones: list[Milestone]

    def status_counts(self) -> dict[Status, int]:
        return domain.status_counts(t.status for t in self.targets)


# ----------------------------------------------------------------------------------------------------
# Plans and reports, scoped


def _scope_filter(user) -> Q | None:
    """``None``: everything; else the condition on a plan's paths (``Q(pk__in=[])`` for nothing)."""
    scope = scope_of(user)
    if scope.nationwide:
        return None
    if scope.unit is None:
        return Q(pk__in=[])
    prefix = scope.unit.path
    return Q(path_2025__startswith=prefix) | Q(path_pre2025__startswith=prefix)


def plans_for_user(*, user) -> QuerySet[Plan]:
    """Plans whose scope unit lies within the user's area (on either map), newest first."""
    plans = Plan.objects.select_related("unit", "unit__parent")
    condition = _scope_filter(user)
    return plans if condition is None else plans.filter(condition)


def plan_get_for_user(*, user, pk: Any) -> Plan:
    """One plan the user may see; :class:`NotFoundError` otherwise (outside the scope or absent)."""
    try:
        return plans_for_user(user=user).get(pk=pk)
    except (Plan.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFoundError(_("Không tìm thấy kế hoạch.")) from exc


def reports_of_plan(*, plan: Plan) -> QuerySet[Report]:
    """The reports issued for ``plan`` (the caller already holds a plan the user may see)."""
    return Report.objects.filter(plan=plan).select_related("issued_by")


def report_get_for_user(*, user, pk: Any) -> Report:
    """One issued report of a plan the user may see; :class:`NotFoundError` otherwise."""
    reports = Report.objects.select_related("plan", "plan__unit", "issued_by")
    condition = _scope_filter(user)
    if condition is not None:
        reports = reports.filter(plan__in=Plan.objects.filter(condition))
    try:
        return reports.get(pk=pk)
    except (Report.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFoundError(_("Không tìm thấy báo cáo.")) from exc


def report_rows(report: Report) -> list[ReportValue]:
    """The report's frozen values in the order they were issued (target, period, plan unit then children)."""
    return list(report.values.select_related("target").order_by("position"))


# ----------------------------------------------------------------------------------------------------
# Progress


def breakdown_units(unit: AdminUnit, grouping: Grouping) -> list[AdminUnit]:
    """Every child unit of the breakdown (``indicators.units.breakdown_units``)."""
    from ocop.monitoring.indicators.units import breakdown_units as units_of

    return list(units_of(unit, grouping))


def _check_unit(plan: Plan, unit: AdminUnit | None) -> AdminUnit:
    if unit is None:
        return plan.unit
    if unit.map_key != plan.unit.map_key or not unit.path.startswith(plan.unit.path):
        raise NotFoundError(_("Đơn vị không thuộc địa bàn của kế hoạch."))
    return unit


def plan_progress(
    *,
    plan: Plan,
    as_of: dt.date,
    unit: AdminUnit | None = None,
    grouping: Grouping | str = Grouping.CHILDREN,
) -> PlanProgress:
    """Every target of ``plan`` for ``unit`` (default the plan's) and its children, as of ``as_of``.

    Queries: targets, milestones, the child units, then per target and started period 2 (as of the day)
    plus 2 for stock indicators (the eve of the period) — never more with more data.
    """
    grouping = Grouping(grouping)
    shown = _check_unit(plan, unit)
    children = breakdown_units(shown, grouping)
    targets = list(plan.targets.order_by("position", "pk"))
    milestones = list(plan.milestones.order_by("position", "pk").prefetch_related("evidence"))
    progress = [
        _target_progress(target, unit=shown, children=children, grouping=grouping, as_of=as_of, plan=plan)
        for target in targets
    ]
    return PlanProgress(
        plan=plan,
        unit=shown,
        as_of=as_of,
        grouping=grouping,
        child_units=children,
        targets=progress,
        milestones=milestones,
    )


def _target_progress(
    target: Target,
    *,
    unit: AdminUnit,
    children: list[AdminUnit],
    grouping: Grouping,
    as_of: dt.date,
    plan: Plan,
) -> TargetProgress:
    spec = INDICATORS[target.indicator]
    periods = domain.target_periods(
        plan_start=plan.period_start,
        plan_end=plan.period_end,
        deadline=target.deadline,
        each_year=target.each_year,
    )
    rows = [
        _period_progress(target, spec, period, unit=unit, children=children, grouping=grouping, as_of=as_of)
        for period in periods
    ]
    return TargetProgress(
        target=target,
        indicator=spec,
        periods=rows,
        current=rows[domain.current_period_index(periods, as_of)],
        status=domain.overall_status(r.status for r in rows),
    )


def _bounds(spec: Indicator) -> tuple[Decimal | None, Decimal | None]:
    """Forecast clamps: shares stay in 0–100; growth rates may go negative; counts and sums stay ≥ 0."""
    if spec.is_share:
        return Decimal(0), HUNDRED
    if spec.key.endswith("_growth"):
        return None, None
    return Decimal(0), None


def _is_rate(spec: Indicator) -> bool:
    """A flow share or rate (digital dossier share, growth): it does not accumulate, so no linear trend."""
    return spec.kind == "flow" and (spec.is_share or spec.unit_label == "%")


def _period_progress(
    target: Target,
    spec: Indicator,
    period: Period,
    *,
    unit: AdminUnit,
    children: list[AdminUnit],
    grouping: Grouping,
    as_of: dt.date,
) -> PeriodProgress:
    value, value_max = Decimal(target.value), target.value_max
    value_max = None if value_max is None else Decimal(value_max)
    started = as_of >= period.start
    breakdown_grouping = grouping if children else Grouping.NONE
    if started:
        day = domain.evaluation_day(period, as_of)
        now = compute(
            target.indicator,
            unit=unit,
            period=Period(period.start, day),
            params=target.params,
            grouping=breakdown_grouping,
        )
        if spec.kind == "stock":
            eve = period.start - dt.timedelta(days=1)
            before = compute(
                target.indicator,
                unit=unit,
                period=Period(eve, eve),
                params=target.params,
                grouping=breakdown_grouping,
            )
        else:
            before = None
    else:
        day = period.start
        now = before = None
    floor, ceiling = _bounds(spec)

    def cell(of: AdminUnit, current: Value | None, start: Value | None) -> Cell:
        actual = None if current is None else current.value
        if not started:
            start_value = None
        elif _is_rate(spec):
            start_value = actual
        elif spec.kind == "flow":
            start_value = Decimal(0)
        else:
            start_value = None if start is None else start.value
        expected = domain.forecast(
            start_value=start_value,
            current_value=actual,
            start=period.start,
            as_of=day,
            deadline=period.end,
            floor=floor,
            ceiling=ceiling,
        )
        return Cell(
            unit_id=of.pk,
            unit_name=of.name,
            unit_path=of.path,
            period=period,
            actual=actual,
            numerator=None if current is None else current.numerator,
            denominator=None if current is None else current.denominator,
            forecast=expected,
            share=domain.share_of_target(target.comparator, actual, value, value_max),
            status=domain.target_status(
                comparator=target.comparator,
                value=value,
                value_max=value_max,
                actual=actual,
                forecast_value=expected,
                period_start=period.start,
                deadline=period.end,
                as_of=as_of,
            ),
        )

    child_cells = [
        cell(
            child,
            None if now is None else now.child(child.path),
            None if before is None else before.child(child.path),
        )
        for child in children
    ]
    total = cell(unit, None if now is None else now.total, None if before is None else before.total)
    if not target.per_child:
        return PeriodProgress(
            period=period, total=total, children=child_cells, status=total.status, children_meeting=None
        )
    meeting = sum(1 for c in child_cells if domain.meets(target.comparator, c.actual, value, value_max))
    status = Status.NOT_STARTED if not started else domain.children_status(c.status for c in child_cells)
    total = Cell(
        unit_id=total.unit_id,
        unit_name=total.unit_name,
        unit_path=total.unit_path,
        period=period,
        actual=total.actual,
        numerator=total.numerator,
        denominator=total.denominator,
        forecast=total.forecast,
        share=domain.share_meeting(meeting, len(child_cells)),
        status=status,
    )
    return PeriodProgress(
        period=period, total=total, children=child_cells, status=status, children_meeting=meeting
    )
