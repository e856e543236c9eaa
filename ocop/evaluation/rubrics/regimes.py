"""The legal regimes of OCOP score sheets and their part totals (A/B/C), oldest to newest.

A dossier freezes the regime it was scored under, so results rated under QĐ 1048/2019 (A 35 / B 25 / C 40)
and QĐ 148/2023 (A 40 / B 25 / C 35) must stay readable after QĐ 26/2026 replaced them. Only 26/2026 has its
full score sheets in this repository (``qd26_2026/set_NN.json``): we do not hold the criteria, options or star
marks of the 1048 and 148 sheets, only their part totals, so historical results can be shown per part and in
total but not re-scored criterion by criterion.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PartTotal:
    """One part of a regime's score sheet: its letter, its Vietnamese name and its maximum."""

    code: str
    name: str
    max: int


@dataclass(frozen=True)
class Regime:
    """A legal instrument that fixed the OCOP criteria, with the part totals every one of its sheets uses."""

    code: str
    instrument: str
    signed: date
    parts: tuple[PartTotal, ...]
    product_sets: int
    data_dir: str | None
    note: str

    @property
    def total(self) -> int:
        """Maximum score of a sheet under this regime (100 for all known regimes)."""
        return sum(part.max for part in self.parts)

    @property
    def part_maxima(self) -> dict[str, int]:
        """``{"A": 40, "B": 25, "C": 35}`` and the like."""
        return {part.code: part.max for part in self.parts}

    @property
    def has_sheets(self) -> bool:
        """Whether the full criterion-level score sheets of this regime are stored in this package."""
        return self.data_dir is not None


_A = "Sản phẩm và sức mạnh của cộng đồng"
_B = "Khả năng tiếp thị"
_C = "Chất lượng sản phẩm"

QD_1048_2019 = Regime(
    code="1048/2019",
    instrument="QĐ 1048/QĐ-TTg ngày 21/08/2019 (sửa đổi bởi QĐ 781/QĐ-TTg ngày 08/06/2020)",
    signed=date(2019, 8, 21),
    parts=(PartTotal("A", _A, 35), PartTotal("B", _B, 25), PartTotal("C", _C, 40)),
    product_sets=26,
    data_dir=None,
    note=(
        "Part totals A 35 / B 25 / C 40 from secondary sources (ocop-rules.md §9, [S12][S13]); part names as "
        "reported there. The criterion-level sheets are not held: results are readable per part only."
    ),
)

QD_148_2023 = Regime(
    code="148/2023",
    instrument="QĐ 148/QĐ-TTg ngày 24/02/2023 (Phụ lục II sửa đổi bởi QĐ 1489/QĐ-TTg ngày 06/07/2025)",
    signed=date(2023, 2, 24),
    parts=(PartTotal("A", _A, 40), PartTotal("B", _B, 25), PartTotal("C", _C, 35)),
    product_sets=26,
    data_dir=None,
    note=(
        "Part totals A 40 / B 25 / C 35 (ocop-rules.md §2, §9, [S4][S5]); the number of product "
        "sets under 148 "
        "is UNCERTAIN (26 assumed, as in 26/2026). The criterion-level sheets are not held: "
        "results are readable "
        "per part only."
    ),
)

QD_26_2026 = Regime(
    code="26/2026",
    instrument="QĐ 26/2026/QĐ-TTg ngày 22/05/2026, Phụ lục II",
    signed=date(2026, 5, 22),
    parts=(PartTotal("A", _A, 40), PartTotal("B", _B, 25), PartTotal("C", _C, 35)),
    product_sets=26,
    data_dir="qd26_2026",
    note=(
        "Full score sheets of all 26 product sets, extracted from the legal text "
        "(see qd26_2026/DECISIONS.md)."
    ),
)

REGIMES: dict[str, Regime] = {regime.code: regime for regime in (QD_1048_2019, QD_148_2023, QD_26_2026)}
CURRENT_REGIME = QD_26_2026.code


def get_regime(code: str) -> Regime:
    """The regime with this code (``"26/2026"``, ``"148/2023"``, ``"1048/2019"``); ``KeyError`` if unknown."""
    try:
        return REGIMES[code]
    except KeyError:
        raise KeyError(f"unknown rubric regime {code!r}; known: {', '.join(REGIMES)}") from None
