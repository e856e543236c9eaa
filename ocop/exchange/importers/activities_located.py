"""Imports of activities placed at a unit: training courses, trade-promotion events, sales points.

Each row is placed with ``PlaceResolver`` (a commune, old or new name, or only the province), checked
with the same rules as the activity services, and written through them with the importing officer as
actor. A row naming a record already there (same name, same start date, same unit) is skipped, so the
same file imported twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, ClassVar

from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop.activities import services
from ocop.activities.domain import coordinates_problem, dates_in_order
from ocop.activities.models import (
    Audience,
    EventKind,
    EventScope,
    OrganiserLevel,
    PromotionEvent,
    SalesPoint,
    SalesPointKind,
    TrainingCourse,
)
from ocop.core.text import fold
from ocop.exchange.importers.activities_common import PLACE_COLUMNS, Places, text
from ocop.exchange.importers.base import Column, Importer, RowResult, register
from ocop.geo.domain import Level
from ocop.geo.models import AdminUnit

_NOTE = Column("note", "Ghi chú", max_length=2000)


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _written_fields(service_fields: tuple[str, ...]) -> tuple[str, ...]:
    """The fields an importer passes to a create service: the service's own list, the unit aside."""
    return tuple(name for name in service_fields if name != "unit")


class LocatedImporter(Importer):
    """A record placed at a unit, found again by (folded name, start date, unit)."""

    model: ClassVar[type[Model]]
    create: ClassVar[Callable[..., Any]]
    name_key: ClassVar[str] = "name"
    date_key: ClassVar[str] = "starts_on"
    commune_required: ClassVar[bool] = False
    place_old_units: ClassVar[bool] = True  # before 01/07/2025, at the old commune the row names
    fields: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *, user: Any) -> None:
        super().__init__(user=user)
        self.places = Places(user)
        self.existing: set[tuple[str, dt.date, int]] = set()

    def prepare(self, rows: list[dict]) -> None:
        days = {v.get(self.date_key) for v in rows if v.get(self.date_key)}
        found = self.model.objects.filter(**{f"{self.date_key}__in": days}).values_list(
            self.name_key, self.date_key, "unit_id"
        )
        self.existing = {(fold(name), day, unit_id) for name, day, unit_id in found}

    def duplicate_key(self, values: dict) -> tuple | None:
        name = text(values, self.name_key)
        if not name or not values.get(self.date_key):
            return None
        place = tuple(fold(text(values, key)) for key in ("commune", "district", "province"))
        return (fold(name), values[self.date_key], *place)

    def check_row(self, values: dict, *, row: int) -> RowResult:
        name = text(values, self.name_key)
        result = RowResult(row=row, action="create", label=name)
        day = values.get(self.date_key) if self.place_old_units else None
        unit = self.places.unit(values, result, commune_required=self.commune_required, day=day)
        if unit is not None:
            result.label = f"{name} — {unit.name}"
            if not self.places.in_scope(unit):
                result.add_error(
                    PLACE_COLUMNS[0].header,
                    _("%(place)s không thuộc địa bàn của bạn.") % {"place": self.places.resolver.label(unit)},
                )
        self.validate(values, unit, result)
        if result.action == "error" or unit is None:
            return result
        if (fold(name), values[self.date_key], unit.pk) in self.existing:
            result.action = "skip"
            result.notes.append(
                _("Đã có “%(name)s” ngày %(day)s tại %(place)s.")
                % {"name": name, "day": _day(values[self.date_key]), "place": unit.name}
            )
            return result
        result.data = {"unit_id": unit.pk}
        for field in self.fields:
            value = values.get(field)
            result.data[field] = value.isoformat() if isinstance(value, dt.date) else value
        return result

    def validate(self, values: dict, unit: AdminUnit | None, result: RowResult) -> None:
        """The rules of the service, with the column named (override)."""

    def check_period(self, values: dict, result: RowResult, start: str, end: str) -> None:
        if not dates_in_order(values.get(start), values.get(end)):
            result.add_error(
                self.column(end).header,
                _("Ngày kết thúc (%(end)s) trước ngày bắt đầu (%(start)s).")
                % {"end": _day(values[end]), "start": _day(values[start])},
            )

    def written(self, result: RowResult) -> dict[str, Any]:
        """The service's keyword arguments from a checked row (dates back from ISO, empty text as "")."""
        data: dict[str, Any] = {}
        for field in self.fields:
            value = result.data.get(field)
            if self.column(field).kind == "date" and value:
                value = dt.date.fromisoformat(value)
            elif self.column(field).kind == "text" and value is None:
                value = ""
            if value is not None:
                data[field] = value
        return data

    def commit_row(self, result: RowResult, *, actor: Any) -> None:
        unit = AdminUnit.objects.get(pk=result.data["unit_id"])
        type(self).create(actor=actor, unit=unit, reason=getattr(self, "reason", ""), **self.written(result))


@register
class TrainingImporter(LocatedImporter):
    kind = "training"
    title = gettext_lazy("Lớp tập huấn, bồi dưỡng")
    result_url_name = "activities:training-list"
    model = TrainingCourse
    create = staticmethod(services.training_create)
    name_key = "title"
    fields = _written_fields(services.TRAINING_FIELDS)
    columns = (
        Column("title", "Tên lớp", required=True, max_length=255, aliases=("Tên lớp tập huấn", "Nội dung")),
        Column("audience", "Đối tượng", required=True, kind="choice", choices=tuple(Audience.choices)),
        Column("level", "Cấp tổ chức", required=True, kind="choice", choices=tuple(OrganiserLevel.choices)),
        Column("starts_on", "Từ ngày", required=True, kind="date", aliases=("Ngày bắt đầu",)),
        Column("ends_on", "Đến ngày", required=True, kind="date", aliases=("Ngày kết thúc",)),
        Column("classes", "Số lớp", kind="int", help="Để trống là 1 lớp."),
        Column(
            "participants", "Số lượt người tham gia", kind="int", aliases=("Số người tham gia", "Số học viên")
        ),
        Column("organiser", "Đơn vị tổ chức", max_length=255),
        Column("cost", "Kinh phí (đồng)", kind="int", aliases=("Kinh phí",)),
        *PLACE_COLUMNS,
        _NOTE,
    )

    def validate(self, values: dict, unit: AdminUnit | None, result: RowResult) -> None:
        self.check_period(values, result, "starts_on", "ends_on")
        if values.get("classes") is not None and values["classes"] < 1:
            result.add_error(self.column("classes").header, _("Số lớp phải từ 1 trở lên."))
        for key in ("participants", "cost"):
            if values.get(key) is not None and values[key] < 0:
                result.add_error(self.column(key).header, _("Phải là số không âm."))
        if values.get("level") == OrganiserLevel.COMMUNE and unit is not None and unit.level != Level.COMMUNE:
            result.add_error(
                PLACE_COLUMNS[0].header,
                _("Lớp do cấp xã tổ chức phải đặt tại một xã/phường: hãy ghi xã/phường."),
            )

    def written(self, result: RowResult) -> dict[str, Any]:
        data = super().written(result)
        data.setdefault("classes", 1)
        return data


@register
class EventImporter(LocatedImporter):
    kind = "events"
    title = gettext_lazy("Sự kiện xúc tiến thương mại")
    result_url_name = "activities:event-list"
    model = PromotionEvent
    create = staticmethod(services.event_create)
    fields = _written_fields(services.EVENT_FIELDS)
    columns = (
        Column("name", "Tên sự kiện", required=True, max_length=255, aliases=("Sự kiện", "Tên hội chợ")),
        Column("kind", "Hình thức", required=True, kind="choice", choices=tuple(EventKind.choices)),
        Column("scope", "Phạm vi", required=True, kind="choice", choices=tuple(EventScope.choices)),
        Column("venue", "Địa điểm", max_length=255),
        Column("starts_on", "Từ ngày", required=True, kind="date", aliases=("Ngày bắt đầu",)),
        Column("ends_on", "Đến ngày", required=True, kind="date", aliases=("Ngày kết thúc",)),
        *PLACE_COLUMNS,
        _NOTE,
    )

    def validate(self, values: dict, unit: AdminUnit | None, result: RowResult) -> None:
        self.check_period(values, result, "starts_on", "ends_on")


@register
class SalesPointImporter(LocatedImporter):
    kind = "sales-points"
    title = gettext_lazy("Điểm giới thiệu và bán sản phẩm OCOP")
    result_url_name = "activities:sales-point-list"
    model = SalesPoint
    create = staticmethod(services.sales_point_create)
    date_key = "opened_on"
    commune_required = True
    place_old_units = False  # an open sales point stands in a current commune
    fields = _written_fields(services.SALES_POINT_FIELDS)
    columns = (
        Column("name", "Tên điểm", required=True, max_length=255, aliases=("Tên điểm bán", "Tên cửa hàng")),
        Column(
            "kind",
            "Loại",
            kind="choice",
            choices=tuple(SalesPointKind.choices),
            help="Để trống: điểm giới thiệu và bán.",
        ),
        Column("operator", "Đơn vị vận hành", max_length=255),
        Column("address", "Địa chỉ", required=True, max_length=255),
        *PLACE_COLUMNS,
        Column("latitude", "Vĩ độ", kind="decimal"),
        Column("longitude", "Kinh độ", kind="decimal"),
        Column("opened_on", "Ngày khai trương", required=True, kind="date", aliases=("Ngày mở cửa",)),
    )

    def prepare(self, rows: list[dict]) -> None:
        # A sales point is one place: found again by name and commune whatever its opening day.
        found = SalesPoint.objects.values_list("name", "unit_id")
        self.existing_points = {(fold(name), unit_id) for name, unit_id in found}

    def check_row(self, values: dict, *, row: int) -> RowResult:
        result = super().check_row(values, row=row)
        unit_id = result.data.get("unit_id")
        if result.action == "create" and (fold(text(values, "name")), unit_id) in self.existing_points:
            result.action = "skip"
            result.notes.append(
                _("Xã/phường này đã có điểm bán “%(name)s”.") % {"name": text(values, "name")}
            )
            result.data = {}
        return result

    def validate(self, values: dict, unit: AdminUnit | None, result: RowResult) -> None:
        for key in ("latitude", "longitude"):
            if values.get(key) is not None:
                values[key] = float(values[key])
        problem = coordinates_problem(values.get("latitude"), values.get("longitude"))
        if problem:
            result.add_error(self.column(problem[0]).header, problem[1])

    def written(self, result: RowResult) -> dict[str, Any]:
        data = super().written(result)
        data.setdefault("kind", SalesPointKind.DISPLAY)
        return data
