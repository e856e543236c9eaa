"""What the loader reads the files into: sources, issues, unit and succession specs, the plan."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ocop.geo.loader.notes import Basis

# (map key, level, GSO code): the identity of a unit on one map version.
UnitKey = tuple[str, int, str]


@dataclass(frozen=True)
class Source:
    """One input file: its name (for messages) and its text."""

    name: str
    text: str

    @classmethod
    def from_path(cls, path: Path) -> Source:
        return cls(path.name, path.read_text(encoding="utf-8-sig"))


@dataclass(frozen=True)
class Issue:
    """A problem (the load fails) or an anomaly worked around (a warning), located in a file."""

    source: str
    line: int | None
    message: str
    category: str = "problem"

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


@dataclass
class UnitSpec:
    """A unit as the files describe it."""

    map_key: str
    level: int
    code: str
    name: str
    kind: str
    parent: UnitKey | None
    english_name: str = ""
    latitude: float | None = None
    longitude: float | None = None
    path: str = ""
    line: int | None = None

    def __post_init__(self) -> None:
        self.level = int(self.level)

    @property
    def key(self) -> UnitKey:
        return (self.map_key, self.level, self.code)


@dataclass
class SuccessionSpec:
    """``predecessor`` (pre-2025 map) went, wholly or in part, into ``successor`` (2025 map)."""

    predecessor: UnitKey
    successor: UnitKey
    kind: str
    note: str


@dataclass
class Plan:
    """Everything the files say, plus what went wrong (``problems``) and what was worked around."""

    units: dict[UnitKey, UnitSpec] = field(default_factory=dict)
    successions: dict[tuple[UnitKey, UnitKey], SuccessionSpec] = field(default_factory=dict)
    problems: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    def count(self, map_key: str, level: int) -> int:
        return sum(1 for key in self.units if key[0] == map_key and key[1] == level)

    def succession_counts(self) -> Counter[str]:
        return Counter(spec.kind for spec in self.successions.values())


@dataclass
class Edge:
    """One row of the conversion table, read: old unit → new unit, on the basis its note gives."""

    line: int
    predecessor: UnitKey
    successor: UnitKey
    basis: Basis
    note: str
