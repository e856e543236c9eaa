"""Import of a 20,000-row products file: openpyxl's own reading vs the full check vs the commit.

Usage (a fresh temporary SQLite database by default; or the database given)::

    .venv/bin/python bench/import_products.py [--rows 20000] [--producers 2000] [--database-url URL]

Builds the database (migrations, the real administrative map, the taxonomy), creates ``--producers``
producers in bulk on real current communes, writes an xlsx of ``--rows`` products (10 per producer,
valid GTINs and OCOP codes), then measures, each once for time and once under ``tracemalloc``:

(a) openpyxl ``load_workbook(read_only=True, data_only=True)`` iterating every cell — the baseline;
(b) the full check of the import (upload → every row converted and checked → preview results);
(c) the commit (every row re-checked, then written through ``registry.services`` in one transaction;
    the traced run is rolled back).

Prints seconds, the tracemalloc peak and the process's maxrss after each step (maxrss only grows),
and the ratios (b)/(a) and (c)/(a). Never run it on a database whose data you want to keep: it adds
producers and products.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _setup(database_url: str | None, media: str) -> None:
    from bench import _gunicorn as harness

    os.environ["MEDIA_ROOT"] = media
    os.environ["OCOP_IMPORT_BACKGROUND_ROWS"] = "1000000"  # check in-process (no task queue to wait for)
    os.environ["OCOP_IMPORT_MAX_ROWS"] = "1000000"
    harness.setup_django(database_url)


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(label: str, action: Callable[[], Any], *, traced: Callable[[], Any] | None = None) -> float:
    """Run ``traced`` (or ``action``) under tracemalloc, then ``action`` for time; print both."""
    tracemalloc.start()
    (traced or action)()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    start = time.perf_counter()
    action()
    seconds = time.perf_counter() - start
    print(
        f"{label:<40} {seconds:8.2f} s   tracemalloc peak {peak / 1048576:7.1f} MB"
        f"   maxrss {_maxrss_mb():7.1f} MB"
    )
    return seconds


def build(rows: int, producers: int) -> tuple[Any, bytes]:
    from django.core.management import call_command
    from openpyxl import Workbook
    from simple_history.utils import bulk_create_with_history

    from ocop.accounts.models import Role, User
    from ocop.exchange.cells import gtin_check_digit
    from ocop.exchange.importers.products import ProductImporter
    from ocop.geo.models import AdminUnit
    from ocop.registry.models import Producer
    from ocop.registry.taxonomy import taxonomy_load

    call_command("migrate", verbosity=0)
    if not AdminUnit.objects.exists():
        call_command("load_admin_units", verbosity=0)
    taxonomy_load()
    actor = User.objects.filter(username="bench-import").first() or User.objects.create_superuser(
        "bench-import", password="bench-import-pw", role=Role.ADMIN
    )
    communes = list(
        AdminUnit.objects.current().filter(level=3).select_related("parent").order_by("code")[:producers]
    )
    batch = []
    for n in range(producers):
        commune = communes[n % len(communes)]
        producer = Producer(
            name=f"Hợp tác xã Bench {n}",
            kind="htx",
            registration_code=f"BENCH{n:07d}",
            legal_rep_name="Nguyễn Thị Hoa",
            legal_rep_gender="nu",
            commune=commune,
            address=f"Thôn {n}",
            created_by=actor,
        )
        producer.refresh_search_keys()
        batch.append(producer)
    Producer.objects.filter(registration_code__startswith="BENCH").delete()
    bulk_create_with_history(
        batch, Producer, batch_size=500, default_user=actor, default_change_reason="bench"
    )
    headers = [col.header for col in ProductImporter.columns]
    index = {col.key: i for i, col in enumerate(ProductImporter.columns)}
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Dữ liệu")
    sheet.append(headers)
    for n in range(rows):
        producer = batch[n % producers]
        cells: list[Any] = [None] * len(headers)
        cells[index["name"]] = f"Sản phẩm bench số {n}"
        cells[index["producer_code"]] = producer.registration_code
        cells[index["product_set"]] = str(1 + n % 26)
        cells[index["description"]] = "Sản phẩm làm từ nguyên liệu địa phương, đóng gói theo tiêu chuẩn."
        body = f"893{n:09d}"
        cells[index["gtin"]] = body + str(gtin_check_digit(body))
        commune = producer.commune
        cells[index["ocop_code"]] = f"{commune.parent.code}-{commune.code}-{1 + n % 999:03d}-2026"
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return actor, buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--producers", type=int, default=2_000)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    args = parser.parse_args(argv)
    workdir = tempfile.mkdtemp(prefix="ocop-bench-import-")
    database_url = args.database_url or f"sqlite:///{workdir}/bench.sqlite3"
    _setup(database_url, media=f"{workdir}/media")

    from django.db import transaction
    from openpyxl import load_workbook

    from ocop.exchange import services
    from ocop.exchange.testing import upload
    from ocop.registry.models import Product

    start = time.perf_counter()
    actor, content = build(args.rows, args.producers)
    print(
        f"database {database_url.split('@')[-1]} · {args.producers} producers · {args.rows} rows, "
        f"{len(content) / 1048576:.1f} MB xlsx · setup {time.perf_counter() - start:.0f} s"
    )

    def read_all() -> None:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        cells = sum(1 for row in workbook.active.iter_rows(values_only=True) for _ in row)
        workbook.close()
        assert cells >= args.rows

    jobs: list[Any] = []

    def check() -> None:
        job = services.import_upload(actor=actor, kind="products", file=upload(content, "bench.xlsx"))
        assert job.status == "checked", job.error
        assert job.counts["create"] == args.rows, job.counts
        jobs.append(job)

    def commit_rolled_back() -> None:
        with transaction.atomic():
            job = jobs[0]
            services.import_confirm(job=job, actor=actor)
            assert job.status == "done", job.error
            transaction.set_rollback(True)

    def commit() -> None:
        job = jobs[1]
        services.import_confirm(job=job, actor=actor)
        assert job.status == "done", job.error

    print(f"{'step':<40} {'time':>10}")
    a = measure("(a) openpyxl read-only, every cell", read_all)
    b = measure("(b) check (preview) of the import", check)
    c = measure("(c) commit in one transaction", commit, traced=commit_rolled_back)
    assert Product.objects.filter(name__startswith="Sản phẩm bench").count() == args.rows
    print(
        f"ratios: (b)/(a) = {b / a:.1f}   (c)/(a) = {c / a:.1f}   "
        f"· per row: check {1000 * b / args.rows:.2f} ms, commit {1000 * c / args.rows:.2f} ms"
    )
    if not args.database_url:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
