"""Place names as people write them ("Xã Đăk Pék, Huyện Đăk Glei, Tỉnh Kon Tum") matched to current units.

A :class:`PlaceResolver` loads both maps and every succession once (two queries), indexes the units by
a key that ignores accents, case, spaces, hyphens, leading zeros of numbers and the kind prefix ("Xã",
"Phường", "Huyện", "TP." …), then resolves names in memory: a current commune with its province, or a
pre-2025 commune with its district and province, mapped to the current commune it went into (the
principal successor, ``geo.domain.principal_code``). Used by the spreadsheet importers.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ocop.core.text import fold, normalize
from ocop.geo.domain import MAP_2025, REFORM_DATE, Level, principal_code
from ocop.geo.models import AdminUnit, Succession

MAX_SUGGESTIONS = 5
# Kind prefixes as written (folded), longest first so "thi tran" wins over "thi".
_PREFIXES = (
    "thanh pho truc thuoc trung uong",
    "thanh pho",
    "thi tran",
    "thi xa",
    "dac khu",
    "phuong",
    "huyen",
    "quan",
    "tinh",
    "tp.",
    "tp",
    "tt.",
    "tt",
    "xa",
    "p.",
    "q.",
    "h.",
    "x.",
)
_PARENTHESES = re.compile(r"\([^)]*\)")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_NUMBER = re.compile(r"\b0+(\d)")
# Common short forms of province names.
_ALIASES = {"hcm": "hochiminh", "tphcm": "hochiminh", "hn": "hanoi", "brvt": "bariavungtau"}


@dataclass(frozen=True)
class PlaceMatch:
    """The result of matching one place name; ``unit`` is None when ``error`` says why."""

    unit: AdminUnit | None
    legacy_unit: AdminUnit | None = None
    note: str = ""
    error: str = ""
    suggestions: tuple[str, ...] = ()


def _strip_prefix(folded: str) -> str:
    for prefix in _PREFIXES:
        if folded.startswith(prefix) and len(folded) > len(prefix):
            rest = folded[len(prefix) :]
            if prefix.endswith(".") or rest[0] == " ":
                return rest.strip()
    return folded


def _squash(folded: str) -> str:
    key = _NUMBER.sub(r"\1", _NOT_ALNUM.sub(" ", folded)).replace(" ", "")
    return _ALIASES.get(key, key)


def unit_key(name: str) -> str:
    """The key a unit's official name is indexed by: "Xã Đắk Pék" → "dakpek", "Phường 01" → "1"."""
    return _squash(_strip_prefix(fold(_PARENTHESES.sub(" ", name))))


def input_keys(text: str) -> list[str]:
    """Keys to try for a name as written: without its kind prefix first, then as written."""
    folded = fold(_PARENTHESES.sub(" ", text))
    keys = [_squash(_strip_prefix(folded)), _squash(folded)]
    return [key for key in dict.fromkeys(keys) if key]


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


class PlaceResolver:
    """Resolves place names against both maps, in memory after two queries."""

    def __init__(self) -> None:
        units = list(AdminUnit.objects.order_by("level", "code", "pk"))
        self.by_id: dict[int, AdminUnit] = {unit.pk: unit for unit in units}
        self.by_path: dict[str, AdminUnit] = {unit.path: unit for unit in units}
        for unit in units:
            if unit.parent_id is not None:
                unit.parent = self.by_id[unit.parent_id]  # no query when a caller reads ``unit.parent``
        self.successors: dict[int, list[tuple[int, str]]] = defaultdict(list)
        self.predecessors: dict[int, list[int]] = defaultdict(list)
        self._kinds: dict[tuple[int, int], str] = {}
        for old_id, new_id, kind in Succession.objects.values_list("predecessor_id", "successor_id", "kind"):
            self.successors[old_id].append((new_id, kind))
            self.predecessors[new_id].append(old_id)
            self._kinds[(old_id, new_id)] = kind
        has_children = {unit.parent_id for unit in units}
        # (map, level) → key → units; an old district without communes (an island) counts as a commune.
        self.index: dict[tuple[str, int], dict[str, list[AdminUnit]]] = defaultdict(lambda: defaultdict(list))
        for unit in units:
            current = unit.map_key == MAP_2025
            level = unit.level
            if not current and level == Level.DISTRICT and unit.pk not in has_children:
                level = Level.COMMUNE
            self.index[("new" if current else "old", level)][unit_key(unit.name)].append(unit)

    # --- names ---------------------------------------------------------------------------------

    def label(self, unit: AdminUnit) -> str:
        """ "Xã A, tỉnh B" for a current unit; "Xã A, huyện C, tỉnh B" for an old one."""
        parts = [unit.name]
        parent = self.by_id.get(unit.parent_id) if unit.parent_id else None
        while parent is not None:
            parts.append(_lower_first(parent.name))
            parent = self.by_id.get(parent.parent_id) if parent.parent_id else None
        return ", ".join(parts)

    def principal_predecessor(self, unit: AdminUnit) -> AdminUnit | None:
        """The pre-2025 commune (or island district) a current commune counts in on the old map.

        The same choice as ``geo.selectors.principal_predecessor_ids``, made in memory.
        """
        olds = [
            self.by_id[i] for i in self.predecessors.get(unit.pk, ()) if self.by_id[i].level >= Level.DISTRICT
        ]
        if not olds:
            return None
        lowest = max(old.level for old in olds)
        olds = [old for old in olds if old.level == lowest]
        code = principal_code([(old.code, self._kinds[(old.pk, unit.pk)]) for old in olds])
        return next(old for old in olds if old.code == code)

    def principal_successor(self, old: AdminUnit) -> AdminUnit | None:
        """The current unit an old one counts in (``geo.selectors.paths_of``): the lowest level first."""
        pairs = [(self.by_id[new_id], kind) for new_id, kind in self.successors.get(old.pk, ())]
        if not pairs:
            return None
        lowest = max(unit.level for unit, _kind in pairs)
        pairs = [(unit, kind) for unit, kind in pairs if unit.level == lowest]
        code = principal_code([(unit.code, kind) for unit, kind in pairs])
        return next(unit for unit, _kind in pairs if unit.code == code)

    def _principal_successor(self, old: AdminUnit, level: int) -> tuple[AdminUnit | None, list[AdminUnit]]:
        """The principal current unit of ``level`` that ``old`` went into, and all of them."""
        pairs = [(self.by_id[new_id], kind) for new_id, kind in self.successors.get(old.pk, ())]
        pairs = [(unit, kind) for unit, kind in pairs if unit.level == level]
        code = principal_code([(unit.code, kind) for unit, kind in pairs])
        principal = next((unit for unit, _kind in pairs if unit.code == code), None)
        return principal, [unit for unit, _kind in pairs]

    def _lookup(self, text: str, map_: str, level: int) -> list[AdminUnit]:
        table = self.index[(map_, level)]
        for key in input_keys(text):
            if key in table:
                return list(table[key])
        return []

    def _suggest(self, text: str, pool: Iterable[AdminUnit]) -> tuple[str, ...]:
        pool = list(pool)
        by_key: dict[str, list[AdminUnit]] = defaultdict(list)
        for unit in pool:
            by_key[unit_key(unit.name)].append(unit)
        keys = input_keys(text)
        close = difflib.get_close_matches(
            keys[0] if keys else "", list(by_key), n=MAX_SUGGESTIONS, cutoff=0.6
        )
        names = [self.label(unit) for key in close for unit in by_key[key]]
        return tuple(dict.fromkeys(names))[:MAX_SUGGESTIONS]

    # --- provinces -----------------------------------------------------------------------------

    def _provinces(self, name: str) -> tuple[list[AdminUnit], list[AdminUnit]]:
        """Current and old provinces matching ``name``."""
        return self._lookup(name, "new", Level.PROVINCE), self._lookup(name, "old", Level.PROVINCE)

    def _current_of_old_province(self, old: AdminUnit) -> AdminUnit | None:
        return self._principal_successor(old, Level.PROVINCE)[0]

    def province(self, name: str) -> PlaceMatch:
        """The current province named ``name`` (a pre-2025 name gives the one it went into, with a note)."""
        if not normalize(name):
            return PlaceMatch(unit=None, error=_("Chưa ghi tỉnh/thành phố."))
        current, old = self._provinces(name)
        if current:
            return PlaceMatch(unit=current[0])
        if old:
            new = self._current_of_old_province(old[0])
            if new is not None:
                note = _("%(old)s (trước 01/07/2025) nay thuộc %(new)s") % {
                    "old": old[0].name,
                    "new": _lower_first(new.name),
                }
                return PlaceMatch(unit=new, note=note)
        pool = self._pool("new", Level.PROVINCE, []) + self._pool("old", Level.PROVINCE, [])
        return PlaceMatch(
            unit=None,
            error=_("Không tìm thấy tỉnh/thành phố “%(name)s”.") % {"name": normalize(name)},
            suggestions=self._suggest(name, pool),
        )

    # --- communes ------------------------------------------------------------------------------

    def commune(self, *, commune: str, district: str = "", province: str = "") -> PlaceMatch:
        """The current commune for a commune name with its province (and the district, for pre-2025 names)."""
        commune, district, province = normalize(commune), normalize(district), normalize(province)
        new_provinces: list[AdminUnit] = []
        old_provinces: list[AdminUnit] = []
        if province:
            current, old = self._provinces(province)
            if not current and not old:
                found = self.province(province)
                return PlaceMatch(unit=None, error=found.error, suggestions=found.suggestions)
            new_provinces = list(current)
            old_provinces = list(old)
            for unit in old:  # an old province name: look in the province it went into as well
                new = self._current_of_old_province(unit)
                if new is not None and new not in new_provinces:
                    new_provinces.append(new)
            for unit in current:  # a current province: its old provinces' names are still written
                for old_id in self.predecessors.get(unit.pk, ()):
                    pre = self.by_id[old_id]
                    if pre.level == Level.PROVINCE and pre not in old_provinces:
                        old_provinces.append(pre)
        where = self._where(province, old_provinces, new_provinces)
        if not commune:
            return self._district_only(district, old_provinces, where)
        old_districts: list[AdminUnit] = []
        if district:
            old_districts = self._within(self._lookup(district, "old", Level.DISTRICT), old_provinces)
            if not old_districts:
                old_districts = self._within(self._lookup(district, "old", Level.COMMUNE), old_provinces)
                if old_districts:  # an island district without communes written as the district
                    return self._from_old(old_districts, commune)
                pool = self._pool("old", Level.DISTRICT, old_provinces)
                return PlaceMatch(
                    unit=None,
                    error=_("Không tìm thấy huyện “%(name)s”%(where)s (trước 01/07/2025).")
                    % {"name": district, "where": where},
                    suggestions=self._suggest(district, pool),
                )
            old = [u for u in self._lookup(commune, "old", Level.COMMUNE) if self._under(u, old_districts)]
            if old:
                return self._from_old(old, commune)
            # A current commune written with a stale district: accept it when it is unique in the province.
            current = self._within(self._lookup(commune, "new", Level.COMMUNE), new_provinces)
            if len(current) == 1:
                return PlaceMatch(unit=current[0])
            pool = self._pool("old", Level.COMMUNE, old_districts)
            return PlaceMatch(
                unit=None,
                error=_("Không tìm thấy xã/phường “%(name)s” ở %(district)s (trước 01/07/2025).")
                % {"name": commune, "district": _lower_first(self.label(old_districts[0]))},
                suggestions=self._suggest(commune, pool),
            )
        current = self._within(self._lookup(commune, "new", Level.COMMUNE), new_provinces)
        old = self._within(self._lookup(commune, "old", Level.COMMUNE), old_provinces)
        # A province named only by its pre-2025 name: its communes are likely written by their old names too.
        prefer_old = bool(province) and not self._lookup(province, "new", Level.PROVINCE)
        first, second = (old, current) if prefer_old else (current, old)
        for found in (first, second):
            if not found:
                continue
            if found is old:
                return self._from_old(found, commune)
            if len(found) == 1:
                return PlaceMatch(unit=found[0])
            return self._ambiguous(commune, found)
        pool = self._pool("new", Level.COMMUNE, new_provinces) + self._pool(
            "old", Level.COMMUNE, old_provinces
        )
        suggestions = self._suggest(commune, pool)
        if province:  # the same name elsewhere in the country is worth saying
            elsewhere = [self.label(u) for u in self._lookup(commune, "new", Level.COMMUNE)]
            suggestions = tuple(dict.fromkeys([*suggestions, *elsewhere]))[:MAX_SUGGESTIONS]
        return PlaceMatch(
            unit=None,
            error=_("Không tìm thấy xã/phường “%(name)s”%(where)s.") % {"name": commune, "where": where},
            suggestions=suggestions,
        )

    def _where(self, province: str, old: list[AdminUnit], new: list[AdminUnit]) -> str:
        if not province:
            return ""
        named = self._lookup(province, "new", Level.PROVINCE) or self._lookup(province, "old", Level.PROVINCE)
        return _(" ở %(province)s") % {"province": _lower_first(named[0].name)} if named else ""

    def _under(self, unit: AdminUnit, ancestors: list[AdminUnit]) -> bool:
        return any(unit.path.startswith(a.path) for a in ancestors)

    def _within(self, units: list[AdminUnit], ancestors: list[AdminUnit]) -> list[AdminUnit]:
        if not ancestors:
            return units
        return [unit for unit in units if self._under(unit, ancestors)]

    def _pool(self, map_: str, level: int, ancestors: list[AdminUnit]) -> list[AdminUnit]:
        units = [u for us in self.index[(map_, level)].values() for u in us]
        return self._within(units, ancestors)

    def _ambiguous(self, name: str, units: list[AdminUnit]) -> PlaceMatch:
        labels = tuple(self.label(unit) for unit in units)
        return PlaceMatch(
            unit=None,
            error=_("Có %(count)d đơn vị tên “%(name)s”: %(list)s. Hãy ghi thêm huyện (tên cũ) hoặc tỉnh.")
            % {"count": len(units), "name": name, "list": "; ".join(labels)},
            suggestions=labels[:MAX_SUGGESTIONS],
        )

    def _from_old(self, old: list[AdminUnit], name: str) -> PlaceMatch:
        if len(old) > 1:
            return self._ambiguous(name, old)
        legacy = old[0]
        principal, all_new = self._principal_successor(legacy, Level.COMMUNE)
        if principal is None:
            return PlaceMatch(
                unit=None,
                legacy_unit=legacy,
                error=_("%(old)s (trước 01/07/2025) không có đơn vị kế thừa trong danh mục.")
                % {"old": self.label(legacy)},
            )
        note = _("%(old)s (trước %(day)s) nay là %(new)s") % {
            "old": self.label(legacy),
            "day": REFORM_DATE.strftime("%d/%m/%Y"),
            "new": _lower_first(self.label(principal)),
        }
        if len(all_new) > 1:
            others = ", ".join(_lower_first(u.name) for u in all_new if u != principal)
            note += _(" (đã chia: một phần sang %(others)s; ghi vào đơn vị chính)") % {"others": others}
        return PlaceMatch(unit=principal, legacy_unit=legacy, note=note)

    def _district_only(self, district: str, old_provinces: list[AdminUnit], where: str) -> PlaceMatch:
        if not district:
            return PlaceMatch(unit=None, error=_("Chưa ghi xã/phường."))
        districts = self._within(self._lookup(district, "old", Level.DISTRICT), old_provinces)
        islands = self._within(self._lookup(district, "old", Level.COMMUNE), old_provinces)
        if islands and not districts:
            return self._from_old(islands, district)
        new_ids: dict[int, None] = {}
        for d in districts:
            for u in self._pool("old", Level.COMMUNE, [d]):
                for new_id, _kind in self.successors.get(u.pk, ()):
                    new_ids[new_id] = None
        suggestions = tuple(self.label(self.by_id[i]) for i in list(new_ids)[:MAX_SUGGESTIONS])
        return PlaceMatch(
            unit=None,
            error=_(
                "Chưa ghi xã/phường: chỉ có huyện “%(name)s”%(where)s. Từ 01/07/2025 không còn cấp huyện, "
                "hãy ghi xã/phường (tên cũ kèm huyện, hoặc tên mới)."
            )
            % {"name": district, "where": where},
            suggestions=suggestions,
        )
