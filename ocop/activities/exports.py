"""Columns of each activity list when downloaded as CSV or Excel, by the list's ``kind``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ocop.core.exports import Column, col


def _place(unit) -> str:
    if unit is None:
        return ""
    return f"{unit.name}, {unit.parent.name}" if unit.parent else unit.name


PLACE = col(_("Địa bàn"), lambda r: _place(r.unit))

COLUMNS: dict[str, list[Column]] = {
    "training": [
        col(_("Tên lớp"), "title"),
        col(_("Đối tượng"), "get_audience_display"),
        col(_("Cấp tổ chức"), "get_level_display"),
        col(_("Từ ngày"), "starts_on", "date"),
        col(_("Đến ngày"), "ends_on", "date"),
        col(_("Số lớp"), "classes", "int"),
        col(_("Lượt người"), "participants", "int"),
        col(_("Người ghi tên"), "attendee_count", "int"),
        col(_("Đơn vị tổ chức"), "organiser"),
        col(_("Kinh phí (đồng)"), "cost", "money"),
        PLACE,
    ],
    "event": [
        col(_("Sự kiện"), "name"),
        col(_("Hình thức"), "get_kind_display"),
        col(_("Phạm vi"), "get_scope_display"),
        col(_("Địa điểm"), "venue"),
        col(_("Từ ngày"), "starts_on", "date"),
        col(_("Đến ngày"), "ends_on", "date"),
        col(_("Chủ thể tham gia"), "participant_count", "int"),
        col(_("Doanh số (đồng)"), lambda r: r.sales_total or 0, "money"),
        PLACE,
    ],
    "media": [
        col(_("Tiêu đề"), "title"),
        col(_("Loại"), "get_kind_display"),
        col(_("Kênh"), "channel"),
        col(_("Ngày"), "published_on", "date"),
        col(_("Đường dẫn"), "url"),
        PLACE,
    ],
    "sales-point": [
        col(_("Tên điểm"), "name"),
        col(_("Loại"), "get_kind_display"),
        col(_("Đơn vị vận hành"), "operator"),
        col(_("Địa chỉ"), "address"),
        PLACE,
        col(_("Ngày khai trương"), "opened_on", "date"),
        col(_("Ngày đóng cửa"), "closed_on", "date"),
        col(_("Số sản phẩm"), "product_count", "int"),
    ],
    "listing": [
        col(_("Sản phẩm"), "product.name"),
        col(_("Chủ thể"), "product.producer.name"),
        col(_("Tỉnh/thành phố"), "product.producer.commune.parent.name"),
        col(_("Sàn, kênh"), "get_platform_display"),
        col(_("Đường dẫn"), "url"),
        col(_("Đăng bán từ"), "listed_from", "date"),
        col(_("Ngừng bán từ"), "listed_until", "date"),
    ],
    "revenue": [
        col(_("Năm"), "year", "int"),
        col(_("Chủ thể"), "producer.name"),
        col(_("Tỉnh/thành phố"), "producer.commune.parent.name"),
        col(_("Sản phẩm"), "product.name"),
        col(_("Bán trực tiếp (đồng)"), "direct", "money"),
        col(_("Qua đại lý, nhà phân phối (đồng)"), "distributors", "money"),
        col(_("Siêu thị, cửa hàng tiện lợi (đồng)"), "modern_retail", "money"),
        col(_("Thương mại điện tử (đồng)"), "ecommerce", "money"),
        col(_("Xuất khẩu (đồng)"), "export", "money"),
        col(_("Kênh khác (đồng)"), "other", "money"),
        col(_("Tổng doanh thu (đồng)"), "total", "money"),
    ],
    "support": [
        col(_("Ngày"), "given_on", "date"),
        col(_("Chủ thể"), "producer.name"),
        col(_("Tỉnh/thành phố"), "producer.commune.parent.name"),
        col(_("Sản phẩm"), "product.name"),
        col(_("Nội dung"), "get_kind_display"),
        col(_("Kinh phí (đồng)"), "amount", "money"),
        col(_("Nguồn vốn"), "get_source_display"),
    ],
    "budget": [
        col(_("Năm"), "year", "int"),
        PLACE,
        col(_("Nguồn vốn"), "get_source_display"),
        col(_("Kế hoạch (đồng)"), "planned", "money"),
        col(_("Đã huy động (đồng)"), "mobilised", "money"),
        col(_("Ghi chú"), "note"),
    ],
}

FILE_NAMES: dict[str, str] = {
    "training": "lop-tap-huan",
    "event": "su-kien-xuc-tien",
    "media": "tin-bai-truyen-thong",
    "sales-point": "diem-ban",
    "listing": "gian-hang-tmdt",
    "revenue": "doanh-thu",
    "support": "ho-tro",
    "budget": "kinh-phi",
}
