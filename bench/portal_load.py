"""Loopback load test of the public portal under gunicorn: catalogue, product page, verification (JSON).

Usage (national data with certificates on PostgreSQL, see bench/README.md)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_bench .venv/bin/python bench/portal_load.py \
        [--duration 15] [--connections 16]

Starts ``bench/_gunicorn.py``'s server and loads each target with wrk for ``--duration`` seconds: the
catalogue over the query mix of ``bench/portal_catalogue.py``, product pages of many certified products,
``/api/v1/verify/<token>`` over many certificates, and ``/bench/trivial/`` for scale. Prints requests/s,
p50, p99 and errors of each, and the hardware; exits 1 if any request failed (non-2xx/3xx or socket).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _gunicorn as harness
from bench.portal_catalogue import query_mix


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--duration", type=int, default=15, help="seconds per target")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--sample", type=int, default=1000, help="products and certificates to rotate over")
    args = parser.parse_args(argv)
    harness.setup_django(args.database_url)

    from django.utils import timezone

    from ocop.certification.models import Certificate
    from ocop.certification.selectors import live_on
    from ocop.geo.models import AdminUnit

    live = live_on(Certificate.objects.all(), timezone.localdate())
    products = list(live.order_by("?").values_list("product_id", flat=True)[: args.sample])
    tokens = list(Certificate.objects.order_by("?").values_list("public_token", flat=True)[: args.sample])
    if not products:
        print(
            "Chưa có giấy chứng nhận: hãy chạy generate_demo --certificates (xem bench/README.md).",
            file=sys.stderr,
        )
        return 2
    provinces = list(
        AdminUnit.objects.current().filter(level=1).order_by("code").values_list("pk", flat=True)
    )
    targets = {
        "/ocop/ (catalogue, query mix)": query_mix([provinces[i] for i in (0, len(provinces) // 2, -1)]),
        "/ocop/san-pham/<pk>/ (product)": [f"/ocop/san-pham/{pk}/" for pk in products],
        "/api/v1/verify/<token> (JSON)": [f"/api/v1/verify/{t}" for t in tokens],
        "/bench/trivial/": ["/bench/trivial/"],
    }
    print(harness.hardware())
    print(harness.row_counts())
    results = []
    with harness.server(database_url=args.database_url) as base:
        print(
            f"gunicorn {base}: {harness.WORKERS} gthread workers × {harness.THREADS} threads; "
            f"wrk -t2 -c{args.connections} -d{args.duration}s --latency"
        )
        for paths in targets.values():
            harness.check_status(base, paths[:5])
        for label, paths in targets.items():
            results.append(
                harness.wrk(base, paths, label=label, connections=args.connections, duration=args.duration)
            )
            print("  " + harness.wrk_table(results[-1:]).splitlines()[1])
    print()
    print(harness.wrk_table(results))
    for result in results:
        print(
            f"{result.label}: {result.non_2xx_3xx} non-2xx/3xx responses, "
            f"{result.socket_errors} socket errors"
        )
    failed = sum(r.errors for r in results)
    if failed:
        print(f"FAILED: {failed} errors", file=sys.stderr)
        return 1
    print("0 errors")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
