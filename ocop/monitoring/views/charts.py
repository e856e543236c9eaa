"""Chart specifications (plain JSON for ``static/monitoring/charts.js``) built from progress figures.

A spec is ``{"labels", "values", "statuses", "series_label", "target", "target_max", "unit"}``; the
template embeds it with ``json_script`` and the script draws bars (coloured by status) with the target
drawn as a line. No JavaScript builds data in the templates.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from ocop.monitoring.domain import Cell
from ocop.monitoring.indicators import Breakdown
from ocop.monitoring.selectors import TargetProgress


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _spec(
    labels: list[str],
    values: list[Decimal | None],
    *,
    statuses: list[str] | None = None,
    series_label: str,
    unit: str,
    target: Decimal | None = None,
    target_max: Decimal | None = None,
) -> dict[str, Any]:
    return {
        "labels": labels,
        "values": [_num(v) for v in values],
        "statuses": statuses or [],
        "series_label": series_label,
        "target": _num(target),
        "target_max": _num(target_max),
        "target_label": _("Chỉ tiêu"),
        "unit": unit,
    }


def _short(name: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh ", "Huyện ", "Thị xã ", "Thị trấn ", "Phường ", "Xã ", "Quận "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def cells_chart(
    cells: list[Cell], *, series_label: str, unit: str, target=None, target_max=None, judged: bool = True
) -> dict:
    """Bars per unit; coloured by status only when the target applies to each unit (``judged``)."""
    return _spec(
        [_short(c.unit_name) for c in cells],
        [c.actual for c in cells],
        statuses=[str(c.status) for c in cells] if judged else [],
        series_label=series_label,
        unit=unit,
        target=target,
        target_max=target_max,
    )


def target_chart(progress: TargetProgress) -> dict[str, Any]:
    """Per year for "each year" targets, per child unit otherwise (the target line when it applies to each
    bar: each year, or each child); a target for a unit without children compares actual and forecast."""
    target, spec = progress.target, progress.indicator
    value, value_max = target.value, target.value_max
    unit = spec.unit_label
    if target.per_child and progress.current.children:
        return cells_chart(
            progress.current.children,
            series_label=_("Thực hiện"),
            unit=unit,
            target=value,
            target_max=value_max,
        )
    if len(progress.periods) > 1:
        return _spec(
            [str(p.period.start.year) for p in progress.periods],
            [p.total.actual for p in progress.periods],
            statuses=[str(p.total.status) for p in progress.periods],
            series_label=_("Thực hiện"),
            unit=unit,
            target=value,
            target_max=value_max,
        )
    if progress.current.children:
        return cells_chart(progress.current.children, series_label=_("Thực hiện"), unit=unit, judged=False)
    total = progress.current.total
    return _spec(
        [_("Thực hiện"), _("Dự báo đến hạn")],
        [total.actual, total.forecast],
        statuses=[str(total.status), "forecast"],
        series_label=spec.label,
        unit=unit,
        target=value,
        target_max=value_max,
    )


def breakdown_chart(breakdown: Breakdown, children, *, label: str, unit: str) -> dict[str, Any]:
    """Bars of an indicator's value for each child unit (zeros included)."""
    return _spec(
        [_short(child.name) for child in children],
        [breakdown.child(child.path).value for child in children],
        series_label=label,
        unit=unit,
    )
