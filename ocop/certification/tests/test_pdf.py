"""The printable certificate: A4 landscape PDF with the legal texts and a QR code of the verification URL."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import pypdf
import pytest
import segno
from django.test import RequestFactory
from django.urls import reverse

from ocop.certification import pdf
from ocop.certification.tests.conftest import ALL, VISIBLE, issue

pytestmark = pytest.mark.django_db


def _text(body: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(body))
    return unicodedata.normalize("NFC", "\n".join(page.extract_text() for page in reader.pages))


def _images(body: bytes) -> list:
    reader = pypdf.PdfReader(io.BytesIO(body))
    return [image for page in reader.pages for image in page.images]


@pytest.fixture
def certificate(cert_world):
    return issue(cert_world.products["dak_mil"], signed_on=dt.date(2026, 1, 15), number="321/QĐ-UBND")


def test_pdf_is_one_a4_landscape_page_with_the_certificate(client, cert_world, certificate):
    client.force_login(cert_world.users["province_ld"])
    response = client.get(reverse("certification:certificate-pdf", args=[certificate.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "giay-chung-nhan-001-GCN-OCOP-68-2026.pdf" in response["Content-Disposition"]
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == 842
    assert round(float(box.height)) == 595
    text = _text(response.content)
    for expected in (
        "GIẤY CHỨNG NHẬN SẢN PHẨM OCOP",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN",
        "TỈNH LÂM ĐỒNG",
        certificate.number,
        "Sâm dây Ngọc Linh dak_mil",
        cert_world.producers["dak_mil"].name,
        "★★★★",
        "4 sao",
        "321/QĐ-UBND",
        "15/01/2026",
        "15/01/2029",
        "Nguyễn Văn Chủ Tịch",
    ):
        assert expected in text, expected
    assert "★★★★★" not in text


def test_pdf_carries_the_qr_code_image(client, cert_world, certificate):
    client.force_login(cert_world.users["admin"])
    body = client.get(reverse("certification:certificate-pdf", args=[certificate.pk])).content
    assert len(_images(body)) == 1


def test_qr_code_encodes_the_absolute_verification_url(cert_world, certificate, monkeypatch, settings):
    settings.ALLOWED_HOSTS = ["ocop.lamdong.gov.vn"]
    request = RequestFactory().get("/giay-chung-nhan/1/pdf/", HTTP_HOST="ocop.lamdong.gov.vn", secure=True)
    url = pdf.verification_url(request, certificate)
    assert url == f"https://ocop.lamdong.gov.vn/xac-minh/{certificate.public_token}/"
    encoded: list[str] = []
    real_make = segno.make

    def spy(content, *args, **kwargs):
        encoded.append(content)
        return real_make(content, *args, **kwargs)

    monkeypatch.setattr(pdf.segno, "make", spy)
    body = pdf.certificate_pdf(certificate, url=url)
    assert encoded == [url]
    assert pdf.qr_code(url).matrix == segno.make(url, error="m", micro=False).matrix
    assert url in _text(body).replace("\n", "")


def test_the_page_request_builds_the_url_from_the_request(client, cert_world, certificate, monkeypatch):
    encoded: list[str] = []
    monkeypatch.setattr(pdf, "qr_png_data_uri", lambda url: encoded.append(url) or "data:image/png;base64,")
    monkeypatch.setattr(pdf, "certificate_pdf", lambda c, *, url: pdf.certificate_html(c, url=url).encode())
    client.force_login(cert_world.users["admin"])
    client.get(reverse("certification:certificate-pdf", args=[certificate.pk]))
    assert encoded == [f"http://testserver/xac-minh/{certificate.public_token}/"]


def test_pdf_is_scoped(client, cert_world, monkeypatch):
    monkeypatch.setattr(pdf, "certificate_pdf", lambda c, *, url: b"%PDF-stub")
    certificates = {k: issue(cert_world.products[k], signed_on=dt.date(2026, 1, 15)) for k in ALL}
    for who in sorted(VISIBLE):
        client.force_login(cert_world.users[who])
        for key in ALL:
            response = client.get(reverse("certification:certificate-pdf", args=[certificates[key].pk]))
            assert response.status_code == (200 if key in VISIBLE[who] else 404), (who, key)


def test_anonymous_gets_no_pdf(client, certificate):
    response = client.get(reverse("certification:certificate-pdf", args=[certificate.pk]))
    assert response.status_code == 302
