"""``breakdown_units``: the units a breakdown lists, on each map, every one even at zero, in one query."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ocop.monitoring.indicators.base import Grouping
from ocop.monitoring.indicators.units import breakdown_units
from ocop.monitoring.tests.indicator_fixtures import make_merged_map


@pytest.fixture
def units(db):
    return make_merged_map()


def keys(units, listed):
    by_pk = {unit.pk: key for key, unit in units.items()}
    return [by_pk[unit.pk] for unit in listed]


@pytest.mark.parametrize(
    ("unit", "grouping", "expected"),
    [
        ("C", Grouping.CHILDREN, ["c1", "c2", "c3", "c4"]),  # a 2025 province: its communes
        ("A", Grouping.CHILDREN, ["Ad"]),  # a pre-2025 province: its districts
        ("Ad", Grouping.CHILDREN, ["a1", "a2"]),  # a district: its communes
        ("a1", Grouping.CHILDREN, []),
        ("c1", Grouping.CHILDREN, []),
        ("C", Grouping.CURRENT, ["c1", "c2", "c3", "c4"]),
        ("c2", Grouping.CURRENT, ["c2"]),
        ("A", Grouping.CURRENT, ["c1"]),  # a1 and a2 both went into c1
        ("B", Grouping.CURRENT, ["c2", "c3", "c4"]),  # b2 was split between c3 and c4
        ("Bd", Grouping.CURRENT, ["c2", "c3", "c4"]),
        ("b2", Grouping.CURRENT, ["c3", "c4"]),
        ("a2", Grouping.CURRENT, ["c1"]),
        ("C", Grouping.NONE, []),
    ],
)
def test_breakdown_units(units, unit, grouping, expected):
    assert keys(units, breakdown_units(units[unit], grouping)) == expected


def test_other_provinces_are_never_listed(units):
    listed = breakdown_units(units["C"], Grouping.CURRENT) + breakdown_units(units["B"], Grouping.CURRENT)
    assert units["d1"].pk not in {u.pk for u in listed}


@pytest.mark.parametrize("grouping", [Grouping.CHILDREN, Grouping.CURRENT])
@pytest.mark.parametrize("unit", ["C", "B", "Ad"])
def test_breakdown_units_cost_one_query(units, unit, grouping):
    with CaptureQueriesContext(connection) as queries:
        listed = breakdown_units(units[unit], grouping)
        [u.parent for u in listed]  # parents come with the units
    assert len(queries) == 1


def test_paths_of_listed_units_are_the_breakdown_keys(units):
    """A breakdown's keys are unit paths: the ones ``breakdown_units`` lists, for both groupings."""
    from ocop.monitoring.indicators.base import bucket_length

    for unit, grouping in (("C", Grouping.CHILDREN), ("A", Grouping.CHILDREN), ("B", Grouping.CURRENT)):
        _map, length = bucket_length(units[unit], grouping)
        assert {len(u.path) for u in breakdown_units(units[unit], grouping)} == {length}
