"""Columns of the producer and product lists when downloaded as CSV or Excel."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ocop.core.exports import Column, col


def _place(commune) -> str:
    if commune is None:
        return ""
    parent = commune.parent
    return f"{commune.name}, {parent.name}" if parent else commune.name


PRODUCER_COLUMNS: list[Column] = [
    col(_("Tên chủ thể"), "name"),
    col(_("Loại hình"), "get_kind_display"),
    col(_("Mã số ĐKKD"), "registration_code"),
    col(_("Mã số thuế"), "tax_code"),
    col(_("Xã/phường"), "commune.name"),
    col(_("Tỉnh/thành phố"), "commune.parent.name"),
    col(_("Địa chỉ"), "address"),
    col(_("Người đại diện"), "legal_rep_name"),
    col(_("Giới tính"), "get_legal_rep_gender_display"),
    col(_("Dân tộc"), "legal_rep_ethnicity"),
    col(_("Điện thoại"), "phone"),
    col(_("Tổng số lao động"), "workforce_total", "int"),
    col(_("Số sản phẩm"), "product_count", "int"),
    col(_("Ngày tham gia chương trình"), "joined_on", "date"),
]

PRODUCT_COLUMNS: list[Column] = [
    col(_("Tên sản phẩm"), "name"),
    col(_("Chủ thể"), "producer.name"),
    col(_("Bộ sản phẩm"), "product_set"),
    col(_("Địa bàn"), lambda p: _place(p.producer.commune)),
    col(_("Mã sản phẩm OCOP"), "ocop_code"),
    col(_("Ngày đăng ký"), "created_at", "date"),
]
