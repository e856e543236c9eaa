"""Export of a filtered list to CSV or Excel (xlsx), streamed, with Vietnamese column headers.

A list view builds its queryset exactly as for the page (same selector, same filters, so the same
scope), then calls :func:`export_response` when ``?export=csv`` or ``?export=xlsx`` is asked for::

    if (fmt := export_format(request)) is not None:
        return export_response(fmt, rows=qs, columns=PRODUCER_COLUMNS, name="chu-the")

Rows are read with ``QuerySet.iterator(chunk_size=...)`` so memory stays bounded whatever the size of
the list; the queryset must join what the getters touch (``select_related``) – ``prefetch_related``
also works with ``iterator()`` when a ``chunk_size`` is given (Django ≥ 4.1), one query per chunk.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, StreamingHttpResponse
from django.utils import timezone

ColumnType = Literal["text", "int", "money", "date"]
ExportFormat = Literal["csv", "xlsx"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "xlsx")
CHUNK_SIZE = 500
DATE_FORMAT = "%d/%m/%Y"
XLSX_DATE_FORMAT = "dd/mm/yyyy"
XLSX_MONEY_FORMAT = "#,##0"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_WIDTHS: dict[str, int] = {"text": 30, "int": 12, "money": 18, "date": 12}


@dataclass(frozen=True)
class Column:
    """One exported column: its header (already translated or lazy), how to read it, and its type."""

    header: Any
    getter: Callable[[Any], Any]
    type: ColumnType = "text"
    width: int | None = None

    def value(self, row: Any) -> Any:
        value = self.getter(row)
        if value is None or value == "":
            return None
        if self.type in ("int", "money"):
            return int(value)
        if self.type == "date":
            if isinstance(value, dt.datetime):
                value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
            return value
        return str(value)


def col(header: Any, getter: str | Callable[[Any], Any], type: ColumnType = "text", **kw: Any) -> Column:
    """A column; ``getter`` may be a dotted attribute path (``"commune.parent.name"``) or a callable."""
    if isinstance(getter, str):
        getter = _attr_path(getter)
    return Column(header=header, getter=getter, type=type, **kw)


def _attr_path(path: str) -> Callable[[Any], Any]:
    parts = path.split(".")

    def get(row: Any) -> Any:
        value = row
        for part in parts:
            value = getattr(value, part, None)
            if value is None:
                return None
        return value() if callable(value) else value

    return get


def export_format(request: HttpRequest) -> ExportFormat | None:
    """``"csv"`` or ``"xlsx"`` when the list URL carries ``?export=``, else None (show the page)."""
    value = request.GET.get("export", "")
    return value if value in FORMATS else None  # type: ignore[return-value]


def iter_rows(rows: Iterable[Any], chunk_size: int = CHUNK_SIZE) -> Iterator[Any]:
    """Rows one by one without loading the whole list: querysets are read in chunks."""
    if isinstance(rows, QuerySet):
        return rows.iterator(chunk_size=chunk_size)
    return iter(rows)


def file_name(name: str, fmt: ExportFormat, today: dt.date | None = None) -> str:
    """``chu-the-2026-12-02.xlsx``: the list's slug and today's date."""
    today = today or timezone.localdate()
    return f"{name}-{today.isoformat()}.{fmt}"


def export_response(fmt: ExportFormat, *, rows: Iterable[Any], columns: list[Column], name: str):
    """The CSV or xlsx download of ``rows`` (a queryset or any iterable) in ``columns``."""
    if fmt == "xlsx":
        return xlsx_response(rows=rows, columns=columns, name=name)
    return csv_response(rows=rows, columns=columns, name=name)


class _Echo:
    """A file-like object whose ``write`` hands the line back, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def _csv_cell(column: Column, row: Any) -> str:
    value = column.value(row)
    if value is None:
        return ""
    if column.type == "date":
        return value.strftime(DATE_FORMAT)
    return str(value)


def csv_lines(rows: Iterable[Any], columns: list[Column]) -> Iterator[str]:
    """The CSV text line by line: a BOM (so Excel reads UTF-8), the header, then one line per row."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([str(c.header) for c in columns])
    for row in iter_rows(rows):
        yield writer.writerow([_csv_cell(c, row) for c in columns])


def csv_response(*, rows: Iterable[Any], columns: list[Column], name: str) -> StreamingHttpResponse:
    """A streamed CSV download (UTF-8 with BOM, dates dd/mm/yyyy, numbers without separators)."""
    lines = (line.encode("utf-8") for line in csv_lines(rows, columns))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name(name, "csv")}"'
    return response


def write_xlsx(target, *, rows: Iterable[Any], columns: list[Column], title: str = "") -> None:
    """Write ``rows`` to ``target`` (a path or binary file) as one sheet, row by row (write-only mode).

    Numbers stay numbers (money with a thousands separator), dates are real dates shown dd/mm/yyyy,
    the header row is bold and frozen, columns get a width by type.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=(title or "Sheet1")[:31])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width or _WIDTHS[column.type]
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=str(column.header))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in iter_rows(rows):
        cells = []
        for column in columns:
            cell = WriteOnlyCell(sheet, value=column.value(row))
            if column.type == "date":
                cell.number_format = XLSX_DATE_FORMAT
            elif column.type == "money":
                cell.number_format = XLSX_MONEY_FORMAT
            cells.append(cell)
        sheet.append(cells)
    workbook.save(target)


def xlsx_response(*, rows: Iterable[Any], columns: list[Column], name: str) -> FileResponse:
    """An xlsx download.

    openpyxl cannot stream a workbook on the fly (a zip file is finished only at the end), so the
    sheet is written row by row in write-only mode to a temporary file – memory stays bounded – and
    that file is then streamed with FileResponse; it disappears when the response closes it.
    """
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - closed by the FileResponse
    write_xlsx(handle, rows=rows, columns=columns, title=name)
    handle.seek(0)
    return FileResponse(
        handle, as_attachment=True, filename=file_name(name, "xlsx"), content_type=XLSX_CONTENT_TYPE
    )
