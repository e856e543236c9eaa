"""Public statistics: exact counts by star, province, sector and year; what is and is not in force; ?nam=."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from ocop.certification import services as certification
from ocop.certification.historical import recognition_record
from ocop.core.testing import make_unit, producer_data
from ocop.portal.selectors.statistics import public_statistics
from ocop.registry import services as registry
from ocop.registry.models import ProductSet

D = dt.date
HCM = dt.timezone(dt.timedelta(hours=7))
TODAY = D(2026, 11, 20)
MEDICINAL = "Sản phẩm dược liệu và sản phẩm từ dược liệu"
DRINKS = "Sản phẩm đồ uống"
STARS = ("3 sao", "4 sao", "5 sao")


def _product(admin, commune, name, product_set):
    producer = registry.producer_create(actor=admin, **producer_data(commune))
    return registry.product_create(actor=admin, producer=producer, name=name, product_set=product_set)


def _recognise(admin, product, star, decided_on, number):
    authority = "minister" if star == 5 else "province_chair"
    return recognition_record(
        actor=admin,
        product=product,
        star=star,
        decided_on=decided_on,
        decision_number=number,
        authority=authority,
    )


@pytest.fixture
def world(small_map, product_set, admin_user, time_machine):
    """Five products; in force on TODAY: P1 4★ (upgraded from 3★), P2 4★, P3 5★, P5 3★; P4 revoked."""
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, 0, tzinfo=HCM))
    drinks = ProductSet.objects.get(number=14, group__sector__regime="26/2026")
    c = small_map.communes
    p1 = _product(admin_user, c["dak_mil"], "Cà phê Đắk Mil", product_set)
    p2 = _product(admin_user, c["bao_loc"], "Trà Bảo Lộc", drinks)
    p3 = _product(admin_user, c["dak_glei"], "Sâm Ngọc Linh", product_set)
    p4 = _product(admin_user, c["ly_son"], "Tỏi Lý Sơn", product_set)
    p5 = _product(admin_user, c["ly_son"], "Rượu tỏi Lý Sơn", drinks)
    certs = {
        "p1_3": _recognise(admin_user, p1, 3, D(2025, 8, 1), "101/QĐ-UBND"),
        "p2": _recognise(admin_user, p2, 4, D(2025, 9, 15), "102/QĐ-UBND"),
        "p4": _recognise(admin_user, p4, 3, D(2025, 10, 1), "103/QĐ-UBND"),
        "p5": _recognise(admin_user, p5, 3, D(2025, 7, 1), "104/QĐ-UBND"),
        "p1_4": _recognise(admin_user, p1, 4, D(2026, 2, 1), "105/QĐ-UBND"),
        "p3": _recognise(admin_user, p3, 5, D(2026, 1, 10), "106/QĐ-BNNMT"),
    }
    certification.certificate_revoke(
        actor=admin_user,
        certificate=certs["p4"],
        ground="d",
        concluded_on=D(2026, 5, 1),
        decision_number="20/QĐ-TH",
        decided_on=D(2026, 5, 10),
        reason="Sử dụng nhãn OCOP sai quy định.",
    )
    return certs


def _table(stats_rows):
    return {row.label: row.by_star for row in stats_rows}


def test_in_force_today_by_star_province_and_sector(world):
    stats = public_statistics(today=TODAY)
    assert stats.as_of == TODAY
    assert stats.by_star == (1, 2, 1)  # P5 3★; P1 (upgraded) and P2 4★; P3 5★; P4 revoked
    assert stats.total == 4
    assert _table(stats.by_province) == {"Tỉnh Lâm Đồng": (0, 2, 0), "Tỉnh Quảng Ngãi": (1, 0, 1)}
    sectors = _table(stats.by_sector)
    assert sectors[MEDICINAL] == (0, 1, 1)
    assert sectors[DRINKS] == (1, 1, 0)
    assert sectors["Sản phẩm thực phẩm"] == (0, 0, 0)  # every sector of the current regime, even at 0
    assert len(sectors) == 6


def test_a_province_without_products_shows_zero(world):
    make_unit(code="01", name="Thành phố Hà Nội", kind="thanh_pho_tw", level=1)
    stats = public_statistics(today=TODAY)
    rows = _table(stats.by_province)
    assert rows["Thành phố Hà Nội"] == (0, 0, 0)
    assert list(rows) == ["Thành phố Hà Nội", "Tỉnh Lâm Đồng", "Tỉnh Quảng Ngãi"]  # by the name proper


def test_the_superseded_certificate_counts_until_the_upgrade(world):
    assert public_statistics(today=D(2026, 1, 31)).by_star[:2] == (3, 1)  # P1 still 3★, P4, P5
    assert public_statistics(today=D(2026, 2, 1)).by_star[:2] == (2, 2)  # P1 4★ from the decision day


def test_a_revoked_certificate_stops_counting_on_the_decision_day(world):
    assert public_statistics(today=D(2026, 5, 9)).by_star[0] == 2  # P4 and P5
    assert public_statistics(today=D(2026, 5, 10)).by_star[0] == 1


def test_an_expired_certificate_is_not_in_force_the_day_after_its_last_day(world):
    last_day = world["p5"].valid_until
    assert last_day == D(2028, 7, 1)
    assert public_statistics(today=last_day).by_star[0] == 1
    assert public_statistics(today=last_day + dt.timedelta(days=1)).by_star[0] == 0


def test_a_certificate_counts_from_its_issue_day(world):
    assert public_statistics(today=D(2026, 1, 9)).by_star[2] == 0
    assert public_statistics(today=D(2026, 1, 10)).by_star[2] == 1


def test_by_year_counts_every_certificate_issued_whatever_its_fate(world):
    stats = public_statistics(today=TODAY)
    assert _table(stats.by_year) == {"2025": (3, 1, 0), "2026": (0, 1, 1)}
    assert stats.year_totals == (3, 2, 1)
    assert stats.year_total == 6


def test_a_past_year_is_counted_at_its_last_day(world):
    stats = public_statistics(today=TODAY, year=2025)
    assert stats.as_of == D(2025, 12, 31)
    assert stats.by_star == (3, 1, 0)  # P1 3★, P4 (revoked later), P5; P2 4★; P3 not yet
    assert _table(stats.by_province) == {"Tỉnh Lâm Đồng": (1, 1, 0), "Tỉnh Quảng Ngãi": (2, 0, 0)}
    assert _table(stats.by_year) == {"2025": (3, 1, 0), "2026": (0, 1, 1)}  # the year view is not filtered


def test_this_year_is_counted_today(world):
    assert public_statistics(today=TODAY, year=2026).as_of == TODAY


def test_the_page_is_public_with_tables_and_chart_data(client, world):
    response = client.get(reverse("portal:statistics"))
    assert response.status_code == 200
    html = response.content.decode()
    for testid in ("stats-by-star", "stats-by-province", "stats-by-sector", "stats-by-year"):
        assert f'data-testid="{testid}"' in html
    assert "Số liệu đến ngày 20/11/2026" in html
    start = html.index('<script id="stats-chart-province" type="application/json">')
    chart = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    assert chart["labels"] == ["Tỉnh Lâm Đồng", "Tỉnh Quảng Ngãi"]
    assert [s["values"] for s in chart["series"]] == [[0, 1], [2, 0], [0, 1]]
    star_table = html[html.index('data-testid="stats-by-star"') :]
    star_table = star_table[: star_table.index("</table>")]
    assert '<th scope="row">4 sao</th><td class="num">2</td>' in star_table


def test_the_tables_hold_the_numbers_of_the_charts(client, world):
    response = client.get(reverse("portal:statistics"))
    charts = response.context["charts"]
    assert charts["star"]["series"][0]["values"] == [1, 2, 1]
    assert charts["year"]["labels"] == ["2025", "2026"]
    assert [s["values"] for s in charts["year"]["series"]] == [[3, 0], [1, 1], [0, 1]]
    html = response.content.decode()
    year_table = html[html.index('data-testid="stats-by-year"') :]
    year_table = year_table[: year_table.index("</table>")]
    assert '<th scope="row">2025</th><td class="num">3</td><td class="num">1</td>' in year_table


def test_the_year_filter_in_the_page(client, world):
    response = client.get(reverse("portal:statistics"), {"nam": "2025"})
    assert response.status_code == 200
    assert "Số liệu đến ngày 31/12/2025" in response.content.decode()
    assert response.context["charts"]["star"]["series"][0]["values"] == [3, 1, 0]


@pytest.mark.parametrize("value", ["abc", "2017", "2027", "20255", "-2025", "2025.0", "２０２５"])
def test_a_bad_year_is_said_and_today_is_shown(client, world, value):
    response = client.get(reverse("portal:statistics"), {"nam": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "không hợp lệ: hãy chọn một năm từ 2018 đến 2026" in html
    assert "Số liệu đến ngày 20/11/2026" in html


@pytest.mark.parametrize("value", ["2018", "2026"])
def test_the_first_and_last_years_are_accepted(client, world, value):
    response = client.get(reverse("portal:statistics"), {"nam": value})
    assert "không hợp lệ" not in response.content.decode()


def test_an_empty_database_shows_zeros(client, small_map, taxonomy):
    response = client.get(reverse("portal:statistics"))
    assert response.status_code == 200
    stats = response.context["stats"]
    assert stats.total == 0
    assert _table(stats.by_province) == {"Tỉnh Lâm Đồng": (0, 0, 0), "Tỉnh Quảng Ngãi": (0, 0, 0)}
    assert stats.by_year == []


@pytest.mark.parametrize("extra", [0, 10])
def test_the_page_needs_a_bounded_number_of_queries(
    client, world, admin_user, small_map, product_set, extra, django_assert_max_num_queries
):
    for n in range(extra):
        product = _product(admin_user, small_map.communes["bao_loc"], f"Mứt hồng {n}", product_set)
        _recognise(admin_user, product, 3 + n % 2, D(2025, 8, 1 + n), f"{200 + n}/QĐ-UBND")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("portal:statistics"), {"nam": "2025"})
    assert response.context["stats"].year_total == 6 + extra


def test_a_year_without_recognitions_shows_zero_between_others(world, small_map, admin_user, product_set):
    from ocop.activities.tests.conftest import link_old_map

    link_old_map(small_map)  # the pre-2025 province decided before 01/07/2025
    old = _product(admin_user, small_map.communes["dak_mil"], "Hồ tiêu Đắk Mil", product_set)
    _recognise(admin_user, old, 3, D(2023, 5, 10), "300/QĐ-UBND")
    stats = public_statistics(today=TODAY)
    assert _table(stats.by_year) == {
        "2023": (1, 0, 0),
        "2024": (0, 0, 0),
        "2025": (3, 1, 0),
        "2026": (0, 1, 1),
    }
    assert stats.by_star == (1, 2, 1)  # its certificate expired on 10/05/2026
    lam_dong = "Tỉnh Lâm Đồng"  # P1 and P2 4★; the 2023 product until its last valid day
    assert _table(public_statistics(today=D(2026, 5, 10)).by_province)[lam_dong] == (1, 2, 0)
    assert _table(public_statistics(today=D(2026, 5, 11)).by_province)[lam_dong] == (0, 2, 0)


def test_a_table_downloads_as_csv_with_the_same_numbers(client, world):
    response = client.get(reverse("portal:statistics"), {"nam": "2025", "bang": "tinh", "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="thong-ke-ocop-theo-tinh-cuoi-nam-2025-'
    )
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines == [
        '"Tỉnh, thành phố",3 sao,4 sao,5 sao,Tổng',
        "Tỉnh Lâm Đồng,1,1,0,2",
        "Tỉnh Quảng Ngãi,2,0,0,2",
    ]


def test_the_year_table_downloads_as_excel(client, world):
    response = client.get(reverse("portal:statistics"), {"bang": "nam", "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_an_unknown_table_shows_the_page(client, world):
    response = client.get(reverse("portal:statistics"), {"bang": "x", "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
