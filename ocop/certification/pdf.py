"""The certificate as a printable A4 landscape PDF with a QR code of its public verification address.

WeasyPrint renders an HTML template with the DejaVu fonts (Debian's ``fonts-dejavu-core``: full Vietnamese);
segno draws the QR code as a PNG embedded in the page. The QR code holds the absolute verification URL
(``verification_url``), so a phone that scans the paper lands on the live status page.
"""

from __future__ import annotations

import segno
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from ocop.certification.models import Certificate
from ocop.certification.selectors import certificate_status_of, province_of


def verification_url(request: HttpRequest, certificate: Certificate) -> str:
    """The absolute address of the certificate's public verification page (what the QR code encodes)."""
    return request.build_absolute_uri(certificate.get_public_url())


def qr_code(url: str) -> segno.QRCode:
    """The QR code of ``url``: error correction level M, enough for a printed and handled paper."""
    return segno.make(url, error="m", micro=False)


def qr_png_data_uri(url: str) -> str:
    return qr_code(url).png_data_uri(scale=6, border=2, dark="#12502a")


def certificate_html(certificate: Certificate, *, url: str) -> str:
    commune = certificate.producer.commune
    return render_to_string(
        "certification/certificate_pdf.html",
        {
            "certificate": certificate,
            "decision": certificate.decision,
            "commune": commune,
            "province": province_of(commune),
            "stars": "★" * certificate.star,
            "verify_url": url,
            "qr": qr_png_data_uri(url),
            "status": certificate_status_of(certificate, today=timezone.localdate()),
        },
    )


def certificate_pdf(certificate: Certificate, *, url: str) -> bytes:
    """The PDF bytes of one certificate; ``url`` is its absolute verification address."""
    from weasyprint import HTML  # imported late: loading Pango takes a moment

    return HTML(string=certificate_html(certificate, url=url)).write_pdf()
