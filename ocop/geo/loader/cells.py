"""Cells and rows of the official CSV files: line-numbered rows, GSO codes, kind words (pure)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from functools import lru_cache

from ocop.core.text import fold as _fold
from ocop.core.text import normalize
from ocop.geo.domain import Level
from ocop.geo.models import AdminUnitKind

# Kind words that begin a unit's name, per level (the first that matches wins).
_PREFIXES: dict[int, list[tuple[str, str]]] = {
    Level.PROVINCE: [("Thành phố", AdminUnitKind.CENTRAL_CITY), ("Tỉnh", AdminUnitKind.PROVINCE)],
    Level.DISTRICT: [
        ("Thành phố", AdminUnitKind.PROVINCIAL_CITY),
        ("Thị xã", AdminUnitKind.TOWN),
        ("Quận", AdminUnitKind.URBAN_DISTRICT),
        ("Huyện", AdminUnitKind.RURAL_DISTRICT),
    ],
    Level.COMMUNE: [
        ("Thị trấn", AdminUnitKind.TOWNSHIP),
        ("Phường", AdminUnitKind.WARD),
        ("Xã", AdminUnitKind.COMMUNE),
        ("Đặc khu", AdminUnitKind.SPECIAL_ZONE),
    ],
}  # Province and district names repeat on thousands of rows: fold each distinct string once.
fold = lru_cache(maxsize=65536)(_fold)
_NAME_AND_CODE = re.compile(r"^(?P<name>.*?)\s*\(\s*(?P<code>[^()]*?)\s*\)$")
_CODE_WIDTH = {Level.PROVINCE: 2, Level.DISTRICT: 3, Level.COMMUNE: 5}


def read_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """CSV rows with the number of the line each starts on (quoted cells may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def is_code(value: str, level: int) -> bool:
    """A GSO code of ``level``: ASCII digits, with its leading zeros (2, 3 or 5 of them)."""
    return re.fullmatch(rf"[0-9]{{{_CODE_WIDTH[level]}}}", value) is not None


def split_kind(name: str, level: int) -> tuple[str | None, str]:
    """The kind a name's first words give, and the name with those words spelt canonically.

    ``split_kind("Thị Xã Mộc Châu", 2) == ("thi_xa", "Thị xã Mộc Châu")``; ``(None, name)`` if
    the name starts with no kind word of that level. Case and marks are ignored ("Xa Ea Kly").
    """
    return _split_kind(normalize(name), level)


@lru_cache(maxsize=65536)
def _split_kind(name: str, level: int) -> tuple[str | None, str]:
    folded = fold(name)
    for prefix, kind in _PREFIXES[level]:
        folded_prefix = fold(prefix)
        if folded == folded_prefix or folded.startswith(folded_prefix + " "):
            rest = " ".join(name.split(" ")[len(prefix.split(" ")) :])
            return str(kind), f"{prefix} {rest}".strip()
    return None, name


def kind_of_word(word: str, level: int) -> str | None:
    """The kind named by a bare kind word such as the "Cấp" column's "Thị trấn"."""
    folded = fold(word)
    return next((str(kind) for prefix, kind in _PREFIXES[level] if fold(prefix) == folded), None)


def split_name_code(cell: str) -> tuple[str, str] | None:
    """``"Quận Ba Đình (001)"`` → ``("Quận Ba Đình", "001")``; ``None`` if there is no "(code)"."""
    match = _NAME_AND_CODE.match(normalize(cell))
    if not match:
        return None
    return normalize(match["name"]), match["code"]
