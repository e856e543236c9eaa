"""Reading an export response back in tests: CSV rows (BOM checked) and xlsx rows (opened by openpyxl)."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook


def csv_rows(response) -> list[list[str]]:
    """The rows of a streamed CSV download; fails unless it is UTF-8 starting with a BOM."""
    assert response.streaming
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[tuple]:
    """The cell values of the first sheet of an xlsx download (header first)."""
    raw = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(raw)).active
    return list(sheet.iter_rows(values_only=True))


def xlsx_sheet(response):
    raw = b"".join(response.streaming_content)
    return load_workbook(io.BytesIO(raw)).active


def export_queries(client, url: str, fmt: str) -> tuple[int, int]:
    """(number of queries, number of data rows) of downloading ``url`` as ``fmt``, content consumed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    separator = "&" if "?" in url else "?"
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{url}{separator}export={fmt}")
        assert response.status_code == 200
        rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    return len(captured), len(rows) - 1


def assert_flat_queries(client, url: str, add_rows, *, start: int = 1, more: int = 2) -> None:
    """Exports at ``start`` and ``start + more`` rows run the same number of queries, in both formats.

    ``add_rows(n)`` creates ``n`` more rows of the list (through the services).
    """
    before = {fmt: export_queries(client, url, fmt) for fmt in ("csv", "xlsx")}
    add_rows(more)
    after = {fmt: export_queries(client, url, fmt) for fmt in ("csv", "xlsx")}
    for fmt in ("csv", "xlsx"):
        assert before[fmt][1] == start, (fmt, before[fmt])
        assert after[fmt][1] == start + more, (fmt, after[fmt])
        assert after[fmt][0] == before[fmt][0], (fmt, before[fmt][0], after[fmt][0])
