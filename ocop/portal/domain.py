"""GS1 rules for the public portal as pure functions: GTIN check digits and the 14-digit form.

GS1 General Specifications §7.9: the check digit of a GTIN-8, -12, -13 or -14 is computed from the other
digits weighted 3, 1, 3, 1 … from the right, so a GTIN padded on the left with zeros keeps its check digit
and every GTIN can be compared as 14 digits (``gtin14``).
"""

from __future__ import annotations

GTIN_LENGTHS = (8, 12, 13, 14)


def gtin_check_digit(body: str) -> int:
    """The check digit for ``body`` (the GTIN without its last digit): weights 3, 1, 3 … from the right."""
    total = sum(int(digit) * (3 if index % 2 == 0 else 1) for index, digit in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def is_valid_gtin(value: str | None) -> bool:
    """Whether ``value`` is a GTIN-8, -12, -13 or -14: ASCII digits, a right length and check digit."""
    if not value or len(value) not in GTIN_LENGTHS or not (value.isascii() and value.isdigit()):
        return False
    return gtin_check_digit(value[:-1]) == int(value[-1])


def gtin14(value: str | None) -> str | None:
    """The GTIN padded on the left to 14 digits, or ``None`` when it is not a valid GTIN."""
    if not is_valid_gtin(value):
        return None
    return str(value).zfill(14)


def stored_forms(value14: str) -> list[str]:
    """The ways a GTIN given as 14 digits may be stored: itself and each shorter GTIN it pads (zeros only)."""
    forms = [value14]
    for length in (13, 12, 8):
        if value14[: 14 - length] == "0" * (14 - length):
            forms.append(value14[14 - length :])
    return forms


def schema_gtin_property(value: str | None) -> str | None:
    """The schema.org property for a GTIN of this length (``gtin8``, ``gtin12``, ``gtin13``, ``gtin14``)."""
    return f"gtin{len(value)}" if is_valid_gtin(value) else None
