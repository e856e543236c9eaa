"""Vietnamese text: NFC normalisation, accent folding for search, and Vietnamese sort keys.

``fold("Sâm dây Ngọc Linh") == "sam day ngoc linh"``; ``fold("Đắk Glei") == "dak glei"``.
The folded key is stored beside each searchable name so the same ``icontains`` query works on
SQLite and PostgreSQL. ``sort_key`` orders names the Vietnamese way (a < ă < â < b … d < đ …,
tones as a secondary key), and is stored too so the database can sort with a plain ORDER BY.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")

# Vietnamese alphabet order of base letters (with their vowel marks, without tones).
_ALPHABET = "aăâbcdđeêfghiijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: index for index, letter in enumerate(dict.fromkeys(_ALPHABET))}
# Tone marks, in the order Vietnamese dictionaries use: none, huyền, sắc, hỏi, ngã, nặng.
_TONES = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
# Vowel marks that make a distinct letter (ă, â, ê, ô, ơ, ư) — kept in the primary key.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}


def normalize(text: str | None) -> str:
    """NFC-normalise and trim a user-supplied string, collapsing runs of whitespace."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(text))).strip()


def fold(text: str | None) -> str:
    """Search key: accents removed, đ→d, case-folded, whitespace collapsed."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.casefold()).strip()


def sort_key(text: str | None) -> str:
    """A string of digits whose plain order is Vietnamese alphabetical order.

    Each character becomes two digits (space 01, digits 02–11, letters by the Vietnamese alphabet
    from 12, anything else 99), then "00" ends the primary part, then one digit per tone. Digits
    only, so PostgreSQL's locale collation and SQLite's binary one order the key the same way.
    Long names are keyed on their first 200 characters.
    """
    primary: list[str] = []
    tones: list[str] = []
    for char in normalize(text).lower()[:200]:
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _LETTER_MARKS))
        if letter in _LETTER_RANK:
            primary.append(f"{12 + _LETTER_RANK[letter]:02d}")
        elif char == " ":
            primary.append("01")
        elif char.isdigit() and char.isascii():
            primary.append(f"{2 + int(char):02d}")
        else:
            primary.append("99")
        tones.append(str(next((_TONES[m] for m in marks if m in _TONES), 0)))
    return "".join(primary) + "00" + "".join(tones[:100])


def slug(text: str | None) -> str:
    """URL slug from Vietnamese text (folds first, so "đ" becomes "d" rather than vanishing)."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
