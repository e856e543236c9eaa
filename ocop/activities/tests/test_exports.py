"""Every activity list downloads what the page shows: same filters, same scope, typed cells."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ocop.activities.exports import COLUMNS
from ocop.activities.tests.conftest import ALL, DAY
from ocop.activities.tests.test_views import KINDS, _more, visible
from ocop.core.tests.exports_support import assert_flat_queries, csv_rows, xlsx_rows

pytestmark = pytest.mark.django_db


def _url(kind: str) -> str:
    return reverse(f"activities:{KINDS[kind][0]}-list")


def _rows(client, kind: str, fmt: str, **query) -> list:
    response = client.get(_url(kind), {"export": fmt, **query})
    return csv_rows(response) if fmt == "csv" else xlsx_rows(response)


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("who", ["admin", "province_qn", "commune_dak_mil", "producer_dak_mil"])
def test_export_is_the_scope_in_both_formats(client, full_world, kind, who):
    client.force_login(full_world.users[who])
    label = KINDS[kind][1]
    for fmt in ("csv", "xlsx"):
        rows = _rows(client, kind, fmt)
        assert [str(c) for c in rows[0]] == [str(c.header) for c in COLUMNS[KINDS[kind][0]]]
        cells = {str(cell) for row in rows[1:] for cell in row if cell is not None}
        text = " | ".join(cells)
        for key in ALL:
            assert (label(full_world, key) in text) == (key in visible(kind, who)), (fmt, key)
        assert len(rows) - 1 == len(visible(kind, who)), fmt


def test_a_page_filter_applies_to_the_export(client, full_world):
    client.force_login(full_world.users["admin"])
    rows = _rows(client, "training", "csv", q="ly son")
    assert [r[0] for r in rows[1:]] == ["Tập huấn OCOP Ly Son"]
    assert not _rows(client, "media", "csv", year=2024)[1:]
    assert len(_rows(client, "budget", "xlsx", year=2026)) == 1 + len(ALL)


def test_cells_are_typed_and_vietnamese(client, full_world):
    client.force_login(full_world.users["commune_dak_mil"])
    rows = _rows(client, "training", "csv")
    assert rows[0][:3] == ["Tên lớp", "Đối tượng", "Cấp tổ chức"]
    assert rows[1][0] == "Tập huấn OCOP Dak Mil"
    assert rows[1][3] == DAY.strftime("%d/%m/%Y")
    rows = _rows(client, "training", "xlsx")
    assert rows[1][3] == dt.datetime(DAY.year, DAY.month, DAY.day)
    assert rows[1][6] == 30
    revenue = dict(zip(*_rows(client, "revenue", "xlsx", year=2025)[:2], strict=True))
    assert revenue["Tổng doanh thu (đồng)"] == 100_000_000
    assert revenue["Năm"] == 2025
    event = dict(zip(*_rows(client, "event", "xlsx")[:2], strict=True))
    assert event["Doanh số (đồng)"] == 5_000_000


def test_list_pages_offer_the_downloads(client, full_world):
    client.force_login(full_world.users["admin"])
    for kind in KINDS:
        body = client.get(_url(kind), {"q": "dak"}).content.decode()
        assert "q=dak&amp;export=xlsx" in body, kind
        assert "q=dak&amp;export=csv" in body, kind


@pytest.mark.parametrize("kind", list(KINDS))
def test_export_query_count_does_not_grow(client, full_world, kind):
    client.force_login(full_world.users["commune_dak_mil"])
    assert_flat_queries(client, _url(kind), lambda n: _more(full_world, kind, n))
