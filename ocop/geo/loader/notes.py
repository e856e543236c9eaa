"""How one note of the conversion table is read, and the succession kind it gives (pure functions)."""

from __future__ import annotations

import re
from enum import Enum

from ocop.core.text import fold

_NOT_LETTERS = re.compile(r"[^a-z0-9]+")


class Basis(Enum):
    """What a note says about the old unit's territory, before the context of the row is known."""

    WHOLE = "whole"  # "Nhập toàn bộ", "Nhập toàn bộ diện tích", "Sắp xếp toàn bộ … thành đặc khu …"
    PART = "part"  # "Nhập một phần…", "Phần còn lại sau khi tách…", "Đổi tên từ một phần …"
    KEPT = "kept"  # "Giữ nguyên"
    RENAMED = "renamed"  # "Đổi tên", "Đổi loại hình"
    BLANK = "blank"  # nothing written


def compact(note: str | None) -> str:
    """The note folded to bare letters and digits: typos of marks, spaces, quotes and line breaks vanish.

    ``compact('Nhâp một  phần\\n"') == "nhapmotphan"``.
    """
    return _NOT_LETTERS.sub("", fold(note))


def read_note(note: str | None) -> Basis | None:
    """Read a note; ``None`` when it says none of the things the reading rules know.

    The first matching rule wins, so a note that names a part anywhere is a part, even if it
    also says "toàn bộ dân số" (all the people of a part of the area) or "Đổi tên".
    """
    key = compact(note)
    if not key:
        return Basis.BLANK
    if "motphan" in key or "1phan" in key or "conlai" in key:
        return Basis.PART
    if "giunguyen" in key:
        return Basis.KEPT
    if "doiten" in key or "doiloaihinh" in key:
        return Basis.RENAMED
    if "toanbo" in key:
        return Basis.WHOLE
    return None


def succession_kind(basis: Basis, *, sole_source: bool, sole_successor: bool, same_name: bool) -> str:
    """The ``SuccessionKind`` value of one old → new link.

    ``sole_source``: the old unit is the only one the new unit was formed from.
    ``sole_successor``: the new unit is the only one the old unit went into.
    ``same_name``: old and new full names are equal once folded (kind word included).
    """
    one_to_one = sole_source and sole_successor
    if basis is Basis.PART:
        return "merged_part"
    if basis is Basis.KEPT:
        return "kept"
    if basis is Basis.RENAMED:
        return "renamed"
    if basis is Basis.BLANK and not sole_successor:
        # An old unit that went into several new ones cannot have gone wholly into each.
        return "merged_part"
    if one_to_one:
        return "kept" if same_name else "renamed"
    return "merged_whole"
