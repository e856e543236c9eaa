"""Browser journey: a province officer opens the plans list, opens the Đắk Nông plan, sees each target's
value, status and a drawn chart, switches to today's map, drills down to a district and downloads the
progress report as Excel."""

import io
import os

import openpyxl
import pytest

from ocop.core.testing import new_page
from ocop.monitoring.tests.test_views import build_dash

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("OCOP_E2E_SCREENSHOTS")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"monitoring-{name}.png"), full_page=True)


def test_officer_follows_a_plan_from_the_list_to_a_district_and_downloads_excel(taxonomy, page, browser):
    dash = build_dash()
    officer = dash.users["province"]
    page = new_page(browser)
    page.goto("/dang-nhap/")
    page.fill("input[name=username]", officer.username)
    page.fill("input[name=password]", "pw-test-123")
    page.click("button[type=submit]")
    page.wait_for_selector("nav.mainnav")

    page.click("nav.mainnav >> text=Kế hoạch")
    page.wait_for_selector("table.plans")
    # each row loads its status counts on its own (today: the 2021–2025 plan is over)
    page.wait_for_selector("table.plans .counts .badge.status")
    assert "Không đạt: 3" in page.inner_text("table.plans .counts")
    page.click("text=653/KH-UBND")
    page.wait_for_selector("tr.target")
    # as of today only the 2023 product is still in force; look back at the end of 2023
    page.fill("input[name=as_of]", "31/12/2023")
    page.click("text=Xem")
    page.wait_for_url("**as_of=31%2F12%2F2023**")
    rows = page.locator("tr.target")
    assert rows.count() == 3
    assert rows.nth(0).locator("td.actual").inner_text().strip().startswith("3")
    assert "1/2 đơn vị đạt" in rows.nth(2).inner_text()
    for i in range(3):
        assert rows.nth(i).locator("[data-status]").count() == 1
    page.wait_for_selector("canvas[data-chart][data-drawn='1']")
    assert page.locator("canvas[data-chart][data-drawn='1']").count() == 3
    # the chart is really drawn: the canvas holds pixels
    painted = page.evaluate(
        "() => { const c = document.querySelector('canvas[data-chart]');"
        " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        " for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) return true; } return false; }"
    )
    assert painted
    _shot(page, "plan")

    page.click("a[data-map=current]")
    page.wait_for_selector("a[data-map=current].on")
    matrix = page.inner_text("table.matrix")
    assert "Xã Đắk Mil" in matrix
    assert "Phường Bắc Gia Nghĩa" in matrix

    page.click("a[data-map=children]")
    page.wait_for_selector("a[data-map=children].on")
    page.click("table.matrix a.drill >> text=Huyện Đắk Mil")
    page.wait_for_selector("nav.crumbs .here")
    assert page.inner_text("nav.crumbs .here") == "Huyện Đắk Mil"
    assert "Thị trấn Đắk Mil" in page.inner_text("table.matrix")
    assert page.locator("tr.target").nth(0).locator("td.actual").inner_text().strip().startswith("2")
    _shot(page, "district")

    with page.expect_download() as info:
        page.click("a[data-export=xlsx]")
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as body:  # the download has no extension: read the bytes
        wb = openpyxl.load_workbook(io.BytesIO(body.read()))
    assert "Huyện Đắk Mil" in str(wb["Chỉ tiêu"]["A4"].value)
    page.context.close()
