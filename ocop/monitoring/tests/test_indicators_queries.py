"""Every indicator costs a fixed number of queries whatever the data: one for the total, one for the
breakdown (a share's numerator and denominator are two aggregates of the same queries)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ocop.monitoring.indicators import INDICATORS, Grouping, compute
from ocop.monitoring.tests.indicator_fixtures import PERIOD, add_records, make_growing_world

MAX_QUERIES = 4


def queries_per_indicator(unit, grouping) -> dict[str, int]:
    counts = {}
    for key in sorted(INDICATORS):
        with CaptureQueriesContext(connection) as queries:
            result = compute(key, unit=unit, period=PERIOD, grouping=grouping)
        counts[key] = len(queries)
        assert result.total.value is not None or INDICATORS[key].is_share
    return counts


@pytest.fixture
def growing_world(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return make_growing_world()


CASES = [("C", Grouping.CHILDREN), ("A", Grouping.CHILDREN), ("B", Grouping.CURRENT), ("C", Grouping.NONE)]


def test_queries_do_not_grow_with_the_data(growing_world):
    """A province of each map, by children and by current communes: the same count at 1 and at 5 records."""
    units = growing_world.units
    add_records(growing_world, 1)
    with_one = {case: queries_per_indicator(units[case[0]], case[1]) for case in CASES}
    add_records(growing_world, 4)
    with_five = {case: queries_per_indicator(units[case[0]], case[1]) for case in CASES}
    assert with_five == with_one
    for (_unit, grouping), counts in with_one.items():
        assert max(counts.values()) <= MAX_QUERIES
        assert set(counts.values()) == {1 if grouping == Grouping.NONE else 2}


def test_the_growing_data_is_counted(growing_world):
    """The records of the query guard are really read: five producers, each with one of everything."""
    add_records(growing_world, 5)
    c = growing_world.units["C"]
    expected = {
        "certified_products": 5,
        "upgraded_products": 5,
        "proposed_five_star": 5,
        "products_proposed": 5,  # submitted on 06/01/2026
        "producers": 5,
        "training_classes": 5,
        "media_items": 5,
        "promotion_events": 5,
        "sales_points": 5,
        "supports": 5,
        "revenue": 5 * 2_000_000,
        "budget_planned": 5 * 1_000_000,
    }
    got = {key: compute(key, unit=c, period=PERIOD).total.value for key in expected}
    assert got == expected
    assert compute("listed_share", unit=c, period=PERIOD).total.value == 100
    assert compute("digital_dossier_share", unit=c, period=PERIOD).total.value == 100
