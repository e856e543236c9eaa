"""Shared pieces of the indicator modules: counts and shares as breakdowns, date rules, parameter checks.

Each helper costs what ``base.grouped`` costs: one query for the total and one for the breakdown, since a
share's numerator and denominator are two aggregates of the same query.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ocop.certification.models import Certificate
from ocop.monitoring.indicators.base import Breakdown, Grouping, Param, Period, Place, Value, grouped

NO_SHARE = Value.share(0, 0)

STAR_CHOICES = ((3, _("3 sao")), (4, _("4 sao")), (5, _("5 sao")))


def count_breakdown(qs: QuerySet, place: Place, unit, grouping: Grouping, expression: Any) -> Breakdown:
    """``expression`` (a Count or Sum) over the records of ``qs`` within ``unit``, and per child."""
    total, rows = grouped(qs, place, unit, grouping, n=expression)
    return Breakdown(Value.count(total["n"]), {path: Value.count(row["n"]) for path, row in rows.items()})


def share_breakdown(
    qs: QuerySet,
    place: Place,
    unit,
    grouping: Grouping,
    *,
    numerator: Any,
    denominator: Any,
) -> Breakdown:
    """``numerator / denominator`` in percent over the records of ``qs`` within ``unit``, and per child."""
    total, rows = grouped(qs, place, unit, grouping, num=numerator, den=denominator)
    return Breakdown(
        Value.share(total["num"], total["den"]),
        {path: Value.share(row["num"], row["den"]) for path, row in rows.items()},
        empty=NO_SHARE,
    )


def distinct(field: str, condition: Q | None = None) -> Count:
    return Count(field, distinct=True, filter=condition)


def certificate_in_force(day: dt.date, prefix: str = "") -> Q:
    """A certificate that carries its stars on ``day``: issued by then, not yet expired (the last valid
    day included), not revoked by then and not superseded by then — ``certification.domain`` in SQL."""
    p = prefix
    return (
        Q(**{f"{p}issued_on__lte": day, f"{p}valid_until__gte": day})
        & (Q(**{f"{p}revocation__isnull": True}) | Q(**{f"{p}revocation__decided_on__gt": day}))
        & (Q(**{f"{p}superseded_by__isnull": True}) | Q(**{f"{p}superseded_on__gt": day}))
    )


def certificates_in_force(day: dt.date) -> QuerySet[Certificate]:
    return Certificate.objects.filter(certificate_in_force(day))


def has_certificate_in_force(day: dt.date, *, product_ref: str) -> Exists:
    """Whether the product at ``OuterRef(product_ref)`` holds a certificate in force on ``day``."""
    return Exists(certificates_in_force(day).filter(product_id=OuterRef(product_ref)))


def producer_has_certificate_in_force(day: dt.date, *, producer_ref: str = "pk") -> Exists:
    return Exists(certificates_in_force(day).filter(product__producer_id=OuterRef(producer_ref)))


def in_period(field: str, period: Period) -> Q:
    """``field`` (a date, or ``field__date`` of a time in the local time zone) within the period."""
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def years_of(period: Period) -> list[int]:
    """The calendar years the period touches (a yearly record counts in full for each of them)."""
    return list(range(period.start.year, period.end.year + 1))


def choice(name: str, value: Any, choices: Any) -> Any:
    """``value`` when it is one of ``choices`` (or None); a ValueError naming the parameter otherwise."""
    if value is None or value == "":
        return None
    allowed = {str(code) for code, _label in choices}
    if str(value) not in allowed:
        raise ValueError(f"parameter {name}: {value!r} is not one of {sorted(allowed)}")
    return value


def star(name: str, value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"parameter {name}: {value!r} is not a star (3, 4 or 5)") from None
    if not 3 <= number <= 5:
        raise ValueError(f"parameter {name}: {value!r} is not a star (3, 4 or 5)")
    return number


def star_params(default_min: int = 3, default_max: int = 5) -> tuple[Param, ...]:
    return (
        Param("star_min", _("Hạng sao từ"), default_min, STAR_CHOICES),
        Param("star_max", _("Hạng sao đến"), default_max, STAR_CHOICES),
    )


def flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on", "có"}
    return bool(value)


def describe(*parts: Any) -> Any:
    """Sentences (each translated on its own) joined into one lazily translated description."""
    return format_lazy(" ".join(["{}"] * len(parts)), *parts)
