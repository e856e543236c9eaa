"""The dossier list downloads what the page shows: same filters, same scope, Vietnamese headers."""

import datetime as dt

import pytest
from django.urls import reverse

from ocop.core.tests.exports_support import assert_flat_queries, csv_rows, xlsx_rows
from ocop.evaluation.tests.conftest import COMMUNES, VISIBLE, make_dossier, make_submitted_dossier

pytestmark = pytest.mark.django_db
LIST = "evaluation:dossier-list"


@pytest.fixture
def dossiers(eval_world):
    """A submitted dossier in every commune, a draft for Đắk Mil's second product."""
    made = {key: make_submitted_dossier(eval_world.products[key]) for key in COMMUNES}
    made["draft"] = make_dossier(eval_world.products["dak_mil_rau"])
    return made


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(
    "who", ["admin", "province_ld", "province_qn", "commune_dak_glei", "producer_unlinked"]
)
def test_dossier_export_is_the_scope(client, eval_world, dossiers, who, fmt):
    client.force_login(eval_world.users[who])
    response = client.get(reverse(LIST), {"export": fmt})
    rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    expected = {eval_world.products[key].name for key in VISIBLE[who]}
    exported = {row[1] for row in rows[1:]} - {eval_world.products["dak_mil_rau"].name}
    assert exported == expected


def test_dossier_csv_headers_values_and_filter(client, eval_world, dossiers):
    client.force_login(eval_world.users["province_ld"])
    rows = csv_rows(client.get(reverse(LIST), {"export": "csv", "status": "draft"}))
    assert rows[0][:4] == ["Số phiếu", "Sản phẩm", "Bộ sản phẩm", "Chủ thể"]
    assert [r[1] for r in rows[1:]] == ["Bơ sáp Đắk Mil"]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Trạng thái"] == dossiers["draft"].get_status_display()
    assert row["Nộp ngày"] == ""
    rows = csv_rows(client.get(reverse(LIST), {"export": "csv", "q": "bao_loc"}))
    assert [r[1] for r in rows[1:]] == ["Sâm dây Ngọc Linh bao_loc"]


def test_dossier_xlsx_dates_are_dates(client, eval_world, dossiers):
    client.force_login(eval_world.users["province_qn"])
    rows = xlsx_rows(client.get(reverse(LIST), {"export": "xlsx"}))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert isinstance(row["Lập ngày"], dt.datetime)
    assert isinstance(row["Nộp ngày"], dt.datetime)
    assert row["Tỉnh/thành phố"] == eval_world.map.quang_ngai.name


def test_the_list_offers_the_downloads(client, eval_world, dossiers):
    client.force_login(eval_world.users["admin"])
    body = client.get(reverse(LIST), {"status": "submitted"}).content.decode()
    assert "status=submitted&amp;export=xlsx" in body
    assert "status=submitted&amp;export=csv" in body


def test_export_query_count_does_not_grow(client, eval_world):
    client.force_login(eval_world.users["admin"])
    keys = iter(COMMUNES)
    make_submitted_dossier(eval_world.products[next(keys)])

    def add(n):
        for _ in range(n):
            make_submitted_dossier(eval_world.products[next(keys)])

    assert_flat_queries(client, reverse(LIST), add)
