"""Public sales-point map: open points only, filters, centroid fallback, the list beside it, query bounds."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from ocop.activities import services as activities
from ocop.certification import services as certification
from ocop.certification.historical import recognition_record
from ocop.core.testing import producer_data
from ocop.geo.models import AdminUnit
from ocop.registry import services as registry

D = dt.date
CENTROIDS = {
    "dak_mil": (12.448, 107.627),
    "bao_loc": (11.548, 107.807),
    "dak_glei": (15.085, 107.734),
    "ly_son": (15.380, 109.119),
}


def _product(admin, commune, name, product_set):
    producer = registry.producer_create(actor=admin, **producer_data(commune))
    return registry.product_create(actor=admin, producer=producer, name=name, product_set=product_set)


DECIDED = D(2026, 1, 15)


def _certify(admin, product, *, star=4, decided_on=DECIDED, number="15/QĐ-UBND"):
    return recognition_record(
        actor=admin, product=product, star=star, decided_on=decided_on, decision_number=number
    )


def _point(admin, commune, name, *, products=(), **extra):
    data = {"unit": commune, "name": name, "address": "Số 1 đường Hùng Vương", "opened_on": D(2026, 3, 10)}
    data.update(extra)
    return activities.sales_point_create(actor=admin, products=products, **data)


@pytest.fixture
def world(small_map, product_set, admin_user):
    """Centroids on the small map; a shop with coordinates, a display point without, a closed point."""
    for key, (lat, lon) in CENTROIDS.items():
        AdminUnit.objects.filter(pk=small_map.communes[key].pk).update(latitude=lat, longitude=lon)
    AdminUnit.objects.filter(pk=small_map.lam_dong.pk).update(latitude=11.9, longitude=108.4)
    AdminUnit.objects.filter(pk=small_map.quang_ngai.pk).update(latitude=15.0, longitude=108.6)
    communes = small_map.communes
    certified = _product(admin_user, communes["bao_loc"], "Cà phê Arabica Bảo Lộc", product_set)
    uncertified = _product(admin_user, communes["bao_loc"], "Trà Ô long chưa xếp hạng", product_set)
    sam = _product(admin_user, communes["dak_glei"], "Sâm dây Ngọc Linh", product_set)
    revoked = _product(admin_user, communes["dak_glei"], "Mật ong rừng bị thu hồi", product_set)
    _certify(admin_user, certified, star=4)
    _certify(admin_user, sam, star=3, number="16/QĐ-UBND")
    gone = _certify(admin_user, revoked, star=3, number="17/QĐ-UBND")
    certification.certificate_revoke(
        actor=admin_user,
        certificate=gone,
        ground="b",
        concluded_on=D(2026, 4, 1),
        decision_number="20/QĐ-TH",
        decided_on=D(2026, 4, 10),
        reason="Không còn đáp ứng tiêu chí.",
    )
    shop = _point(
        admin_user,
        communes["bao_loc"],
        "Cửa hàng OCOP Bảo Lộc",
        kind="shop",
        latitude=11.55,
        longitude=107.81,
        products=[certified, uncertified],
    )
    display = _point(
        admin_user,
        communes["dak_glei"],
        "Điểm giới thiệu OCOP Đăk Glei",
        kind="display",
        products=[sam, revoked],
    )
    closed = _point(
        admin_user, communes["dak_mil"], "Điểm bán đã đóng cửa", kind="shop", products=[certified]
    )
    activities.sales_point_close(actor=admin_user, sales_point=closed, closed_on=timezone.localdate())
    return {"shop": shop, "display": display, "closed": closed, "certified": certified, "sam": sam}


def _page(client, **params):
    response = client.get(reverse("portal:sales-map"), params)
    assert response.status_code == 200
    return response


def _map_points(response):
    return response.context["points_data"]


def _names(response):
    return [p["name"] for p in _map_points(response)]


def test_the_map_is_public_and_shows_open_points_only(client, world):
    response = _page(client)
    assert _names(response) == ["Điểm giới thiệu OCOP Đăk Glei", "Cửa hàng OCOP Bảo Lộc"]
    html = response.content.decode()
    assert 'data-testid="sales-map"' in html
    assert 'role="region"' in html
    assert "Điểm bán đã đóng cửa" not in html


def test_a_point_closing_later_is_still_open_and_one_closed_today_is_not(world):
    from ocop.portal.selectors.public_map import open_points_on

    today = timezone.localdate()
    names = set(open_points_on(today - dt.timedelta(days=1)).values_list("name", flat=True))
    assert "Điểm bán đã đóng cửa" in names  # open until the day before it closes
    assert "Điểm bán đã đóng cửa" not in set(open_points_on(today).values_list("name", flat=True))


def test_only_products_with_a_certificate_in_force_are_listed(client, world):
    points = {p["name"]: p for p in _map_points(_page(client))}
    shop = points["Cửa hàng OCOP Bảo Lộc"]
    assert [(x["name"], x["star"]) for x in shop["products"]] == [("Cà phê Arabica Bảo Lộc", 4)]
    display = points["Điểm giới thiệu OCOP Đăk Glei"]
    assert [x["name"] for x in display["products"]] == ["Sâm dây Ngọc Linh"]  # the revoked one is gone
    assert shop["products"][0]["url"].endswith(f"/ocop/san-pham/{world['certified'].pk}/")


def test_a_point_without_coordinates_sits_at_its_commune_centroid(client, world):
    response = _page(client)
    points = {p["name"]: p for p in _map_points(response)}
    display = points["Điểm giới thiệu OCOP Đăk Glei"]
    assert (display["lat"], display["lon"]) == CENTROIDS["dak_glei"]
    assert display["approximate"] is True
    shop = points["Cửa hàng OCOP Bảo Lộc"]
    assert (shop["lat"], shop["lon"], shop["approximate"]) == (11.55, 107.81, False)
    assert "Vị trí gần đúng theo trung tâm xã" in response.content.decode()


def test_a_point_with_no_position_at_all_is_in_the_list_but_not_on_the_map(client, world, small_map):
    AdminUnit.objects.filter(pk=small_map.communes["dak_glei"].pk).update(latitude=None, longitude=None)
    response = _page(client)
    assert _names(response) == ["Cửa hàng OCOP Bảo Lộc"]
    assert "Điểm giới thiệu OCOP Đăk Glei" in response.content.decode()
    assert "Chưa có vị trí trên bản đồ" in response.content.decode()


def test_the_list_holds_every_point_of_the_map_with_its_products(client, world):
    response = _page(client)
    html = response.content.decode()
    table = html[html.index('data-testid="sales-list"') : html.index("</table>")]
    for point in _map_points(response):
        assert f'id="diem-{point["id"]}"' in table
        assert point["name"] in table
        for product in point["products"]:
            assert f'href="{product["url"]}"' in table
    assert table.count("<tr id=") == len(response.context["points"]) == 2


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"tinh": "68"}, ["Cửa hàng OCOP Bảo Lộc"]),
        ({"tinh": "51"}, ["Điểm giới thiệu OCOP Đăk Glei"]),
        ({"loai": "shop"}, ["Cửa hàng OCOP Bảo Lộc"]),
        ({"loai": "display"}, ["Điểm giới thiệu OCOP Đăk Glei"]),
        ({"tinh": "68", "loai": "display"}, []),
        ({"loai": "centre"}, []),
    ],
)
def test_filters_by_province_and_kind_apply_to_map_and_list(client, world, params, expected):
    response = _page(client, **params)
    assert _names(response) == expected
    assert [p.name for p in response.context["points"]] == expected
    if not expected:
        assert "Không có điểm bán nào đang mở cửa khớp với bộ lọc" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"tinh": "99"}, "Không có tỉnh, thành phố mã “99”"),
        ({"tinh": "67"}, "Không có tỉnh, thành phố mã “67”"),  # a pre-2025 province is not a filter
        ({"loai": "<script>"}, "Không có loại điểm bán “&lt;script&gt;”"),
    ],
)
def test_an_unknown_filter_value_is_said_and_ignored(client, world, params, message):
    response = _page(client, **params)
    assert message in response.content.decode()
    assert len(_names(response)) == 2


def test_the_json_endpoint_gives_the_same_points(client, world):
    response = client.get(reverse("portal:sales-map-data"), {"tinh": "51"})
    assert response.status_code == 200
    body = response.json()
    assert [p["name"] for p in body["points"]] == ["Điểm giới thiệu OCOP Đăk Glei"]
    assert body["problems"] == []


def test_the_background_is_the_current_map_of_communes_and_provinces(client, world, small_map):
    response = client.get(reverse("portal:sales-map-background"))
    assert response.status_code == 200
    assert "max-age" in response["Cache-Control"]
    body = response.json()
    assert sorted(map(tuple, body["communes"])) == sorted(CENTROIDS.values())
    assert sorted(p["name"] for p in body["provinces"]) == ["Lâm Đồng", "Quảng Ngãi"]
    # The pre-2025 commune of the small map has a centroid too but is not drawn.
    AdminUnit.objects.filter(pk=small_map.old_commune.pk).update(latitude=12.4, longitude=107.6)
    assert len(client.get(reverse("portal:sales-map-background")).json()["communes"]) == 4


def test_the_page_embeds_its_data_as_json_script(client, world):
    html = _page(client).content.decode()
    start = html.index('<script id="sales-points-data" type="application/json">') + len(
        '<script id="sales-points-data" type="application/json">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    assert {p["name"] for p in data} == {"Cửa hàng OCOP Bảo Lộc", "Điểm giới thiệu OCOP Đăk Glei"}


def test_point_names_are_escaped_in_the_page(client, world, admin_user, small_map):
    _point(admin_user, small_map.communes["ly_son"], "Điểm <b>Lý Sơn</b>")
    html = _page(client).content.decode()
    assert "<b>Lý Sơn</b>" not in html
    assert "Điểm &lt;b&gt;Lý Sơn&lt;/b&gt;" in html


@pytest.mark.parametrize("extra_points", [0, 12])
def test_the_page_needs_a_bounded_number_of_queries(
    client, world, admin_user, small_map, product_set, extra_points, django_assert_max_num_queries
):
    for n in range(extra_points):
        products = [
            _product(admin_user, small_map.communes["ly_son"], f"Tỏi Lý Sơn {n}-{k}", product_set)
            for k in range(3)
        ]
        for k, product in enumerate(products):
            _certify(admin_user, product, star=3 + k % 2, number=f"{100 + n}/QĐ-UBND")
        _point(admin_user, small_map.communes["ly_son"], f"Điểm bán Lý Sơn {n}", products=products)
    with django_assert_max_num_queries(6):
        response = _page(client)
    assert len(response.context["points"]) == 2 + extra_points
    with django_assert_max_num_queries(6):
        client.get(reverse("portal:sales-map-data"))
    with django_assert_max_num_queries(2):
        client.get(reverse("portal:sales-map-background"))
