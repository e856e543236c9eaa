"""Cell values read from a sheet → the Python value of a column's kind, or a Vietnamese reason why not.

Officers type dates as real Excel dates, as Excel serial numbers, or as text ("05/03/2024", "5-3-2024",
"2024-03-05"); numbers as numbers or as text with Vietnamese separators ("1.234" is one thousand two
hundred thirty-four, "12,5" is twelve and a half); choices by their label or their code, with or without
accents; yes/no as "có"/"không"/"x". Each converter returns ``(value, "")`` or ``(None, message)``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from ocop.core.text import fold, normalize
from ocop.exchange.importers.base import Column

TEXT_MAX = 2000  # no text column of the registry is longer; a longer cell is a pasted mistake
_DATE_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_THOUSANDS = re.compile(r"^-?\d{1,3}([. ]\d{3})+$")
_TRUE = {"co", "x", "yes", "y", "1", "dung", "true", "co tham gia"}
_FALSE = {"khong", "0", "no", "n", "sai", "false", "-"}
EXCEL_ERRORS = frozenset(
    {"#REF!", "#N/A", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)
Converted = tuple[Any, str]


def is_blank(raw: Any) -> bool:
    """An empty cell, or one holding only spaces."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


def as_text(raw: Any) -> str:
    """A cell as the text a person sees (whole numbers without ".0", dates as dd/mm/yyyy)."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return _("Có") if raw else _("Không")
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.strftime("%d/%m/%Y") if raw.time() == dt.time() else raw.strftime("%d/%m/%Y %H:%M")
    if isinstance(raw, dt.date):
        return raw.strftime("%d/%m/%Y")
    return normalize(str(raw))


def to_text(raw: Any, column: Column) -> Converted:
    text = as_text(raw)
    limit = column.max_length or TEXT_MAX
    if len(text) > limit:
        return None, _("Nội dung dài %(length)s ký tự, vượt quá %(limit)s ký tự cho phép.") % {
            "length": f"{len(text):,}".replace(",", "."),
            "limit": limit,
        }
    return text, ""


def _number_text(text: str) -> str:
    """Vietnamese-written number → Python's: "1.234.567" → "1234567", "12,5" → "12.5"."""
    text = text.replace("\u00a0", " ").strip()
    if _THOUSANDS.match(text):
        return text.replace(".", "").replace(" ", "")
    text = text.replace(" ", "")
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            return text.replace(".", "").replace(",", ".")
        return text.replace(",", "")
    return text.replace(",", ".")


def to_int(raw: Any, column: Column) -> Converted:
    if isinstance(raw, bool):
        return None, _("Cần một số nguyên, ô đang ghi “%(value)s”.") % {"value": as_text(raw)}
    if isinstance(raw, int):
        return raw, ""
    if isinstance(raw, float):
        if raw.is_integer() and abs(raw) < 1e15:
            return int(raw), ""
        return None, _("Cần một số nguyên, ô đang ghi %(value)s.") % {"value": raw}
    text = _number_text(as_text(raw))
    if re.fullmatch(r"-?\d{1,15}", text):
        return int(text), ""
    return None, _("Cần một số nguyên, ô đang ghi “%(value)s”.") % {"value": as_text(raw)[:50]}


def to_decimal(raw: Any, column: Column) -> Converted:
    if isinstance(raw, bool):
        return None, _("Cần một số, ô đang ghi “%(value)s”.") % {"value": as_text(raw)}
    if isinstance(raw, (int, float)):
        value = Decimal(str(raw))
    else:
        try:
            value = Decimal(_number_text(as_text(raw)))
        except InvalidOperation:
            return None, _("Cần một số, ô đang ghi “%(value)s”.") % {"value": as_text(raw)[:50]}
    if not value.is_finite() or abs(value) >= Decimal("1e15"):
        return None, _("Số không hợp lệ: “%(value)s”.") % {"value": as_text(raw)[:50]}
    return value, ""


def _date_message(raw: Any) -> str:
    return _("Ngày “%(value)s” không đọc được; hãy ghi theo dạng ngày/tháng/năm, ví dụ 05/03/2024.") % {
        "value": as_text(raw)[:50]
    }


def to_date(raw: Any, column: Column) -> Converted:
    if isinstance(raw, dt.datetime):
        return raw.date(), ""
    if isinstance(raw, dt.date):
        return raw, ""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if 1 <= raw < 2958466:  # Excel serials from 01/01/1900 to 31/12/9999
            value = from_excel(raw)
            return (value.date() if isinstance(value, dt.datetime) else None), ""
        return None, _date_message(raw)
    text = as_text(raw)
    match = _DATE_TEXT.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        return None, _date_message(raw)
    try:
        return dt.date(year, month, day), ""
    except ValueError:
        return None, _("Ngày %(value)s không có trên lịch; hãy kiểm tra ngày và tháng.") % {"value": text}


def to_choice(raw: Any, column: Column, choices: tuple[tuple[str, str], ...]) -> Converted:
    key = fold(as_text(raw))
    for value, label in choices:
        if key in (fold(value), fold(str(label))):
            return value, ""
    labels = "; ".join(str(label) for _value, label in choices)
    return None, _("“%(value)s” không có trong danh mục. Chọn một trong: %(labels)s.") % {
        "value": as_text(raw)[:80],
        "labels": labels,
    }


def to_bool(raw: Any, column: Column) -> Converted:
    if isinstance(raw, bool):
        return raw, ""
    key = fold(as_text(raw))
    if key in _TRUE:
        return True, ""
    if key in _FALSE:
        return False, ""
    return None, _("Ghi “Có” hoặc “Không” (hoặc “x” khi có), ô đang ghi “%(value)s”.") % {
        "value": as_text(raw)[:50]
    }


def gtin_check_digit(body: str) -> int:
    """GS1 check digit of the digits before it (weights 3, 1, 3, … from the right)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def to_gtin(raw: Any, column: Column) -> Converted:
    text = re.sub(r"[\s\-.]", "", as_text(raw))
    if not text.isdigit() or not text.isascii() or len(text) not in (8, 12, 13, 14):
        return None, _("Mã GTIN gồm 8, 12, 13 hoặc 14 chữ số; ô đang ghi “%(value)s”.") % {
            "value": as_text(raw)[:50]
        }
    expected = gtin_check_digit(text[:-1])
    if int(text[-1]) != expected:
        return None, _("Mã GTIN %(code)s sai số kiểm tra: chữ số cuối phải là %(digit)s.") % {
            "code": text,
            "digit": expected,
        }
    return text, ""


_CONVERTERS = {
    "text": to_text,
    "int": to_int,
    "decimal": to_decimal,
    "date": to_date,
    "bool": to_bool,
    "gtin": to_gtin,
}


def convert(raw: Any, column: Column, choices: tuple[tuple[str, str], ...] = ()) -> Converted:
    """A cell → ``(value, "")``; a blank cell → ``(None, "")``; a bad cell → ``(None, reason)``."""
    if is_blank(raw):
        return None, ""
    if isinstance(raw, str) and raw in EXCEL_ERRORS:
        return None, _("Ô chứa lỗi công thức “%(value)s”; hãy sửa công thức hoặc ghi giá trị.") % {
            "value": raw
        }
    if column.kind == "choice":
        return to_choice(raw, column, choices or column.choices)
    return _CONVERTERS.get(column.kind, to_text)(raw, column)
