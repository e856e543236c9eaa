"""Place names matched to current units: on the real files (loaded once per module, slow) and on snippets."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from django.db import transaction

from ocop.geo.loader import load_admin_units
from ocop.geo.matching import PlaceResolver, input_keys, unit_key
from ocop.geo.models import AdminUnit
from ocop.geo.tests import snippets


def test_keys_ignore_prefix_accents_case_spaces_and_leading_zeros():
    assert unit_key("Xã Đắk Pék") == unit_key("Xã Đăk Pék") == "dakpek"
    assert unit_key("Phường 01") == unit_key("Phường 1") == "1"
    assert unit_key("Thành phố Hồ Chí Minh") == "hochiminh"
    assert unit_key("Tỉnh Bà Rịa - Vũng Tàu") == "bariavungtau"
    assert input_keys("TP. Hồ Chí Minh")[0] == "hochiminh"
    assert input_keys("  DAK   PEK ") == ["dakpek"]
    # "Quan Sơn" is a name, not "Quận Sơn": the text as written is tried too.
    assert input_keys("Quan Sơn") == ["son", "quanson"]


# --- the real official files: one load per module (about half a minute on SQLite) -----------------


@pytest.fixture(scope="module")
def real(django_db_setup, django_db_blocker) -> Iterator[PlaceResolver]:
    with django_db_blocker.unblock(), transaction.atomic():
        load_admin_units()
        yield PlaceResolver()
        transaction.set_rollback(True)


def _current(code: str) -> AdminUnit:
    return AdminUnit.objects.current().get(code=code, level=3)


@pytest.mark.django_db
def test_real_old_commune_with_district_maps_to_its_current_commune(real):
    match = real.commune(commune="Xã Đăk Pék", district="Huyện Đăk Glei", province="Tỉnh Kon Tum")
    assert match.error == ""
    assert match.unit == _current("23341")
    assert match.unit.name == "Xã Đăk Pék"
    assert match.legacy_unit.code == "23353"
    assert match.note == (
        "Xã Đắk Pék, huyện Đắk Glei, tỉnh Kon Tum (trước 01/07/2025) nay là xã Đăk Pék, tỉnh Quảng Ngãi"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("written", ["dak pek", "DAK PEK", "Đắk Pék", "Xã  Dak Pek", "xa dakpek"])
def test_real_spellings_of_the_same_commune(real, written):
    match = real.commune(commune=written, district="Đắk Glei", province="Kon Tum")
    assert (match.unit.code, match.legacy_unit.code) == ("23341", "23353")


@pytest.mark.django_db
def test_real_ward_with_number_in_ho_chi_minh_city(real):
    match = real.commune(commune="Phường 1", district="Quận 3", province="TP. Hồ Chí Minh")
    assert match.error == ""
    assert match.legacy_unit.parent.name == "Quận 3"
    assert match.unit.parent.name == "Thành phố Hồ Chí Minh"
    assert match.unit.valid_to is None
    # Without the district "Phường 1" names many wards of the old city: ambiguous, listed with districts.
    ambiguous = real.commune(commune="Phường 1", province="Hồ Chí Minh")
    assert ambiguous.unit is None
    assert "quận 3" in ambiguous.error


@pytest.mark.django_db
def test_real_typo_gives_suggestions(real):
    match = real.commune(commune="Dak Pec", district="Đăk Glei", province="Kon Tum")
    assert match.unit is None
    assert "Dak Pec" in match.error
    assert any(s.startswith("Xã Đắk Pék") for s in match.suggestions)
    without_district = real.commune(commune="Dak Pec", province="Kon Tum")
    assert any("Đăk Pék" in s or "Đắk Pék" in s for s in without_district.suggestions)


@pytest.mark.django_db
def test_real_current_map_name(real):
    match = real.commune(commune="Xã Đăk Pék", province="Tỉnh Quảng Ngãi")
    assert (match.unit, match.legacy_unit, match.note, match.error) == (_current("23341"), None, "", "")
    assert real.commune(commune="Phường 2 Bảo Lộc", province="Lâm Đồng").unit.code == "24820"


@pytest.mark.django_db
def test_real_old_province_names(real):
    match = real.province("Đắk Nông")
    assert match.unit.name == "Tỉnh Lâm Đồng"
    assert match.note == "Tỉnh Đắk Nông (trước 01/07/2025) nay thuộc tỉnh Lâm Đồng"
    assert real.province("Kon Tum").unit.name == "Tỉnh Quảng Ngãi"
    assert real.province("tp hcm").unit.name == "Thành phố Hồ Chí Minh"
    assert real.province("Quảng Ngãi").note == ""
    unknown = real.province("Tỉnh Kon Tung")
    assert unknown.unit is None
    assert "Tỉnh Kon Tum" in unknown.suggestions


@pytest.mark.django_db
def test_real_district_only_asks_for_the_commune(real):
    match = real.commune(commune="", district="Huyện Đăk Glei", province="Kon Tum")
    assert match.unit is None
    assert "không còn cấp huyện" in match.error
    assert "Xã Đăk Pék, tỉnh Quảng Ngãi" in match.suggestions


@pytest.mark.django_db
def test_real_resolver_loads_in_two_queries_and_resolves_without_queries(real, django_assert_num_queries):
    with django_assert_num_queries(2):
        started = time.perf_counter()
        resolver = PlaceResolver()
        print(f"PlaceResolver() on the real map: {time.perf_counter() - started:.2f} s")
    with django_assert_num_queries(0):
        for _ in range(100):
            match = resolver.commune(commune="Đắk Pék", district="Đắk Glei", province="Kon Tum")
            assert match.unit.parent.name == "Tỉnh Quảng Ngãi"


# --- snippets shaped like the official files (fast) -----------------------------------------------

SPLIT_CONVERSION = snippets.CONVERSION + (
    "Tỉnh Quảng Ngãi (51),Xã Bình Sơn Mới,21092,Xã Bình Thanh,21091,Nhập một phần,"
    "Huyện Bình Sơn (524),Tỉnh Quảng Ngãi (51),\n"
)


@pytest.fixture
def small():
    load_admin_units(sources=snippets.sources(conversion=SPLIT_CONVERSION))
    return PlaceResolver()


@pytest.mark.django_db
def test_island_district_written_as_district_or_commune(small):
    for match in (
        small.commune(commune="", district="Huyện Lý Sơn", province="Quảng Ngãi"),
        small.commune(commune="Huyện Lý Sơn", province="Quảng Ngãi"),
        small.commune(commune="Đặc khu Lý Sơn", province="Quảng Ngãi"),
    ):
        assert match.unit.name == "Đặc khu Lý Sơn", match


@pytest.mark.django_db
def test_split_commune_goes_to_its_principal_successor_and_says_so(small):
    match = small.commune(commune="Bình Thanh", district="Bình Sơn", province="Quảng Ngãi")
    assert match.unit.name == "Xã Bình Sơn"  # renamed outranks merged in part
    assert "đã chia" in match.note
    assert "xã Bình Sơn Mới" in match.note


@pytest.mark.django_db
def test_unknown_province_and_district(small):
    assert small.commune(commune="Đăk Pék", province="Tỉnh Không Có").error.startswith(
        "Không tìm thấy tỉnh/thành phố"
    )
    match = small.commune(commune="Đăk Pék", district="Huyện Đăk Gle", province="Kon Tum")
    assert "Không tìm thấy huyện" in match.error
    assert match.suggestions == ("Huyện Đăk Glei, tỉnh Kon Tum",)


@pytest.mark.django_db
def test_commune_in_another_province_is_suggested(small):
    match = small.commune(commune="Phường Ba Đình", province="Quảng Ngãi")
    assert match.unit is None
    assert "Phường Ba Đình, thành phố Hà Nội" in match.suggestions


@pytest.mark.django_db
def test_no_province_searches_the_country(small):
    assert small.commune(commune="Ba Đình").unit.name == "Phường Ba Đình"
    assert small.commune(commune="Trúc Bạch").unit.name == "Phường Ba Đình"
    assert small.commune(commune="").error == "Chưa ghi xã/phường."
