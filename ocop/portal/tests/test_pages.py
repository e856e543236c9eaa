"""Public product and producer pages: public facts, live status, where to buy, QR, JSON-LD, GS1 links."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from ocop.activities.services.listings import listing_create, listing_end
from ocop.activities.services.sales_points import sales_point_close, sales_point_create
from ocop.portal.tests.conftest import (
    GTIN13,
    PRIVATE_PHONE,
    PRIVATE_REP,
    PRIVATE_TAX_CODE,
    SECRET_SCORE,
    TODAY,
    add_photo,
    at,
)
from ocop.portal.views.pages import qr_svg

pytestmark = pytest.mark.django_db
NEVER_CACHE = ("no-cache", "no-store", "must-revalidate", "max-age=0")


def _page(client, product) -> str:
    response = client.get(reverse("portal:product", args=[product.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _jsonld(body: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def _shop(maker, product, *, name="Điểm bán OCOP Phú Quốc", closed=False, **extra):
    point = sales_point_create(
        actor=maker.admin,
        unit=maker.places.phu_quoc,
        name=name,
        kind="display",
        address="12 Trần Hưng Đạo",
        opened_on=dt.date(2026, 1, 5),
        products=[product],
        **extra,
    )
    if closed:
        sales_point_close(actor=maker.admin, sales_point=point, closed_on=dt.date(2026, 6, 1))
    return point


def _listing(maker, product, *, url="https://shopee.vn/nuoc-mam-hung-thanh", ended=False):
    listing = listing_create(
        actor=maker.admin, product=product, platform="shopee", url=url, listed_from=dt.date(2026, 2, 1)
    )
    if ended:
        listing_end(actor=maker.admin, listing=listing, listed_until=dt.date(2026, 6, 1))
    return listing


# ----------------------------------------------------------------------------------------------------
# Product page


def test_product_page_shows_the_public_facts(client, world):
    product = world.products["nuoc_mam"]
    certificate = world.certificates["nuoc_mam"]
    assert reverse("portal:product", args=[product.pk]) == f"/ocop/san-pham/{product.pk}/"
    body = _page(client, product)
    for text in (
        "Nước mắm Phú Quốc 40 độ đạm",
        "Nước mắm truyền thống ủ chượp 12 tháng.",
        "Ba thế hệ làm nước mắm ở Dương Đông.",
        "★★★★★",
        "Còn hiệu lực",
        certificate.number,
        "10/02/2026",
        "10/02/2029",
        f'href="/xac-minh/{certificate.public_token}/"',
        f'href="/ocop/chu-the/{world.producers["hung_thanh"].pk}/"',
        "Công ty TNHH Nước mắm Hưng Thành",
        "Đặc khu Phú Quốc, Tỉnh An Giang",
        "trước 01/07/2025: Phường Dương Đông, Thành phố Phú Quốc, Tỉnh Kiên Giang",
        GTIN13,
        'data-testid="cert-status"',
        'data-testid="product-qr"',
    ):
        assert text in body, text
    assert "Chưa có điểm bán" in body


def test_product_page_shows_no_private_data(client, world):
    body = _page(client, world.products["nuoc_mam"])
    producer = world.producers["hung_thanh"]
    for secret in (
        PRIVATE_PHONE,
        PRIVATE_TAX_CODE,
        PRIVATE_REP,
        producer.registration_code,
        producer.address,
        ">77<",
    ):
        assert secret not in body, secret
    assert "lao động" not in body.lower()
    assert world.certificates["nuoc_mam"].score == SECRET_SCORE
    for score in ("93,47", "93.47"):
        assert score not in body  # no evaluation score


def test_product_never_certified_or_unknown_is_not_found(client, world):
    for pk in (world.products["ruou"].pk, 999999):
        response = client.get(reverse("portal:product", args=[pk]))
        assert response.status_code == 404
        body = response.content.decode()
        assert "Không tìm thấy sản phẩm OCOP" in body
        assert "Rượu cần" not in body
    assert client.get("/ocop/san-pham/abc/").status_code == 404


def test_expired_and_revoked_products_show_their_status_plainly(client, world):
    body = _page(client, world.products["mat_ong"])
    assert "Hết hạn" in body
    assert "đã hết hạn sau ngày 10/05/2025" in body
    body = _page(client, world.products["tra"])
    assert "Đã thu hồi" in body
    assert "đã bị thu hồi từ ngày 01/05/2026" in body
    assert "Còn hiệu lực" not in body
    body = _page(client, world.products["ca_phe"])
    assert "Sắp hết hạn" in body
    assert "còn 78 ngày" in body  # valid until 01/09/2026


def test_upgraded_product_shows_its_current_certificate_and_the_former_one(client, world):
    body = _page(client, world.products["mien"])
    assert world.certificates["mien"].number in body
    assert "Các giấy chứng nhận trước" in body
    assert world.certificates["mien_old"].number in body
    assert "Đã được thay thế" in body


def test_photos_and_where_to_buy(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    maker, product = world.maker, world.products["nuoc_mam"]
    add_photo(product, maker.admin, caption="Chai 500 ml")
    _shop(maker, product)
    _shop(maker, product, name="Cửa hàng đã đóng", closed=True)
    _shop(maker, world.products["sam_day"], name="Điểm bán sâm")
    _listing(maker, product)
    _listing(maker, product, url="https://tiki.vn/ngung-ban", ended=True)
    body = _page(client, product)
    assert "Chai 500 ml" in body
    assert '<img src="/media/products/' in body
    assert "Điểm bán OCOP Phú Quốc" in body
    assert "12 Trần Hưng Đạo, Đặc khu Phú Quốc, Tỉnh An Giang" in body
    assert "Cửa hàng đã đóng" not in body
    assert "Điểm bán sâm" not in body
    assert 'href="https://shopee.vn/nuoc-mam-hung-thanh" rel="nofollow noopener noreferrer"' in body
    assert "tiki.vn/ngung-ban" not in body


def test_product_page_costs_at_most_eight_queries(
    client, world, django_assert_max_num_queries, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    maker, product = world.maker, world.products["nuoc_mam"]
    for n in range(3):
        add_photo(product, maker.admin)
        _shop(maker, product, name=f"Điểm {n}")
        _listing(maker, product, url=f"https://shopee.vn/{n}")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("portal:product", args=[product.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="sales-point"') == 3
    with django_assert_max_num_queries(8):
        assert client.get(f"/01/{GTIN13}").status_code == 200


# ----------------------------------------------------------------------------------------------------
# JSON-LD, QR


def test_jsonld_is_a_schema_org_product_with_gtin_star_and_validity(client, world):
    data = _jsonld(_page(client, world.products["nuoc_mam"]))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Product"
    assert data["name"] == "Nước mắm Phú Quốc 40 độ đạm"
    assert data["gtin13"] == GTIN13
    assert data["url"] == f"http://testserver/01/0{GTIN13}"
    assert data["manufacturer"]["name"] == "Công ty TNHH Nước mắm Hưng Thành"
    assert data["manufacturer"]["address"]["addressRegion"] == "Tỉnh An Giang"
    assert data["brand"]["name"] == "Công ty TNHH Nước mắm Hưng Thành"
    props = {p["name"]: p["value"] for p in data["additionalProperty"]}
    assert props["OCOP star rating"] == 5
    assert props["OCOP certificate valid until"] == "2029-02-10"
    assert props["OCOP certificate status"] == "Valid"
    assert "5★" in data["award"]
    assert "offers" not in data
    assert PRIVATE_PHONE not in json.dumps(data)


def test_jsonld_without_gtin_and_for_a_revoked_product(client, world):
    data = _jsonld(_page(client, world.products["tra"]))
    assert not any(key.startswith("gtin") for key in data)
    assert "award" not in data  # no award claimed for a revoked certificate
    assert {p["name"]: p["value"] for p in data["additionalProperty"]}["OCOP certificate status"] == "Revoked"


def test_a_product_name_cannot_break_out_of_the_script(client, maker, places):
    evil = 'Bánh </script><script>alert("x")</script> & <!-- ngon'
    product = maker.certified(places.bao_loc, evil)
    body = _page(client, product)
    assert "<script>alert" not in body
    assert "</script><script>" not in body
    assert _jsonld(body)["name"] == evil
    assert "&lt;/script&gt;" in body  # the visible name is escaped too


def test_qr_encodes_the_gs1_link_or_the_page_address(client, world):
    body = _page(client, world.products["nuoc_mam"])
    assert str(qr_svg(f"http://testserver/01/0{GTIN13}")) in body
    assert f"http://testserver/01/0{GTIN13}" in body
    product = world.products["sam_day"]
    body = _page(client, product)
    assert str(qr_svg(f"http://testserver/ocop/san-pham/{product.pk}/")) in body


# ----------------------------------------------------------------------------------------------------
# GS1 Digital Link


@pytest.mark.parametrize(
    "path",
    [
        f"/01/{GTIN13}",
        f"/01/{GTIN13}/",
        f"/01/0{GTIN13}",
        f"/01/0{GTIN13}/10/LOT42",
        f"/01/{GTIN13}/21/ABC/17/290101",
    ],
)
def test_gtin_link_renders_the_product_page_with_a_canonical_link(client, world, path):
    response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nước mắm Phú Quốc 40 độ đạm" in body
    assert f'<link rel="canonical" href="http://testserver/01/0{GTIN13}">' in body


def test_gtin_stored_short_is_found_by_its_fourteen_digits(client, maker, places):
    maker.certified(places.bao_loc, "Kẹo dừa", gtin="96385074")
    assert "Kẹo dừa" in client.get("/01/00000096385074").content.decode()
    assert "Kẹo dừa" in client.get("/01/96385074").content.decode()


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (f"/01/{GTIN13[:-1]}2", "Mã GTIN không hợp lệ"),  # wrong check digit
        ("/01/abc", "Mã GTIN không hợp lệ"),
        ("/01/1234567", "Mã GTIN không hợp lệ"),
        ("/01/" + "9" * 40, "Mã GTIN không hợp lệ"),
        ("/01/4006381333931", "Không có sản phẩm OCOP nào mang mã GTIN này"),  # valid, unknown
        ("/01/%3Cscript%3E", "Mã GTIN không hợp lệ"),
    ],
)
def test_gtin_wrong_or_unknown_is_a_friendly_404(client, world, path, text):
    response = client.get(path)
    assert response.status_code == 404
    body = response.content.decode()
    assert text in body
    assert "<script>" not in body


def test_gtin_of_a_product_never_certified_is_not_found(client, maker, places):
    producer = maker.producer(places.bao_loc, "Hợp tác xã Chưa Công Nhận")
    maker.product(producer, "Bánh chưa công nhận", gtin="4006381333931")
    assert client.get("/01/4006381333931").status_code == 404


# ----------------------------------------------------------------------------------------------------
# Producer page


def test_producer_page_lists_its_public_products_and_where_to_buy(
    client, world, django_assert_max_num_queries
):
    producer = world.producers["mang_den"]
    maker = world.maker
    _shop(maker, world.products["sam_day"], name="Điểm bán sâm")
    _listing(maker, world.products["mien"], url="https://shopee.vn/mien")
    url = reverse("portal:producer", args=[producer.pk])
    assert url == f"/ocop/chu-the/{producer.pk}/"
    with django_assert_max_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    for text in (
        "Hợp tác xã Dược liệu Măng Đen",
        "Hợp tác xã",
        "Xã Đăk Plô, Tỉnh Quảng Ngãi",
        "trước 01/07/2025: Xã Đắk Choong, Huyện Đăk Glei, Tỉnh Kon Tum",
        "Sâm dây Ngọc Linh",
        "Miến dong",
        "Điểm bán sâm",
        "https://shopee.vn/mien",
    ):
        assert text in body, text
    assert "Rượu cần" not in body  # never certified
    assert body.count('data-testid="product-card"') == 2
    for secret in (PRIVATE_PHONE, PRIVATE_TAX_CODE, PRIVATE_REP, producer.registration_code):
        assert secret not in body


def test_producer_page_shows_expired_and_revoked_products_with_their_status(client, world):
    body = client.get(reverse("portal:producer", args=[world.producers["bao_loc"].pk])).content.decode()
    assert "Trà Shan tuyết" in body
    assert "Đã thu hồi" in body


def test_producer_without_a_certified_product_is_not_found(client, world, maker, places):
    producer = maker.producer(places.bao_loc, "Hợp tác xã Chưa Có Sản Phẩm")
    maker.product(producer, "Bánh chưa công nhận")
    for pk in (producer.pk, 999999):
        response = client.get(reverse("portal:producer", args=[pk]))
        assert response.status_code == 404
        assert "Không tìm thấy chủ thể OCOP" in response.content.decode()


# ----------------------------------------------------------------------------------------------------
# Live status whatever the caches


def test_portal_pages_are_never_cached(client, world):
    certificate = world.certificates["nuoc_mam"]
    for url in (
        "/ocop/",
        reverse("portal:product", args=[world.products["nuoc_mam"].pk]),
        reverse("portal:producer", args=[world.producers["hung_thanh"].pk]),
        f"/01/{GTIN13}",
        f"/01/{GTIN13[:-1]}2",
        certificate.get_public_url(),
    ):
        header = client.get(url)["Cache-Control"]
        for directive in NEVER_CACHE:
            assert directive in header, (url, header)


def test_revocation_shows_on_the_very_next_request(client, world):
    product, certificate = world.products["sam_day"], world.certificates["sam_day"]
    assert "Còn hiệu lực" in _page(client, product)
    assert "Sâm dây Ngọc Linh" in client.get("/ocop/").content.decode()
    world.maker.revoke(certificate, on=TODAY)
    body = _page(client, product)
    assert "Đã thu hồi" in body
    assert "Còn hiệu lực" not in body
    assert "Đã bị thu hồi" in client.get(certificate.get_public_url()).content.decode()
    assert "Sâm dây Ngọc Linh" not in client.get("/ocop/").content.decode()


def test_expiry_shows_the_day_after_the_last_valid_day(client, world):
    product = world.products["sam_day"]  # valid until 15/01/2029
    with at(dt.date(2029, 1, 15)):
        assert "Sắp hết hạn" in _page(client, product)
    with at(dt.date(2029, 1, 16)):
        body = _page(client, product)
        assert "Hết hạn" in body
        assert "Sắp hết hạn" not in body
        assert "Hết hiệu lực" in client.get(world.certificates["sam_day"].get_public_url()).content.decode()
        assert "Sâm dây Ngọc Linh" not in client.get("/ocop/").content.decode()


def test_english_page(client, world):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = _page(client, world.products["nuoc_mam"])
    assert 'lang="en"' in body
