"""The plan list downloads what the page shows: same filters, same area, typed cells."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ocop.core.tests.exports_support import assert_flat_queries, csv_rows, xlsx_rows
from ocop.monitoring.tests.test_views import build_dash, login, make_dash_plan

pytestmark = pytest.mark.django_db
URL = "monitoring:plan-list"


@pytest.fixture
def dash(taxonomy):
    return build_dash()


def _rows(client, fmt, **query):
    response = client.get(reverse(URL), {"export": fmt, **query})
    return csv_rows(response) if fmt == "csv" else xlsx_rows(response)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_is_the_area(client, dash, fmt):
    assert [r[0] for r in _rows(login(client, dash.users["province"]), fmt)[1:]] == ["653/KH-UBND"]
    assert _rows(login(client, dash.users["outside"]), fmt)[1:] == []


def test_the_page_filters_apply(client, dash):
    login(client, dash.users["admin"])
    assert [r[0] for r in _rows(client, "csv", q="dak nong 2021")[1:]] == ["653/KH-UBND"]
    assert _rows(client, "csv", year=2027)[1:] == []
    assert _rows(client, "xlsx", reference="on")[1:] == []


def test_csv_and_xlsx_cells(client, dash):
    login(client, dash.users["province"])
    rows = _rows(client, "csv")
    assert rows[0][:4] == ["Số hiệu", "Trích yếu", "Cơ quan ban hành", "Ngày ban hành"]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Trích yếu"].startswith("Kế hoạch thực hiện Chương trình OCOP tỉnh Đắk Nông")
    assert row["Ngày ban hành"] == "11/11/2022"
    assert row["Kế hoạch mẫu"] == "Không"
    rows = _rows(client, "xlsx")
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Thực hiện đến"] == dt.datetime(2025, 12, 31)
    assert row["Số chỉ tiêu"] == 3
    assert row["Số nhiệm vụ"] == 1


def test_the_list_offers_the_downloads(client, dash):
    body = login(client, dash.users["admin"]).get(reverse(URL), {"year": 2024}).content.decode()
    assert "year=2024&amp;export=xlsx" in body
    assert "year=2024&amp;export=csv" in body


def test_export_query_count_does_not_grow(client, dash):
    login(client, dash.users["province"])
    numbers = iter(range(1, 10))

    def add(n):
        for _ in range(n):
            make_dash_plan(dash.world, number=f"{next(numbers)}/KH-UBND")

    assert_flat_queries(client, reverse(URL), add)
