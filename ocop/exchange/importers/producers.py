"""Import of producers (chủ thể OCOP): one row per producer, its commune written as people write it.

A row with the registration code of an existing producer, or the same name in the same commune,
updates that producer (the changed fields are listed in the preview); blank optional cells leave
the current value unchanged. Communes are matched with ``geo.matching.PlaceResolver``: current
names (commune + province) or pre-2025 names (commune + district + province), which are mapped to
the commune they went into and also recorded as the producer's pre-2025 commune.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ocop.core.text import fold
from ocop.exchange.importers.base import Column, Importer, RowResult, register
from ocop.exchange.importers.common import ScopeTest, change_note, chunks, jsonable
from ocop.geo.matching import PlaceResolver
from ocop.registry import services
from ocop.registry.domain import workforce_problems
from ocop.registry.models import KINH_ETHNICITY, Gender, Producer, ProducerKind


def _max(field: str) -> int:
    return Producer._meta.get_field(field).max_length or 0


def registration_key(text: str | None) -> str:
    """A registration code as the registry stores it: no spaces, upper case."""
    return (text or "").replace(" ", "").upper()


# (key, model field or "", header, required, kind, help, aliases)
_FIELD_COLUMNS: tuple[Column, ...] = (
    Column(
        "name", "Tên chủ thể", True, help=_lazy("Tên đầy đủ, như trên giấy đăng ký."), max_length=_max("name")
    ),
    Column(
        "kind",
        "Loại hình",
        True,
        "choice",
        tuple(ProducerKind.choices),
        help=_lazy("Hợp tác xã, tổ hợp tác, doanh nghiệp, trang trại hoặc hộ sản xuất kinh doanh."),
    ),
    Column(
        "registration_code",
        "Mã số ĐKKD",
        True,
        help=_lazy("Mã số đăng ký kinh doanh; dùng để nhận ra chủ thể đã có (khi đó dòng sẽ cập nhật)."),
        aliases=("Mã số đăng ký kinh doanh", "Mã ĐKKD"),
        max_length=_max("registration_code"),
    ),
    Column("tax_code", "Mã số thuế", help=_lazy("Nếu có."), max_length=_max("tax_code")),
    Column(
        "legal_rep_name",
        "Người đại diện",
        True,
        help=_lazy("Họ tên người đại diện theo pháp luật."),
        aliases=("Người đại diện theo pháp luật",),
        max_length=_max("legal_rep_name"),
    ),
    Column(
        "legal_rep_title",
        "Chức vụ",
        help=_lazy("Chức vụ của người đại diện."),
        max_length=_max("legal_rep_title"),
    ),
    Column(
        "legal_rep_gender",
        "Giới tính người đại diện",
        True,
        "choice",
        tuple(Gender.choices),
        help=_lazy("Nam, Nữ hoặc Khác."),
        aliases=("Giới tính",),
    ),
    Column(
        "legal_rep_ethnicity",
        "Dân tộc người đại diện",
        help=_lazy("Để trống nếu là dân tộc Kinh."),
        aliases=("Dân tộc",),
        max_length=_max("legal_rep_ethnicity"),
    ),
    Column("legal_rep_disabled", "Người đại diện là người khuyết tật", kind="bool", help=_lazy("Có/Không.")),
    Column(
        "commune",
        "Xã/phường",
        True,
        help=_lazy("Tên xã/phường/đặc khu hiện hành; tên xã trước 01/07/2025 cũng được nếu ghi kèm huyện."),
        aliases=("Xã", "Phường", "Xã/phường/thị trấn"),
    ),
    Column(
        "district",
        "Huyện/quận (trước 01/07/2025)",
        help=_lazy("Chỉ điền khi ghi tên xã theo địa giới trước 01/07/2025."),
        aliases=("Huyện", "Huyện/quận", "Quận/huyện"),
    ),
    Column(
        "province",
        "Tỉnh/thành phố",
        True,
        help=_lazy("Tỉnh hoặc thành phố trực thuộc trung ương."),
        aliases=("Tỉnh",),
    ),
    Column("address", "Địa chỉ", True, help=_lazy("Thôn/ấp, số nhà…"), max_length=_max("address")),
    Column("phone", "Điện thoại", max_length=_max("phone")),
    Column("email", "Thư điện tử", aliases=("Email",), max_length=254),
    Column("workforce_total", "Tổng số lao động", kind="int", help=_lazy("Số nguyên, không âm.")),
    Column(
        "workforce_local", "Lao động địa phương", kind="int", help=_lazy("Không lớn hơn tổng số lao động.")
    ),
    Column(
        "workforce_trained",
        "Lao động đã qua đào tạo",
        kind="int",
        help=_lazy("Không lớn hơn tổng số lao động."),
    ),
    Column(
        "green_value_chain", "Tham gia chuỗi giá trị xanh/tuần hoàn", kind="bool", help=_lazy("Có/Không.")
    ),
    Column("joined_on", "Ngày tham gia chương trình", kind="date", help=_lazy("Ngày/tháng/năm.")),
)
PLACE_KEYS = ("commune", "district", "province")
FIELDS = tuple(col.key for col in _FIELD_COLUMNS if col.key not in PLACE_KEYS)
DEFAULTS: dict[str, Any] = {
    "tax_code": "",
    "legal_rep_title": "",
    "legal_rep_ethnicity": KINH_ETHNICITY,
    "legal_rep_disabled": False,
    "phone": "",
    "email": "",
    "workforce_total": 0,
    "workforce_local": 0,
    "workforce_trained": 0,
    "green_value_chain": False,
    "joined_on": None,
}
EXAMPLES = {
    "name": "Hợp tác xã Chè Tân Lập",
    "kind": "Hợp tác xã",
    "registration_code": "5800123456",
    "legal_rep_name": "Nguyễn Thị Hoa",
    "legal_rep_gender": "Nữ",
    "commune": "Xã Đắk Mil",
    "province": "Tỉnh Lâm Đồng",
    "address": "Thôn 3",
    "workforce_total": "20",
    "joined_on": "05/03/2024",
}


@register
class ProducerImporter(Importer):
    kind = "producers"
    title = _lazy("Chủ thể OCOP")
    columns = _FIELD_COLUMNS
    result_url_name = "registry:producer-list"
    examples = EXAMPLES
    required = tuple(col for col in _FIELD_COLUMNS if col.required)

    def prepare(self, rows: list[dict]) -> None:
        self.places = PlaceResolver()
        self.in_scope = ScopeTest(self.user)
        self.by_code: dict[str, Producer] = {}
        self.by_name: dict[tuple[str, int], list[Producer]] = {}
        codes = [registration_key(row.get("registration_code")) for row in rows]
        names = [fold(row.get("name")) for row in rows]
        related = Producer.objects.select_related("commune")
        for batch in chunks(codes):
            for producer in related.filter(registration_code__in=batch):
                self.by_code[producer.registration_code] = producer
        for batch in chunks(names):
            for producer in related.filter(name_folded__in=batch):
                self.by_name.setdefault((producer.name_folded, producer.commune_id), []).append(producer)

    def duplicate_key(self, values: dict) -> tuple | None:
        code = registration_key(values.get("registration_code"))
        return ("code", code) if code else None

    def _place(self, values: dict, result: RowResult) -> tuple[Any, Any]:
        if not values.get("commune"):
            return None, None
        match = self.places.commune(
            commune=values["commune"],
            district=values.get("district") or "",
            province=values.get("province") or "",
        )
        header = self.column("commune").header
        if match.unit is None:
            suggestion = (
                _("Có phải: %(names)s?") % {"names": "; ".join(match.suggestions)}
                if match.suggestions
                else ""
            )
            result.add_error(header, match.error or _("Không tìm thấy xã/phường này."), suggestion)
            return None, None
        if match.note:
            result.notes.append(match.note)
        if not self.in_scope(match.unit):
            self.in_scope.refuse(result, header, self.places.label(match.unit))
        return match.unit, match.legacy_unit

    def check_row(self, values: dict, *, row: int) -> RowResult:
        name = values.get("name") or ""
        result = RowResult(
            row=row, action="create", label=f"{name} — {values.get('commune') or ''}".strip(" —")
        )
        commune, legacy = self._place(values, result)
        code = registration_key(values.get("registration_code"))
        existing = self.by_code.get(code) if code else None
        if commune is not None:
            same_name = self.by_name.get((fold(name), commune.pk), [])
            other = next((p for p in same_name if existing is None or p.pk != existing.pk), None)
            if other is not None and existing is None:
                existing = other  # same name in the same commune: the same producer, its code corrected
            elif other is not None:
                result.add_error(
                    self.column("name").header,
                    _("Xã này đã có chủ thể “%(name)s” khác (mã số ĐKKD %(code)s).")
                    % {"name": other.name, "code": other.registration_code},
                    _("Kiểm tra lại tên và mã số ĐKKD: hai chủ thể trong một xã không trùng tên."),
                )
        if values.get("email"):
            try:
                validate_email(values["email"])
            except ValidationError:
                result.add_error(self.column("email").header, _("Địa chỉ thư điện tử không hợp lệ."))
        fields = {key: values.get(key) for key in FIELDS}
        if existing is not None:
            if not self.in_scope(existing.commune):
                self.in_scope.refuse(result, "", _("Chủ thể “%(name)s” đã có") % {"name": existing.name})
            current = {key: getattr(existing, key) for key in FIELDS}
            merged = {key: current[key] if fields[key] is None else fields[key] for key in FIELDS}
        else:
            merged = {key: DEFAULTS.get(key) if fields[key] is None else fields[key] for key in FIELDS}
        for field, message in workforce_problems(
            total=merged["workforce_total"] or 0,
            local=merged["workforce_local"] or 0,
            trained=merged["workforce_trained"] or 0,
        ).items():
            result.add_error(self.column(field).header, message)
        for key in ("workforce_total", "workforce_local", "workforce_trained"):
            if (merged[key] or 0) < 0:
                result.add_error(self.column(key).header, _("Số lao động không được âm."))
        if (
            result.action == "error"
            or commune is None
            or any(values.get(c.key) is None for c in self.required)
        ):
            return result  # the framework reports the missing and unreadable cells
        data: dict[str, Any] = {"commune": commune.pk, "legacy_commune": legacy.pk if legacy else None}
        if existing is None:
            result.data = {"producer": None, **data, "fields": {k: jsonable(v) for k, v in merged.items()}}
            return result
        changes = {k: v for k, v in merged.items() if v != current[k]}
        if commune.pk != existing.commune_id:
            changes["commune"] = commune.pk
            result.notes.append(change_note(_("Xã/phường"), existing.commune, commune))
        if legacy is not None and legacy.pk != existing.legacy_commune_id:
            changes["legacy_commune"] = legacy.pk
        for key in changes:
            if key in current:
                result.notes.append(change_note(self.column(key).header, current[key], changes[key]))
        result.action = "update" if changes else "skip"
        if not changes:
            result.notes.append(_("Chủ thể đã có, không có gì thay đổi."))
        result.data = {"producer": existing.pk, "fields": {k: jsonable(v) for k, v in changes.items()}}
        return result

    def commit_row(self, result: RowResult, *, actor) -> None:
        data = result.data
        fields = dict(data["fields"])
        if fields.get("joined_on"):
            fields["joined_on"] = dt.date.fromisoformat(fields["joined_on"])
        for key in ("commune", "legacy_commune"):
            unit_id = fields.pop(key, None) if data["producer"] else data.get(key)
            if unit_id is not None:
                fields[key] = self.places.by_id[unit_id]
        if data["producer"] is None:
            if fields.get("legacy_commune") is None:
                fields.pop("legacy_commune", None)
            services.producer_create(actor=actor, reason=self.reason, **fields)
        else:
            producer = Producer.objects.get(pk=data["producer"])
            services.producer_update(actor=actor, producer=producer, reason=self.reason, **fields)
