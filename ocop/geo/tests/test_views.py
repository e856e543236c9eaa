"""Public pages of administrative units: list (map switch, search, level, paging) and detail."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ocop.geo.loader import load_admin_units
from ocop.geo.models import AdminUnit
from ocop.geo.tests import snippets

pytestmark = pytest.mark.django_db


@pytest.fixture
def units() -> None:
    load_admin_units(sources=snippets.sources())


def test_list_shows_current_provinces_by_default(client: Client, units):
    response = client.get(reverse("geo:unit-list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Thành phố Hà Nội" in page
    assert "Tỉnh Quảng Ngãi" in page
    assert "Tỉnh Kon Tum" not in page
    assert "Phường Ba Đình" not in page


def test_list_switches_map_searches_and_filters(client: Client, units):
    page = client.get(reverse("geo:unit-list"), {"map": "pre2025"}).content.decode()
    assert "Tỉnh Kon Tum" in page
    page = client.get(reverse("geo:unit-list"), {"map": "pre2025", "q": "dak glei"}).content.decode()
    assert "Huyện Đăk Glei" in page
    assert "Thị trấn Đăk Glei" in page
    page = client.get(reverse("geo:unit-list"), {"level": "3"}).content.decode()
    assert "Phường Ba Đình" in page
    page = client.get(reverse("geo:unit-list"), {"map": "pre2025", "parent": "001"}).content.decode()
    assert "Phường Trúc Bạch" in page
    assert client.get(reverse("geo:unit-list"), {"parent": "99"}).status_code == 404


def test_detail_shows_facts_children_and_successions(client: Client, units):
    trúc_bạch = AdminUnit.objects.get(code="00004", valid_from=None)
    page = client.get(trúc_bạch.get_absolute_url()).content.decode()
    assert "01/07/2025" in page
    assert "Quận Ba Đình" in page
    assert "Phường Ba Đình" in page
    assert "Nhập toàn bộ" in page
    ba_đình = AdminUnit.objects.get(code="00004", valid_to=None)
    page = client.get(ba_đình.get_absolute_url()).content.decode()
    assert "Phường Trúc Bạch" in page
    assert "Phường Phúc Xá" in page
    hà_nội = AdminUnit.objects.get(code="01", valid_to=None)
    page = client.get(hà_nội.get_absolute_url()).content.decode()
    assert "Phường Hồng Hà" in page  # a child
    assert client.get(reverse("geo:unit-detail", args=[999999])).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_pages_query_count_does_not_grow_with_items(client: Client, django_assert_max_num_queries, count):
    load_admin_units(sources=snippets.provinces_sources(count))
    with django_assert_max_num_queries(2):
        client.get(reverse("geo:unit-list"), {"level": "3"})
    province = AdminUnit.objects.get(code="01", valid_from=None)
    with django_assert_max_num_queries(5):
        client.get(province.get_absolute_url())
