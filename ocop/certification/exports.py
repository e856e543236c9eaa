"""Columns of the certificate and decision lists when downloaded as CSV or Excel."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ocop.certification.selectors import certificate_status_of
from ocop.core.exports import Column, col


def certificate_columns(today: dt.date) -> list[Column]:
    """The certificate list's columns; the status is the one on ``today`` (from the joined revocation)."""
    return [
        col(_("Số giấy chứng nhận"), "number"),
        col(_("Sản phẩm"), "product.name"),
        col(_("Mã sản phẩm OCOP"), "product.ocop_code"),
        col(_("Chủ thể"), "producer.name"),
        col(_("Xã/phường"), "producer.commune.name"),
        col(_("Tỉnh/thành phố"), "producer.commune.parent.name"),
        col(_("Hạng sao"), "star", "int"),
        col(_("Số quyết định"), "decision.number"),
        col(_("Ngày cấp"), "issued_on", "date"),
        col(_("Hiệu lực đến"), "valid_until", "date"),
        col(_("Trạng thái"), lambda c: gettext(certificate_status_of(c, today=today).label)),
    ]


DECISION_COLUMNS: list[Column] = [
    col(_("Số quyết định"), "number"),
    col(_("Ngày ký"), "signed_on", "date"),
    col(_("Thẩm quyền"), "get_authority_display"),
    col(_("Địa phương"), "unit.name"),
    col(_("Người ký"), "signer"),
    col(_("Trích yếu"), "title"),
    col(_("Số giấy chứng nhận"), "certificate_count", "int"),
]
