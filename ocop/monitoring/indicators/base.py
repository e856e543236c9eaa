"""The indicator machinery: periods, values, the registry, and area filters and breakdowns in SQL.

An indicator is a named, documented computation over the database for one administrative unit (of
either map) and one period, optionally broken down by the unit's children ("CHILDREN": districts or
communes of that map) or, for a pre-2025 unit, by the current units its records now lie in
("CURRENT"). Every indicator costs a fixed number of queries whatever the data: one for the total
and one for the breakdown (``grouped``).

Where a record counts is a path on each map: ``Place`` names the path field to filter on for each
map (``commune__path`` / ``legacy_commune__path`` for a producer, ``path_2025`` / ``path_pre2025``
for a ``LocatedModel``). Children of a unit share one path length, so a breakdown is one GROUP BY
on a prefix of that path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.functions import Substr

from ocop.geo.domain import MAP_2025, MAP_PRE_2025, Level

# GSO code widths: province 2, district 3, commune 5 (paths are "/<map>/<province>/<district>/<commune>/").
CODE_WIDTH = {Level.PROVINCE: 2, Level.DISTRICT: 3, Level.COMMUNE: 5}


@dataclass(frozen=True)
class Period:
    """A closed period of days [start, end]."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("period ends before it starts")

    def years(self) -> list[Period]:
        """The calendar years of the period, each clipped to it."""
        return [
            Period(max(self.start, dt.date(year, 1, 1)), min(self.end, dt.date(year, 12, 31)))
            for year in range(self.start.year, self.end.year + 1)
        ]


@dataclass(frozen=True)
class Value:
    """A computed figure; shares carry their numerator and denominator and are in percent (0–100)."""

    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None

    @classmethod
    def count(cls, n: int | Decimal | None) -> Value:
        return cls(Decimal(n or 0))

    @classmethod
    def share(cls, numerator: int | Decimal | None, denominator: int | Decimal | None) -> Value:
        """``numerator / denominator`` in percent, 2 decimals; ``None`` when there is nothing to divide."""
        num, den = Decimal(numerator or 0), Decimal(denominator or 0)
        if den == 0:
            return cls(None, num, den)
        return cls((num * 100 / den).quantize(Decimal("0.01")), num, den)


ZERO = Value(Decimal(0))


class Grouping(StrEnum):
    NONE = "none"
    CHILDREN = "children"  # the unit's children on its own map
    CURRENT = "current"  # communes of the 2025 map (for a unit of either map)


@dataclass
class Breakdown:
    """An indicator's value for the unit and, when asked, for each child (by the child's path)."""

    total: Value
    by_child: dict[str, Value] = field(default_factory=dict)
    # What a child with no record at all is worth: 0 for a count, "nothing to divide" for a share.
    empty: Value = ZERO

    def child(self, path: str, default: Value | None = None) -> Value:
        return self.by_child.get(path, default if default is not None else self.empty)


@dataclass(frozen=True)
class Place:
    """Which path field places a record on each map, e.g. ``Place.of_producer("product__producer__")``."""

    path_2025: str
    path_pre2025: str

    @classmethod
    def of_producer(cls, prefix: str = "") -> Place:
        return cls(f"{prefix}commune__path", f"{prefix}legacy_commune__path")

    @classmethod
    def located(cls, prefix: str = "") -> Place:
        return cls(f"{prefix}path_2025", f"{prefix}path_pre2025")

    def field_on(self, map_key: str) -> str:
        return self.path_2025 if map_key == MAP_2025 else self.path_pre2025

    def within(self, unit) -> Q:
        """Records counted in ``unit`` on the unit's own map."""
        return Q(**{f"{self.field_on(unit.map_key)}__startswith": unit.path})


def child_level(unit) -> int:
    """The level of the unit's children on its map (the 2025 map has no districts)."""
    if unit.map_key == MAP_2025:
        return Level.COMMUNE
    return min(unit.level + 1, Level.COMMUNE)


def bucket_length(unit, grouping: Grouping) -> tuple[str, int]:
    """(map whose path is grouped on, length of the child prefix of that path)."""
    if grouping == Grouping.CURRENT:
        # "/2025/" + province + "/" + commune + "/"
        return MAP_2025, len(f"/{MAP_2025}/") + CODE_WIDTH[Level.PROVINCE] + 1 + CODE_WIDTH[Level.COMMUNE] + 1
    return unit.map_key, len(unit.path) + CODE_WIDTH[Level(child_level(unit))] + 1


def grouped(
    qs: QuerySet,
    place: Place,
    unit,
    grouping: Grouping,
    *,
    by_child: dict[str, Any] | Callable[[str], dict[str, Any]] | None = None,
    **aggregates: Any,
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Aggregate ``qs`` for records within ``unit``: the total row, and one row per child bucket.

    One query for the total, and one more for the breakdown when ``grouping`` is not NONE.
    ``by_child`` gives other aggregates for the breakdown rows (or a function of the map key the
    breakdown is on), e.g. distinct communes of the current map when grouping CURRENT.
    """
    qs = qs.filter(place.within(unit))
    total = qs.aggregate(**aggregates)
    if grouping == Grouping.NONE:
        return total, {}
    map_key, length = bucket_length(unit, grouping)
    if callable(by_child):
        by_child = by_child(map_key)
    rows = (
        qs.annotate(_bucket=Substr(place.field_on(map_key), 1, length))
        .values("_bucket")
        .order_by("_bucket")
        .annotate(**(by_child or aggregates))
    )
    return total, {row.pop("_bucket"): row for row in rows}


@dataclass(frozen=True)
class Param:
    """A parameter an indicator accepts, with its default and the Vietnamese label a form shows."""

    name: str
    label: str
    default: Any = None
    choices: tuple[tuple[Any, str], ...] | None = None


Compute = Callable[..., Breakdown]


@dataclass(frozen=True)
class Indicator:
    """A named, documented indicator. ``kind`` "stock" is a state on the period's last day (e.g.
    certified products on 31/12/2025); "flow" counts what happened within the period (newly
    recognised products in 2021–2025). ``unit_label`` is what the number counts ("sản phẩm", "%")."""

    key: str
    label: str
    description: str
    unit_label: str
    kind: str
    compute: Compute
    params: tuple[Param, ...] = ()
    is_share: bool = False

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}


INDICATORS: dict[str, Indicator] = {}


def indicator(
    key: str,
    *,
    label: str,
    description: str,
    unit_label: str,
    kind: str,
    params: tuple[Param, ...] = (),
    is_share: bool = False,
) -> Callable[[Compute], Compute]:
    """Register ``fn(*, unit, period, grouping, **params) -> Breakdown`` as indicator ``key``."""
    if kind not in {"stock", "flow"}:
        raise ValueError(f"indicator {key}: kind must be stock or flow")

    def register(fn: Compute) -> Compute:
        if key in INDICATORS:
            raise ValueError(f"indicator {key} registered twice")
        INDICATORS[key] = Indicator(key, label, description, unit_label, kind, fn, params, is_share)
        return fn

    return register


class UnknownIndicator(KeyError):
    pass


def compute(
    key: str,
    *,
    unit,
    period: Period,
    params: dict[str, Any] | None = None,
    grouping: Grouping | str = Grouping.NONE,
) -> Breakdown:
    """Indicator ``key`` for ``unit`` (either map) over ``period``, in a fixed number of queries."""
    try:
        spec = INDICATORS[key]
    except KeyError as exc:
        raise UnknownIndicator(key) from exc
    unknown = set(params or {}) - {p.name for p in spec.params}
    if unknown:
        raise ValueError(f"indicator {key}: unknown parameters {sorted(unknown)}")
    arguments = {**spec.defaults(), **(params or {})}
    return spec.compute(unit=unit, period=period, grouping=Grouping(grouping), **arguments)


__all__ = [
    "INDICATORS",
    "MAP_2025",
    "MAP_PRE_2025",
    "ZERO",
    "Breakdown",
    "Grouping",
    "Indicator",
    "Param",
    "Period",
    "Place",
    "UnknownIndicator",
    "Value",
    "compute",
    "grouped",
    "indicator",
]
