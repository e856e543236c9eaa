"""Public product and producer pages, and the GS1 Digital Link resolver ``/01/<gtin>`` (no login).

Every page shows a live certificate status, so none may be cached: a revocation or an expiry shows on
the very next request (``never_cache``).
"""

from __future__ import annotations

import segno
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ocop.core.exceptions import NotFoundError
from ocop.portal.domain import gtin14, stored_forms
from ocop.portal.jsonld import product_jsonld, script_json
from ocop.portal.selectors.pages import ProductPage, producer_public, product_by_gtin, product_public


def qr_svg(url: str) -> SafeString:
    """An inline SVG QR code of ``url`` (segno writes the markup; the URL is ours, not user input)."""
    return mark_safe(segno.make(url, error="m", micro=False).svg_inline(scale=4, border=2))


def stable_url(request: HttpRequest, page: ProductPage) -> str:
    """The product's address for labels and QR codes: ``/01/<GTIN-14>`` when it has a valid GTIN."""
    value = gtin14(page.gtin)
    if value:
        return request.build_absolute_uri(reverse("portal:gtin", args=[value]))
    return request.build_absolute_uri(reverse("portal:product", args=[page.product_id]))


def _not_found(request: HttpRequest, message: str, *, gtin: str = "") -> HttpResponse:
    return render(request, "portal/not_found.html", {"message": message, "gtin": gtin}, status=404)


def _product_response(request: HttpRequest, page: ProductPage, *, canonical: str) -> HttpResponse:
    stable = stable_url(request, page)
    jsonld = product_jsonld(page, url=stable, absolute=request.build_absolute_uri)
    context = {
        "p": page,
        "canonical": canonical,
        "stable_url": stable,
        "qr": qr_svg(stable),
        "jsonld": script_json(jsonld),
    }
    return render(request, "portal/product.html", context)


@never_cache
@require_safe
def product(request: HttpRequest, pk: int) -> HttpResponse:
    """``/ocop/san-pham/<pk>/``: a certified product's public page; 404 for a product never certified."""
    try:
        page = product_public(pk, today=timezone.localdate())
    except NotFoundError:
        return _not_found(request, _("Không tìm thấy sản phẩm OCOP."))
    return _product_response(request, page, canonical=request.build_absolute_uri(request.path))


@never_cache
@require_safe
def gtin(request: HttpRequest, gtin: str, qualifiers: str = "") -> HttpResponse:
    """``/01/<gtin>`` (GS1 Digital Link; any further key qualifiers such as ``/10/<lot>`` are ignored)."""
    value = gtin14(gtin)
    if value is None:
        return _not_found(request, _("Mã GTIN không hợp lệ."), gtin=gtin[:40])
    today = timezone.localdate()
    pk = product_by_gtin(stored_forms(value), today=today)
    if pk is None:
        return _not_found(request, _("Không có sản phẩm OCOP nào mang mã GTIN này."), gtin=value)
    page = product_public(pk, today=today)
    canonical = request.build_absolute_uri(reverse("portal:gtin", args=[value]))
    return _product_response(request, page, canonical=canonical)


@never_cache
@require_safe
def producer(request: HttpRequest, pk: int) -> HttpResponse:
    """``/ocop/chu-the/<pk>/``: a producer with at least one certified product."""
    try:
        page = producer_public(pk, today=timezone.localdate())
    except NotFoundError:
        return _not_found(request, _("Không tìm thấy chủ thể OCOP."))
    return render(request, "portal/producer.html", {"p": page})
