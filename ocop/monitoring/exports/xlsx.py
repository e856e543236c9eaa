"""The progress report as an Excel workbook: a sheet of targets (the unit shown) and one of breakdowns
(every child unit). Vietnamese headers, numbers as numbers, dates as dates, set column widths."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ocop.monitoring.domain import STATUS_LABELS
from ocop.monitoring.exports.progress import Row, breakdown_rows, target_rows
from ocop.monitoring.indicators import Grouping
from ocop.monitoring.models import Report
from ocop.monitoring.selectors import PlanProgress

DATE = "DD/MM/YYYY"
NUMBER = "#,##0.##"
HEADER_FILL = PatternFill("solid", fgColor="E7F4EC")


def _n(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _target_value(row: Row) -> str:
    if row.value_max is not None:
        return f"{_n(row.value)} – {_n(row.value_max)}"
    return f"{row.comparator} {_n(row.value)}"


TARGET_COLUMNS = (
    (gettext_lazy("STT"), 6),
    (gettext_lazy("Mã"), 8),
    (gettext_lazy("Chỉ tiêu"), 60),
    (gettext_lazy("Chỉ số"), 36),
    (gettext_lazy("Đơn vị tính"), 14),
    (gettext_lazy("So sánh"), 8),
    (gettext_lazy("Giá trị chỉ tiêu"), 14),
    (gettext_lazy("Giá trị tối đa"), 14),
    (gettext_lazy("Từ ngày"), 12),
    (gettext_lazy("Đến ngày (thời hạn)"), 14),
    (gettext_lazy("Thực hiện"), 14),
    (gettext_lazy("Tử số"), 12),
    (gettext_lazy("Mẫu số"), 12),
    (gettext_lazy("Đạt so với chỉ tiêu (%)"), 12),
    (gettext_lazy("Dự báo đến hạn"), 14),
    (gettext_lazy("Tình trạng"), 22),
    (gettext_lazy("Số đơn vị đạt"), 12),
    (gettext_lazy("Số đơn vị cấp dưới"), 12),
)
BREAKDOWN_COLUMNS = (
    (gettext_lazy("STT chỉ tiêu"), 8),
    (gettext_lazy("Chỉ tiêu"), 50),
    (gettext_lazy("Đơn vị hành chính"), 32),
    (gettext_lazy("Từ ngày"), 12),
    (gettext_lazy("Đến ngày"), 12),
    (gettext_lazy("Thực hiện"), 14),
    (gettext_lazy("Tử số"), 12),
    (gettext_lazy("Mẫu số"), 12),
    (gettext_lazy("Đạt so với chỉ tiêu (%)"), 12),
    (gettext_lazy("Dự báo đến hạn"), 14),
    (gettext_lazy("Tình trạng"), 22),
)


def _sheet(ws, title_lines: list[str], columns, rows: list[list], *, number_from: int, date_cols: set[int]):
    for line in title_lines:
        ws.append([line])
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    ws.append([])
    header_row = len(title_lines) + 2
    ws.append([str(label) for label, _width in columns])
    for index, (_label, width) in enumerate(columns, start=1):
        cell = ws.cell(row=header_row, column=index)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(index)].width = width
    for values in rows:
        ws.append(values)
        r = ws.max_row
        for index in range(1, len(values) + 1):
            cell = ws.cell(row=r, column=index)
            if index in date_cols:
                cell.number_format = DATE
            elif index >= number_from and isinstance(cell.value, int | float):
                cell.number_format = NUMBER
            cell.alignment = Alignment(wrap_text=index in (2, 3, 4), vertical="top")
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)


def _titles(progress: PlanProgress, report: Report | None) -> list[str]:
    plan = progress.plan
    map_label = _("bản đồ hiện hành") if progress.grouping == Grouping.CURRENT else _("bản đồ của kế hoạch")
    lines = [
        _("Tiến độ thực hiện kế hoạch %(n)s") % {"n": plan.number},
        plan.title,
        _("%(body)s, ngày %(d)s") % {"body": plan.issuing_body, "d": f"{plan.issued_on:%d/%m/%Y}"},
        _("Địa bàn: %(u)s · số liệu đến ngày %(d)s · %(m)s")
        % {"u": progress.unit.name, "d": f"{progress.as_of:%d/%m/%Y}", "m": map_label},
    ]
    if report is not None:
        lines.append(_("Báo cáo đã ban hành: %(t)s (số liệu cố định)") % {"t": report.title})
    return lines


def progress_xlsx(progress: PlanProgress, *, report: Report | None = None) -> bytes:
    """The workbook's bytes."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Chỉ tiêu")[:31]
    rows = [
        [
            r.number,
            r.code,
            r.title,
            r.indicator,
            r.unit_label,
            r.comparator,
            _n(r.value),
            _n(r.value_max),
            r.period_start,
            r.period_end,
            _n(r.actual),
            _n(r.numerator),
            _n(r.denominator),
            _n(r.share),
            _n(r.forecast),
            str(STATUS_LABELS[r.status]),
            r.children_meeting,
            r.children_total if r.per_child else None,
        ]
        for r in target_rows(progress)
    ]
    _sheet(ws, _titles(progress, report), TARGET_COLUMNS, rows, number_from=7, date_cols={9, 10})
    detail = wb.create_sheet(_("Theo đơn vị")[:31])
    breakdown = [
        [
            r.number,
            r.title,
            r.unit_name,
            r.period_start,
            r.period_end,
            _n(r.actual),
            _n(r.numerator),
            _n(r.denominator),
            _n(r.share),
            _n(r.forecast),
            str(STATUS_LABELS[r.status]),
        ]
        for r in breakdown_rows(progress)
    ]
    _sheet(detail, _titles(progress, report), BREAKDOWN_COLUMNS, breakdown, number_from=6, date_cols={4, 5})
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
