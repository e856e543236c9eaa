"""Pure rules about administrative units: levels, kinds, map versions (no ORM)."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum

# The 2025 reorganisation (Nghị quyết 202/2025/QH15 and the commune resolutions): 63 provinces with
# districts until 30/06/2025; 34 provinces with communes directly from 01/07/2025.
REFORM_DATE = dt.date(2025, 7, 1)
# Map keys prefix every unit's path so the two maps never mix in "within" queries.
MAP_PRE_2025 = "pre2025"
MAP_2025 = "2025"


class Level(IntEnum):
    PROVINCE = 1
    DISTRICT = 2
    COMMUNE = 3


def map_key_on(day: dt.date) -> str:
    """Which map version is in force on ``day``."""
    return MAP_2025 if day >= REFORM_DATE else MAP_PRE_2025


def is_valid_on(valid_from: dt.date | None, valid_to: dt.date | None, day: dt.date) -> bool:
    """Half-open validity [valid_from, valid_to): ``None`` means unbounded on that side."""
    return (valid_from is None or valid_from <= day) and (valid_to is None or day < valid_to)


# Which predecessor (or successor) a record is counted in on the other map when a unit has several:
# a unit kept or renamed first, then one merged whole, then one merged in part; ties by GSO code.
_SUCCESSION_RANK = {"kept": 0, "renamed": 1, "merged_whole": 2, "merged_part": 3}


def principal_code(candidates: list[tuple[str, str]]) -> str | None:
    """The code of the principal unit among ``(code, succession kind)`` pairs, or ``None`` if there is none.

    A record placed on one map is counted in exactly one unit of the other, so totals add up on both
    (docs/decisions/0005-two-maps.md).
    """
    if not candidates:
        return None
    return min(candidates, key=lambda pair: (_SUCCESSION_RANK.get(pair[1], 9), pair[0]))[0]
