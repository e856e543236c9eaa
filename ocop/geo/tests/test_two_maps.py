"""Where a record counts on each map: the principal predecessor/successor rule and ``paths_of``."""

from __future__ import annotations

import datetime as dt

import pytest

from ocop.core.testing import make_unit
from ocop.geo.domain import REFORM_DATE, principal_code
from ocop.geo.models import Succession
from ocop.geo.selectors import paths_of, principal_predecessor_ids


def test_principal_code_prefers_kept_then_renamed_then_whole_then_part():
    assert principal_code([]) is None
    assert principal_code([("002", "merged_part"), ("003", "merged_whole")]) == "003"
    assert principal_code([("009", "merged_whole"), ("004", "merged_whole")]) == "004"
    assert principal_code([("001", "merged_whole"), ("008", "renamed")]) == "008"
    assert principal_code([("001", "renamed"), ("008", "kept")]) == "008"
    assert principal_code([("001", "merged_part"), ("002", "merged_part")]) == "001"


def _link(old, new, kind: str) -> None:
    Succession.objects.create(predecessor=old, successor=new, kind=kind, effective_on=REFORM_DATE)


@pytest.fixture
def two_maps(db):
    """Old provinces A (one district, two communes) and B (one district, one commune) → current C."""
    old_a = make_unit(code="61", name="Tỉnh A", kind="tinh", level=1, current=False)
    old_b = make_unit(code="62", name="Tỉnh B", kind="tinh", level=1, current=False)
    district_a = make_unit(code="601", name="Huyện A1", kind="huyen", level=2, parent=old_a, current=False)
    district_b = make_unit(code="611", name="Huyện B1", kind="huyen", level=2, parent=old_b, current=False)
    a1 = make_unit(code="10001", name="Xã A1", kind="xa", level=3, parent=district_a, current=False)
    a2 = make_unit(code="10002", name="Xã A2", kind="xa", level=3, parent=district_a, current=False)
    b1 = make_unit(code="10003", name="Xã B1", kind="xa", level=3, parent=district_b, current=False)
    new_c = make_unit(code="63", name="Tỉnh C", kind="tinh", level=1)
    c1 = make_unit(code="20001", name="Xã C1", kind="xa", level=3, parent=new_c)
    c2 = make_unit(code="20002", name="Xã C2", kind="xa", level=3, parent=new_c)
    for old in (old_a, old_b):
        _link(old, new_c, "merged_whole")
    for district in (district_a, district_b):
        _link(district, new_c, "merged_whole")
    _link(a1, c1, "merged_whole")
    _link(a2, c1, "merged_part")
    _link(a2, c2, "merged_part")
    _link(b1, c2, "merged_whole")
    return locals()


def test_a_current_commune_counts_in_its_principal_predecessor(two_maps):
    m = two_maps
    assert principal_predecessor_ids([m["c1"].pk, m["c2"].pk]) == {
        m["c1"].pk: m["a1"].pk,
        m["c2"].pk: m["b1"].pk,
    }
    assert paths_of(m["c1"]) == (m["c1"].path, m["a1"].path)
    assert paths_of(m["c2"]) == (m["c2"].path, m["b1"].path)


def test_a_province_formed_from_several_counts_in_none_of_them_on_the_old_map(two_maps):
    assert paths_of(two_maps["new_c"]) == (two_maps["new_c"].path, "")


def test_old_units_count_in_their_principal_successor(two_maps):
    m = two_maps
    assert paths_of(m["a2"]) == (m["c1"].path, m["a2"].path)  # both in part: the lower code wins
    assert paths_of(m["district_a"]) == (m["new_c"].path, m["district_a"].path)
    assert paths_of(m["old_b"]) == (m["new_c"].path, m["old_b"].path)


def test_nothing_placed_nowhere(db):
    assert paths_of(None) == ("", "")


def test_a_unit_with_no_succession_has_no_place_on_the_other_map(db):
    lone = make_unit(code="99999", name="Xã mới lập", kind="xa", level=3, parent=None)
    assert paths_of(lone) == (lone.path, "")
    assert dt.date.today() >= REFORM_DATE
