"""Columns of the plan list when downloaded as CSV or Excel (the report workbooks live in ``exports``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ocop.core.exports import Column, col

PLAN_COLUMNS: list[Column] = [
    col(_("Số hiệu"), "number"),
    col(_("Trích yếu"), "title"),
    col(_("Cơ quan ban hành"), "issuing_body"),
    col(_("Ngày ban hành"), "issued_on", "date"),
    col(_("Địa bàn"), "unit.name"),
    col(_("Thực hiện từ"), "period_start", "date"),
    col(_("Thực hiện đến"), "period_end", "date"),
    col(_("Số chỉ tiêu"), "n_targets", "int"),
    col(_("Số nhiệm vụ"), "n_milestones", "int"),
    col(_("Kế hoạch mẫu"), lambda p: _("Có") if p.is_reference else _("Không")),
]
