"""Pure rules of the activities: date order, coordinates inside Vietnam, revenue totals (no ORM, no clock)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

# The mainland, the islands and the two archipelagos fit in this box (the models validate the same bounds).
LATITUDE_RANGE = (8.0, 23.5)
LONGITUDE_RANGE = (102.0, 117.5)


def dates_in_order(starts_on: dt.date | None, ends_on: dt.date | None, *, strict: bool = False) -> bool:
    """Whether ``ends_on`` is not before ``starts_on`` (after it with ``strict``); a missing date passes."""
    if starts_on is None or ends_on is None:
        return True
    return ends_on > starts_on if strict else ends_on >= starts_on


def coordinates_problem(latitude: float | None, longitude: float | None) -> tuple[str, str] | None:
    """``(field, message)`` when the pair is incomplete or outside Vietnam, else ``None``."""
    if latitude is None and longitude is None:
        return None
    if latitude is None or longitude is None:
        field = "latitude" if latitude is None else "longitude"
        return field, "Hãy nhập đủ cả vĩ độ và kinh độ, hoặc bỏ trống cả hai."
    if not LATITUDE_RANGE[0] <= latitude <= LATITUDE_RANGE[1]:
        return "latitude", (
            f"Vĩ độ {latitude} nằm ngoài lãnh thổ Việt Nam "
            f"(từ {LATITUDE_RANGE[0]} đến {LATITUDE_RANGE[1]} độ Bắc)."
        )
    if not LONGITUDE_RANGE[0] <= longitude <= LONGITUDE_RANGE[1]:
        return "longitude", (
            f"Kinh độ {longitude} nằm ngoài lãnh thổ Việt Nam "
            f"(từ {LONGITUDE_RANGE[0]} đến {LONGITUDE_RANGE[1]} độ Đông)."
        )
    return None


def revenue_total(channels: Mapping[str, int | None]) -> int:
    """The total of a revenue report: the sum of its channels (an empty channel counts 0)."""
    return sum(int(value or 0) for value in channels.values())


def is_open_on(opened_on: dt.date, closed_on: dt.date | None, day: dt.date) -> bool:
    """A sales point is open on ``day`` from its opening day until (not including) its closing day."""
    return opened_on <= day and (closed_on is None or closed_on > day)


def is_live_on(listed_from: dt.date, listed_until: dt.date | None, day: dt.date) -> bool:
    """A listing is live on ``day`` from ``listed_from`` until (not including) ``listed_until``."""
    return is_open_on(listed_from, listed_until, day)


def growth_percent(this_year: int, last_year: int) -> float | None:
    """Year-on-year growth in percent; ``None`` when there is nothing to compare with."""
    if not last_year:
        return None
    return (this_year - last_year) / last_year * 100
