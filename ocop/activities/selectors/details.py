"""One activity record for a user (``NotFoundError`` outside the scope), its related rows, and counts."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet

from ocop.activities.models import (
    Budget,
    EventParticipation,
    Listing,
    MediaItem,
    PromotionEvent,
    RevenueReport,
    SalesPoint,
    Support,
    TrainingAttendance,
    TrainingCourse,
)
from ocop.activities.permissions import can_view_located, can_view_producer_record
from ocop.activities.selectors._scope import about_producers_for_user, located_for_user, own_producer_id
from ocop.core.exceptions import NotFoundError

_PRODUCER = ("commune__parent", "legacy_commune")


def _get(qs: QuerySet, pk: Any, message: str) -> Model:
    try:
        return qs.get(pk=int(pk))
    except (qs.model.DoesNotExist, TypeError, ValueError):
        raise NotFoundError(message) from None


def training_get_for_user(*, user, pk: Any) -> TrainingCourse:
    """A course in the user's area, or one its own people attended (a producer account)."""
    message = "Không tìm thấy lớp tập huấn."
    course = _get(TrainingCourse.objects.select_related("unit__parent", "created_by"), pk, message)
    producer_id = own_producer_id(user)
    if producer_id and course.attendances.filter(producer_id=producer_id).exists():
        return course
    if not can_view_located(user, course):
        raise NotFoundError(message)
    return course


def training_attendances(*, user, course: TrainingCourse) -> QuerySet[TrainingAttendance]:
    """The attendees of a course the user may see (a producer account: only its own people)."""
    qs = course.attendances.select_related("producer").order_by("pk")
    producer_id = own_producer_id(user)
    return qs.filter(producer_id=producer_id) if producer_id else qs


def training_attendance_get_for_user(*, user, pk: Any) -> TrainingAttendance:
    message = "Không tìm thấy học viên."
    attendance = _get(TrainingAttendance.objects.select_related("course", "producer"), pk, message)
    training_get_for_user(user=user, pk=attendance.course_id)
    producer_id = own_producer_id(user)
    if producer_id and attendance.producer_id != producer_id:
        raise NotFoundError(message)
    return attendance


def event_get_for_user(*, user, pk: Any) -> PromotionEvent:
    """An event in the user's area, or one its producer took part in (a producer account)."""
    message = "Không tìm thấy sự kiện."
    event = _get(PromotionEvent.objects.select_related("unit__parent", "created_by"), pk, message)
    producer_id = own_producer_id(user)
    if producer_id and event.participations.filter(producer_id=producer_id).exists():
        return event
    if not can_view_located(user, event):
        raise NotFoundError(message)
    return event


def event_participations(*, user, event: PromotionEvent) -> QuerySet[EventParticipation]:
    qs = event.participations.select_related("producer").prefetch_related("products").order_by("pk")
    producer_id = own_producer_id(user)
    return qs.filter(producer_id=producer_id) if producer_id else qs


def event_participation_get_for_user(*, user, pk: Any) -> EventParticipation:
    message = "Không tìm thấy chủ thể tham gia sự kiện."
    participation = _get(EventParticipation.objects.select_related("event", "producer"), pk, message)
    event_get_for_user(user=user, pk=participation.event_id)
    producer_id = own_producer_id(user)
    if producer_id and participation.producer_id != producer_id:
        raise NotFoundError(message)
    return participation


def media_get_for_user(*, user, pk: Any) -> MediaItem:
    message = "Không tìm thấy tin, bài."
    item = _get(MediaItem.objects.select_related("unit__parent", "created_by"), pk, message)
    if not can_view_located(user, item):
        raise NotFoundError(message)
    return item


def sales_point_get_for_user(*, user, pk: Any) -> SalesPoint:
    message = "Không tìm thấy điểm bán."
    point = _get(SalesPoint.objects.select_related("unit__parent", "created_by"), pk, message)
    if not can_view_located(user, point):
        raise NotFoundError(message)
    return point


def sales_point_products(*, sales_point: SalesPoint) -> QuerySet:
    return sales_point.products.select_related("producer").order_by("name_sort", "pk")


def listing_get_for_user(*, user, pk: Any) -> Listing:
    message = "Không tìm thấy gian hàng."
    listing = _get(
        Listing.objects.select_related(*(f"product__producer__{p}" for p in _PRODUCER), "created_by"),
        pk,
        message,
    )
    if not can_view_producer_record(user, listing):
        raise NotFoundError(message)
    return listing


def revenue_report_get_for_user(*, user, pk: Any) -> RevenueReport:
    message = "Không tìm thấy báo cáo doanh thu."
    report = _get(
        RevenueReport.objects.select_related(*(f"producer__{p}" for p in _PRODUCER), "product", "created_by"),
        pk,
        message,
    )
    if not can_view_producer_record(user, report):
        raise NotFoundError(message)
    return report


def support_get_for_user(*, user, pk: Any) -> Support:
    message = "Không tìm thấy bản ghi hỗ trợ."
    support = _get(
        Support.objects.select_related(*(f"producer__{p}" for p in _PRODUCER), "product", "created_by"),
        pk,
        message,
    )
    if not can_view_producer_record(user, support):
        raise NotFoundError(message)
    return support


def budget_get_for_user(*, user, pk: Any) -> Budget:
    message = "Không tìm thấy kinh phí."
    budget = _get(Budget.objects.select_related("unit__parent", "created_by"), pk, message)
    if not can_view_located(user, budget):
        raise NotFoundError(message)
    return budget


def activities_summary_for_user(*, user) -> dict[str, int]:
    """How many records of each kind the user may see (one count query per kind)."""
    from ocop.activities.selectors.lists import event_list, training_list

    return {
        "training": training_list(user=user).count(),
        "events": event_list(user=user).count(),
        "media": located_for_user(MediaItem, user=user).count(),
        "sales_points": located_for_user(SalesPoint, user=user).count(),
        "listings": about_producers_for_user(Listing, user=user, producer="product__producer").count(),
        "revenue": about_producers_for_user(RevenueReport, user=user).count(),
        "supports": about_producers_for_user(Support, user=user).count(),
        "budgets": located_for_user(Budget, user=user).count(),
    }
