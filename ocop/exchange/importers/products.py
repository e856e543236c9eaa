"""Import of products: one row per product, its producer named by registration code or by name and commune.

A row whose producer already has a product of the same name (accents and case ignored) updates that
product; blank optional cells leave the current value unchanged. The product set is written as its
number ("18"), its name, or as offered in the template's drop-down ("18. Rau, củ, quả…").
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ocop.core.text import fold
from ocop.exchange.importers.base import Column, Importer, RowResult, register
from ocop.exchange.importers.common import ScopeTest, change_note, chunks
from ocop.exchange.importers.producers import registration_key
from ocop.geo.matching import PlaceResolver
from ocop.registry import services
from ocop.registry.domain import parse_ocop_code
from ocop.registry.models import CURRENT_REGIME, Producer, Product, ProductSet

COLUMNS: tuple[Column, ...] = (
    Column(
        "name",
        "Tên sản phẩm",
        True,
        help=_lazy("Tên sản phẩm; trùng tên với sản phẩm đã có của chủ thể thì dòng sẽ cập nhật."),
        max_length=255,
    ),
    Column(
        "producer_code",
        "Mã số ĐKKD của chủ thể",
        help=_lazy("Cách chắc chắn nhất để chỉ ra chủ thể. Bỏ trống thì ghi tên chủ thể và xã."),
        aliases=("Mã số ĐKKD", "Mã số đăng ký kinh doanh"),
        max_length=32,
    ),
    Column(
        "producer_name",
        "Tên chủ thể",
        help=_lazy("Dùng khi không có mã số ĐKKD; cần ghi kèm xã/phường và tỉnh."),
        max_length=255,
    ),
    Column(
        "commune",
        "Xã/phường của chủ thể",
        help=_lazy("Xã/phường nơi chủ thể hoạt động."),
        aliases=("Xã/phường",),
    ),
    Column(
        "district",
        "Huyện/quận (trước 01/07/2025)",
        help=_lazy("Chỉ điền khi ghi tên xã theo địa giới trước 01/07/2025."),
        aliases=("Huyện", "Huyện/quận"),
    ),
    Column("province", "Tỉnh/thành phố của chủ thể", aliases=("Tỉnh/thành phố", "Tỉnh")),
    Column(
        "product_set",
        "Bộ sản phẩm",
        True,
        help=_lazy("Số thứ tự hoặc tên bộ sản phẩm theo QĐ 26/2026/QĐ-TTg (chọn trong danh sách)."),
    ),
    Column("description", "Mô tả", help=_lazy("Mô tả ngắn về sản phẩm.")),
    Column("gtin", "Mã GTIN", kind="gtin", help=_lazy("Mã vạch của sản phẩm, nếu có."), aliases=("Mã vạch",)),
    Column(
        "ocop_code",
        "Mã sản phẩm OCOP",
        help=_lazy("Dạng tỉnh-xã-số thứ tự-năm, ví dụ 68-24823-003-2026; để trống nếu chưa có."),
        max_length=40,
    ),
)
PRODUCT_FIELDS = ("name", "product_set", "description", "gtin", "ocop_code")
EXAMPLES = {
    "name": "Chè Shan tuyết",
    "producer_code": "5800123456",
    "product_set": "18",
    "gtin": "8931234567897",
    "ocop_code": "68-24823-003-2026",
}


@register
class ProductImporter(Importer):
    kind = "products"
    title = _lazy("Sản phẩm OCOP")
    columns = COLUMNS
    result_url_name = "registry:product-list"
    examples = EXAMPLES

    def _sets(self) -> list[ProductSet]:
        if not hasattr(self, "_product_sets"):
            self._product_sets = list(
                ProductSet.objects.filter(group__sector__regime=CURRENT_REGIME).order_by("number")
            )
        return self._product_sets

    def choices_for(self, column: Column) -> tuple[tuple[str, str], ...]:
        if column.key == "product_set":
            return tuple((str(ps.number), str(ps)) for ps in self._sets())
        return column.choices

    @cached_property
    def places(self) -> PlaceResolver:
        """Loaded only when a row names its producer by name and commune."""
        return PlaceResolver()

    def prepare(self, rows: list[dict]) -> None:
        self.in_scope = ScopeTest(self.user)
        self.sets: dict[str, ProductSet] = {}
        for product_set in self._sets():
            for key in (str(product_set.number), fold(product_set.name), fold(str(product_set))):
                self.sets[key] = product_set
        producers = Producer.objects.select_related("commune")
        self.producers_by_code: dict[str, Producer] = {}
        self.producers_by_name: dict[str, list[Producer]] = {}
        for batch in chunks(registration_key(row.get("producer_code")) for row in rows):
            for producer in producers.filter(registration_code__in=batch):
                self.producers_by_code[producer.registration_code] = producer
        for batch in chunks(fold(row.get("producer_name")) for row in rows if not row.get("producer_code")):
            for producer in producers.filter(name_folded__in=batch):
                self.producers_by_name.setdefault(producer.name_folded, []).append(producer)
        self.producers = {p.pk: p for p in self.producers_by_code.values()}
        self.producers.update({p.pk: p for group in self.producers_by_name.values() for p in group})
        self.products: dict[tuple[int, str], Product] = {}
        for batch in chunks(self.producers):
            for product in Product.objects.filter(producer_id__in=batch).select_related("product_set"):
                self.products[(product.producer_id, product.name_folded)] = product

    def duplicate_key(self, values: dict) -> tuple | None:
        if not values.get("name"):
            return None
        code = registration_key(values.get("producer_code"))
        if code:
            return ("code", code, fold(values["name"]))
        name = fold(values.get("producer_name"))
        return ("name", name, fold(values.get("commune")), fold(values["name"])) if name else None

    def _producer(self, values: dict, result: RowResult) -> Producer | None:
        code = registration_key(values.get("producer_code"))
        if code:
            producer = self.producers_by_code.get(code)
            if producer is None:
                result.add_error(
                    self.column("producer_code").header,
                    _("Không có chủ thể với mã số ĐKKD %(code)s.") % {"code": code},
                    _("Kiểm tra lại mã số, hoặc nhập chủ thể trước (mẫu “Chủ thể OCOP”)."),
                )
            return producer
        name = values.get("producer_name")
        if not name:
            result.add_error(
                self.column("producer_code").header,
                _("Chưa chỉ ra chủ thể của sản phẩm."),
                _("Ghi mã số ĐKKD của chủ thể, hoặc tên chủ thể kèm xã/phường và tỉnh."),
            )
            return None
        candidates = self.producers_by_name.get(fold(name), [])
        if values.get("commune"):
            match = self.places.commune(
                commune=values["commune"],
                district=values.get("district") or "",
                province=values.get("province") or "",
            )
            if match.unit is None:
                suggestion = "; ".join(match.suggestions)
                result.add_error(self.column("commune").header, match.error, suggestion)
                return None
            candidates = [p for p in candidates if p.commune_id == match.unit.pk]
        if len(candidates) == 1:
            return candidates[0]
        result.add_error(
            self.column("producer_name").header,
            (
                _("Không tìm thấy chủ thể “%(name)s”")
                if not candidates
                else _("Có nhiều chủ thể tên “%(name)s”")
            )
            % {"name": name}
            + (_(" ở xã đã ghi.") if values.get("commune") else "."),
            _("Ghi mã số ĐKKD của chủ thể để chỉ đúng một chủ thể."),
        )
        return None

    def check_row(self, values: dict, *, row: int) -> RowResult:
        name = values.get("name") or ""
        result = RowResult(row=row, action="create", label=name)
        producer = self._producer(values, result)
        if producer is not None:
            result.label = f"{name} — {producer.name}"
            if not self.in_scope(producer.commune):
                self.in_scope.refuse(result, "", _("Chủ thể “%(name)s”") % {"name": producer.name})
        product_set = None
        if values.get("product_set"):
            key = values["product_set"]
            product_set = self.sets.get(key) or self.sets.get(fold(key))
            if product_set is None:
                result.add_error(
                    self.column("product_set").header,
                    _("Không có bộ sản phẩm “%(value)s”.") % {"value": key[:60]},
                    _("Ghi số thứ tự từ 1 đến %(last)s, hoặc chọn trong danh sách của tệp mẫu.")
                    % {"last": len(self._sets())},
                )
        code = values.get("ocop_code")
        if code and parse_ocop_code(code) is None:
            result.add_error(
                self.column("ocop_code").header,
                _("Mã sản phẩm OCOP “%(code)s” không đúng dạng tỉnh-xã-số thứ tự-năm.") % {"code": code[:40]},
                _("Ví dụ: 68-24823-003-2026."),
            )
        if result.action == "error" or producer is None or product_set is None:
            return result
        fields: dict[str, Any] = {
            "name": name,
            "product_set": product_set.pk,
            "description": values.get("description"),
            "gtin": values.get("gtin"),
            "ocop_code": code,
        }
        existing = self.products.get((producer.pk, fold(name)))
        if existing is None:
            result.data = {
                "producer": producer.pk,
                "product": None,
                "fields": {k: ("" if v is None else v) for k, v in fields.items()},
            }
            return result
        current = {
            "name": existing.name,
            "product_set": existing.product_set_id,
            "description": existing.description,
            "gtin": existing.gtin,
            "ocop_code": existing.ocop_code,
        }
        changes = {k: v for k, v in fields.items() if v is not None and v != current[k]}
        for key, value in changes.items():
            if key == "product_set":
                result.notes.append(change_note(_("Bộ sản phẩm"), existing.product_set, product_set))
            else:
                result.notes.append(change_note(self.column(key).header, current[key], value))
        result.action = "update" if changes else "skip"
        if not changes:
            result.notes.append(_("Sản phẩm đã có, không có gì thay đổi."))
        result.data = {"producer": producer.pk, "product": existing.pk, "fields": changes}
        return result

    def commit_row(self, result: RowResult, *, actor) -> None:
        fields = dict(result.data["fields"])
        if "product_set" in fields:
            fields["product_set"] = next(ps for ps in self._sets() if ps.pk == fields["product_set"])
        if result.data["product"] is None:
            producer = self.producers[result.data["producer"]]
            services.product_create(actor=actor, producer=producer, reason=self.reason, **fields)
        else:
            product = Product.objects.get(pk=result.data["product"])
            services.product_update(actor=actor, product=product, reason=self.reason, **fields)
