"""Producer and product lists download what the page shows: same filters, same scope, Vietnamese headers."""

import datetime as dt

import pytest
from django.urls import reverse

from ocop.core.testing import producer_data
from ocop.core.tests.exports_support import assert_flat_queries, csv_rows, xlsx_rows
from ocop.registry import services
from ocop.registry.tests.conftest import VISIBLE

pytestmark = pytest.mark.django_db


def _producers_url():
    return reverse("registry:producer-list")


def _products_url():
    return reverse("registry:product-list")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(
    "who", ["admin", "province_ld", "province_qn", "commune_dak_mil", "producer_unlinked"]
)
def test_producer_export_is_the_scope(client, world, who, fmt):
    client.force_login(world.users[who])
    response = client.get(_producers_url(), {"export": fmt})
    rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    names = {row[0] for row in rows[1:]}
    assert names == {world.producers[key].name for key in VISIBLE[who]}


def test_producer_csv_headers_values_and_filter(client, world):
    client.force_login(world.users["admin"])
    rows = csv_rows(client.get(_producers_url(), {"export": "csv", "q": world.producers["ly_son"].name}))
    assert rows[0][:4] == ["Tên chủ thể", "Loại hình", "Mã số ĐKKD", "Mã số thuế"]
    assert "Ngày tham gia chương trình" in rows[0]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Tên chủ thể"] == world.producers["ly_son"].name
    assert row["Loại hình"] == "Hợp tác xã"
    assert row["Người đại diện"] == "Nguyễn Thị Hoa"
    assert row["Ngày tham gia chương trình"] == "01/03/2024"
    assert row["Số sản phẩm"] == "1"


def test_producer_xlsx_numbers_and_dates(client, world):
    client.force_login(world.users["province_ld"])
    rows = xlsx_rows(client.get(_producers_url(), {"export": "xlsx", "kind": "htx"}))
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert first["Tổng số lao động"] == 20
    assert first["Số sản phẩm"] == 1
    assert first["Ngày tham gia chương trình"] == dt.datetime(2024, 3, 1)
    assert len(rows) == 3
    assert not xlsx_rows(client.get(_producers_url(), {"export": "xlsx", "kind": "doanh_nghiep"}))[1:]


def test_product_export_follows_scope_and_search(client, world):
    client.force_login(world.users["province_qn"])
    rows = csv_rows(client.get(_products_url(), {"export": "csv"}))
    assert rows[0] == [
        "Tên sản phẩm",
        "Chủ thể",
        "Bộ sản phẩm",
        "Địa bàn",
        "Mã sản phẩm OCOP",
        "Ngày đăng ký",
    ]
    assert {r[0] for r in rows[1:]} == {world.products["dak_glei"].name, world.products["ly_son"].name}
    rows = xlsx_rows(client.get(_products_url(), {"export": "xlsx", "q": "ly_son"}))
    assert [r[0] for r in rows[1:]] == [world.products["ly_son"].name]
    assert isinstance(rows[1][5], dt.datetime)


def test_list_pages_offer_the_downloads_with_the_filters(client, world):
    client.force_login(world.users["admin"])
    body = client.get(_producers_url(), {"kind": "htx", "page": "1"}).content.decode()
    assert "kind=htx&amp;export=xlsx" in body
    assert "kind=htx&amp;export=csv" in body
    assert "export=csv" in client.get(_products_url()).content.decode()


def test_export_query_count_does_not_grow(client, small_map, admin_user, product_set):
    commune = small_map.communes["dak_mil"]

    def add(n):
        for _ in range(n):
            producer = services.producer_create(actor=admin_user, **producer_data(commune))
            services.product_create(
                actor=admin_user, producer=producer, name="Cà phê", product_set=product_set
            )

    add(1)
    client.force_login(admin_user)
    assert_flat_queries(client, _products_url(), add)
    assert_flat_queries(client, _producers_url(), add, start=3)
