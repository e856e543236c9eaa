"""Map versions and validity: pure rules, no database."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from ocop.geo.domain import MAP_2025, MAP_PRE_2025, REFORM_DATE, Level, is_valid_on, map_key_on


def test_reform_date_is_first_of_july_2025():
    assert dt.date(2025, 7, 1) == REFORM_DATE


def test_levels():
    assert [level.value for level in Level] == [1, 2, 3]


def test_map_key_on_switches_on_the_reform_date():
    assert map_key_on(dt.date(2025, 6, 30)) == MAP_PRE_2025
    assert map_key_on(REFORM_DATE) == MAP_2025
    assert map_key_on(dt.date(2030, 1, 1)) == MAP_2025


def test_validity_is_half_open():
    assert is_valid_on(None, REFORM_DATE, dt.date(2025, 6, 30))
    assert not is_valid_on(None, REFORM_DATE, REFORM_DATE)
    assert is_valid_on(REFORM_DATE, None, REFORM_DATE)
    assert not is_valid_on(REFORM_DATE, None, dt.date(2025, 6, 30))
    assert is_valid_on(None, None, dt.date(1900, 1, 1))


@given(st.dates())
def test_exactly_one_map_is_in_force_on_any_day(day: dt.date):
    before = is_valid_on(None, REFORM_DATE, day)
    after = is_valid_on(REFORM_DATE, None, day)
    assert before != after
    assert map_key_on(day) == (MAP_PRE_2025 if before else MAP_2025)
