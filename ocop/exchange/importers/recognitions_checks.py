"""Row checks of the recognitions import: stars, score, authority, producer, product, order, decision.

Pure checks of ``certification.historical`` (star, score band, authority by date) are called directly;
the rest mirrors ``recognition_record`` against the data ``RecognitionImporter.prepare`` loaded, so the
preview says what the commit would refuse. ``RecognitionChecks`` is mixed into the importer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from decimal import Decimal

from django.utils.translation import gettext as _

from ocop.certification import historical
from ocop.certification.models import Authority
from ocop.certification.permissions import is_nationwide
from ocop.core.exceptions import ApplicationError
from ocop.core.text import fold
from ocop.exchange.importers.activities_common import clean_code, producer_key, text
from ocop.exchange.importers.base import RowResult
from ocop.geo.domain import REFORM_DATE, Level
from ocop.geo.models import AdminUnit
from ocop.registry.models import Producer, ProducerKind, Product

PLACEHOLDER = "(chưa cập nhật)"
_STAR_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5}
# Name prefixes (producer_key form) → producer kind.
_KIND_PREFIXES = (
    ("hop tac xa", ProducerKind.COOPERATIVE),
    ("lien hiep hop tac xa", ProducerKind.COOPERATIVE),
    ("to hop tac", ProducerKind.COOPERATIVE_GROUP),
    ("cong ty", ProducerKind.ENTERPRISE),
    ("doanh nghiep", ProducerKind.ENTERPRISE),
    ("trang trai", ProducerKind.FARM),
    ("ho kinh doanh", ProducerKind.HOUSEHOLD),
    ("ho san xuat", ProducerKind.HOUSEHOLD),
    ("ho gia dinh", ProducerKind.HOUSEHOLD),
    ("ho ", ProducerKind.HOUSEHOLD),
    ("co so", ProducerKind.HOUSEHOLD),
)
_AUTHORITY_WORDS = (
    ("bo", Authority.MINISTER),
    ("trung uong", Authority.MINISTER),
    ("huyen", Authority.DISTRICT_CHAIR),
    ("tinh", Authority.PROVINCE_CHAIR),
    ("thanh pho", Authority.PROVINCE_CHAIR),
)


def parse_star(raw: str) -> int | None:
    """ "3", "3 sao", "★★★", "ba sao" → 3; None when no number is written."""
    if "★" in raw or "*" in raw:
        return raw.count("★") + raw.count("*")
    digits = re.search(r"\d+", raw)
    if digits:
        return int(digits.group())
    words = fold(raw).split()
    return next((_STAR_WORDS[w] for w in words if w in _STAR_WORDS), None)


def infer_kind(name: str) -> str:
    """The producer kind a name or a "Loại hình" cell says, or ""."""
    key = producer_key(name) + " "
    for value, label in ProducerKind.choices:
        if key.strip() in (fold(value), producer_key(str(label))):
            return value
    return next((kind for prefix, kind in _KIND_PREFIXES if key.startswith(prefix)), "")


def parse_authority(raw: str) -> str:
    words = f" {producer_key(raw)} "
    return next((auth for word, auth in _AUTHORITY_WORDS if f" {word} " in words), "")


def provisional_code(name: str, commune: AdminUnit) -> str:
    digest = hashlib.sha1(f"{commune.code}|{producer_key(name)}".encode()).hexdigest()[:8].upper()
    return f"TAM-{commune.code}-{digest}"


def _ancestor(path: str, level: int) -> str:
    parts = path.strip("/").split("/")
    return "/" + "/".join(parts[: level + 1]) + "/"


class RecognitionChecks:
    """The checks of one row; mixed into ``RecognitionImporter`` (uses its loaded lookups)."""

    def _star(self, values: dict, result: RowResult) -> int | None:
        raw = text(values, "star")
        if not raw:
            return None
        try:
            return historical._star(parse_star(raw))
        except ApplicationError as exc:
            result.add_error(self.column("star").header, exc.message, _("Ghi 3, 4 hoặc 5."))
            return None

    def _score(self, values: dict, star: int | None, result: RowResult) -> Decimal | None:
        if values.get("score") is None or star is None:
            return None
        try:
            return historical._score(values["score"], star=star)
        except ApplicationError as exc:
            result.add_error(self.column("score").header, exc.message)
            return None

    def _authority(self, values: dict, star: int | None, day: dt.date | None, result: RowResult) -> str:
        if star is None or day is None:
            return ""
        raw = text(values, "authority")
        header = self.column("authority").header
        if raw:
            authority = parse_authority(raw)
            if not authority:
                result.add_error(
                    header,
                    _("Không hiểu cấp công nhận “%(value)s”.") % {"value": raw},
                    _("Ghi Tỉnh, Huyện hoặc Bộ."),
                )
                return ""
        elif star == 5:
            authority = Authority.MINISTER
        elif star == 3 and historical.DISTRICT_REGIME_FROM <= day < REFORM_DATE:
            authority = Authority.DISTRICT_CHAIR
        else:
            authority = Authority.PROVINCE_CHAIR
        try:
            authority = historical._authority(authority, star=star, decided_on=day)
        except ApplicationError as exc:
            result.add_error(header, exc.message)
            return ""
        if not raw:
            result.notes.append(_("Cấp công nhận suy ra: %(label)s.") % {"label": Authority(authority).label})
        if authority == Authority.MINISTER and not is_nationwide(self.user):
            result.add_error(
                header, _("Quyết định công nhận 5 sao của Bộ trưởng do cán bộ cấp trung ương ghi nhận.")
            )
            return ""
        return authority

    def _producer(self, values: dict, place, result: RowResult) -> Producer | None:
        name = text(values, "producer")
        code = text(values, "registration_code")
        header = self.column("producer").header
        found = self.refs.producer(code=code) if code else []
        if found and found[0].commune_id != place.unit.pk:
            result.add_error(
                self.column("registration_code").header,
                _("Mã số %(code)s là của chủ thể “%(name)s” ở %(place)s, không phải ở xã đã ghi.")
                % {"code": code, "name": found[0].name, "place": found[0].commune.name},
            )
            return None
        if not found:
            found = self.refs.producer(name=name, commune_id=place.unit.pk)
        if len(found) > 1:
            result.add_error(
                header,
                _("Có %(count)d chủ thể tên “%(name)s” ở xã này; hãy ghi mã số ĐKKD.")
                % {"count": len(found), "name": name},
            )
            return None
        if found:
            result.notes.append(_("Chủ thể đã có: %(name)s.") % {"name": found[0].name})
            result.data["producer_id"] = found[0].pk
            return found[0]
        kind = infer_kind(text(values, "producer_kind"))
        if text(values, "producer_kind") and not kind:
            result.add_error(
                self.column("producer_kind").header,
                _("Không hiểu loại hình “%(value)s”.") % {"value": text(values, "producer_kind")},
                _("Ghi một trong: %(labels)s.")
                % {"labels": "; ".join(str(label) for _v, label in ProducerKind.choices)},
            )
            return None
        if not kind:
            kind = infer_kind(name)
            if not kind:
                result.add_error(
                    self.column("producer_kind").header,
                    _("Không suy ra được loại hình của chủ thể “%(name)s” từ tên.") % {"name": name},
                    _("Ghi cột Loại hình chủ thể (HTX, Doanh nghiệp, Hộ kinh doanh…)."),
                )
                return None
            result.notes.append(
                _("Loại hình chủ thể suy ra từ tên: %(label)s.") % {"label": ProducerKind(kind).label}
            )
        code = clean_code(code) if code else provisional_code(name, place.unit)
        rep = text(values, "legal_rep_name") or PLACEHOLDER
        first = self._new_producers.setdefault(code, result.row)
        if first == result.row:
            result.notes.append(_("Chủ thể mới: %(name)s.") % {"name": name})
        else:
            result.notes.append(
                _("Chủ thể mới: %(name)s (cùng chủ thể với dòng %(row)s).") % {"name": name, "row": first}
            )
        missing = []
        if not text(values, "registration_code"):
            missing.append(_("mã số ĐKKD tạm %(code)s") % {"code": code})
        if rep == PLACEHOLDER:
            missing.append(_("người đại diện"))
        missing.append(_("giới tính người đại diện, địa chỉ chi tiết"))
        result.notes.append(_("Cần bổ sung sau cho chủ thể: %(fields)s.") % {"fields": ", ".join(missing)})
        result.data["new_producer"] = {
            "name": name,
            "kind": kind,
            "registration_code": code,
            "legal_rep_name": rep,
            "address": self.places.resolver.label(place.unit),
        }
        return None

    def _product(self, values: dict, producer: Producer | None, result: RowResult) -> Product | None:
        name = text(values, "product")
        product = self.refs.product(producer, name)
        if product is not None:
            result.data["product_id"] = product.pk
            return product
        raw = text(values, "product_set")
        header = self.column("product_set").header
        if not raw:
            result.add_error(
                header,
                _("Sản phẩm “%(name)s” chưa có trong hệ thống: hãy ghi bộ sản phẩm.") % {"name": name},
                _("Ghi số thứ tự 1–26 hoặc tên bộ sản phẩm."),
            )
            return None
        number = re.match(r"^\s*(\d+)", raw)
        product_set = self.sets.get(number.group(1)) if number else self.sets.get(fold(raw))
        if product_set is None:
            result.add_error(
                header,
                _("Không có bộ sản phẩm “%(value)s”.") % {"value": raw},
                _("Ghi số thứ tự 1–26 hoặc tên bộ sản phẩm."),
            )
            return None
        result.notes.append(
            _("Sản phẩm mới: %(name)s (bộ %(set)s).") % {"name": name, "set": str(product_set)}
        )
        result.data["new_product"] = {"name": name, "product_set_id": product_set.pk}
        return None

    def _legacy(self, producer: Producer | None, place) -> AdminUnit | None:
        if producer is not None:
            return producer.legacy_commune
        return place.legacy_unit or self.places.resolver.principal_predecessor(place.unit)

    def _already_recorded(self, values: dict, product: Product, result: RowResult) -> bool:
        number = fold(text(values, "decision_number"))
        for certificate in self.certificates.get(product.pk, []):
            if fold(certificate.decision.number) == number:
                result.action = "skip"
                result.notes.append(
                    _(
                        "Đã ghi nhận trước đó: giấy chứng nhận %(cert)s "
                        "theo quyết định số %(number)s ngày %(day)s."
                    )
                    % {
                        "cert": certificate.number,
                        "number": certificate.decision.number,
                        "day": certificate.issued_on.strftime("%d/%m/%Y"),
                    }
                )
                return True
        return False

    def _check_order(
        self, values: dict, product, producer_name: str, day: dt.date, result: RowResult
    ) -> None:
        header = self.column("decided_on").header
        for certificate in self.certificates.get(product.pk, []) if product else []:
            revocation = getattr(certificate, "revocation", None)
            later = certificate.issued_on if certificate.issued_on > day else None
            if later is None and revocation is not None and revocation.decided_on > day:
                later = revocation.decided_on
            if later is not None:
                result.add_error(
                    header,
                    _(
                        "Sản phẩm đã có giấy chứng nhận %(cert)s ngày %(later)s, sau ngày %(day)s: "
                        "hãy ghi nhận theo thứ tự thời gian."
                    )
                    % {
                        "cert": certificate.number,
                        "later": later.strftime("%d/%m/%Y"),
                        "day": day.strftime("%d/%m/%Y"),
                    },
                )
                return
        key = (fold(text(values, "product")), producer_key(producer_name))
        earlier = self._product_dates.get(key)
        if earlier is not None and earlier > day:
            result.add_error(
                header,
                _(
                    "Một dòng phía trên ghi nhận sản phẩm này ngày %(later)s, sau ngày %(day)s: "
                    "hãy xếp các dòng của cùng sản phẩm từ cũ đến mới."
                )
                % {"later": earlier.strftime("%d/%m/%Y"), "day": day.strftime("%d/%m/%Y")},
            )
            return
        self._product_dates[key] = day

    def _issuing_unit(
        self,
        authority: str,
        commune: AdminUnit,
        legacy: AdminUnit | None,
        day: dt.date,
        producer_name: str,
        result: RowResult,
    ) -> AdminUnit | None:
        """The unit whose chair decided (as ``historical.issuing_unit``), from the resolver's map."""
        if authority == Authority.MINISTER:
            return None
        level = Level.DISTRICT if authority == Authority.DISTRICT_CHAIR else Level.PROVINCE
        resolver = self.places.resolver
        if day >= REFORM_DATE:
            path = _ancestor(commune.path, Level.PROVINCE)
        elif legacy is not None and legacy.path.count("/") - 2 >= level:
            path = _ancestor(legacy.path, level)
        else:
            result.add_error(
                self.column("district").header,
                _(
                    "Quyết định ngày %(day)s là trước 01/07/2025: "
                    "hãy ghi tên xã và huyện cũ để biết đơn vị đã ban hành."
                )
                % {"day": day.strftime("%d/%m/%Y")},
            )
            return None
        unit = resolver.by_path.get(path)
        if unit is None or not unit.is_valid_on(day):
            result.add_error(
                "",
                _("Không tìm thấy đơn vị ban hành của chủ thể “%(name)s” vào ngày %(day)s.")
                % {"name": producer_name, "day": day.strftime("%d/%m/%Y")},
            )
            return None
        return unit

    def _check_decision(
        self, values: dict, authority: str, unit: AdminUnit | None, day: dt.date, result: RowResult
    ) -> None:
        """One decision (number, authority, issuing unit) has one date, in the database and in the file."""
        number = text(values, "decision_number")
        header = self.column("decided_on").header
        unit_id = unit.pk if unit is not None else None
        for decision in self.decisions.get(number, []):
            if decision.authority == authority and decision.unit_id == unit_id and decision.signed_on != day:
                result.add_error(
                    header,
                    _("Quyết định số %(number)s đã được ghi nhận với ngày ký %(signed)s, không phải %(day)s.")
                    % {
                        "number": number,
                        "signed": decision.signed_on.strftime("%d/%m/%Y"),
                        "day": day.strftime("%d/%m/%Y"),
                    },
                )
                return
        seen = self._decision_dates.setdefault((fold(number), authority, unit_id), (day, result.row))
        if seen[0] != day:
            result.add_error(
                header,
                _("Dòng %(row)s ghi quyết định số %(number)s ngày %(signed)s, dòng này ghi ngày %(day)s.")
                % {
                    "row": seen[1],
                    "number": number,
                    "signed": seen[0].strftime("%d/%m/%Y"),
                    "day": day.strftime("%d/%m/%Y"),
                },
            )
