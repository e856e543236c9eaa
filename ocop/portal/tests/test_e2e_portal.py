"""Browser journey in Chromium: a buyer finds a product with or without accents, filters by star, opens it,
follows its GS1 QR link and the certificate's verification page, and sees a revocation on the next load."""

from __future__ import annotations

import pytest

from ocop.certification.models import Certificate
from ocop.core.testing import new_page
from ocop.portal.tests.conftest import TODAY

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def gtin13(body: str) -> str:
    """``body`` (12 digits) with its GS1 check digit."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


@pytest.fixture
def sam(world, maker, places):
    """Sâm Ngọc Linh, 4★ since 15/01/2026 with a GTIN, beside the portal's usual products."""
    return maker.certified(places.dak_plo, "Sâm Ngọc Linh", star=4, gtin=gtin13("893600000002"))


def _search(page, words: str) -> None:
    page.goto("/ocop/")
    page.get_by_test_id("catalogue-q").fill(words)
    page.get_by_test_id("catalogue-q").press("Enter")
    page.wait_for_load_state()


def _card_names(page) -> list[str]:
    return [name.strip() for name in page.locator("[data-testid=product-card] h3").all_inner_texts()]


def test_a_buyer_finds_checks_and_verifies_a_product_and_sees_its_revocation(browser, sam, maker):
    page = new_page(browser)
    _search(page, "sam ngoc linh")  # no accents, lower case
    assert "Sâm Ngọc Linh" in _card_names(page)
    _search(page, "Sâm Ngọc Linh")
    assert "Sâm Ngọc Linh" in _card_names(page)
    assert "Trà Shan tuyết" not in _card_names(page)

    page.get_by_test_id("facet-star-4").click()  # the words stay, the star narrows
    page.wait_for_url("**star=4**")
    assert "Sâm Ngọc Linh" in _card_names(page)
    assert set(page.locator("[data-testid=product-card] .stars-text").all_inner_texts()) == {"4 sao"}
    page.goto(page.url.replace("star=4", "star=5"))
    assert "Sâm Ngọc Linh" not in _card_names(page)
    page.go_back()

    page.locator("[data-testid=product-card]", has_text="Sâm Ngọc Linh").locator("h3 a").click()
    page.wait_for_url(f"**/ocop/san-pham/{sam.pk}/")
    status = page.get_by_test_id("cert-status").first
    assert status.get_attribute("data-status") == "valid"
    assert "Còn hiệu lực" in status.inner_text()

    qr_link = page.locator("[data-testid=product-qr] a").get_attribute("href")
    assert qr_link.endswith(f"/01/{sam.gtin:0>14}")  # GS1 Digital Link (GTIN-14) under the QR code
    page.goto(qr_link)
    assert page.locator("h1").inner_text() == "Sâm Ngọc Linh"
    assert page.get_by_test_id("cert-status").first.get_attribute("data-status") == "valid"

    page.get_by_test_id("verify-link").click()
    certificate = Certificate.objects.get(product=sam)
    page.wait_for_url(f"**/xac-minh/{certificate.public_token}/")
    assert "còn hiệu lực" in page.locator("main").inner_text().lower()

    maker.revoke(certificate, on=TODAY)  # services.certificate_revoke, as an officer's form would
    page.goto(f"/ocop/san-pham/{sam.pk}/")  # the very next load
    status = page.get_by_test_id("cert-status").first
    assert status.get_attribute("data-status") == "revoked"
    assert "Đã thu hồi" in status.inner_text()
    page.goto(f"/xac-minh/{certificate.public_token}/")
    assert "thu hồi" in page.locator("main").inner_text().lower()
