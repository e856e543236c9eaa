"""Certificate and decision lists download what the page shows: same filters, same scope."""

import datetime as dt

import pytest
from django.urls import reverse

from ocop.certification.tests.conftest import ALL, VISIBLE, issue
from ocop.core.tests.exports_support import assert_flat_queries, csv_rows, xlsx_rows

pytestmark = pytest.mark.django_db
CERTIFICATES = "certification:certificate-list"
DECISIONS = "certification:decision-list"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("who", ["admin", "province_ld", "province_qn", "producer_unlinked"])
def test_certificate_export_is_the_scope(client, cert_world, certificates, who, fmt):
    client.force_login(cert_world.users[who])
    response = client.get(reverse(CERTIFICATES), {"export": fmt})
    rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    assert {row[0] for row in rows[1:]} == {certificates[key].number for key in VISIBLE[who]}


@pytest.mark.parametrize("who", ["admin", "province_ld", "province_qn", "producer_unlinked"])
def test_decision_export_is_the_scope(client, cert_world, certificates, who):
    client.force_login(cert_world.users[who])
    rows = csv_rows(client.get(reverse(DECISIONS), {"export": "csv"}))
    assert rows[0][:3] == ["Số quyết định", "Ngày ký", "Thẩm quyền"]
    assert {row[0] for row in rows[1:]} == {certificates[key].decision.number for key in VISIBLE[who]}


def test_certificate_csv_values_and_the_page_filter(client, cert_world, certificates):
    client.force_login(cert_world.users["admin"])
    rows = csv_rows(client.get(reverse(CERTIFICATES), {"export": "csv", "q": "ly_son"}))
    assert rows[0][0] == "Số giấy chứng nhận"
    assert "Trạng thái" in rows[0]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Sản phẩm"] == "Sâm dây Ngọc Linh ly_son"
    assert row["Hạng sao"] == "4"
    assert row["Ngày cấp"] == certificates["ly_son"].issued_on.strftime("%d/%m/%Y")
    assert row["Hiệu lực đến"] == certificates["ly_son"].valid_until.strftime("%d/%m/%Y")
    assert row["Chủ thể"] == "Hợp tác xã Dược liệu Ly Son"
    assert not csv_rows(client.get(reverse(CERTIFICATES), {"export": "csv", "star": "5"}))[1:]


def test_certificate_xlsx_has_numbers_and_dates(client, cert_world, certificates):
    client.force_login(cert_world.users["province_ld"])
    rows = xlsx_rows(client.get(reverse(CERTIFICATES), {"export": "xlsx"}))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Hạng sao"] == 4
    assert isinstance(row["Ngày cấp"], dt.datetime)
    assert row["Hiệu lực đến"] == dt.datetime(2029, 1, 15)
    decisions = xlsx_rows(client.get(reverse(DECISIONS), {"export": "xlsx"}))
    assert decisions[1][1] == dt.datetime(2026, 1, 15)
    assert decisions[1][6] == 1


def test_list_pages_offer_the_downloads(client, cert_world, certificates):
    client.force_login(cert_world.users["admin"])
    assert "star=4&amp;export=xlsx" in client.get(reverse(CERTIFICATES), {"star": "4"}).content.decode()
    assert "export=csv" in client.get(reverse(DECISIONS)).content.decode()


@pytest.mark.parametrize("url_name", [CERTIFICATES, DECISIONS])
def test_export_query_count_does_not_grow(client, cert_world, url_name):
    client.force_login(cert_world.users["admin"])
    keys = iter(ALL)
    issue(cert_world.products[next(keys)], signed_on=dt.date(2026, 1, 15))

    def add(n):
        for _ in range(n):
            issue(cert_world.products[next(keys)], signed_on=dt.date(2026, 1, 15))

    assert_flat_queries(client, reverse(url_name), add)
