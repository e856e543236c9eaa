"""Demo records about producers: e-commerce listings, revenue reports, supports."""

from __future__ import annotations

import datetime as dt
import random

from ocop.activities.demo._areas import FIRST_YEAR, Area, _bulk
from ocop.activities.domain import revenue_total
from ocop.activities.models import (
    Listing,
    RevenueReport,
    Support,
    SupportKind,
)
from ocop.core.text import slug
from ocop.registry.models import Producer

_PLATFORM_HOSTS = {
    "shopee": "https://shopee.vn/",
    "lazada": "https://www.lazada.vn/products/",
    "tiki": "https://tiki.vn/",
    "tiktok": "https://www.tiktok.com/@ocop/product/",
    "postmart": "https://postmart.vn/san-pham/",
    "voso": "https://voso.vn/",
    "ocop_portal": "https://ocop.gov.vn/san-pham/",
}


def _demo_listings(areas: list[Area], *, actor, rng: random.Random, today: dt.date) -> int:
    listings = []
    for area in areas:
        for producer in area.producers:
            for product in producer.products.all():
                if rng.random() > 0.7:
                    continue
                for platform in rng.sample(list(_PLATFORM_HOSTS), rng.choice((1, 1, 2))):
                    listed_from = dt.date(rng.randint(2021, 2025), rng.randint(1, 12), rng.randint(1, 28))
                    until = None
                    if rng.random() < 0.15:
                        until = min(listed_from + dt.timedelta(days=rng.randint(90, 500)), today)
                    listings.append(
                        Listing(
                            product=product,
                            platform=platform,
                            url=f"{_PLATFORM_HOSTS[platform]}{slug(product.name)}-{product.pk}",
                            listed_from=listed_from,
                            listed_until=until if until and until > listed_from else None,
                            created_by=actor,
                        )
                    )
    return len(_bulk(listings, Listing, actor))


def _channels(rng: random.Random, total: int) -> dict[str, int]:
    weights = {
        "direct": rng.uniform(30, 50),
        "distributors": rng.uniform(10, 30),
        "modern_retail": rng.uniform(0, 15),
        "ecommerce": rng.uniform(0, 15),
        "export": rng.uniform(0, 10) if rng.random() < 0.15 else 0,
        "other": rng.uniform(0, 5),
    }
    whole = sum(weights.values())
    return {
        channel: int(total * weight / whole) // 1_000_000 * 1_000_000 for channel, weight in weights.items()
    }


def _demo_revenue(areas: list[Area], *, actor, rng: random.Random, today: dt.date) -> int:
    reports = []
    for area in areas:
        for producer in area.producers:
            if rng.random() > 0.85:
                continue
            revenue = rng.randint(300, 5_000) * 1_000_000
            for year in range(FIRST_YEAR, min(2025, today.year) + 1):
                channels = _channels(rng, revenue)
                reports.append(
                    RevenueReport(
                        producer=producer,
                        year=year,
                        total=revenue_total(channels),
                        created_by=actor,
                        **channels,
                    )
                )
                revenue = int(revenue * (1 + rng.uniform(0.05, 0.10) + rng.gauss(0, 0.015)))
    return len(_bulk(reports, RevenueReport, actor))


_SUPPORT_AMOUNTS = {
    "trademark": (10, 30),
    "label": (5, 15),
    "packaging": (20, 50),
    "testing": (5, 20),
    "equipment": (50, 300),
    "credit": (100, 1_000),
    "promotion": (10, 30),
    "consulting": (10, 40),
    "other": (5, 20),
}


def _demo_supports(areas: list[Area], *, actor, rng: random.Random, today: dt.date) -> int:
    """One to two supports for about half the producers; every kind at least once."""
    supports = []
    kinds = list(SupportKind.values)
    pending = list(kinds)

    def give(producer: Producer, kind: str) -> None:
        source = (
            "credit"
            if kind == "credit"
            else rng.choices(("local", "central", "community", "other"), (6, 2, 2, 1))[0]
        )
        products = list(producer.products.all())
        low, high = _SUPPORT_AMOUNTS[kind]
        supports.append(
            Support(
                producer=producer,
                product=rng.choice(products) if products and rng.random() < 0.5 else None,
                kind=kind,
                amount=rng.randint(low, high) * 1_000_000,
                source=source,
                given_on=dt.date(rng.randint(2021, today.year), 1, 1)
                + dt.timedelta(days=rng.randint(0, 330)),
                created_by=actor,
            )
        )

    producers = [producer for area in areas for producer in area.producers]
    for producer in producers:
        for _ in range(max(rng.choice((0, 0, 1, 1, 2)), 1 if pending else 0)):
            give(producer, pending.pop(0) if pending else rng.choice(kinds))
    for index, kind in enumerate(pending):
        if producers:
            give(producers[index % len(producers)], kind)
    for support in supports:
        support.given_on = min(support.given_on, today)
    return len(_bulk(supports, Support, actor))
