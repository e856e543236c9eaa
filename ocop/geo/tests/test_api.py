"""The public API of administrative units: list, filters, dates, search, paging, detail, errors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from ocop.geo.loader import load_admin_units
from ocop.geo.models import AdminUnit
from ocop.geo.tests import snippets

URL = "/api/v1/admin-units"
pytestmark = pytest.mark.django_db


@pytest.fixture
def units() -> None:
    load_admin_units(sources=snippets.sources())


@pytest.fixture
def client() -> Client:
    return Client()


def _codes(response) -> list[str]:
    return [item["code"] for item in response.json()["items"]]


def test_default_is_the_provinces_of_today_and_needs_no_login(client, units):
    response = client.get(URL, {"level": 1})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert _codes(response) == ["01", "51"]
    first = body["items"][0]
    assert first["name"] == "Thành phố Hà Nội"
    assert first["kind"] == "thanh_pho_tw"
    assert first["kind_label"] == "Thành phố trực thuộc trung ương"
    assert first["valid_from"] == "2025-07-01"
    assert first["valid_to"] is None
    assert first["parent"] is None


def test_default_date_is_today(client, units, time_machine):
    time_machine.move_to(dt.datetime(2025, 6, 30, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=7))))
    assert _codes(client.get(URL, {"level": 1})) == ["01", "51", "62"]


def test_at_selects_the_map(client, units):
    assert _codes(client.get(URL, {"level": 1, "at": "2025-06-30"})) == ["01", "51", "62"]
    assert _codes(client.get(URL, {"level": 1, "at": "2025-07-01"})) == ["01", "51"]
    assert client.get(URL, {"level": 2, "at": "2025-07-01"}).json()["count"] == 0


def test_parent_by_code_or_id(client, units):
    at_before = {"at": "2025-06-30"}
    assert _codes(client.get(URL, {"parent": "01", **at_before})) == ["001"]
    assert _codes(client.get(URL, {"parent": "001", **at_before})) == ["00001", "00004", "00006"]
    assert _codes(client.get(URL, {"parent": "01"})) == ["00004", "00006", "00097"]
    hà_nội = AdminUnit.objects.get(code="01", valid_from=None)
    assert _codes(client.get(URL, {"parent_id": hà_nội.pk, **at_before})) == ["001"]
    item = client.get(URL, {"parent": "01"}).json()["items"][0]
    assert item["parent"]["code"] == "01"


def test_search_ignores_accents_and_case(client, units):
    response = client.get(URL, {"q": "dak glei", "at": "2025-01-01"})
    assert {item["name"] for item in response.json()["items"]} == {"Huyện Đăk Glei", "Thị trấn Đăk Glei"}
    assert "Đăk Glei".encode() in response.content  # Vietnamese as is, not \\u escapes
    assert [item["name"] for item in client.get(URL, {"q": "ĐĂK GLEI"}).json()["items"]] == ["Xã Đăk Glei"]
    assert _codes(client.get(URL, {"q": "000", "level": 3})) == ["00004", "00006", "00097"]


def test_sort_by_name(client, units):
    response = client.get(URL, {"level": 3, "sort": "name"})
    assert [item["name"] for item in response.json()["items"]] == [  # Vietnamese order: d < đ < p < x
        "Đặc khu Lý Sơn",
        "Phường Ba Đình",
        "Phường Hồng Hà",
        "Phường Vĩnh Phúc",
        "Xã Bình Sơn",
        "Xã Đăk Glei",
    ]


def test_paging(client, units):
    response = client.get(URL, {"level": 3, "limit": 2, "offset": 2})
    assert response.json()["count"] == 6
    assert _codes(response) == ["00097", "21091"]


@pytest.mark.parametrize(
    ("params", "location"),
    [
        ({"at": "2025-13-01"}, ["query", "at"]),
        ({"at": "hôm nay"}, ["query", "at"]),
        ({"level": 4}, ["query", "level"]),
        ({"level": "tỉnh"}, ["query", "level"]),
        ({"limit": 501}, ["query", "limit"]),
        ({"limit": 0}, ["query", "limit"]),
        ({"offset": -1}, ["query", "offset"]),
    ],
)
def test_bad_input_gives_the_error_shape(client, units, params, location):
    response = client.get(URL, params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["message"]
    assert [detail["loc"] for detail in error["details"]] == [location]


def test_unknown_parent_is_a_400(client, units):
    response = client.get(URL, {"parent": "99"})
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "invalid",
            "message": "Không có đơn vị cấp trên này.",
            "field": "parent",
            "details": None,
        }
    }


def test_detail_with_successions_both_ways(client, units):
    trúc_bạch = AdminUnit.objects.get(code="00004", valid_from=None)
    body = client.get(f"{URL}/{trúc_bạch.pk}").json()
    assert body["parent"]["code"] == "001"
    assert body["children_count"] == 0
    assert body["predecessors"] == []
    [successor] = body["successors"]
    assert successor["unit"]["name"] == "Phường Ba Đình"
    assert (successor["kind"], successor["kind_label"]) == ("merged_whole", "Nhập toàn bộ")
    assert successor["effective_on"] == "2025-07-01"

    ba_đình = AdminUnit.objects.get(code="00004", valid_from=dt.date(2025, 7, 1))
    body = client.get(f"{URL}/{ba_đình.pk}").json()
    assert [(link["unit"]["code"], link["kind"]) for link in body["predecessors"]] == [
        ("00001", "merged_part"),
        ("00004", "merged_whole"),
    ]
    assert body["successors"] == []

    hà_nội = AdminUnit.objects.get(code="01", valid_from=dt.date(2025, 7, 1))
    assert client.get(f"{URL}/{hà_nội.pk}").json()["children_count"] == 3


def test_detail_not_found(client, units):
    response = client.get(f"{URL}/999999")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_does_not_grow_with_items(client, django_assert_max_num_queries, count):
    load_admin_units(sources=snippets.provinces_sources(count))
    with django_assert_max_num_queries(2):
        response = client.get(URL, {"level": 3, "limit": 10})
    assert response.json()["count"] == count
    with django_assert_max_num_queries(3):  # + the parent
        response = client.get(URL, {"parent": "01", "at": "2025-01-01"})
    assert response.json()["count"] == 1


@pytest.mark.parametrize("count", [1, 3])
def test_detail_query_count_is_bounded(client, django_assert_max_num_queries, count):
    load_admin_units(sources=snippets.provinces_sources(count))
    province = AdminUnit.objects.get(code="01", valid_from=None)
    with django_assert_max_num_queries(4):
        response = client.get(f"{URL}/{province.pk}")
    assert response.status_code == 200


def test_openapi_lists_the_operations(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/admin-units" in paths
    assert "/api/v1/admin-units/{unit_id}" in paths
