"""The real official files, loaded once per module: exact counts, known successions, dated reads."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest
from django.db import transaction
from django.db.models import Count

from ocop.geo import selectors
from ocop.geo.domain import MAP_2025, MAP_PRE_2025, REFORM_DATE
from ocop.geo.loader import LoadReport, load_admin_units
from ocop.geo.models import AdminUnit, Succession

BEFORE = dt.date(2025, 6, 30)
AFTER = REFORM_DATE


@pytest.fixture(scope="module")
def real_data(django_db_setup, django_db_blocker) -> Iterator[LoadReport]:
    """Load the real files once for this module, inside a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        started = time.perf_counter()
        report = load_admin_units()
        report.seconds = time.perf_counter() - started
        yield report
        transaction.set_rollback(True)


def _old(code: str, level: int) -> AdminUnit:
    return AdminUnit.objects.get(code=code, level=level, valid_from=None)


def _new(code: str, level: int) -> AdminUnit:
    return AdminUnit.objects.get(code=code, level=level, valid_from=REFORM_DATE)


@pytest.mark.django_db
def test_exact_counts(real_data):
    counts = real_data.unit_counts
    assert [counts[(MAP_PRE_2025, level)] for level in (1, 2, 3)] == [63, 696, 10051]
    assert [counts[(MAP_2025, level)] for level in (1, 2, 3)] == [34, 0, 3321]
    assert AdminUnit.objects.valid_on(BEFORE).filter(level=1).count() == 63
    assert AdminUnit.objects.valid_on(BEFORE).filter(level=2).count() == 696
    assert AdminUnit.objects.valid_on(BEFORE).filter(level=3).count() == 10051
    assert AdminUnit.objects.valid_on(AFTER).filter(level=1).count() == 34
    assert AdminUnit.objects.valid_on(AFTER).filter(level=3).count() == 3321
    assert AdminUnit.objects.current().filter(level=2).count() == 0
    kinds = dict(
        AdminUnit.objects.current().filter(level=3).values_list("kind").annotate(n=Count("id")).order_by()
    )
    assert kinds == {"xa": 2621, "phuong": 687, "dac_khu": 13}
    assert real_data.succession_counts == {
        "merged_whole": 10209,
        "merged_part": 973,
        "kept": 138,
        "renamed": 10,
    }
    assert Succession.objects.count() == 11330
    assert real_data.seconds < 60


@pytest.mark.django_db
def test_every_current_commune_has_a_predecessor(real_data):
    orphans = AdminUnit.objects.current().filter(level=3).annotate(n=Count("predecessions")).filter(n=0)
    assert list(orphans.values_list("code", flat=True)) == []
    provinces = AdminUnit.objects.current().filter(level=1).annotate(n=Count("predecessions")).filter(n=0)
    assert list(provinces.values_list("code", flat=True)) == []


@pytest.mark.django_db
def test_anomalies_of_the_official_files_are_reported(real_data):
    by_category: dict[str, int] = {}
    for warning in real_data.warnings:
        by_category[warning.category] = by_category.get(warning.category, 0) + 1
    assert by_category["orphan"] == 19
    assert by_category["code"] == 8
    assert by_category["erratum"] == 5
    assert by_category["province"] == 3
    # The old communes in no succession have no current unit to go to.
    assert selectors.current_units_for(old_unit=_old("03751", 3)) == []


@pytest.mark.django_db
def test_truc_bach_went_into_phuong_ba_dinh(real_data, django_assert_max_num_queries):
    trúc_bạch = _old("00004", 3)
    assert (trúc_bạch.name, trúc_bạch.parent.name, trúc_bạch.parent.parent.name) == (
        "Phường Trúc Bạch",
        "Quận Ba Đình",
        "Thành phố Hà Nội",
    )
    with django_assert_max_num_queries(1):
        [ba_đình] = selectors.current_units_for(old_unit=trúc_bạch)
    assert (ba_đình.name, ba_đình.parent.code, ba_đình.succession.kind) == (
        "Phường Ba Đình",
        "01",
        "merged_whole",
    )
    with django_assert_max_num_queries(1):
        predecessors = selectors.predecessors_of(unit=ba_đình)
    assert {old.code for old in predecessors} >= {"00004", "00013", "00016"}
    assert {old.succession.kind for old in predecessors} == {"merged_whole", "merged_part"}


@pytest.mark.django_db
def test_children_and_descendants_follow_the_date(real_data):
    hà_nội_old, hà_nội_new = _old("01", 1), _new("01", 1)
    for unit in (hà_nội_old, hà_nội_new):
        assert selectors.children_of(unit=unit, at=BEFORE).count() == 30
        assert selectors.children_of(unit=unit, at=AFTER).count() == 126
        assert selectors.descendants_of(unit=unit, at=BEFORE).count() == 30 + 526
        assert selectors.descendants_of(unit=unit, at=AFTER).count() == 126
    assert {unit.level for unit in selectors.children_of(unit=hà_nội_new, at=BEFORE)} == {2}
    ba_đình = _old("001", 2)
    assert selectors.children_of(unit=ba_đình, at=BEFORE).count() == 13
    assert selectors.children_of(unit=ba_đình, at=AFTER).count() == 0  # districts are gone


@pytest.mark.django_db
def test_dak_nong_went_into_lam_dong(real_data):
    đắk_nông = _old("67", 1)
    assert đắk_nông.name == "Tỉnh Đắk Nông"
    [lâm_đồng] = selectors.current_units_for(old_unit=đắk_nông)
    assert (lâm_đồng.code, lâm_đồng.name, lâm_đồng.succession.kind) == ("68", "Tỉnh Lâm Đồng", "merged_whole")
    assert selectors.children_of(unit=đắk_nông, at=AFTER).count() == 0
    assert {old.code for old in selectors.predecessors_of(unit=lâm_đồng) if old.level == 1} == {
        "60",
        "67",
        "68",
    }
    # Provinces that did not merge are kept.
    [hà_nội] = selectors.current_units_for(old_unit=_old("01", 1))
    assert hà_nội.succession.kind == "kept"


@pytest.mark.django_db
def test_dak_glei_communes_went_into_quang_ngai(real_data):
    đăk_glei = _old("610", 2)
    assert (đăk_glei.name, đăk_glei.parent.name) == ("Huyện Đắk Glei", "Tỉnh Kon Tum")
    communes = list(selectors.children_of(unit=đăk_glei, at=BEFORE))
    assert len(communes) == 12
    for commune in communes:
        new_units = selectors.current_units_for(old_unit=commune)
        assert new_units, commune
        assert {unit.parent.code for unit in new_units} == {"51"}
    [quảng_ngãi] = selectors.current_units_for(old_unit=đăk_glei)
    assert quảng_ngãi.name == "Tỉnh Quảng Ngãi"


@pytest.mark.django_db
def test_special_zones_and_island_districts(real_data):
    côn_đảo = _new("26732", 3)
    assert (côn_đảo.name, côn_đảo.kind, côn_đảo.parent.code) == ("Đặc khu Côn Đảo", "dac_khu", "79")
    [district] = selectors.predecessors_of(unit=côn_đảo)
    assert (district.code, district.level, district.succession.kind) == ("755", 2, "renamed")
    thổ_châu = selectors.predecessors_of(unit=_new("31105", 3))
    assert [(old.code, old.succession.kind) for old in thổ_châu] == [("31105", "renamed")]


@pytest.mark.django_db
def test_search_is_accent_insensitive(real_data):
    names = set(selectors.units_list(q="dak glei", at=BEFORE).values_list("name", flat=True))
    assert names == {"Huyện Đắk Glei", "Thị trấn Đắk Glei"}
    current = selectors.units_list(level=1, at=AFTER, q="HO CHI MINH")
    assert [unit.code for unit in current] == ["79"]


@pytest.mark.django_db
def test_second_load_of_the_real_files_changes_nothing(real_data):
    report = load_admin_units()
    assert report.units.unchanged
    assert report.successions.unchanged
    assert report.seconds < 60


@pytest.mark.django_db
def test_every_current_commune_counts_in_an_old_commune_of_a_province_that_went_into_its_own(real_data):
    """So a merged province's totals on the current map equal the sum of its predecessors' on the old one."""
    communes = list(AdminUnit.objects.current().filter(level=3).select_related("parent"))
    principal = selectors.principal_predecessor_ids([c.pk for c in communes])
    assert len(principal) == len(communes)
    old_province_of = {
        u.pk: u.path.split("/")[2] for u in AdminUnit.objects.filter(pk__in=set(principal.values()))
    }
    went_into = {
        (s.predecessor.code, s.successor.code)
        for s in Succession.objects.filter(predecessor__level=1).select_related("predecessor", "successor")
    }
    strays = [c.name for c in communes if (old_province_of[principal[c.pk]], c.parent.code) not in went_into]
    assert strays == []
