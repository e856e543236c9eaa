"""Progress arithmetic of plan targets as pure functions: comparators, forecasts, statuses, shares.

No ORM and no clock: ``as_of`` is always an argument. The rules (docs in /work/briefs/progress.md):

- A target holds when its comparator holds on the actual value (``meets``). "≥", "=" and "between"
  targets count as achieved as soon as they hold, even before the deadline; a "≤" target only once
  the deadline is reached (until then the value can still grow past the ceiling).
- The forecast is linear: the value on the eve of the period (``start_value``; 0 for flow indicators,
  which count only what happens within the period) and the value on ``as_of`` give a daily trend, carried
  on to the deadline. Day ``start`` counts as one elapsed day, so a flow counted over the first day of
  a 365-day year forecasts 365 times that day's count.
- The deadline is "reached" on the deadline day itself: the value as of that day is final.
- A target "for each child unit" is achieved when every child meets it, missed when the deadline
  passed with some child not meeting it, and otherwise on track only when every child is
  achieved or on track.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from ocop.monitoring.indicators.base import Period

GE, LE, EQ, BETWEEN = "ge", "le", "eq", "between"
COMPARATORS = (GE, LE, EQ, BETWEEN)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


class Status(StrEnum):
    NOT_STARTED = "not_started"  # as_of before the period starts
    ACHIEVED = "achieved"  # the comparator holds (for "le": only once the deadline has passed)
    ON_TRACK = "on_track"  # not yet, but the forecast to the deadline meets it
    AT_RISK = "at_risk"  # the forecast does not meet it
    MISSED = "missed"  # deadline passed, not met
    NO_DATA = "no_data"  # value cannot be computed (e.g. a share with denominator 0)


STATUS_LABELS: dict[Status, str] = {
    Status.NOT_STARTED: _("Chưa bắt đầu"),
    Status.ACHIEVED: _("Đã đạt"),
    Status.ON_TRACK: _("Đúng tiến độ"),
    Status.AT_RISK: _("Có nguy cơ không đạt"),
    Status.MISSED: _("Không đạt"),
    Status.NO_DATA: _("Chưa có số liệu"),
}

# The order statuses are listed in (counts, legends): worst news first after the finished ones.
STATUS_ORDER: tuple[Status, ...] = (
    Status.ACHIEVED,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.MISSED,
    Status.NOT_STARTED,
    Status.NO_DATA,
)


@dataclass(frozen=True)
class Cell:
    """One target, for one unit, over one period."""

    unit_id: int
    unit_name: str
    unit_path: str
    period: Period
    actual: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    forecast: Decimal | None
    share: Decimal | None
    status: Status


def _dec(value: Decimal | int | float | str | None) -> Decimal | None:
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def meets(comparator: str, actual: Decimal | None, value: Decimal, value_max: Decimal | None) -> bool:
    """Whether ``actual`` satisfies the comparator ("ge", "le", "eq", "between" — inclusive bounds)."""
    if actual is None:
        return False
    if comparator == GE:
        return actual >= value
    if comparator == LE:
        return actual <= value
    if comparator == EQ:
        return actual == value
    if comparator == BETWEEN:
        if value_max is None:
            raise ValueError("between needs value_max")
        return value <= actual <= value_max
    raise ValueError(f"unknown comparator {comparator!r}")


def forecast(
    *,
    start_value: Decimal | None,
    current_value: Decimal | None,
    start: dt.date,
    as_of: dt.date,
    deadline: dt.date,
    floor: Decimal | None = None,
    ceiling: Decimal | None = None,
) -> Decimal | None:
    """The value expected on ``deadline``: linear from ``start_value`` (the eve of ``start``) through
    ``current_value`` (on ``as_of``), carried to the deadline; clamped to [floor, ceiling] when given.

    ``None`` when a value is missing or ``as_of`` is before ``start`` (there is no trend yet). On or after
    the deadline the forecast is the current value. Rounded to 2 decimals.
    """
    if start_value is None or current_value is None or as_of < start:
        return None
    if as_of >= deadline:
        result = current_value
    else:
        elapsed = (as_of - start).days + 1
        remaining = (deadline - as_of).days
        result = current_value + (current_value - start_value) * remaining / elapsed
    if floor is not None and result < floor:
        result = floor
    if ceiling is not None and result > ceiling:
        result = ceiling
    return result.quantize(CENT)


def share_of_target(
    comparator: str, actual: Decimal | None, value: Decimal, value_max: Decimal | None
) -> Decimal | None:
    """How far ``actual`` is towards the target, in percent (2 decimals), never below 0.

    "≥": actual / value (above 100 when exceeded; a target of 0 is 100 % reached). "≤": 100 while at or
    under the ceiling, value / actual above it. "=" and "between": 100 inside, actual / lower bound below,
    upper bound / actual above. ``None`` when there is no actual value.
    """
    if actual is None:
        return None
    low = value
    high = value if comparator == EQ else value_max
    if comparator == GE:
        share = HUNDRED if value <= 0 and actual >= value else _ratio(actual, value)
    elif comparator == LE:
        share = HUNDRED if actual <= value else _ratio(value, actual)
    elif comparator in (EQ, BETWEEN):
        if high is None:
            raise ValueError("between needs value_max")
        if low <= actual <= high:
            share = HUNDRED
        elif actual < low:
            share = _ratio(actual, low)
        else:
            share = _ratio(high, actual)
    else:
        raise ValueError(f"unknown comparator {comparator!r}")
    return max(share, Decimal(0)).quantize(CENT)


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal:
    if denominator == 0:
        return HUNDRED if numerator == 0 else Decimal(0)
    return numerator * HUNDRED / denominator


def target_status(
    *,
    comparator: str,
    value: Decimal,
    value_max: Decimal | None,
    actual: Decimal | None,
    forecast_value: Decimal | None,
    period_start: dt.date,
    deadline: dt.date,
    as_of: dt.date,
) -> Status:
    """The status of one target for one unit and period on ``as_of`` (rules in the module docstring)."""
    if as_of < period_start:
        return Status.NOT_STARTED
    if actual is None:
        return Status.NO_DATA
    final = as_of >= deadline
    if meets(comparator, actual, value, value_max):
        if comparator != LE or final:
            return Status.ACHIEVED
        if forecast_value is None or meets(comparator, forecast_value, value, value_max):
            return Status.ON_TRACK
        return Status.AT_RISK
    if final:
        return Status.MISSED
    if forecast_value is not None and meets(comparator, forecast_value, value, value_max):
        return Status.ON_TRACK
    return Status.AT_RISK


def children_status(statuses: Iterable[Status]) -> Status:
    """The status of a "for each child unit" target from the children's own statuses.

    Achieved when every child is; not started when the period has not; missed when some child missed
    (the deadline passed); at risk when some child is; no data when some child has none (and none is at
    risk or missed); otherwise on track. No children: no data.
    """
    found = set(statuses)
    if not found:
        return Status.NO_DATA
    if found == {Status.ACHIEVED}:
        return Status.ACHIEVED
    for status in (Status.NOT_STARTED, Status.MISSED, Status.AT_RISK, Status.NO_DATA):
        if status in found:
            return status
    return Status.ON_TRACK


def overall_status(statuses: Iterable[Status]) -> Status:
    """A target's status over its periods (one, or one per year for "each year" targets).

    Not started while no period has started; achieved when every period is; missed as soon as one
    period is missed (a missed year cannot be made up); then at risk, no data, on track.
    """
    found = list(statuses)
    if not found:
        return Status.NO_DATA
    if all(s == Status.NOT_STARTED for s in found):
        return Status.NOT_STARTED
    if all(s == Status.ACHIEVED for s in found):
        return Status.ACHIEVED
    for status in (Status.MISSED, Status.AT_RISK, Status.NO_DATA):
        if status in found:
            return status
    return Status.ON_TRACK


def share_meeting(meeting: int, total: int) -> Decimal | None:
    """Percent of the children meeting a per-child target (2 decimals); ``None`` without children."""
    if total <= 0:
        return None
    return (Decimal(meeting) * HUNDRED / Decimal(total)).quantize(CENT)


def target_periods(
    *, plan_start: dt.date, plan_end: dt.date, deadline: dt.date | None, each_year: bool
) -> list[Period]:
    """The periods a target is evaluated over: [plan start, deadline (default plan end)], or each of its
    calendar years (clipped to the plan) for "each year" targets, each year's end being its deadline."""
    whole = Period(plan_start, deadline or plan_end)
    return whole.years() if each_year else [whole]


def current_period_index(periods: list[Period], as_of: dt.date) -> int:
    """Index of the period holding ``as_of``; the first when it is before them all, else the last."""
    for index, period in enumerate(periods):
        if period.start <= as_of <= period.end:
            return index
    if periods and as_of < periods[0].start:
        return 0
    return len(periods) - 1


def evaluation_day(period: Period, as_of: dt.date) -> dt.date:
    """The last day whose data counts for ``period`` on ``as_of`` (``as_of``, capped at the period end)."""
    return min(as_of, period.end)


def status_counts(statuses: Iterable[Status]) -> dict[Status, int]:
    """How many of each status, every status present (zeros included), in ``STATUS_ORDER``."""
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for status in statuses:
        counts[Status(status)] += 1
    return counts
