"""Reading an uploaded workbook safely: one clear Vietnamese message for a file that cannot be imported.

The checks run from the cheapest to the dearest, and nothing is parsed before the file is known to be
a real xlsx: size, magic bytes (xls, encrypted, CSV or text renamed .xlsx), the zip directory (a
workbook's parts, no zip bomb), then ``openpyxl.load_workbook(read_only=True, data_only=True)``.

Merged cells: read-only mode does not report them, and loading the workbook in normal mode costs
~10× the memory of the data. Instead the sheet's XML is decompressed in chunks and searched for
``<mergeCell ref=…>`` (and for formula cells, ``<c …><f>``) with a regular expression: one pass of
zlib, no XML tree, constant memory, whatever the size. Merges above the header row (a title) are
allowed; merges in the header row or the data are refused with their addresses.
"""

from __future__ import annotations

import difflib
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from ocop.core.exceptions import ApplicationError
from ocop.core.text import fold
from ocop.exchange.cells import is_blank
from ocop.exchange.importers.base import Column

DATA_SHEET = "Dữ liệu"
HEADER_SEARCH_ROWS = 10  # the header row may sit under a title row or two
IGNORED_HEADERS = frozenset({"stt", "tt", "so tt", "so thu tu", "dong", "loi"})  # errors file columns too
_UNZIPPED_LIMIT_FACTOR = 40  # a workbook's XML compresses ~5–10×; more than 40× is a zip bomb
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)"')
_FORMULA = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3}[0-9]{1,7})"[^>]*>\s*<(?:\w+:)?f\b')
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


class FileRejected(ApplicationError):
    """The whole file cannot be imported; ``message`` says why and how to fix it."""


@dataclass
class Sheet:
    """The data of one sheet: where its header row is, which column is which, and the rows below."""

    title: str
    header_row: int
    headers: list[str]
    keys: list[str | None]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    formula_cells: set[str] = field(default_factory=set)
    estimated_rows: int = 0  # from the sheet's declared size, when the rows were not read


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def _check_bytes(source: IO[bytes], size: int) -> None:
    limit = settings.OCOP_IMPORT_MAX_BYTES
    if size == 0:
        raise FileRejected(_("Tệp rỗng (0 byte). Hãy chọn lại tệp Excel đã điền dữ liệu."))
    if size > limit:
        raise FileRejected(
            _("Tệp nặng %(size)s MB, vượt quá giới hạn %(limit)s MB. Hãy chia thành nhiều tệp nhỏ hơn.")
            % {"size": _megabytes(size), "limit": _megabytes(limit)}
        )
    source.seek(0)
    head = source.read(4096)
    source.seek(0)
    if head.startswith(_OLE_MAGIC):
        source.seek(0)
        whole = source.read()
        source.seek(0)
        if _ENCRYPTED in whole:
            raise FileRejected(
                _("Tệp đang được đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại và tải lên.")
            )
        raise FileRejected(
            _(
                "Đây là tệp Excel 97–2003 (.xls). Hãy mở bằng Excel, chọn Lưu thành (Save As) "
                "“Excel Workbook (*.xlsx)” rồi tải lên tệp mới."
            )
        )
    if not head.startswith(b"PK\x03\x04"):
        looks_text = b"\x00" not in head[:1024] and (b"," in head or b";" in head or b"\t" in head)
        if looks_text:
            raise FileRejected(
                _(
                    "Đây là tệp văn bản (CSV hoặc TXT) được đổi tên thành .xlsx. Hãy mở bằng Excel và lưu "
                    "thành “Excel Workbook (*.xlsx)”, hoặc điền vào tệp mẫu."
                )
            )
        raise FileRejected(
            _(
                "Tệp không phải tệp Excel (.xlsx) hoặc đã bị hỏng. "
                "Hãy tải tệp mẫu, điền dữ liệu và tải lên lại."
            )
        )


def _check_zip(archive: zipfile.ZipFile, size: int) -> None:
    names = set(archive.namelist())
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise FileRejected(
            _("Tệp là tệp nén nhưng không phải bảng tính Excel (.xlsx). Hãy dùng tệp mẫu của hệ thống.")
        )
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > max(size, 1 << 20) * _UNZIPPED_LIMIT_FACTOR:
        raise FileRejected(_("Tệp có cấu trúc bất thường (giải nén quá lớn) nên không được đọc."))


def _scan_sheet_xml(archive: zipfile.ZipFile, path: str) -> tuple[list[str], set[str]]:
    """Merged ranges and formula cells of one sheet, by a chunked search of its XML."""
    merges: list[str] = []
    formulas: set[str] = set()
    tail = b""
    with archive.open(path.lstrip("/")) as stream:
        while chunk := stream.read(1 << 20):
            text = tail + chunk
            merges.extend(m.decode() for m in _MERGE.findall(text))
            formulas.update(m.decode() for m in _FORMULA.findall(text))
            tail = text[-400:]
    return list(dict.fromkeys(merges)), formulas


def _match_headers(cells: list[Any], columns: tuple[Column, ...]) -> list[str | bool | None]:
    """For each cell: the column key it names, None when blank or ignored, False when unknown."""
    by_header = {folded: col.key for col in columns for folded in col.headers_folded()}
    keys: list[str | bool | None] = []
    for cell in cells:
        if is_blank(cell):
            keys.append(None)
            continue
        folded = fold(str(cell)).rstrip(" *:")
        if folded in IGNORED_HEADERS:
            keys.append(None)
        else:
            keys.append(by_header.get(folded, False))
    return keys


def _closest_header(text: str, columns: tuple[Column, ...]) -> str:
    headers = {fold(col.header): col.header for col in columns}
    close = difflib.get_close_matches(fold(text), list(headers), n=1, cutoff=0.5)
    return headers[close[0]] if close else ""


def _header_problems(cells: list[Any], keys: list, columns: tuple[Column, ...]) -> str:
    problems: list[str] = []
    found = [key for key in keys if key]
    repeated = sorted({columns_by_key(columns)[key].header for key in found if found.count(key) > 1})
    if repeated:
        problems.append(_("Cột bị lặp: %(headers)s.") % {"headers": ", ".join(f"“{h}”" for h in repeated)})
    missing = [col.header for col in columns if col.required and col.key not in found]
    if missing:
        problems.append(
            _("Thiếu cột bắt buộc: %(headers)s.") % {"headers": ", ".join(f"“{h}”" for h in missing)}
        )
    for cell, key in zip(cells, keys, strict=True):
        if key is False:
            closest = _closest_header(str(cell), columns)
            problems.append(
                _("Cột “%(header)s” không có trong mẫu (có phải “%(closest)s”?).")
                % {"header": str(cell)[:60], "closest": closest}
                if closest
                else _("Cột “%(header)s” không có trong mẫu; hãy xoá cột này.") % {"header": str(cell)[:60]}
            )
    return " ".join(problems)


def columns_by_key(columns: tuple[Column, ...]) -> dict[str, Column]:
    return {col.key: col for col in columns}


def _find_header(rows: Iterator[tuple], columns: tuple[Column, ...]) -> tuple[int, list[Any], list]:
    """The first row that mostly holds template headers (a title row above it is skipped)."""
    first_cells: list[Any] = []
    for number, cells in enumerate(rows, start=1):
        cells = list(cells)
        keys = _match_headers(cells, columns)
        filled = sum(1 for cell in cells if not is_blank(cell))
        matched = sum(1 for key in keys if key)
        if matched and matched * 2 >= filled:
            return number, cells, keys
        if filled and not first_cells:
            first_cells = cells
        if number >= HEADER_SEARCH_ROWS:
            break
    expected = ", ".join(f"“{col.header}”" for col in columns if col.required)
    raise FileRejected(
        _(
            "Không tìm thấy dòng tiêu đề cột trong %(rows)s dòng đầu của trang tính. Dòng tiêu đề phải có "
            "các cột: %(expected)s. Hãy dùng tệp mẫu của hệ thống."
        )
        % {"rows": HEADER_SEARCH_ROWS, "expected": expected}
    )


def _merges_in_data(merges: list[str], header_row: int) -> list[str]:
    inside = []
    for ref in merges:
        _min_col, _min_row, _max_col, max_row = range_boundaries(ref)
        if max_row is not None and max_row >= header_row:
            inside.append(ref)
    return inside


def read_sheet(
    source: IO[bytes], *, columns: tuple[Column, ...], size: int | None = None, rows_up_to: int | None = None
) -> Sheet:
    """Check the file and read the rows of its data sheet; raises ``FileRejected`` with one message.

    With ``rows_up_to``, a sheet whose declared size has more rows is not read: only its structure
    is checked (file, headers, merged cells) and ``estimated_rows`` is set, cheap enough for the
    upload request; its rows are read later by the background check.
    """
    if size is None:
        source.seek(0, 2)
        size = source.tell()
    _check_bytes(source, size)
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileRejected(
            _("Tệp Excel bị hỏng, không mở được. Hãy mở tệp bằng Excel, lưu lại rồi tải lên lần nữa.")
        ) from exc
    _check_zip(archive, size)
    try:
        return _read(archive, source, columns, rows_up_to=rows_up_to)
    except FileRejected:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, IndexError, EOFError) as exc:
        raise FileRejected(
            _("Tệp Excel bị hỏng, không đọc được. Hãy mở tệp bằng Excel, lưu lại rồi tải lên lần nữa.")
        ) from exc
    except Exception as exc:  # openpyxl raises many kinds of errors on broken XML
        if exc.__class__.__module__.startswith(("openpyxl", "xml", "lxml", "zipfile", "zlib", "et_xmlfile")):
            raise FileRejected(
                _("Tệp Excel bị hỏng, không đọc được. Hãy mở tệp bằng Excel, lưu lại rồi tải lên lần nữa.")
            ) from exc
        raise


def _read(
    archive: zipfile.ZipFile, source: IO[bytes], columns: tuple[Column, ...], *, rows_up_to: int | None
) -> Sheet:
    source.seek(0)
    workbook = load_workbook(source, read_only=True, data_only=True)
    try:
        sheets = [ws for ws in workbook.worksheets if hasattr(ws, "iter_rows")]
        if not sheets:
            raise FileRejected(_("Tệp không có trang tính nào chứa dữ liệu."))
        sheet = next((ws for ws in sheets if fold(ws.title) == fold(DATA_SHEET)), sheets[0])
        rows = sheet.iter_rows(values_only=True)
        header_row, header_cells, keys = _find_header(rows, columns)
        problems = _header_problems(header_cells, keys, columns)
        if problems:
            raise FileRejected(
                _("Trang “%(sheet)s”, dòng tiêu đề %(row)s: %(problems)s Hãy sửa theo tệp mẫu.")
                % {"sheet": sheet.title, "row": header_row, "problems": problems}
            )
        merges, formulas = _scan_sheet_xml(archive, sheet._worksheet_path)
        merged = _merges_in_data(merges, header_row)
        if merged:
            shown = ", ".join(merged[:5]) + ("…" if len(merged) > 5 else "")
            raise FileRejected(
                _(
                    "Trang “%(sheet)s” có ô gộp (merge) trong vùng dữ liệu: %(ranges)s. Mỗi dòng phải là một "
                    "bản ghi: hãy bỏ gộp ô (Unmerge) và điền đủ giá trị vào từng ô."
                )
                % {"sheet": sheet.title, "ranges": shown}
            )
        width = len(header_cells)
        result = Sheet(
            title=sheet.title,
            header_row=header_row,
            headers=["" if is_blank(c) else str(c).strip() for c in header_cells],
            keys=[key or None for key in keys],
            formula_cells=formulas,
        )
        limit = settings.OCOP_IMPORT_MAX_ROWS
        declared = sheet.max_row - header_row if isinstance(sheet.max_row, int) else None
        if rows_up_to is not None and declared is not None and declared > rows_up_to:
            result.estimated_rows = declared
            return result
        for number, cells in enumerate(rows, start=header_row + 1):
            cells = list(cells[:width]) + [None] * (width - len(cells))
            if all(is_blank(c) for c in cells):
                continue
            if len(result.rows) >= limit:
                raise FileRejected(
                    _(
                        "Tệp có hơn %(limit)s dòng dữ liệu. "
                        "Hãy chia thành nhiều tệp, mỗi tệp tối đa %(limit)s dòng."
                    )
                    % {"limit": f"{limit:,}".replace(",", ".")}
                )
            result.rows.append((number, cells))
        result.estimated_rows = len(result.rows)
        if not result.rows:
            raise FileRejected(
                _("Trang “%(sheet)s” chỉ có dòng tiêu đề, chưa có dòng dữ liệu nào.") % {"sheet": sheet.title}
            )
        return result
    finally:
        workbook.close()
