"""Public statistics: OCOP products in force by star, province and sector on a day; recognitions by year."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from ocop.certification.models import Certificate
from ocop.certification.selectors import live_on
from ocop.portal.selectors.public_map import current_provinces
from ocop.registry.models import CURRENT_REGIME, Sector

STARS = (3, 4, 5)
# The programme began with QĐ 490/QĐ-TTg (07/05/2018); no recognition predates it.
FIRST_YEAR = 2018


@dataclass(frozen=True)
class Row:
    """One line of a table: a label, counts per star and their total."""

    label: str
    by_star: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.by_star)


@dataclass(frozen=True)
class PublicStatistics:
    as_of: dt.date
    year: int | None
    by_star: tuple[int, ...]
    by_province: list[Row]
    by_sector: list[Row]
    by_year: list[Row]

    @property
    def total(self) -> int:
        return sum(self.by_star)

    @property
    def year_totals(self) -> tuple[int, ...]:
        return tuple(sum(r.by_star[i] for r in self.by_year) for i in range(len(STARS)))

    @property
    def year_total(self) -> int:
        return sum(self.year_totals)


def year_from(value: str | None, *, today: dt.date) -> tuple[int | None, str | None]:
    """Read ``?nam=``: a year from 2018 to this year, or ``None`` and a message saying what to write."""
    written = (value or "").strip()
    if not written:
        return None, None
    if re.fullmatch(r"[0-9]{4}", written) and FIRST_YEAR <= int(written) <= today.year:
        return int(written), None
    return None, _(
        "Năm “%(value)s” không hợp lệ: hãy chọn một năm từ %(first)s đến %(last)s. "
        "Đang hiển thị số liệu đến hôm nay."
    ) % {"value": written[:12], "first": FIRST_YEAR, "last": today.year}


def as_of_for(year: int | None, *, today: dt.date) -> dt.date:
    """The day the in-force counts are taken: 31/12 of a past year, otherwise today."""
    if year is None or year >= today.year:
        return today
    return dt.date(year, 12, 31)


def _stars(counts: dict[int, int]) -> tuple[int, ...]:
    return tuple(counts.get(star, 0) for star in STARS)


def public_statistics(*, today: dt.date, year: int | None = None) -> PublicStatistics:
    """Products with a certificate in force on the day (``as_of_for``), and every recognition by year.

    Four queries whatever the data: the provinces, the sectors, one grouped count of the certificates in
    force (star × province of the producer's commune × sector), one grouped count of all certificates
    by year of issue and star. A product counts once in its group (``Count(distinct)``).
    """
    as_of = as_of_for(year, today=today)
    provinces = [(unit.pk, unit.name) for unit in current_provinces()]
    in_force = live_on(Certificate.objects.filter(issued_on__lte=as_of, valid_until__gte=as_of), as_of)
    grouped = in_force.values(
        "star", "producer__commune__parent_id", "product__product_set__group__sector_id"
    ).annotate(n=Count("product", distinct=True))
    star_counts: dict[int, int] = defaultdict(int)
    province_counts: dict[int | None, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    sector_counts: dict[int | None, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for row in grouped.order_by():
        star, n = row["star"], row["n"]
        star_counts[star] += n
        province_counts[row["producer__commune__parent_id"]][star] += n
        sector_counts[row["product__product_set__group__sector_id"]][star] += n

    by_province = [Row(name, _stars(province_counts.get(pk, {}))) for pk, name in provinces]
    known = {pk for pk, _name in provinces}
    elsewhere = {s: n for pk, c in province_counts.items() if pk not in known for s, n in c.items()}
    if elsewhere:  # a producer left in a unit outside the current map: counted, never lost
        by_province.append(Row(_("Chưa xác định tỉnh theo bản đồ hiện hành"), _stars(elsewhere)))

    used = [pk for pk in sector_counts if pk is not None]
    sectors = Sector.objects.filter(regime=CURRENT_REGIME) | Sector.objects.filter(pk__in=used)
    by_sector = [
        Row(
            s.name if s.regime == CURRENT_REGIME else f"{s.name} ({s.get_regime_display()})",
            _stars(sector_counts.get(s.pk, {})),
        )
        for s in sorted(sectors, key=lambda s: (s.regime != CURRENT_REGIME, s.regime, s.code))
    ]

    yearly: dict[int, dict[int, int]] = defaultdict(dict)
    for row in (
        Certificate.objects.annotate(year=ExtractYear("issued_on"))
        .values("year", "star")
        .annotate(n=Count("id"))
        .order_by()
    ):
        yearly[row["year"]][row["star"]] = row["n"]
    years = range(min(yearly), max(yearly) + 1) if yearly else range(0)  # a year with none shows 0
    by_year = [Row(str(y), _stars(yearly.get(y, {}))) for y in years]

    return PublicStatistics(
        as_of=as_of,
        year=year,
        by_star=_stars(star_counts),
        by_province=by_province,
        by_sector=by_sector,
        by_year=by_year,
    )
