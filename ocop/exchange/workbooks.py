"""Workbooks the exchange hands out: the blank template of a kind, and a file's rows with their errors.

A template has three sheets: "Dữ liệu" (the headers only, so the filled file imports as is),
"Hướng dẫn" (every column: what it means, required or not, format, example) and a hidden
"Danh mục" holding the lists behind the drop-downs of choice columns (a list in a sheet has no
length limit, an inline list formula has 255 characters).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ocop.exchange.importers.base import Column, Importer
from ocop.exchange.xlsx import DATA_SHEET

LISTS_SHEET = "Danh mục"
GUIDE_SHEET = "Hướng dẫn"
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBDD")
_REQUIRED_FILL = PatternFill("solid", fgColor="F7E3B5")
_VALIDATED_ROWS = 50_001

KIND_FORMATS = {
    "text": gettext_lazy("Chữ"),
    "int": gettext_lazy("Số nguyên, ví dụ 12"),
    "decimal": gettext_lazy("Số, ví dụ 12,5"),
    "date": gettext_lazy("Ngày/tháng/năm, ví dụ 05/03/2024"),
    "choice": gettext_lazy("Chọn trong danh sách"),
    "bool": gettext_lazy("“Có” hoặc “Không” (hoặc “x” khi có)"),
    "gtin": gettext_lazy("8, 12, 13 hoặc 14 chữ số, chữ số cuối là số kiểm tra"),
}


def _format_of(column: Column) -> str:
    return str(KIND_FORMATS.get(column.kind, KIND_FORMATS["text"]))


def template_workbook(importer: Importer, *, examples: dict[str, str] | None = None) -> bytes:
    """The blank template of an import kind as xlsx bytes."""
    columns = importer.columns
    workbook = Workbook()
    data = workbook.active
    data.title = DATA_SHEET
    data.append([col.header for col in columns])
    for index, col in enumerate(columns, start=1):
        cell = data.cell(row=1, column=index)
        cell.font = _BOLD
        cell.fill = _REQUIRED_FILL if col.required else _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        data.column_dimensions[get_column_letter(index)].width = max(14, min(40, len(col.header) + 4))
        if col.kind in ("date", "gtin") or col.key.endswith("code"):
            for row in range(2, 1002):  # keep leading zeros of codes; dates as typed
                data.cell(row=row, column=index).number_format = "@" if col.kind != "date" else "DD/MM/YYYY"
    data.freeze_panes = "A2"
    data.row_dimensions[1].height = 32

    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    list_column = 0
    for index, col in enumerate(columns, start=1):
        choices = importer.choices_for(col)
        if not choices:
            continue
        list_column += 1
        letter = get_column_letter(list_column)
        lists.cell(row=1, column=list_column, value=col.header).font = _BOLD
        for row, (_value, label) in enumerate(choices, start=2):
            lists.cell(row=row, column=list_column, value=str(label))
        validation = DataValidation(
            type="list",
            formula1=f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(choices) + 1}",
            allow_blank=not col.required,
            showErrorMessage=col.kind == "choice",
            errorTitle=_("Giá trị không có trong danh mục"),
            error=_("Hãy chọn một giá trị trong danh sách."),
        )
        target = get_column_letter(index)
        validation.add(f"{target}2:{target}{_VALIDATED_ROWS}")
        data.add_data_validation(validation)

    guide = workbook.create_sheet(GUIDE_SHEET)
    guide.append([str(importer.title)])
    guide["A1"].font = Font(bold=True, size=14)
    guide.append(
        [
            _(
                "Điền mỗi bản ghi vào một dòng của trang “Dữ liệu”, giữ nguyên dòng tiêu đề. Cột tô vàng là "
                "bắt buộc. Không gộp ô. Tải tệp lên, xem trước kết quả từng dòng, rồi mới xác nhận ghi."
            )
        ]
    )
    guide.append([])
    guide.append([_("Cột"), _("Bắt buộc"), _("Ý nghĩa"), _("Định dạng"), _("Ví dụ")])
    for cell in guide[4]:
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
    examples = examples or {}
    for col in columns:
        choices = importer.choices_for(col)
        fmt = _format_of(col)
        if choices and len(choices) <= 8:
            fmt = f"{fmt}: " + "; ".join(str(label) for _v, label in choices)
        guide.append(
            [col.header, _("Có") if col.required else "", str(col.help), fmt, examples.get(col.key, "")]
        )
    for letter, width in zip("ABCDE", (30, 10, 60, 45, 30), strict=True):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return _bytes(workbook)


def errors_workbook(*, headers: list[str], rows: Iterable[tuple[int, list[Any], str]]) -> bytes:
    """The file's rows (row number, cells, errors) with a "Dòng" column first and a "Lỗi" column last."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(DATA_SHEET)
    sheet.append([_("Dòng"), *headers, _("Lỗi")])
    for number, cells, errors in rows:
        sheet.append([number, *cells, errors])
    return _bytes(workbook)


def _bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
