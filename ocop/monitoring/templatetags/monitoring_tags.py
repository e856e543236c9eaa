"""Template filters of the monitoring pages: Vietnamese numbers (1.234,5), status labels, bar widths."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

from ocop.monitoring.domain import STATUS_LABELS, Status

register = template.Library()


@register.filter
def num(value: Any, places: int = 2) -> str:
    """A number the Vietnamese way: thousands with ".", decimals with ",", trailing zeros dropped; "—" for
    no value. ``{{ x|num }}`` keeps up to 2 decimals, ``{{ x|num:0 }}`` none."""
    if value is None or value == "":
        return "—"
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return str(value)
    places = int(places)
    number = round(number, places)
    if places and number == number.to_integral_value():
        places = 0
    elif places:
        text = f"{number:f}"
        places = min(places, len(text.split(".")[1].rstrip("0"))) if "." in text else 0
    return number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def status_label(value: Any) -> str:
    try:
        return str(STATUS_LABELS[Status(str(value))])
    except ValueError:
        return str(value)


@register.filter
def bar_width(share: Any) -> str:
    """A progress bar's width in percent (0–100, dot decimal for CSS)."""
    if share is None:
        return "0"
    width = max(Decimal(0), min(Decimal(100), Decimal(str(share))))
    return f"{width:.1f}"


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None
