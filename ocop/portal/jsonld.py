"""schema.org ``Product`` JSON-LD of a public product page, and its safe rendering inside a script tag."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from ocop.portal.domain import schema_gtin_property
from ocop.portal.selectors.pages import ProductPage

# The same escapes as Django's json_script: no "</script>", "<!--" or "&" can end or confuse the element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _property(name: str, value: object) -> dict[str, Any]:
    return {"@type": "PropertyValue", "name": name, "value": value}


def product_jsonld(page: ProductPage, *, url: str, absolute: Callable[[str], str]) -> dict[str, Any]:
    """The product as schema.org sees it: name, description, images, GTIN, producer, the OCOP star and the
    certificate's validity. No offers: the portal sells nothing and invents no prices."""
    certificate = page.certificate
    producer = {
        "@type": "Organization",
        "name": page.producer_name,
        "url": absolute(reverse("portal:producer", args=[page.producer_id])),
        "address": {
            "@type": "PostalAddress",
            "addressLocality": page.place.commune,
            "addressRegion": page.place.province,
            "addressCountry": "VN",
        },
    }
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Product",
        "@id": url,
        "url": url,
        "name": page.name,
        "brand": {"@type": "Brand", "name": page.producer_name},
        "manufacturer": producer,
        "category": page.group,
        "additionalProperty": [
            {**_property("OCOP star rating", certificate.star), "maxValue": 5},
            _property("OCOP certificate number", certificate.number),
            _property("OCOP certificate issued on", certificate.issued_on),
            _property("OCOP certificate valid until", certificate.valid_until),
            _property("OCOP certificate status", certificate.status.label_en),
        ],
    }
    if page.description:
        data["description"] = page.description
    if page.photos:
        data["image"] = [absolute(photo.url) for photo in page.photos]
    gtin_property = schema_gtin_property(page.gtin)
    if gtin_property:
        data[gtin_property] = page.gtin
    if certificate.status.in_force:
        data["award"] = (
            f"OCOP {certificate.star}★ (certificate {certificate.number}, "
            f"valid until {certificate.valid_until:%Y-%m-%d})"
        )
    return data


def script_json(data: dict[str, Any]) -> SafeString:
    """``data`` as JSON safe to place between ``<script type="application/ld+json">`` tags."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # every markup character is escaped above
