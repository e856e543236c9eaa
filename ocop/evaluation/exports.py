"""Columns of the dossier list when downloaded as CSV or Excel."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ocop.core.exports import Column, col

DOSSIER_COLUMNS: list[Column] = [
    col(_("Số phiếu"), "registration_number"),
    col(_("Sản phẩm"), "product.name"),
    col(_("Bộ sản phẩm"), "product.product_set"),
    col(_("Chủ thể"), "producer.name"),
    col(_("Loại"), "get_kind_display"),
    col(_("Trạng thái"), "get_status_display"),
    col(_("Đợt"), "round.name"),
    col(_("Xã/phường"), "commune.name"),
    col(_("Tỉnh/thành phố"), "commune.parent.name"),
    col(_("Lập ngày"), "created_at", "date"),
    col(_("Nộp ngày"), "submitted_at", "date"),
]
