"""Reads of administrative units and their successions, each in a bounded number of queries.

Dates select a map version: a unit is "on" a date when that date lies in its half-open validity.
``children_of`` and ``descendants_of`` accept a unit of either version and follow the same code
to the version in force on ``at`` (Hà Nội "01" has 30 districts on 30/06/2025 and 126 communes on
01/07/2025); a code that no longer exists on ``at`` has no children then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from django.db.models import Q
from django.utils.translation import gettext as _

from ocop.core.exceptions import NotFoundError
from ocop.core.text import fold
from ocop.geo.domain import MAP_2025, Level, principal_code
from ocop.geo.models import AdminUnit, AdminUnitQuerySet, Succession

UnitOrder = Literal["code", "name"]
_ORDER_BY = {"code": ("level", "code"), "name": ("level", "name_sort", "code")}


def _base() -> AdminUnitQuerySet:
    return AdminUnit.objects.select_related("parent")


def unit_get(
    *,
    pk: int | None = None,
    code: str | None = None,
    level: int | None = None,
    at: dt.date | None = None,
) -> AdminUnit:
    """One unit by id, or by GSO code (and level) as in force on ``at`` (any version when ``at`` is None).

    Raises :class:`NotFoundError` when there is none. One query.
    """
    units = _base()
    if pk is not None:
        units = units.filter(pk=pk)
    elif code is not None:
        units = units.filter(code=code)
        if level is not None:
            units = units.filter(level=level)
        if at is not None:
            units = units.valid_on(at)
    else:
        raise NotFoundError(_("Không tìm thấy đơn vị hành chính."))
    unit = units.order_by("level", "-valid_from").first()
    if unit is None:
        raise NotFoundError(_("Không tìm thấy đơn vị hành chính."))
    return unit


def unit_version_on(*, unit: AdminUnit, at: dt.date) -> AdminUnit | None:
    """``unit`` itself if in force on ``at``, else the unit with its code and level then (one query)."""
    if unit.is_valid_on(at):
        return unit
    return AdminUnit.objects.valid_on(at).filter(code=unit.code, level=unit.level).first()


def children_of(*, unit: AdminUnit, at: dt.date) -> AdminUnitQuerySet:
    """The units directly under ``unit`` (the version of its code in force on ``at``), by code."""
    version = unit_version_on(unit=unit, at=at)
    if version is None:
        return AdminUnit.objects.none()
    return AdminUnit.objects.valid_on(at).filter(parent=version).order_by("code")


def descendants_of(*, unit: AdminUnit, at: dt.date) -> AdminUnitQuerySet:
    """Every unit below ``unit`` (the version of its code in force on ``at``), by level then code."""
    version = unit_version_on(unit=unit, at=at)
    if version is None:
        return AdminUnit.objects.none()
    return AdminUnit.objects.valid_on(at).within(version).exclude(pk=version.pk).order_by("level", "code")


def current_units_for(*, old_unit: AdminUnit) -> list[AdminUnit]:
    """The unit(s) in force today that ``old_unit`` went into, through its successions (one query).

    A commune gives the new communes; a district or a province gives the new provinces. A unit
    with no end of validity is its own answer. Each unit carries ``succession`` (kind, note).
    """
    if old_unit.valid_to is None:
        return [old_unit]
    successions = (
        Succession.objects.filter(predecessor=old_unit)
        .select_related("successor__parent")
        .order_by("successor__level", "successor__code")
    )
    units = []
    for succession in successions:
        unit = succession.successor
        unit.succession = succession
        units.append(unit)
    return units


def predecessors_of(*, unit: AdminUnit) -> list[AdminUnit]:
    """The old units ``unit`` was formed from, each with its ``succession`` (one query)."""
    successions = (
        Succession.objects.filter(successor=unit)
        .select_related("predecessor__parent__parent")
        .order_by("predecessor__level", "predecessor__code")
    )
    units = []
    for succession in successions:
        old = succession.predecessor
        old.succession = succession
        units.append(old)
    return units


def units_list(
    *,
    level: int | None = None,
    parent: AdminUnit | None = None,
    at: dt.date | None = None,
    q: str | None = None,
    order: UnitOrder = "code",
) -> AdminUnitQuerySet:
    """Units filtered by level, parent, date in force and an accent-insensitive name or code search.

    ``q`` is folded (accents, đ and case ignored: "dak glei" finds "Đăk Glei") and matched
    against the folded name, or as a prefix of the code. Ordered by level, then code or
    Vietnamese name order. Evaluating it costs one query (parent included).
    """
    units = _base()
    if level is not None:
        units = units.filter(level=level)
    if parent is not None:
        units = units.filter(parent=parent)
    if at is not None:
        units = units.valid_on(at)
    folded = fold(q)
    if folded:
        units = units.filter(Q(name_folded__contains=folded) | Q(code__startswith=folded))
    return units.order_by(*_ORDER_BY[order])


def unit_children_count(*, unit: AdminUnit) -> int:
    """How many units are directly under ``unit`` (same map version)."""
    return AdminUnit.objects.filter(parent=unit).count()


def unit_children(*, unit: AdminUnit) -> AdminUnitQuerySet:
    """The units directly under ``unit`` on its own map version, by code (one query when evaluated)."""
    return AdminUnit.objects.filter(parent=unit).order_by("code")


def _principal(rows: list[tuple[int, str, str, object]]) -> object | None:
    """Of ``(level, code, succession kind, value)`` rows, the value of the principal unit.

    The lowest units win (a commune over the island district that had no communes), then
    ``domain.principal_code`` decides among them.
    """
    if not rows:
        return None
    lowest = max(level for level, *_rest in rows)
    candidates = [(code, kind, value) for level, code, kind, value in rows if level == lowest]
    code = principal_code([(c, k) for c, k, _v in candidates])
    return next(v for c, _k, v in candidates if c == code)


def principal_predecessor_ids(commune_ids: Iterable[int]) -> dict[int, int]:
    """For each current commune id, the pre-2025 unit its records count in on the old map (one query).

    That is a commune, except for the five island districts without communes that became special zones.
    """
    by_successor: dict[int, list[tuple[int, str, str, object]]] = {}
    rows = Succession.objects.filter(
        successor_id__in=list(commune_ids), predecessor__level__gte=2
    ).values_list("successor_id", "predecessor__level", "predecessor__code", "kind", "predecessor_id")
    for successor_id, level, code, kind, predecessor_id in rows:
        by_successor.setdefault(successor_id, []).append((level, code, kind, predecessor_id))
    return {successor_id: _principal(rows_) for successor_id, rows_ in by_successor.items()}


def paths_of(unit: AdminUnit | None) -> tuple[str, str]:
    """Where a record placed at ``unit`` counts on each map: ``(path on the 2025 map, path before it)``.

    A current unit counts on the old map in its principal predecessor (a province formed from several
    old provinces has none: "" then); an old unit counts on the current map in its principal successor
    (a district in the province it went into). At most one query.
    """
    if unit is None:
        return "", ""
    if unit.map_key == MAP_2025:
        levels = [Level.PROVINCE] if unit.level == Level.PROVINCE else [Level.DISTRICT, Level.COMMUNE]
        rows = list(
            Succession.objects.filter(successor=unit, predecessor__level__in=levels).values_list(
                "predecessor__level", "predecessor__code", "kind", "predecessor__path"
            )
        )
        if unit.level == Level.PROVINCE and len(rows) != 1:
            return unit.path, ""
        return unit.path, _principal(rows) or ""
    rows = list(
        Succession.objects.filter(predecessor=unit).values_list(
            "successor__level", "successor__code", "kind", "successor__path"
        )
    )
    return _principal(rows) or "", unit.path
