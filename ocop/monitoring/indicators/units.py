"""Which units a breakdown lists: every child (or current commune) of a unit, also those at zero."""

from __future__ import annotations

from ocop.geo.domain import MAP_2025, Level
from ocop.geo.models import AdminUnit
from ocop.monitoring.indicators.base import Grouping


def breakdown_units(unit: AdminUnit, grouping: Grouping | str) -> list[AdminUnit]:
    """The units a breakdown of ``unit`` lists, by code, in one query (none for ``Grouping.NONE``).

    CHILDREN: the unit's children on its own map (a 2025 province's communes; before 2025 a province's
    districts, a district's communes). CURRENT: for a 2025 unit its communes (a commune: itself); for a
    pre-2025 unit the current communes formed, wholly or in part, from its communes (geo successions).
    Their paths are the keys of ``Breakdown.by_child``.
    """
    grouping = Grouping(grouping)
    if grouping == Grouping.NONE:
        return []
    if grouping == Grouping.CHILDREN:
        units = AdminUnit.objects.filter(parent=unit)
    elif unit.map_key == MAP_2025:
        units = AdminUnit.objects.filter(level=Level.COMMUNE, path__startswith=unit.path)
    else:
        units = AdminUnit.objects.filter(
            level=Level.COMMUNE,
            path__startswith=f"/{MAP_2025}/",
            predecessions__predecessor__level=Level.COMMUNE,
            predecessions__predecessor__path__startswith=unit.path,
        ).distinct()
    return list(units.select_related("parent").order_by("code", "path"))
