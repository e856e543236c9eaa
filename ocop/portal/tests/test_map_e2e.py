"""Browser journeys in Chromium: the sales-point map draws without tiles; without JavaScript the list serves;
the statistics charts draw from their json_script data."""

from __future__ import annotations

import pytest

from ocop.core.testing import new_page
from ocop.portal.tests.test_map import world  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _errors(page):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return errors


def test_the_map_draws_points_on_the_commune_background_and_the_list_opens_popups(browser, world):  # noqa: F811
    page = new_page(browser)
    errors = _errors(page)
    page.goto("/ocop/diem-ban/")
    page.wait_for_selector("[data-testid=sales-map] .sales-marker")
    assert page.locator("[data-testid=sales-map] .sales-marker").count() == 2
    page.wait_for_selector(".province-label span")
    assert sorted(page.locator(".province-label span").all_inner_texts()) == ["Lâm Đồng", "Quảng Ngãi"]
    assert page.locator("[data-testid=sales-map] canvas").count() == 1  # the commune dots
    assert page.locator(".map-fallback").count() == 0
    assert page.locator(".leaflet-tile").count() == 0  # no tile server

    row = page.locator("tr", has_text="Điểm giới thiệu OCOP Đăk Glei")
    row.get_by_role("button", name="Xem trên bản đồ").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Vị trí gần đúng theo trung tâm xã" in popup.inner_text()
    assert popup.get_by_role("link", name="Sâm dây Ngọc Linh").count() == 1
    assert "Mật ong rừng bị thu hồi" not in popup.inner_text()
    assert errors == []


def test_without_javascript_the_list_holds_everything(browser, world):  # noqa: F811
    context = browser.new_context(locale="vi-VN", base_url=browser.ocop_base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/ocop/diem-ban/?loai=shop")
    assert page.locator(".map-fallback").is_visible()
    rows = page.locator("[data-testid=sales-list] tbody tr")
    assert rows.count() == 1
    assert "Cà phê Arabica Bảo Lộc" in rows.first.inner_text()
    context.close()


def test_the_statistics_charts_draw(browser, world):  # noqa: F811
    page = new_page(browser)
    errors = _errors(page)
    page.goto("/ocop/thong-ke/")
    page.wait_for_function("() => typeof Chart !== 'undefined'")
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('canvas[data-stats-chart]')].map(c => !!Chart.getChart(c))"
    )
    assert drawn == [True, True, True, True]
    assert page.get_by_test_id("stats-by-star").is_visible()
    assert errors == []
