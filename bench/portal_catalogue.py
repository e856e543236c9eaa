"""Latency and queries of the public catalogue and product page, in process, against a trivial view.

Usage (national data with certificates on PostgreSQL, see bench/README.md)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_bench .venv/bin/python bench/portal_catalogue.py \
        [--requests 200]

Django's test ``Client`` (no network, DEBUG off, the bench settings) asks ``/ocop/`` ``--requests`` times
over a fixed mix of queries (words with and without accents, prefixes, star and province facets, sorts,
pages, the expired switch), then as many product pages of certified products, then ``/bench/trivial/``.
Prints p50/p95/max in ms, queries per page (median and max, ``CaptureQueriesContext``), the ratio of p95 to
the 50 ms target and of p50 to the trivial view's p50, and the hardware. Exits 1 if a page is not 200.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _gunicorn as harness

TARGET_P95_MS = 50.0
WORDS = [
    "sam ngoc linh",
    "Sâm Ngọc Linh",
    "nuoc mam",
    "nước mắm Phú Quốc",
    "mat ong",
    "trà shan tuyết",
    "ca phe",
    "gạo",
    "sa",
    "nuo",
    "hat dieu",
    "hợp tác xã",
    "lam dong",
    "Đăk Glei",
    "xyz không có",
]


def query_mix(provinces: list[int]) -> list[str]:
    """A fixed list of catalogue addresses: words, facets, sorts, pages, the expired switch, combined."""
    params: list[dict[str, str]] = [{}]
    params += [{"q": w} for w in WORDS]
    params += [{"star": str(s)} for s in (3, 4, 5)]
    params += [{"province": str(p)} for p in provinces]
    params += [{"sort": s} for s in ("star", "name")]
    params += [{"page": str(n)} for n in (2, 10, 200)]
    params += [{"expired": "1"}, {"expired": "1", "q": "mat ong"}, {"q": "tra", "star": "4"}]
    params += [{"q": "nuoc mam", "province": str(provinces[0]), "sort": "name"} if provinces else {}]
    params += [{"star": "3", "sort": "name", "page": "3"}, {"q": "ca", "page": "2"}]
    return ["/ocop/" + ("?" + urlencode(p) if p else "") for p in params]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


SLOWEST: dict[str, float] = {}  # url → its slowest time, for the "slowest addresses" lines


def measure(client, urls: list[str], count: int) -> tuple[list[float], list[int]]:
    """Milliseconds of ``count`` requests cycling over ``urls``, then queries of each url once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for url in urls[:3]:
        client.get(url)  # warm caches (templates, translations, the connection)
    timings = []
    for index in range(count):
        url = urls[index % len(urls)]
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        SLOWEST[url] = max(SLOWEST.get(url, 0.0), timings[-1])
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    queries = []
    for url in urls[: min(len(urls), 40)]:
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries.append(len(captured.captured_queries))
    return timings, queries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args(argv)
    harness.setup_django(args.database_url)

    from django.test import Client
    from django.utils import timezone

    from ocop.certification.models import Certificate
    from ocop.certification.selectors import live_on
    from ocop.geo.models import AdminUnit

    provinces = list(
        AdminUnit.objects.current().filter(level=1).order_by("code").values_list("pk", flat=True)
    )
    chosen = [provinces[i] for i in (0, len(provinces) // 2, -1)] if provinces else []
    products = list(
        live_on(Certificate.objects.all(), timezone.localdate())
        .order_by("?")
        .values_list("product_id", flat=True)[: args.requests]
    )
    if not products:
        print(
            "Chưa có giấy chứng nhận: hãy chạy generate_demo --certificates (xem bench/README.md).",
            file=sys.stderr,
        )
        return 2
    print(harness.hardware())
    print(harness.row_counts())
    client = Client()
    pages = {
        "/ocop/ (catalogue, query mix)": query_mix(chosen),
        "/ocop/san-pham/<pk>/ (product)": [f"/ocop/san-pham/{pk}/" for pk in products],
        "/bench/trivial/": ["/bench/trivial/"],
    }
    rows = {label: measure(client, urls, args.requests) for label, urls in pages.items()}
    print(f"\n{'page':<34} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries med/max':>16}")
    for label, (timings, queries) in rows.items():
        p50, p95 = statistics.median(timings), _percentile(timings, 0.95)
        print(
            f"{label:<34} {len(timings):>5} {p50:>8.1f} {p95:>8.1f} "
            f"{max(timings):>8.1f} {statistics.median(queries):>10.0f}/{max(queries)}"
        )
    trivial_p50 = statistics.median(rows["/bench/trivial/"][0])
    for label, (timings, _queries) in rows.items():
        if label == "/bench/trivial/":
            continue
        p95 = _percentile(timings, 0.95)
        verdict = "ok" if p95 <= TARGET_P95_MS else "ABOVE the target"
        print(
            f"{label}: p95 / {TARGET_P95_MS:.0f} ms = {p95 / TARGET_P95_MS:.2f} ({verdict}); "
            f"p50 / trivial p50 = {statistics.median(timings) / trivial_p50:.1f}×"
        )
    print("Slowest addresses (max ms):")
    for url, ms in sorted(SLOWEST.items(), key=lambda item: -item[1])[:8]:
        print(f"  {ms:8.1f}  {url}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
