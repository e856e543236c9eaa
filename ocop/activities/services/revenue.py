"""Writes of yearly revenue reports: one per producer (or per producer's product) and year, by channel."""

from __future__ import annotations

from django.db import transaction

from ocop.activities.domain import revenue_total
from ocop.activities.models import RevenueReport
from ocop.activities.permissions import can_view_producer, can_write_for_producer
from ocop.activities.services._base import check_amounts, check_product_of, fail, reason_of, save, today
from ocop.core.exceptions import NotFoundError, PermissionDeniedError

CHANNELS = RevenueReport.CHANNELS


@transaction.atomic
def revenue_report_save(
    *,
    actor,
    producer,
    year: int,
    product=None,
    reason: str = "Báo cáo doanh thu",
    **channels: int,
) -> RevenueReport:
    """Record or correct a producer's revenue for ``year`` (for one product when given), by channel.

    Upsert on (producer, product, year); channels not given keep their value (0 for a new report);
    ``total`` is always the sum of the channels.
    """
    if producer is None or not can_view_producer(actor, producer):
        raise NotFoundError("Không tìm thấy chủ thể.", field="producer")
    if not can_write_for_producer(actor, producer):
        raise PermissionDeniedError("Bạn không có quyền báo cáo doanh thu cho chủ thể này.")
    unknown = sorted(set(channels) - set(CHANNELS))
    if unknown:
        fail(f"Kênh doanh thu không hợp lệ: {', '.join(unknown)}.", unknown[0])
    check_product_of(producer, product)
    if year is None or year > today().year:
        fail(f"Năm báo cáo ({year}) không được sau năm hiện tại ({today().year}).", "year")
    report = RevenueReport.objects.select_for_update().filter(
        producer=producer, product=product, year=year
    ).first() or RevenueReport(producer=producer, product=product, year=year, created_by=actor)
    for channel, value in channels.items():
        setattr(report, channel, value)
    check_amounts(report, CHANNELS)
    report.total = revenue_total({channel: getattr(report, channel) for channel in CHANNELS})
    save(
        report,
        actor=actor,
        reason=reason_of(reason, "Báo cáo doanh thu"),
        duplicate=f"Đã có báo cáo doanh thu năm {year} cho chủ thể này.",
    )
    return report
