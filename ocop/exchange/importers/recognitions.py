"""Import of published lists of recognised OCOP products (decisions taken before the system existed).

A province's list names the product, the producer as written ("HTX Chè Tân Lập"), the commune (old or
new name), the star rating, the score and the decision. Each row becomes, through the services: the
producer (found by name in its current commune, else created with the fields the list has), the
product (found by name for that producer, else created) and the recognition
(``certification.historical.recognition_record``). A recognition already recorded for the product
under the same decision number is skipped, so importing the same list twice changes nothing.

Choices made for what lists lack: "Bộ sản phẩm" is required for a product not yet registered (a
product set cannot be guessed from a name); a new producer gets a provisional registration code
``TAM-<commune code>-<8 hex>`` (stable for the same name and commune), "(chưa cập nhật)" as legal
representative, gender "Khác" (so it counts neither as led by a woman nor a man) and the commune as
address, each stated in the row's notes so the officer completes the record later. The authority is
inferred when not given: 5★ the minister, 3★ decided from 24/02/2023 to 30/06/2025 the district chair
(QĐ 148/QĐ-TTg), otherwise the province chair.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop.certification import historical
from ocop.certification.models import Certificate, Decision
from ocop.certification.permissions import can_issue_decisions
from ocop.core.text import fold
from ocop.exchange.importers.activities_common import (
    PLACE_COLUMNS,
    Places,
    References,
    producer_key,
    text,
)
from ocop.exchange.importers.base import Column, Importer, RowResult, register
from ocop.exchange.importers.recognitions_checks import RecognitionChecks
from ocop.geo.models import AdminUnit
from ocop.registry import services as registry
from ocop.registry.models import CURRENT_REGIME, Gender, Producer, Product, ProductSet
from ocop.registry.permissions import unit_in_scope


@register
class RecognitionImporter(RecognitionChecks, Importer):
    kind = "recognitions"
    title = gettext_lazy("Sản phẩm đã được công nhận (danh sách công bố)")
    result_url_name = "certification:certificate-list"
    columns = (
        Column(
            "product",
            "Tên sản phẩm",
            required=True,
            max_length=255,
            aliases=("Sản phẩm", "Tên sản phẩm OCOP", "Tên SP"),
        ),
        Column(
            "producer",
            "Chủ thể",
            required=True,
            max_length=255,
            help="Tên chủ thể như trong danh sách, ví dụ “HTX Chè Tân Lập”, “Công ty TNHH …”.",
            aliases=(
                "Tên chủ thể",
                "Chủ thể sản xuất",
                "Chủ thể OCOP",
                "Đơn vị sản xuất",
                "Tên chủ thể OCOP",
            ),
        ),
        replace(PLACE_COLUMNS[0], required=True),
        *PLACE_COLUMNS[1:],
        Column(
            "star",
            "Hạng sao",
            required=True,
            help="3, 4 hoặc 5 (cũng nhận “3 sao”, “★★★”).",
            aliases=("Số sao", "Hạng", "Xếp hạng", "Hạng sao OCOP"),
        ),
        Column(
            "score",
            "Điểm",
            kind="decimal",
            help="Không bắt buộc; ví dụ 85,5.",
            aliases=("Số điểm", "Tổng điểm"),
        ),
        Column(
            "decision_number",
            "Số quyết định",
            required=True,
            max_length=60,
            aliases=("Số QĐ", "Quyết định số", "Quyết định", "Số quyết định công nhận"),
        ),
        Column(
            "decided_on",
            "Ngày quyết định",
            required=True,
            kind="date",
            aliases=("Ngày QĐ", "Ngày ký", "Ngày công nhận", "Ngày ban hành"),
        ),
        Column(
            "product_set",
            "Bộ sản phẩm",
            help="Số thứ tự bộ sản phẩm (1–26) hoặc tên; bắt buộc với sản phẩm chưa có trong hệ thống.",
            aliases=("Bộ SP", "Số bộ sản phẩm"),
        ),
        Column(
            "producer_kind",
            "Loại hình chủ thể",
            help=(
                "HTX, Tổ hợp tác, Doanh nghiệp, Trang trại, Hộ kinh doanh; "
                "để trống thì suy ra từ tên chủ thể."
            ),
            aliases=("Loại hình", "Loại hình tổ chức"),
        ),
        Column(
            "authority",
            "Cấp công nhận",
            help=(
                "Tỉnh, Huyện (QĐ 148/2023, trước 01/07/2025) hoặc Bộ; "
                "để trống thì suy ra theo hạng sao và ngày."
            ),
            aliases=("Cấp quyết định", "Thẩm quyền"),
        ),
        Column(
            "registration_code",
            "Mã số ĐKKD",
            max_length=32,
            help="Mã số đăng ký kinh doanh (mã số doanh nghiệp, HTX) nếu danh sách có.",
            aliases=("Mã số đăng ký kinh doanh", "Mã số doanh nghiệp", "Mã số HTX"),
        ),
        Column(
            "legal_rep_name", "Người đại diện", max_length=120, aliases=("Người đại diện theo pháp luật",)
        ),
        Column(
            "certificate_number",
            "Số giấy chứng nhận",
            max_length=60,
            help="Để trống thì hệ thống cấp số.",
            aliases=("Số GCN", "Số giấy CN"),
        ),
        Column("note", "Ghi chú", help="Không nhập vào hệ thống.", aliases=("Ghi chu",)),
    )

    def __init__(self, *, user: Any) -> None:
        super().__init__(user=user)
        self.places = Places(user)
        self.refs = References(user)
        self.sets: dict[str, ProductSet] = {}
        self.certificates: dict[int, list[Certificate]] = {}
        self.decisions: dict[str, list[Decision]] = {}
        self.used_numbers: set[str] = set()
        self._product_dates: dict[tuple, dt.date] = {}
        self._new_producers: dict[str, int] = {}
        self._decision_dates: dict[tuple, tuple[dt.date, int]] = {}

    # --- loading (a fixed number of queries for the whole file) -------------------------------

    def prepare(self, rows: list[dict]) -> None:
        communes = {m.unit.pk for m in (self.places.match(v) for v in rows if v.get("commune")) if m.unit}
        self.refs.load(
            communes=communes,
            codes=[text(v, "registration_code") for v in rows],
        )
        for product_set in ProductSet.objects.filter(group__sector__regime=CURRENT_REGIME):
            self.sets[str(product_set.number)] = product_set
            self.sets[fold(product_set.name)] = product_set
        product_ids = [p.pk for products in self.refs.products.values() for p in products.values()]
        for certificate in (
            Certificate.objects.filter(product_id__in=product_ids)
            .select_related("decision", "revocation")
            .order_by("issued_on", "pk")
        ):
            self.certificates.setdefault(certificate.product_id, []).append(certificate)
        numbers = {text(v, "decision_number") for v in rows if v.get("decision_number")}
        for decision in Decision.objects.filter(number__in=numbers):
            self.decisions.setdefault(decision.number, []).append(decision)
        given = {text(v, "certificate_number") for v in rows if v.get("certificate_number")}
        self.used_numbers = set(Certificate.objects.filter(number__in=given).values_list("number", flat=True))

    # --- checking -----------------------------------------------------------------------------

    def duplicate_key(self, values: dict) -> tuple | None:
        if not (values.get("product") and values.get("producer") and values.get("decision_number")):
            return None
        return (fold(values["product"]), producer_key(values["producer"]), fold(values["decision_number"]))

    def check_row(self, values: dict, *, row: int) -> RowResult:
        product_name, producer_name = text(values, "product"), text(values, "producer")
        result = RowResult(row=row, action="create", label=f"{product_name} — {producer_name}".strip(" —"))
        if not can_issue_decisions(self.user):
            result.add_error(
                "", _("Chỉ cán bộ cấp tỉnh hoặc cấp trung ương được ghi nhận quyết định công nhận.")
            )
            return result
        place = self.places.check(values, result)
        star = self._star(values, result)
        decided_on = values.get("decided_on")
        if decided_on and decided_on > timezone.localdate():
            result.add_error(
                self.column("decided_on").header,
                _("Ngày quyết định %(day)s sau ngày hôm nay.") % {"day": decided_on.strftime("%d/%m/%Y")},
            )
            decided_on = None
        score = self._score(values, star, result)
        authority = self._authority(values, star, decided_on, result)
        if place.unit is None:
            return result
        if not unit_in_scope(self.user, place.unit):
            result.add_error(
                self.column("commune").header,
                _("%(place)s không thuộc địa bàn của bạn.")
                % {"place": self.places.resolver.label(place.unit)},
            )
            return result
        producer = self._producer(values, place, result)
        product = self._product(values, producer, result)
        legacy = self._legacy(producer, place)
        if result.action == "error" or None in (star, decided_on, authority):
            return result
        if product is not None and self._already_recorded(values, product, result):
            return result
        self._check_order(values, product, producer_name, decided_on, result)
        unit = self._issuing_unit(authority, place.unit, legacy, decided_on, producer_name, result)
        if result.action != "error":
            self._check_decision(values, authority, unit, decided_on, result)
        number = text(values, "certificate_number")
        if number and number in self.used_numbers:
            result.add_error(
                self.column("certificate_number").header,
                _("Số giấy chứng nhận %(number)s đã được dùng.") % {"number": number},
            )
        if result.action == "error":
            return result
        result.data.update(
            commune_id=place.unit.pk,
            legacy_commune_id=place.legacy_unit.pk if place.legacy_unit else None,
            star=star,
            score=str(score) if score is not None else None,
            decided_on=decided_on.isoformat(),
            decision_number=text(values, "decision_number"),
            authority=authority,
            unit_id=unit.pk if unit is not None else None,
            certificate_number=number or None,
        )
        return result

    # --- writing ------------------------------------------------------------------------------

    def commit_row(self, result: RowResult, *, actor: Any) -> None:
        data = result.data
        reason = getattr(self, "reason", "") or historical.HISTORICAL_REASON
        producer = self._commit_producer(data, actor=actor, reason=reason)
        product = self._commit_product(data, producer, actor=actor, reason=reason)
        historical.recognition_record(
            actor=actor,
            product=product,
            star=data["star"],
            decided_on=dt.date.fromisoformat(data["decided_on"]),
            decision_number=data["decision_number"],
            authority=data["authority"],
            unit=AdminUnit.objects.get(pk=data["unit_id"]) if data["unit_id"] else None,
            score=Decimal(data["score"]) if data["score"] is not None else None,
            certificate_number=data["certificate_number"],
            reason=reason,
        )

    def _commit_producer(self, data: dict, *, actor: Any, reason: str) -> Producer:
        if data.get("producer_id"):
            return Producer.objects.get(pk=data["producer_id"])
        new = data["new_producer"]
        # An earlier row of the same file may have created it.
        earlier = Producer.objects.filter(registration_code=new["registration_code"]).first()
        if earlier is not None:
            return earlier
        commune = AdminUnit.objects.get(pk=data["commune_id"])
        legacy = AdminUnit.objects.get(pk=data["legacy_commune_id"]) if data["legacy_commune_id"] else None
        return registry.producer_create(
            actor=actor,
            reason=reason,
            name=new["name"],
            kind=new["kind"],
            registration_code=new["registration_code"],
            legal_rep_name=new["legal_rep_name"],
            legal_rep_gender=Gender.OTHER,
            commune=commune,
            legacy_commune=legacy,
            address=new["address"],
        )

    def _commit_product(self, data: dict, producer: Producer, *, actor: Any, reason: str) -> Product:
        if data.get("product_id"):
            return Product.objects.get(pk=data["product_id"])
        new = data["new_product"]
        earlier = Product.objects.filter(producer=producer, name_folded=fold(new["name"])).first()
        if earlier is not None:
            return earlier
        return registry.product_create(
            actor=actor,
            producer=producer,
            reason=reason,
            name=new["name"],
            product_set=ProductSet.objects.get(pk=new["product_set_id"]),
        )
