"""Imports of activity records about a producer: e-commerce listings and yearly revenue reports.

The producer is named by its registration code or by its name (with its commune when two producers
of the area share a name); the product by its name under that producer. Only producers the importing
user may write for are found (``activities.permissions.can_write_for_producer``): one outside the
area reads as not found. Writes go through ``activities.services`` with the user as actor.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop.activities import services
from ocop.activities.models import Listing, Platform, RevenueReport
from ocop.activities.permissions import can_write_for_producer
from ocop.core.text import fold
from ocop.exchange.importers.activities_common import (
    COMMUNE,
    DISTRICT,
    PROVINCE,
    Places,
    References,
    producer_key,
    suggestion_text,
    text,
)
from ocop.exchange.importers.base import Column, Importer, RowResult, register
from ocop.registry.models import Producer, Product

PRODUCER = Column("producer", "Chủ thể", max_length=255, help="Tên chủ thể.", aliases=("Tên chủ thể",))
CODE = Column(
    "registration_code",
    "Mã số ĐKKD",
    max_length=32,
    help="Mã số đăng ký kinh doanh; nên ghi khi có (tìm chủ thể chắc chắn hơn tên).",
    aliases=("Mã số đăng ký kinh doanh", "Mã số doanh nghiệp"),
)
PLACE = (
    Column(
        "commune",
        COMMUNE.header,
        help="Khi hai chủ thể cùng tên: xã/phường của chủ thể.",
        aliases=COMMUNE.aliases,
    ),
    DISTRICT,
    PROVINCE,
)
_URL = URLValidator(schemes=["http", "https"])


class ProducerRecordImporter(Importer):
    """Finds the producer (and product) a row is about, in memory after ``prepare``."""

    product_required: bool = False

    def __init__(self, *, user: Any) -> None:
        super().__init__(user=user)
        self.places = Places(user)
        self.refs = References(user)

    def prepare(self, rows: list[dict]) -> None:
        communes = {m.unit.pk for m in (self.places.match(v) for v in rows if v.get("commune")) if m.unit}
        self.refs.load(
            communes=communes,
            names=[text(v, "producer") for v in rows],
            codes=[text(v, "registration_code") for v in rows],
        )

    def find(self, values: dict, result: RowResult) -> tuple[Producer | None, Product | None]:
        name, code = text(values, "producer"), text(values, "registration_code")
        if not name and not code:
            result.add_error(PRODUCER.header, _("Hãy ghi tên chủ thể hoặc mã số ĐKKD."))
            return None, None
        commune_id = None
        if values.get("commune"):
            commune_id = getattr(self.places.check(values, result).unit, "pk", None)
            if commune_id is None:
                return None, None
        found = [p for p in self.refs.producer(name=name, code=code, commune_id=commune_id) if self._may(p)]
        column = CODE.header if code else PRODUCER.header
        if not found:
            what = _("mã số %(code)s") % {"code": code} if code else f"“{name}”"
            result.add_error(
                column,
                _("Không tìm thấy chủ thể %(what)s trong địa bàn của bạn.") % {"what": what},
                suggestion_text(self._close(name)),
            )
            return None, None
        if len(found) > 1:
            places = "; ".join(f"{p.name} ({self.places.resolver.label(p.commune)})" for p in found[:5])
            result.add_error(
                column,
                _("Có %(count)d chủ thể tên “%(name)s”: %(list)s.")
                % {"count": len(found), "name": name, "list": places},
                _("Ghi mã số ĐKKD hoặc xã/phường của chủ thể."),
            )
            return None, None
        producer = found[0]
        result.data["producer_id"] = producer.pk
        product_name = text(values, "product")
        if not product_name:
            if self.product_required:
                result.add_error(self.column("product").header, _("Chưa điền: đây là cột bắt buộc."))
            return producer, None
        product = self.refs.product(producer, product_name)
        if product is None:
            names = [p.name for p in self.refs.products.get(producer.pk, {}).values()]
            close = difflib.get_close_matches(product_name, names, n=5, cutoff=0.5) or names[:5]
            result.add_error(
                self.column("product").header,
                _("Chủ thể “%(producer)s” không có sản phẩm “%(name)s”.")
                % {"producer": producer.name, "name": product_name},
                suggestion_text(close),
            )
            return producer, None
        result.data["product_id"] = product.pk
        return producer, product

    def _may(self, producer: Producer) -> bool:
        return can_write_for_producer(self.user, producer)

    def _close(self, name: str) -> list[str]:
        if not name:
            return []
        keys = {producer_key(p.name): p.name for ps in self.refs.by_key.values() for p in ps if self._may(p)}
        return [keys[k] for k in difflib.get_close_matches(producer_key(name), list(keys), n=5, cutoff=0.6)]

    def label(self, values: dict) -> str:
        return " — ".join(
            x
            for x in (text(values, "product"), text(values, "producer") or text(values, "registration_code"))
            if x
        )


@register
class ListingImporter(ProducerRecordImporter):
    kind = "listings"
    title = gettext_lazy("Gian hàng thương mại điện tử")
    result_url_name = "activities:listing-list"
    product_required = True
    columns = (
        Column("product", "Sản phẩm", required=True, max_length=255, aliases=("Tên sản phẩm",)),
        PRODUCER,
        CODE,
        *PLACE,
        Column(
            "platform",
            "Sàn",
            required=True,
            kind="choice",
            choices=tuple(Platform.choices),
            aliases=("Sàn, kênh", "Kênh"),
        ),
        Column(
            "url", "Đường dẫn", required=True, max_length=500, aliases=("Link", "URL", "Địa chỉ gian hàng")
        ),
        Column("listed_from", "Đăng bán từ", required=True, kind="date", aliases=("Ngày đăng bán",)),
        Column("listed_until", "Ngừng bán từ", kind="date", aliases=("Ngày ngừng bán",)),
    )

    def prepare(self, rows: list[dict]) -> None:
        super().prepare(rows)
        product_ids = [p.pk for ps in self.refs.products.values() for p in ps.values()]
        self.urls = set(Listing.objects.filter(product_id__in=product_ids).values_list("product_id", "url"))

    def duplicate_key(self, values: dict) -> tuple | None:
        if not values.get("url") or not values.get("product"):
            return None
        return (fold(values["product"]), producer_key(text(values, "producer")), text(values, "url"))

    def check_row(self, values: dict, *, row: int) -> RowResult:
        result = RowResult(row=row, action="create", label=self.label(values))
        _producer, product = self.find(values, result)
        url = text(values, "url")
        if url:
            try:
                _URL(url)
            except ValidationError:
                result.add_error(
                    self.column("url").header,
                    _("Đường dẫn “%(url)s” không hợp lệ.") % {"url": url[:80]},
                    _("Ghi đầy đủ, bắt đầu bằng https://"),
                )
        start, end = values.get("listed_from"), values.get("listed_until")
        if start and start > timezone.localdate():
            result.add_error(
                self.column("listed_from").header, _("Ngày đăng bán không được sau ngày hôm nay.")
            )
        if start and end and end <= start:
            result.add_error(
                self.column("listed_until").header,
                _("Ngày ngừng bán (%(end)s) phải sau ngày đăng bán (%(start)s).")
                % {"end": end.strftime("%d/%m/%Y"), "start": start.strftime("%d/%m/%Y")},
            )
        if result.action == "error" or product is None:
            return result
        if (product.pk, url) in self.urls:
            result.action = "skip"
            result.notes.append(_("Sản phẩm đã có gian hàng với đường dẫn này."))
            return result
        result.data.update(
            platform=values["platform"],
            url=url,
            listed_from=start.isoformat(),
            listed_until=end.isoformat() if end else None,
        )
        return result

    def commit_row(self, result: RowResult, *, actor: Any) -> None:
        data = result.data
        product = Product.objects.select_related("producer__commune", "producer__legacy_commune").get(
            pk=data["product_id"]
        )
        services.listing_create(
            actor=actor,
            product=product,
            reason=getattr(self, "reason", ""),
            platform=data["platform"],
            url=data["url"],
            listed_from=dt.date.fromisoformat(data["listed_from"]),
            listed_until=dt.date.fromisoformat(data["listed_until"]) if data["listed_until"] else None,
        )


_CHANNEL_HEADERS = {
    "direct": ("Bán trực tiếp", ()),
    "distributors": ("Qua đại lý, nhà phân phối", ("Đại lý, nhà phân phối", "Qua đại lý")),
    "modern_retail": ("Siêu thị, cửa hàng tiện lợi", ("Siêu thị",)),
    "ecommerce": ("Thương mại điện tử", ("TMĐT", "Sàn thương mại điện tử")),
    "export": ("Xuất khẩu", ()),
    "other": ("Kênh khác", ("Khác",)),
}


@register
class RevenueImporter(ProducerRecordImporter):
    kind = "revenue"
    title = gettext_lazy("Báo cáo doanh thu theo năm")
    result_url_name = "activities:revenue-list"
    columns = (
        PRODUCER,
        CODE,
        *PLACE,
        Column("product", "Sản phẩm", max_length=255, help="Để trống: doanh thu của cả chủ thể."),
        Column("year", "Năm", required=True, kind="int"),
        *(
            Column(key, header, kind="int", help="Đồng.", aliases=aliases)
            for key, (header, aliases) in _CHANNEL_HEADERS.items()
        ),
    )

    def prepare(self, rows: list[dict]) -> None:
        super().prepare(rows)
        producer_ids = [p.pk for p in self.refs.by_code.values()]
        years = {v["year"] for v in rows if isinstance(v.get("year"), int)}
        self.reports = {
            (r.producer_id, r.product_id, r.year): r
            for r in RevenueReport.objects.filter(producer_id__in=producer_ids, year__in=years)
        }

    def duplicate_key(self, values: dict) -> tuple | None:
        who = text(values, "registration_code") or producer_key(text(values, "producer"))
        return (
            (who, fold(text(values, "product")), values.get("year")) if who and values.get("year") else None
        )

    def check_row(self, values: dict, *, row: int) -> RowResult:
        year = values.get("year")
        result = RowResult(row=row, action="create", label=f"{self.label(values)} — {year or ''}".strip(" —"))
        producer, product = self.find(values, result)
        if text(values, "product") and product is None:
            return result
        if year is not None and not 2018 <= year <= timezone.localdate().year:
            result.add_error(
                self.column("year").header,
                _("Năm báo cáo phải từ 2018 đến %(year)s.") % {"year": timezone.localdate().year},
            )
        channels = {key: values.get(key) for key in RevenueReport.CHANNELS if values.get(key) is not None}
        for key, value in channels.items():
            if value < 0:
                result.add_error(self.column(key).header, _("Doanh thu không được âm."))
        if not channels:
            result.add_error("", _("Chưa ghi doanh thu của kênh nào."))
        if result.action == "error" or producer is None:
            return result
        existing = self.reports.get((producer.pk, product.pk if product else None, year))
        if existing is not None:
            changed = {k: v for k, v in channels.items() if getattr(existing, k) != v}
            if not changed:
                result.action = "skip"
                result.notes.append(_("Báo cáo năm %(year)s đã có, cùng số liệu.") % {"year": year})
                return result
            result.action = "update"
            for key, value in changed.items():
                result.notes.append(
                    _("%(channel)s: %(old)s → %(new)s")
                    % {
                        "channel": self.column(key).header,
                        "old": f"{getattr(existing, key):,}".replace(",", "."),
                        "new": f"{value:,}".replace(",", "."),
                    }
                )
        result.data.update(year=year, channels=channels)
        return result

    def commit_row(self, result: RowResult, *, actor: Any) -> None:
        data = result.data
        producer = Producer.objects.select_related("commune", "legacy_commune").get(pk=data["producer_id"])
        product = Product.objects.get(pk=data["product_id"]) if data.get("product_id") else None
        services.revenue_report_save(
            actor=actor,
            producer=producer,
            product=product,
            year=data["year"],
            reason=getattr(self, "reason", ""),
            **data["channels"],
        )
