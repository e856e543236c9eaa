"""What the demo history records, decided without touching the database: plan areas, decision calendars,
and each product's chain of recognitions (``Planner.history``), from one seeded ``random.Random``."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ocop.certification import domain
from ocop.certification.models import Authority
from ocop.demo.planning import apportion
from ocop.geo.domain import REFORM_DATE

SEED = 2026
FIRST_DAY = dt.date(2019, 1, 1)
CENTRAL = "TW"
MINISTRY_RENAMED = dt.date(2025, 3, 1)  # Bộ NN&PTNT + Bộ TN&MT → Bộ Nông nghiệp và Môi trường

SHARE = 0.42  # products recognised at some point
FOUR_STAR = 0.15
FIVE_STAR = 0.12  # of 4★ certificates, taken to 5★ by the minister a year or more later
REVOKE = 0.04
MID_UPGRADE = 0.05  # 3★ → 4★ one to two and a half years after recognition
RENEW = 0.20  # renewed (or upgraded, downgraded) at the end of the 36 months
YEARS = {2019: 0.8, 2020: 1.0, 2021: 1.2, 2022: 1.3, 2023: 1.3, 2024: 1.2, 2025: 1.1, 2026: 0.7}


@dataclass(frozen=True)
class Area:
    """A reference plan's area (on the pre-2025 map) that needs enough history in the plan's period."""

    key: str
    prefix: str
    period: tuple[dt.date, dt.date]
    share: float
    years: dict[int, float]
    four_star: float = FOUR_STAR
    upgrade_year: int | None = None  # 3★ products recognised earlier are upgraded to 4★ that year
    upgrade_share: float = 0.0


def _weights(base: float, heavy: dict[int, float]) -> dict[int, float]:
    return {year: heavy.get(year, base) for year in YEARS}


AREAS: tuple[Area, ...] = (
    Area(
        "dak_nong",
        "/pre2025/67/",
        (dt.date(2021, 1, 1), dt.date(2025, 12, 31)),
        share=0.95,
        years=_weights(0.15, dict.fromkeys(range(2021, 2026), 1.0)),
        four_star=0.3,
    ),
    Area(
        "dak_glei",
        "/pre2025/62/610/",
        (dt.date(2021, 1, 1), dt.date(2025, 12, 31)),
        share=0.8,
        years=_weights(0.15, dict.fromkeys(range(2021, 2026), 1.0)),
    ),
    Area(
        "bac_giang",
        "/pre2025/24/",
        (dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
        share=0.6,
        years=_weights(0.3, {2019: 1.0, 2020: 1.0, 2021: 4.0}),
        four_star=0.2,
        upgrade_year=2021,
        upgrade_share=0.7,
    ),
    Area(
        "dong_thap",
        "/pre2025/87/",
        (dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
        share=0.65,
        years=_weights(0.3, {2019: 1.0, 2020: 1.2, 2021: 4.0}),
        four_star=0.2,
        upgrade_year=2021,
        upgrade_share=0.7,
    ),
    Area(
        "hue",
        "/pre2025/46/",
        (dt.date(2019, 1, 1), dt.date(2020, 12, 31)),
        share=0.6,
        years=_weights(0.4, {2019: 3.0, 2020: 2.0}),
        four_star=0.2,
        upgrade_year=2020,
        upgrade_share=0.5,
    ),
)


def area_of(legacy_path: str) -> Area | None:
    return next((area for area in AREAS if legacy_path.startswith(area.prefix)), None)


def province_key(path: str) -> str:
    """``/pre2025/67/662/24823/`` → ``/pre2025/67/``."""
    parts = path.strip("/").split("/")
    return f"/{parts[0]}/{parts[1]}/"


def _weekday(day: dt.date, low: dt.date) -> dt.date:
    while day.weekday() >= 5 and day > low:
        day -= dt.timedelta(days=1)
    return day


def _spread(rng: random.Random, low: dt.date, high: dt.date, n: int) -> list[dt.date]:
    """``n`` dates, one in each of ``n`` equal parts of [low, high], on weekdays."""
    span = (high - low).days + 1
    days = []
    for i in range(n):
        start, end = low.toordinal() + span * i // n, low.toordinal() + span * (i + 1) // n - 1
        days.append(_weekday(dt.date.fromordinal(rng.randint(start, end)), low))
    return sorted(set(days))


@dataclass
class Calendar:
    """Decision dates: 2–3 a year per province (1–2 in each half of 2025), 1–2 a year for the minister."""

    cache: dict[tuple[str, int], list[dt.date]] = field(default_factory=dict)

    def batches(self, key: str, year: int) -> list[dt.date]:
        if (key, year) not in self.cache:
            rng = random.Random(f"{SEED}:{key}:{year}")
            window = _window(key, year)
            if window is None:
                self.cache[key, year] = []
            else:
                halved = key == CENTRAL or year == REFORM_DATE.year
                n = rng.choice((1, 2) if halved else (2, 3))
                self.cache[key, year] = _spread(rng, window[0] + dt.timedelta(days=45), window[1], n)
        return self.cache[key, year]


def _window(key: str, year: int) -> tuple[dt.date, dt.date] | None:
    """The part of ``year`` in which the unit of ``key`` existed (the minister: the whole year)."""
    low, high = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if key.startswith("/pre2025/"):
        high = min(high, REFORM_DATE - dt.timedelta(days=1))
    elif key != CENTRAL:
        low = max(low, REFORM_DATE)
    return (low, high) if low <= high else None


@dataclass
class Item:
    product: Any  # registry.Product
    legacy_key: str
    current_key: str
    earliest: dt.date
    area: Area | None
    start_year: int | None = None


@dataclass
class Event:
    day: dt.date
    item: Item
    kind: str  # "record" or "revoke"
    star: int = 3
    authority: str = Authority.PROVINCE_CHAIR
    score: Decimal | None = None
    label: str = "first"  # first, renewal, upgrade, downgrade, five_star, lapsed


class Planner:
    def __init__(self, *, rng: random.Random, today: dt.date) -> None:
        self.rng = rng
        self.today = today
        self.calendar = Calendar()

    def dates(self, item: Item, low: dt.date, high: dt.date, *, central: bool = False) -> list[dt.date]:
        high = min(high, self.today)
        keys = [CENTRAL] if central else [k for k in (item.legacy_key, item.current_key) if k]
        found = [
            day
            for year in range(low.year, high.year + 1)
            for key in keys
            for day in self.calendar.batches(key, year)
            if low <= day <= high
        ]
        return sorted(set(found))

    def score(self, star: int) -> Decimal:
        low, high = {3: (50, 69), 4: (70, 89), 5: (90, 97)}[star]
        return Decimal(self.rng.randint(low * 100, high * 100 + 99)) / 100

    def first(self, item: Item) -> Event | None:
        rng, area = self.rng, item.area
        weights = area.years if area else YEARS
        years = list(range(item.earliest.year, self.today.year + 1))
        if not years:
            return None
        start = item.start_year or rng.choices(years, weights=[weights.get(y, 0.7) for y in years])[0]
        days = self.dates(item, max(item.earliest, dt.date(start, 1, 1)), self.today)
        if not days:
            return None
        first_year = [d for d in days if d.year == days[0].year]
        star = 4 if rng.random() < (area.four_star if area else FOUR_STAR) else 3
        return Event(rng.choice(first_year), item, "record", star=star, score=self.score(star))

    def follow(self, item: Item, last: Event, *, upgraded: bool) -> Event | None:
        rng, area = self.rng, item.area
        day, star = last.day, last.star
        until = domain.valid_until(day)
        r = rng.random()
        if area and area.upgrade_year and star == 3 and not upgraded and day.year < area.upgrade_year:
            if r < area.upgrade_share:
                year = area.upgrade_year
                days = self.dates(
                    item, max(day + dt.timedelta(days=1), dt.date(year, 1, 1)), dt.date(year, 12, 31)
                )
                days = [d for d in days if d <= until]
                return self._record(item, days, 4, "upgrade")
            r = rng.random()
        if star == 4 and r < FIVE_STAR:
            days = self.dates(item, day + dt.timedelta(days=365), until - dt.timedelta(days=1), central=True)
            return self._record(item, days, 5, "five_star", authority=Authority.MINISTER)
        r -= FIVE_STAR if star == 4 else 0
        if r < REVOKE:
            low, high = day + dt.timedelta(days=180), min(until - dt.timedelta(days=30), self.today)
            if low > high:
                return None
            concluded = dt.date.fromordinal(rng.randint(low.toordinal(), high.toordinal()))
            decided = min(concluded + dt.timedelta(days=rng.randint(3, 14)), self.today)
            return Event(decided, item, "revoke", star=star, label="revoke", score=None)
        r -= REVOKE
        if star == 3 and r < MID_UPGRADE:
            days = self.dates(item, day + dt.timedelta(days=365), min(day + dt.timedelta(days=900), until))
            return self._record(item, days, 4, "upgrade")
        r -= MID_UPGRADE if star == 3 else 0
        if r >= RENEW:
            return None
        central = star == 5
        days = self.dates(item, until - dt.timedelta(days=180), until, central=central)
        label = "renewal"
        if not days:  # no batch in the window: recognised again a little after it lapsed
            days = self.dates(
                item, until + dt.timedelta(days=1), until + dt.timedelta(days=150), central=central
            )
            label = "lapsed"
        new_star = star
        if star == 3 and rng.random() < 0.3:
            new_star, label = 4, "upgrade" if label == "renewal" else label
        elif star == 4 and rng.random() < 0.15:
            new_star, label = 3, "downgrade" if label == "renewal" else label
        authority = Authority.MINISTER if central else Authority.PROVINCE_CHAIR
        return self._record(item, days, new_star, label, authority=authority)

    def _record(
        self,
        item: Item,
        days: list[dt.date],
        star: int,
        label: str,
        authority: str = Authority.PROVINCE_CHAIR,
    ) -> Event | None:
        if not days:
            return None
        return Event(
            self.rng.choice(days[:2]),
            item,
            "record",
            star=star,
            authority=authority,
            score=self.score(star),
            label=label,
        )

    def history(self, item: Item) -> list[Event]:
        event = self.first(item)
        events: list[Event] = []
        upgraded = False
        while event is not None and event.day <= self.today:
            events.append(event)
            if event.kind == "revoke" or len(events) >= 5:
                break
            upgraded = upgraded or event.label == "upgrade"
            event = self.follow(item, event, upgraded=upgraded)
            if event is not None and event.day <= events[-1].day:
                break
        return events


def choose(items: list[Item], rng: random.Random) -> list[Item]:
    """About ``share`` of each province's products (each plan area's own share), drawn without bias."""
    groups: dict[tuple[str, str], list[Item]] = {}
    for item in items:
        groups.setdefault((item.current_key, item.area.key if item.area else ""), []).append(item)
    chosen = []
    for (_, area_key), group in sorted(groups.items()):
        share = next(a.share for a in AREAS if a.key == area_key) if area_key else SHARE
        n = round(len(group) * share + rng.random() - 0.5)
        picked = rng.sample(group, max(0, min(len(group), n)))
        area = picked[0].area if picked else None
        if area is not None:  # the plan's years get their share exactly, not by the luck of the draw
            counts = apportion(len(picked), {str(y): w for y, w in area.years.items()}, at_least_one=False)
            years = [int(y) for y, k in sorted(counts.items()) for _ in range(k)]
            for item, year in zip(picked, years, strict=True):
                item.start_year = year
        chosen += picked
    return sorted(chosen, key=lambda item: item.product.pk)
