"""Throughput of QR verification (JSON and page) against a trivial view on the same gunicorn server.

Usage (national data with certificates on PostgreSQL, see bench/README.md)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_bench .venv/bin/python bench/portal_verify.py \
        [--duration 10] [--rounds 3] [--tokens 1000]

Starts ``bench/_gunicorn.py``'s server, then, in ``--rounds`` interleaved rounds, loads with wrk
(``-t2 -c16 --latency``) ``/bench/trivial/``, ``/api/v1/verify/<token>`` and ``/xac-minh/<token>/``, the
tokens rotating over ``--tokens`` real certificates (every status). Prints each run, the median round of
each endpoint, the ratios to the trivial view (target ≥ 0.80) and the hardware; exits 1 on any error.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _gunicorn as harness

TARGET = 0.80


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--duration", type=int, default=8, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--tokens", type=int, default=1000)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args(argv)
    harness.setup_django(args.database_url)

    from ocop.certification.models import Certificate

    tokens = list(Certificate.objects.order_by("?").values_list("public_token", flat=True)[: args.tokens])
    if not tokens:
        print(
            "Chưa có giấy chứng nhận: hãy chạy generate_demo --certificates (xem bench/README.md).",
            file=sys.stderr,
        )
        return 2
    endpoints = {
        "/bench/trivial/": ["/bench/trivial/"],
        "/api/v1/verify/<token> (JSON)": [f"/api/v1/verify/{t}" for t in tokens],
        "/xac-minh/<token>/ (page)": [f"/xac-minh/{t}/" for t in tokens],
    }
    print(harness.hardware())
    print(harness.row_counts() + f" · {len(tokens)} tokens rotating")
    runs: dict[str, list[harness.WrkResult]] = {label: [] for label in endpoints}
    with harness.server(database_url=args.database_url) as base:
        print(
            f"gunicorn {base}: {harness.WORKERS} gthread workers × {harness.THREADS} threads; "
            f"wrk -t2 -c{args.connections} -d{args.duration}s --latency, {args.rounds} rounds"
        )
        cache = os.environ.get("OCOP_VERIFY_CACHE", "")
        for paths in endpoints.values():
            # With the verification cache on, one pass over every code first (each gunicorn worker still
            # builds its own answers during the first round); without it, the first five answers.
            harness.check_status(base, paths if cache else paths[:5])
        print(f"OCOP_VERIFY_CACHE={cache or '(off: every answer read from the database)'}")
        for _ in range(args.rounds):
            for label, paths in endpoints.items():
                result = harness.wrk(
                    base, paths, label=label, connections=args.connections, duration=args.duration
                )
                runs[label].append(result)
                print("  " + harness.wrk_table([result]).splitlines()[1])
    medians = {label: _median_run(results) for label, results in runs.items()}
    print("\nMedian round of each endpoint:")
    print(harness.wrk_table(list(medians.values())))
    status = 0
    trivial = runs["/bench/trivial/"]
    for label, results in runs.items():
        if label == "/bench/trivial/":
            continue
        # Each round's ratio to the trivial view measured just before it (the machine's speed drifts).
        ratios = [result.rps / base_run.rps for result, base_run in zip(results, trivial, strict=True)]
        ratio = statistics.median(ratios)
        verdict = "ok" if ratio >= TARGET else f"BELOW the {TARGET:.2f} target"
        rounds = ", ".join(f"{r:.2f}" for r in ratios)
        print(f"ratio {label} / trivial = {ratio:.2f} ({verdict}; median of the rounds {rounds})")
    errors = sum(r.errors for results in runs.values() for r in results)
    if errors:
        print(f"{errors} errors (non-2xx/3xx responses or socket errors)", file=sys.stderr)
        status = 1
    return status


def _median_run(results: list[harness.WrkResult]) -> harness.WrkResult:
    median = statistics.median_low([r.rps for r in results])
    return next(r for r in results if r.rps == median)


if __name__ == "__main__":
    raise SystemExit(main())
