"""Time the Đắk Nông plan's dashboard against a plain count of products, in the same process.

Usage (on the database configured by DATABASE_URL, default var/ocop.sqlite3)::

    make demo-national                                   # national-scale demo data
    DEBUG=1 .venv/bin/python manage.py load_reference_plans
    DEBUG=1 .venv/bin/python bench/plan_dashboard.py [--runs 5] [--as-of 2025-12-31] [--grouping children]

Prints the median of ``--runs`` runs of ``monitoring.selectors.plan_progress`` for plan 653/KH-UBND of
UBND tỉnh Đắk Nông (every target, for the province and each child), the median of as many runs of
``Product.objects.count()``, their ratio, and the number of queries of one dashboard computation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN_NUMBER = "653/KH-UBND"
PLAN_BODY = "UBND tỉnh Đắk Nông"


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
    import django

    django.setup()


def _median_seconds(function: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2025, 12, 31))
    parser.add_argument("--grouping", choices=["children", "current"], default="children")
    args = parser.parse_args(argv)
    _setup()

    from django.db import DatabaseError, connection
    from django.test.utils import CaptureQueriesContext

    from ocop.monitoring.models import Plan
    from ocop.monitoring.selectors import plan_progress
    from ocop.registry.models import Product

    try:
        plan = Plan.objects.select_related("unit").filter(number=PLAN_NUMBER, issuing_body=PLAN_BODY).first()
    except DatabaseError:
        plan = None  # not migrated yet
    if plan is None:
        database = connection.settings_dict["NAME"]
        print(
            f"Kế hoạch {PLAN_NUMBER} ({PLAN_BODY}) chưa có trong cơ sở dữ liệu {database}.\n"
            "Hãy chạy: make demo-national && DEBUG=1 .venv/bin/python manage.py load_reference_plans",
            file=sys.stderr,
        )
        return 2
    products = Product.objects.count()
    if products == 0:
        print("Chưa có sản phẩm nào: hãy chạy make demo-national trước.", file=sys.stderr)

    def dashboard():
        return plan_progress(plan=plan, as_of=args.as_of, grouping=args.grouping)

    def count():
        return Product.objects.count()

    dashboard()  # warm up: connection, imports
    count()
    with CaptureQueriesContext(connection) as queries:
        progress = dashboard()
    dashboard_s = _median_seconds(dashboard, args.runs)
    count_s = _median_seconds(count, args.runs)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"products: {products}; plan: {plan.number} {plan.unit.name}, as of {args.as_of:%d/%m/%Y}")
    print(
        f"targets: {len(progress.targets)}, child units: {len(progress.child_units)} ({args.grouping}); "
        f"queries per dashboard: {len(queries)}"
    )
    print(f"plan_progress median of {args.runs}: {dashboard_s * 1000:.1f} ms")
    print(f"Product.objects.count() median of {args.runs}: {count_s * 1000:.2f} ms")
    print(f"ratio dashboard / count: {dashboard_s / count_s:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
