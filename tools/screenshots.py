"""Take the README's screenshots from a running demo (``make run``) with the system Chromium.

Usage: ``.venv/bin/python tools/screenshots.py [http://127.0.0.1:8000]``; writes docs/screenshots/*.png.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="vi-VN")
        page.goto(f"{BASE}/ocop/?q=mat+ong")  # the public portal first, before logging in
        page.screenshot(path=OUT / "portal-catalogue.png")
        page.click(".product-card h3 a >> nth=0")
        page.screenshot(path=OUT / "portal-product.png", full_page=True)
        page.goto(f"{BASE}/ocop/diem-ban/")
        page.wait_for_selector("#sales-map .sales-marker")
        page.wait_for_timeout(1000)  # the background of commune dots is fetched after load
        page.screenshot(path=OUT / "portal-map.png", full_page=True)
        page.goto(f"{BASE}/ocop/thong-ke/")
        page.wait_for_timeout(1000)  # charts draw after load
        page.locator("h2", has_text="Theo tỉnh, thành phố").evaluate("h => h.scrollIntoView()")  # to the top
        page.wait_for_timeout(500)
        page.screenshot(path=OUT / "portal-statistics.png")
        page.goto(f"{BASE}/dang-nhap/")
        page.fill("input[name=username]", "tinh.lamdong")
        page.fill("input[name=password]", "ocop-demo-2026")
        page.click("button[type=submit]")
        page.screenshot(path=OUT / "home-province-officer.png")
        page.goto(f"{BASE}/chu-the/?q=hop+tac+xa")
        page.screenshot(path=OUT / "producers-search.png")
        page.click("#results table a >> nth=0")
        page.screenshot(path=OUT / "producer-detail.png", full_page=True)
        page.goto(f"{BASE}/dia-ban/")
        page.screenshot(path=OUT / "admin-units.png")
        page.goto(f"{BASE}/ke-hoach/")
        page.click("text=653/KH-UBND")
        page.wait_for_timeout(1000)  # charts draw after load
        page.screenshot(path=OUT / "plan-dashboard.png")
        page.locator("h2", has_text="Biểu đồ").scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        page.screenshot(path=OUT / "plan-charts.png")
        page.click("text=mỗi huyện, thành phố Gia Nghĩa")
        page.wait_for_timeout(800)
        page.screenshot(path=OUT / "plan-target-breakdown.png", full_page=True)
        page.goto(f"{BASE}/hoat-dong/")
        page.screenshot(path=OUT / "activities.png")
        browser.close()


if __name__ == "__main__":
    main()
