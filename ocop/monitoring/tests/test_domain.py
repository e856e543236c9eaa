"""The progress arithmetic without a database: comparators, forecasts, shares, statuses, periods."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.monitoring import domain
from ocop.monitoring.domain import Status
from ocop.monitoring.indicators.base import Period

D = Decimal
JAN1 = dt.date(2021, 1, 1)
DEC31 = dt.date(2021, 12, 31)

decimals = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False, allow_infinity=False)
days = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2030, 12, 31))


# ----------------------------------------------------------------------------------------------------
# meets


@pytest.mark.parametrize(
    ("comparator", "actual", "value", "value_max", "expected"),
    [
        ("ge", D(30), D(30), None, True),
        ("ge", D("29.99"), D(30), None, False),
        ("le", D(5), D(5), None, True),
        ("le", D("5.01"), D(5), None, False),
        ("eq", D(4), D(4), None, True),
        ("eq", D(5), D(4), None, False),
        ("between", D(5), D(5), D(10), True),
        ("between", D(10), D(5), D(10), True),
        ("between", D("4.99"), D(5), D(10), False),
        ("between", D("10.01"), D(5), D(10), False),
        ("ge", None, D(0), None, False),
    ],
)
def test_meets_boundaries(comparator, actual, value, value_max, expected):
    assert domain.meets(comparator, actual, value, value_max) is expected


def test_meets_refuses_between_without_max_and_unknown_comparators():
    with pytest.raises(ValueError, match="value_max"):
        domain.meets("between", D(1), D(0), None)
    with pytest.raises(ValueError, match="unknown comparator"):
        domain.meets("gt", D(1), D(0), None)


@given(actual=decimals, value=decimals, width=st.decimals(min_value=0, max_value=1000, places=2))
def test_between_is_ge_low_and_le_high(actual, value, width):
    high = value + width
    assert domain.meets("between", actual, value, high) == (
        domain.meets("ge", actual, value, None) and domain.meets("le", actual, high, None)
    )


# ----------------------------------------------------------------------------------------------------
# forecast


def test_forecast_of_a_flow_is_the_daily_rate_carried_to_the_deadline():
    # 10 products in the first 73 days of 2021 (1/1 .. 14/3): 365 days make 50.
    as_of = JAN1 + dt.timedelta(days=72)
    assert domain.forecast(
        start_value=D(0), current_value=D(10), start=JAN1, as_of=as_of, deadline=DEC31
    ) == D("50.00")


def test_forecast_counts_the_first_day_as_elapsed():
    # everything counted on day one: one day of 365
    assert domain.forecast(start_value=D(0), current_value=D(1), start=JAN1, as_of=JAN1, deadline=DEC31) == D(
        "365.00"
    )


def test_forecast_of_a_stock_starts_from_the_eve_value():
    # 50 products on 31/12/2020, 65 after half of 2021-2022 (365 of 730 days): 80 by the end
    start, deadline = JAN1, dt.date(2022, 12, 31)
    as_of = dt.date(2021, 12, 31)
    assert domain.forecast(
        start_value=D(50), current_value=D(65), start=start, as_of=as_of, deadline=deadline
    ) == D("80.00")


def test_forecast_on_or_after_the_deadline_is_the_current_value():
    for as_of in (DEC31, DEC31 + dt.timedelta(days=1)):
        assert domain.forecast(
            start_value=D(0), current_value=D(7), start=JAN1, as_of=as_of, deadline=DEC31
        ) == D("7.00")


def test_forecast_needs_both_values_and_a_started_period():
    assert (
        domain.forecast(start_value=None, current_value=D(1), start=JAN1, as_of=DEC31, deadline=DEC31) is None
    )
    assert (
        domain.forecast(start_value=D(0), current_value=None, start=JAN1, as_of=DEC31, deadline=DEC31) is None
    )
    before = JAN1 - dt.timedelta(days=1)
    assert (
        domain.forecast(start_value=D(0), current_value=D(0), start=JAN1, as_of=before, deadline=DEC31)
        is None
    )


def test_forecast_clamps():
    # a falling share would go below 0, a rising one above 100
    mid = dt.date(2021, 1, 10)
    assert domain.forecast(
        start_value=D(90), current_value=D(50), start=JAN1, as_of=mid, deadline=DEC31, floor=D(0)
    ) == D("0.00")
    assert domain.forecast(
        start_value=D(10), current_value=D(60), start=JAN1, as_of=mid, deadline=DEC31, ceiling=D(100)
    ) == D("100.00")


@given(
    start_value=st.decimals(min_value=0, max_value=1000, places=2),
    current_value=st.decimals(min_value=0, max_value=1000, places=2),
    start=days,
    elapsed=st.integers(min_value=0, max_value=2000),
    remaining=st.integers(min_value=0, max_value=2000),
)
def test_forecast_goes_the_way_of_the_trend(start_value, current_value, start, elapsed, remaining):
    as_of = start + dt.timedelta(days=elapsed)
    deadline = as_of + dt.timedelta(days=remaining)
    result = domain.forecast(
        start_value=start_value, current_value=current_value, start=start, as_of=as_of, deadline=deadline
    )
    assert result is not None
    current = current_value.quantize(D("0.01"))
    if current_value > start_value:
        assert result >= current
    elif current_value < start_value:
        assert result <= current
    else:
        assert result == current
    if remaining == 0:
        assert result == current


# ----------------------------------------------------------------------------------------------------
# share of target


@pytest.mark.parametrize(
    ("comparator", "actual", "value", "value_max", "expected"),
    [
        ("ge", D(15), D(30), None, D("50.00")),
        ("ge", D(45), D(30), None, D("150.00")),
        ("ge", D(0), D(0), None, D("100.00")),
        ("ge", D(-5), D(10), None, D("0.00")),
        ("le", D(3), D(5), None, D("100.00")),
        ("le", D(10), D(5), None, D("50.00")),
        ("le", D(1), D(0), None, D("0.00")),
        ("eq", D(2), D(4), None, D("50.00")),
        ("eq", D(8), D(4), None, D("50.00")),
        ("between", D(7), D(5), D(10), D("100.00")),
        ("between", D(2), D(5), D(10), D("40.00")),
        ("between", D(20), D(5), D(10), D("50.00")),
        ("between", D(-3), D(5), D(10), D("0.00")),
        ("ge", None, D(30), None, None),
    ],
)
def test_share_of_target(comparator, actual, value, value_max, expected):
    assert domain.share_of_target(comparator, actual, value, value_max) == expected


@given(actual=decimals, value=st.decimals(min_value="0.01", max_value=10**6, places=2))
def test_share_of_a_ge_target_reaches_100_when_met(actual, value):
    share = domain.share_of_target("ge", actual, value, None)
    assert share >= 0
    if domain.meets("ge", actual, value, None):
        assert share >= 100
    elif actual * 100 / value < D("99.99"):
        assert share < 100


# ----------------------------------------------------------------------------------------------------
# status


THIRTY, ZERO = D(30), D(0)


def status(comparator="ge", value=THIRTY, value_max=None, actual=ZERO, forecast_value=ZERO, as_of=DEC31):
    return domain.target_status(
        comparator=comparator,
        value=value,
        value_max=value_max,
        actual=actual,
        forecast_value=forecast_value,
        period_start=JAN1,
        deadline=DEC31,
        as_of=as_of,
    )


MID = dt.date(2021, 6, 30)


def test_not_started_the_day_before_the_period_and_started_on_its_first_day():
    assert status(as_of=JAN1 - dt.timedelta(days=1), actual=None) == Status.NOT_STARTED
    assert status(as_of=JAN1, actual=D(0), forecast_value=D(0)) == Status.AT_RISK


def test_ge_reached_before_the_deadline_is_achieved():
    assert status(actual=D(30), forecast_value=D(60), as_of=MID) == Status.ACHIEVED


def test_ge_not_yet_reached_is_on_track_or_at_risk_by_the_forecast():
    assert status(actual=D(15), forecast_value=D(30), as_of=MID) == Status.ON_TRACK
    assert status(actual=D(15), forecast_value=D("29.99"), as_of=MID) == Status.AT_RISK
    assert status(actual=D(15), forecast_value=None, as_of=MID) == Status.AT_RISK


def test_deadline_day_is_final():
    assert status(actual=D(29), forecast_value=D(29), as_of=DEC31) == Status.MISSED
    assert status(actual=D(30), forecast_value=D(30), as_of=DEC31) == Status.ACHIEVED
    # the day before the deadline a good forecast still counts
    assert status(actual=D(29), forecast_value=D(30), as_of=DEC31 - dt.timedelta(days=1)) == Status.ON_TRACK


def test_le_is_achieved_only_once_the_deadline_is_reached():
    kwargs = {"comparator": "le", "value": D(5)}
    assert status(**kwargs, actual=D(3), forecast_value=D(4), as_of=MID) == Status.ON_TRACK
    assert status(**kwargs, actual=D(3), forecast_value=D(6), as_of=MID) == Status.AT_RISK
    assert status(**kwargs, actual=D(3), forecast_value=None, as_of=MID) == Status.ON_TRACK
    assert status(**kwargs, actual=D(5), forecast_value=D(5), as_of=DEC31) == Status.ACHIEVED
    assert status(**kwargs, actual=D(6), forecast_value=D(6), as_of=DEC31) == Status.MISSED
    assert status(**kwargs, actual=D(6), forecast_value=D(7), as_of=MID) == Status.AT_RISK


def test_between_is_achieved_when_inside():
    kwargs = {"comparator": "between", "value": D(5), "value_max": D(10)}
    assert status(**kwargs, actual=D(5), forecast_value=D(5), as_of=MID) == Status.ACHIEVED
    assert status(**kwargs, actual=D(11), forecast_value=D(11), as_of=MID) == Status.AT_RISK
    assert status(**kwargs, actual=D(11), forecast_value=D(11), as_of=DEC31) == Status.MISSED
    assert status(**kwargs, actual=D(4), forecast_value=D(8), as_of=MID) == Status.ON_TRACK


def test_no_value_is_no_data_once_started():
    assert status(actual=None, forecast_value=None, as_of=MID) == Status.NO_DATA
    assert status(actual=None, forecast_value=None, as_of=DEC31) == Status.NO_DATA


@given(
    comparator=st.sampled_from(["ge", "le", "eq"]),
    actual=decimals,
    value=decimals,
    forecast_value=st.one_of(st.none(), decimals),
    as_of=days,
)
def test_status_is_consistent_with_meets(comparator, actual, value, forecast_value, as_of):
    result = domain.target_status(
        comparator=comparator,
        value=value,
        value_max=None,
        actual=actual,
        forecast_value=forecast_value,
        period_start=JAN1,
        deadline=DEC31,
        as_of=as_of,
    )
    met = domain.meets(comparator, actual, value, None)
    if as_of < JAN1:
        assert result == Status.NOT_STARTED
    elif as_of >= DEC31:
        assert result == (Status.ACHIEVED if met else Status.MISSED)
    elif result == Status.ACHIEVED:
        assert met
        assert comparator != "le"
    else:
        assert result in {Status.ON_TRACK, Status.AT_RISK}


# ----------------------------------------------------------------------------------------------------
# per child, overall, counts


def test_children_status():
    A, T, R, M, N, X = (
        Status.ACHIEVED,
        Status.ON_TRACK,
        Status.AT_RISK,
        Status.MISSED,
        Status.NOT_STARTED,
        Status.NO_DATA,
    )
    assert domain.children_status([A, A, A]) == A
    assert domain.children_status([A, T]) == T
    assert domain.children_status([A, T, R]) == R
    assert domain.children_status([A, M, R]) == M
    assert domain.children_status([A, X]) == X
    assert domain.children_status([N, N]) == N
    assert domain.children_status([]) == X


def test_overall_status_over_years():
    A, T, R, M, N = Status.ACHIEVED, Status.ON_TRACK, Status.AT_RISK, Status.MISSED, Status.NOT_STARTED
    assert domain.overall_status([N, N]) == N
    assert domain.overall_status([A, A]) == A
    assert domain.overall_status([A, T, N]) == T
    assert domain.overall_status([A, R, N]) == R
    assert domain.overall_status([M, A, T]) == M
    assert domain.overall_status([]) == Status.NO_DATA


def test_share_meeting():
    assert domain.share_meeting(2, 8) == D("25.00")
    assert domain.share_meeting(0, 0) is None


def test_status_counts_lists_every_status():
    counts = domain.status_counts([Status.ACHIEVED, Status.ACHIEVED, Status.MISSED])
    assert counts[Status.ACHIEVED] == 2
    assert counts[Status.MISSED] == 1
    assert counts[Status.NO_DATA] == 0
    assert list(counts) == list(domain.STATUS_ORDER)
    assert set(counts) == set(Status)
    assert set(domain.STATUS_LABELS) == set(Status)


# ----------------------------------------------------------------------------------------------------
# periods


def test_target_periods_whole_plan_or_to_the_deadline():
    start, end = dt.date(2021, 1, 1), dt.date(2025, 12, 31)
    assert domain.target_periods(plan_start=start, plan_end=end, deadline=None, each_year=False) == [
        Period(start, end)
    ]
    assert domain.target_periods(
        plan_start=start, plan_end=end, deadline=dt.date(2023, 12, 31), each_year=False
    ) == [Period(start, dt.date(2023, 12, 31))]


def test_each_year_periods_are_clipped_calendar_years():
    periods = domain.target_periods(
        plan_start=dt.date(2019, 1, 15), plan_end=dt.date(2020, 12, 31), deadline=None, each_year=True
    )
    assert periods == [
        Period(dt.date(2019, 1, 15), dt.date(2019, 12, 31)),
        Period(dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
    ]


@given(start=days, length=st.integers(min_value=0, max_value=3000))
def test_years_cover_the_period_without_gaps(start, length):
    period = Period(start, start + dt.timedelta(days=length))
    years = period.years()
    assert years[0].start == period.start
    assert years[-1].end == period.end
    for before, after in itertools.pairwise(years):
        assert after.start == before.end + dt.timedelta(days=1)
        assert before.start.year == before.end.year


def test_current_period_index():
    periods = Period(dt.date(2021, 1, 1), dt.date(2023, 12, 31)).years()
    assert domain.current_period_index(periods, dt.date(2022, 1, 1)) == 1
    assert domain.current_period_index(periods, dt.date(2022, 12, 31)) == 1
    assert domain.current_period_index(periods, dt.date(2020, 5, 1)) == 0
    assert domain.current_period_index(periods, dt.date(2026, 5, 1)) == 2


def test_evaluation_day_is_capped_at_the_period_end():
    period = Period(JAN1, DEC31)
    assert domain.evaluation_day(period, MID) == MID
    assert domain.evaluation_day(period, dt.date(2024, 1, 1)) == DEC31
