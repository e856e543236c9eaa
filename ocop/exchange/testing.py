"""Helpers for the exchange tests: workbooks in memory and uploads made from them."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_bytes(
    headers: Sequence[Any],
    rows: Iterable[Sequence[Any]] = (),
    *,
    title_rows: Sequence[Sequence[Any]] = (),
    sheet: str = "Dữ liệu",
    merge: str | None = None,
) -> bytes:
    """An xlsx with optional title rows, a header row and data rows (``merge`` e.g. "A3:B3")."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet
    for row in title_rows:
        ws.append(list(row))
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    if merge:
        ws.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "du-lieu.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX_TYPE)


def rows_from_dicts(importer_class, records: Iterable[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """Headers of every column of an importer and one row per record (keys are column keys)."""
    headers = [col.header for col in importer_class.columns]
    keys = [col.key for col in importer_class.columns]
    return headers, [[record.get(key) for key in keys] for record in records]
