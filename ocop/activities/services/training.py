"""Writes of training courses and their attendees."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ocop.activities.models import AttendeeRole, OrganiserLevel, TrainingAttendance, TrainingCourse
from ocop.activities.permissions import can_change_located, can_view_located, can_view_producer
from ocop.activities.services._base import (
    assign,
    check_amounts,
    check_dates,
    check_unit_on,
    fail,
    mark_history,
    place,
    reason_of,
    save,
    search_key,
)
from ocop.core.exceptions import NotFoundError, PermissionDeniedError

TRAINING_FIELDS = (
    "unit",
    "title",
    "audience",
    "level",
    "starts_on",
    "ends_on",
    "classes",
    "participants",
    "organiser",
    "cost",
    "note",
)
_MULTILINE = ("note",)


def _check(course: TrainingCourse) -> None:
    check_dates(course.starts_on, course.ends_on, field="ends_on")
    check_amounts(course, ("participants", "cost"))
    if course.classes is None or course.classes < 1:
        fail("Số lớp phải từ 1 trở lên.", "classes")
    if course.level == OrganiserLevel.COMMUNE and course.unit.level != 3:
        fail("Lớp do cấp xã tổ chức phải đặt tại một xã/phường.", "unit")
    check_unit_on(course.unit, course.starts_on)
    if course.pk:
        known = course.attendances.count()
        if course.participants < known:
            fail(
                f"Số lượt người tham gia ({course.participants}) ít hơn số học viên đã ghi tên ({known}).",
                "participants",
            )
    course.search_folded = search_key(course.title, course.organiser)


def _guard(actor, course: TrainingCourse) -> None:
    if not can_view_located(actor, course):
        raise NotFoundError("Không tìm thấy lớp tập huấn.")
    if not can_change_located(actor, course):
        raise PermissionDeniedError("Bạn không có quyền sửa lớp tập huấn này.")


@transaction.atomic
def training_create(*, actor, reason: str = "Ghi nhận lớp tập huấn", **data: Any) -> TrainingCourse:
    """Record a training course at a unit of the actor's scope (fields: ``TRAINING_FIELDS``)."""
    course = TrainingCourse(created_by=actor)
    unit = data.pop("unit", None)
    assign(course, TRAINING_FIELDS, data, multiline=_MULTILINE)
    place(course, unit, actor=actor)
    _check(course)
    save(course, actor=actor, reason=reason_of(reason, "Ghi nhận lớp tập huấn"))
    return course


@transaction.atomic
def training_update(
    *, actor, course: TrainingCourse, reason: str = "Cập nhật lớp tập huấn", **data: Any
) -> TrainingCourse:
    """Change a course; moving it to another unit needs the right to place records there."""
    _guard(actor, course)
    course = TrainingCourse.objects.select_for_update().select_related("unit").get(pk=course.pk)
    changed = assign(course, TRAINING_FIELDS, data, multiline=_MULTILINE)
    if not changed:
        return course
    if "unit" in changed:
        place(course, course.unit, actor=actor)
    _check(course)
    save(course, actor=actor, reason=reason_of(reason, "Cập nhật lớp tập huấn"))
    return course


@transaction.atomic
def training_attendance_add(
    *,
    actor,
    course: TrainingCourse,
    person_name: str,
    role: str,
    producer=None,
    gender: str = "",
    reason: str = "Ghi tên học viên",
) -> TrainingAttendance:
    """Name one attendee of a course, linked to their producer when known (one the actor may see)."""
    _guard(actor, course)
    course = TrainingCourse.objects.select_for_update().get(pk=course.pk)
    if producer is not None and not can_view_producer(actor, producer):
        raise NotFoundError("Không tìm thấy chủ thể.", field="producer")
    if role not in AttendeeRole.values:
        fail("Hãy chọn vai trò của học viên.", "role")
    known = course.attendances.count()
    if known + 1 > course.participants:
        fail(
            f"Lớp đã ghi tên {known}/{course.participants} lượt người tham gia; "
            "hãy tăng số lượt người tham gia của lớp trước.",
            "person_name",
        )
    attendance = TrainingAttendance(course=course, role=role, producer=producer, gender=gender or "")
    assign(attendance, ("person_name",), {"person_name": person_name})
    if not attendance.person_name:
        fail("Hãy nhập họ và tên học viên.", "person_name")
    save(attendance, actor=actor, reason=reason_of(reason, "Ghi tên học viên"))
    return attendance


@transaction.atomic
def training_attendance_remove(
    *, actor, attendance: TrainingAttendance, reason: str = "Xoá tên học viên"
) -> None:
    """Remove an attendee recorded by mistake (the history keeps who removed it and why)."""
    _guard(actor, attendance.course)
    mark_history(attendance, actor=actor, reason=reason_of(reason, "Xoá tên học viên"))
    attendance.delete()
