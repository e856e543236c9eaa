"""What the list importers share: place columns read with ``PlaceResolver``, producers and products by name.

Producers are named as people write them ("HTX Chè Tân Lập", "Cty TNHH …"): ``producer_key`` folds
the name and spells out the usual abbreviations, so "HTX Chè Tân Lập" and "Hợp tác xã chè Tân Lập"
are the same producer in the same commune. ``References`` loads, in a bounded number of queries, the
producers and products that the rows of one file name (by registration code, or by name within a
commune) and answers in memory.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from ocop.accounts.scoping import scope_of
from ocop.activities.permissions import can_place_at
from ocop.core.text import fold, normalize
from ocop.exchange.importers.base import Column, RowResult
from ocop.geo.domain import MAP_2025, REFORM_DATE, Level
from ocop.geo.matching import PlaceMatch, PlaceResolver
from ocop.geo.models import AdminUnit
from ocop.registry.models import Producer, Product

# Abbreviations in producer names (folded, whole words) → the words they stand for.
_ABBREVIATIONS = {
    "htx": "hop tac xa",
    "tht": "to hop tac",
    "cty": "cong ty",
    "ct": "cong ty",
    "dn": "doanh nghiep",
    "dntn": "doanh nghiep tu nhan",
    "hkd": "ho kinh doanh",
    "csxs": "co so san xuat",
    "cssx": "co so san xuat",
    "tnhh": "trach nhiem huu han",
    "tm": "thuong mai",
    "dv": "dich vu",
    "sx": "san xuat",
    "nn": "nong nghiep",
    "mtv": "mot thanh vien",
}
_WORD = re.compile(r"[a-z0-9]+")

COMMUNE = Column(
    "commune",
    "Xã/phường",
    help="Tên xã/phường (tên hiện nay, hoặc tên cũ trước 01/07/2025 kèm cột Huyện).",
    aliases=("Xã", "Phường", "Xã/phường/thị trấn", "Xã, phường", "Xã/phường/đặc khu", "Tên xã"),
)
DISTRICT = Column(
    "district",
    "Huyện",
    help="Chỉ khi ghi tên xã cũ (trước 01/07/2025): huyện/quận/thị xã của xã đó.",
    aliases=("Quận/huyện", "Huyện/quận", "Huyện (cũ)", "Quận, huyện", "Huyện/thị xã/thành phố"),
)
PROVINCE = Column(
    "province",
    "Tỉnh",
    help="Tỉnh/thành phố; để trống thì lấy tỉnh của tài khoản đang nhập.",
    aliases=("Tỉnh/thành phố", "Tỉnh/TP", "Tỉnh, thành phố"),
)
PLACE_COLUMNS = (COMMUNE, DISTRICT, PROVINCE)


def producer_key(name: str | None) -> str:
    """Folded producer name with abbreviations spelt out: "HTX Chè Tân Lập" → "hop tac xa che tan lap"."""
    words = _WORD.findall(fold(name))
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)


def text(values: dict, key: str) -> str:
    value = values.get(key)
    return normalize(str(value)) if value is not None else ""


def suggestion_text(names: Iterable[str]) -> str:
    names = list(names)
    return _("Có phải: %(names)s?") % {"names": "; ".join(names)} if names else ""


class Places:
    """Place columns of a row → a ``PlaceMatch``; the resolver is loaded once, matches are cached."""

    def __init__(self, user: Any) -> None:
        self.user = user
        self._resolver: PlaceResolver | None = None
        self._cache: dict[tuple[str, str, str], PlaceMatch] = {}
        scope = scope_of(user)
        unit = None if scope.nationwide else scope.unit
        while unit is not None and unit.parent_id is not None:
            unit = unit.parent
        self.default_province = unit.name if unit is not None else ""

    @property
    def resolver(self) -> PlaceResolver:
        if self._resolver is None:
            self._resolver = PlaceResolver()
        return self._resolver

    def match(self, values: dict) -> PlaceMatch:
        key = (text(values, "commune"), text(values, "district"), text(values, "province"))
        if key not in self._cache:
            commune, district, province = key
            self._cache[key] = self.resolver.commune(
                commune=commune, district=district, province=province or self.default_province
            )
        return self._cache[key]

    def check(self, values: dict, result: RowResult, *, column: Column = COMMUNE) -> PlaceMatch:
        """Resolve the row's place, adding the note or the error (with suggestions) to ``result``."""
        if values.get("commune") is None:
            return PlaceMatch(unit=None)  # the framework already said the cell is empty
        match = self.match(values)
        if match.error:
            result.add_error(column.header, match.error, suggestion_text(match.suggestions))
        elif match.note:
            result.notes.append(match.note)
        return match

    def unit(
        self, values: dict, result: RowResult, *, commune_required: bool = False, day: dt.date | None = None
    ) -> AdminUnit | None:
        """The unit a located record is placed at: the commune when given, else the province.

        An old commune name with a ``day`` before 01/07/2025 places the record at the old commune (it
        then counts there on the old map and in its principal successor on the new one).
        """
        if text(values, "commune") or commune_required:
            if not text(values, "commune"):
                result.add_error(
                    COMMUNE.header, _("Chưa ghi xã/phường: bản ghi này phải đặt tại một xã/phường.")
                )
                return None
            match = self.check(values, result)
            if match.legacy_unit is not None and day is not None and day < REFORM_DATE:
                return match.legacy_unit
            return match.unit
        if text(values, "district"):
            return self.check(values, result).unit  # a district alone: the resolver asks for the commune
        match = self.resolver.province(text(values, "province") or self.default_province)
        if match.error:
            result.add_error(PROVINCE.header, match.error, suggestion_text(match.suggestions))
        elif match.note:
            result.notes.append(match.note)
        return match.unit

    def paths(self, unit: AdminUnit) -> tuple[str, str]:
        """``geo.selectors.paths_of`` for a unit, from the loaded map (no query)."""
        resolver = self.resolver
        if unit.map_key != MAP_2025:
            new = resolver.principal_successor(unit)
            return (new.path if new is not None else ""), unit.path
        if unit.level == Level.PROVINCE:
            olds = [resolver.by_id[i] for i in resolver.predecessors.get(unit.pk, ())]
            olds = [old for old in olds if old.level == Level.PROVINCE]
            return unit.path, olds[0].path if len(olds) == 1 else ""
        old = resolver.principal_predecessor(unit)
        return unit.path, old.path if old is not None else ""

    def in_scope(self, unit: AdminUnit) -> bool:
        """Whether the user may place a record at ``unit`` (``activities.permissions.can_place_at``)."""
        return can_place_at(self.user, self.paths(unit))


class References:
    """Producers and products named by the rows of one file, loaded in two queries, answered in memory.

    Loaded: the producers of the user's area (for a nationwide user: those of the communes the rows
    name, or whose folded name or registration code a row gives), and all their products.
    """

    def __init__(self, user: Any) -> None:
        self.user = user
        self.by_code: dict[str, Producer] = {}
        self.by_commune: dict[int, dict[str, list[Producer]]] = defaultdict(lambda: defaultdict(list))
        self.by_key: dict[str, list[Producer]] = defaultdict(list)
        self.products: dict[int, dict[str, Product]] = defaultdict(dict)

    def load(
        self, *, communes: Iterable[int] = (), names: Iterable[str] = (), codes: Iterable[str] = ()
    ) -> None:
        codes = {clean_code(c) for c in codes if c}
        condition = (
            Q(commune_id__in=set(communes))
            | Q(registration_code__in=codes)
            | Q(name_folded__in={fold(n) for n in names if n})
        )
        scope = scope_of(self.user)
        if scope.unit is not None:
            condition |= Q(commune__path__startswith=scope.unit.path)
        producers = list(Producer.objects.filter(condition).select_related("commune", "legacy_commune"))
        for producer in producers:
            self.add_producer(producer)
        for product in Product.objects.filter(producer__in=producers).select_related("product_set"):
            self.add_product(product)

    def add_producer(self, producer: Producer) -> None:
        if producer.registration_code in self.by_code:
            return
        self.by_code[producer.registration_code] = producer
        key = producer_key(producer.name)
        self.by_commune[producer.commune_id][key].append(producer)
        self.by_key[key].append(producer)

    def add_product(self, product: Product) -> None:
        self.products[product.producer_id][fold(product.name)] = product

    def producer(self, *, name: str = "", commune_id: int | None = None, code: str = "") -> list[Producer]:
        """Producers with this registration code, else with this name (in this commune when given)."""
        if code:
            found = self.by_code.get(clean_code(code))
            return [found] if found is not None else []
        if not name:
            return []
        if commune_id:
            return list(self.by_commune.get(commune_id, {}).get(producer_key(name), []))
        return list(self.by_key.get(producer_key(name), []))

    def product(self, producer: Producer | None, name: str) -> Product | None:
        if producer is None:
            return None
        return self.products.get(producer.pk, {}).get(fold(name))


def clean_code(code: str) -> str:
    """A registration code as the registry stores it (no spaces, upper case)."""
    return normalize(code).replace(" ", "").upper()
