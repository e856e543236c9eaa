"""What to generate: a deterministic plan of producers and products over a map, without touching the database.

``plan_producers`` takes the current communes (as ``Place`` values), a count and a seed, and returns
``ProducerSpec`` values ready for the registry services or for ``bulk_create``. The same inputs give
the same plan: one ``random.Random(seed)`` drives every choice, and places are taken in code order.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ocop.core.text import fold
from ocop.demo.vocabulary import organisations as org
from ocop.demo.vocabulary import people, regions
from ocop.demo.vocabulary import products as vocab
from ocop.registry.domain import format_ocop_code

JOINED_FROM = dt.date(2019, 1, 1)
JOINED_TO = dt.date(2026, 9, 30)
PRODUCTS_PER_PRODUCER: tuple[tuple[int, int], ...] = ((1, 40), (2, 32), (3, 18), (4, 10))
OCOP_CODE_SHARE = 0.55
STORY_SHARE = 0.4
DISABLED_SHARE = 0.015
# OCOP producers are mostly rural: a ward (phường) weighs about a third of a commune (xã).
_KIND_WEIGHT = {"xa": 1.0, "dac_khu": 0.8, "phuong": 0.35}

# How a province is named on a label when its formal name is long.
_PLACE_ALIASES = {"Hồ Chí Minh": "Sài Gòn"}
_UNIT_PREFIXES = re.compile(r"^(Thành phố|Tỉnh|Xã|Phường|Đặc khu|Thị trấn|Thị xã|Quận|Huyện)\s+")


def short_name(unit_name: str) -> str:
    """ "Đắk Mil" from "Xã Đắk Mil", "Huế" from "Thành phố Huế"."""
    return _UNIT_PREFIXES.sub("", unit_name).strip()


def inline_name(unit_name: str) -> str:
    """A unit's name as written inside a sentence: "xã Đắk Mil", "tỉnh Lâm Đồng"."""
    return unit_name[:1].lower() + unit_name[1:] if _UNIT_PREFIXES.match(unit_name) else unit_name


@dataclass(frozen=True)
class Place:
    """A current commune (level 3) and its province, as the plan needs them."""

    commune_id: int
    commune_code: str
    commune_name: str
    commune_kind: str
    province_code: str
    province_name: str

    @property
    def regions(self) -> frozenset[str]:
        return regions.PROVINCE_REGIONS.get(self.province_code, regions.DEFAULT_REGIONS)

    @property
    def commune_short(self) -> str:
        return short_name(self.commune_name)

    @property
    def province_short(self) -> str:
        name = short_name(self.province_name)
        return _PLACE_ALIASES.get(name, name)

    @property
    def product_place(self) -> str:
        """The commune's own name if it makes a good product suffix (not "Phường 1"), else the province's."""
        name = self.commune_short
        return self.province_short if any(ch.isdigit() for ch in name) else name


@dataclass
class ProductSpec:
    name: str
    set_number: int
    description: str
    story: str = ""
    ocop_code: str = ""
    gtin: str = ""


@dataclass
class ProducerSpec:
    place: Place
    fields: dict[str, Any]  # registry fields except ``commune``
    products: list[ProductSpec] = field(default_factory=list)


def apportion(total: int, weights: dict[str, float], *, at_least_one: bool) -> dict[str, int]:
    """Split ``total`` over keys in proportion to ``weights`` (largest remainders), deterministically.

    With ``at_least_one`` (and enough to go round) a key left empty takes one from the largest share.
    """
    keys = sorted(weights)
    whole = sum(weights.values()) or 1.0
    quotas = {k: total * weights[k] / whole for k in keys}
    counts = {k: int(quotas[k]) for k in keys}
    left = total - sum(counts.values())
    for k in sorted(keys, key=lambda k: (-(quotas[k] - counts[k]), k))[:left]:
        counts[k] += 1
    if at_least_one and total >= len(keys):
        for k in keys:
            if counts[k] == 0:
                donor = min(keys, key=lambda d: (-counts[d], d))
                counts[donor] -= 1
                counts[k] = 1
    return counts


def province_weights(places: dict[str, list[Place]], focus: dict[str, float] | None) -> dict[str, float]:
    """Producers per province ∝ its communes (wards count less); ``focus`` (folded short name → share)
    reserves fixed shares for named provinces."""
    base = {
        code: sum(_KIND_WEIGHT.get(p.commune_kind, 0.6) for p in items)
        for code, items in places.items()
        if items
    }
    if not focus:
        return base
    focused = {
        code: focus[fold(items[0].province_short)]
        for code, items in places.items()
        if items and fold(items[0].province_short) in focus
    }
    rest_share = max(0.0, 1.0 - sum(focused.values()))
    rest_total = sum(w for code, w in base.items() if code not in focused) or 1.0
    return {code: focused.get(code, rest_share * w / rest_total) for code, w in base.items()}


class Planner:
    """Builds producer specs one by one from a seeded random generator (see module docstring)."""

    def __init__(
        self,
        *,
        seed: int,
        taken_codes: set[str] | None = None,
        taken_names: set[str] | None = None,
        ocop_serials: dict[str, int] | None = None,
    ) -> None:
        self.rng = random.Random(seed)
        self.taken_codes = set(taken_codes or ())
        self.taken_names = set(taken_names or ())
        self.tht_serial: Counter[str] = Counter()
        self.ocop_serial: Counter[str] = Counter(ocop_serials or {})
        self._set_weights: dict[str, dict[int, float]] = {}

    # -- choices -------------------------------------------------------------------------------------

    def set_weights(self, place: Place) -> dict[int, float]:
        """How likely each product set is for a producer in this province (0 when nothing fits there)."""
        cached = self._set_weights.get(place.province_code)
        if cached is not None:
            return cached
        weights: dict[int, float] = {}
        for number, names in vocab.PRODUCT_NAMES.items():
            fitting = [n for n in names if n.fits(place.province_code, place.regions)]
            if not fitting:
                continue
            if not any(n.tags for n in names):
                factor = 1.0
            else:
                local = sum(1 for n in fitting if n.tags)
                own = sum(1 for n in fitting if place.province_code in n.tags)
                factor = 0.3 + 0.7 * min(1.0, local / 3) + 0.6 * min(1, own)
            weights[number] = vocab.SET_WEIGHTS[number] * factor
        self._set_weights[place.province_code] = weights
        return weights

    def pick_set(self, place: Place) -> int:
        weights = self.set_weights(place)
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def pick_ethnicity(self, place: Place) -> str:
        share, mix = regions.ETHNIC_MIX.get(place.province_code, regions.DEFAULT_ETHNIC_MIX)
        if self.rng.random() >= share:
            return "Kinh"
        return self.rng.choices([m[0] for m in mix], weights=[m[1] for m in mix])[0]

    def pick_date(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))

    def village(self, place: Place, *, minority: bool) -> str:
        rng = self.rng
        if place.commune_kind == "phuong":
            southern = bool(place.regions & regions.SOUTHERN_REGIONS)
            word = rng.choice(regions.WARD_WORDS_SOUTH if southern else regions.WARD_WORDS_NORTH)
            return f"{word} {rng.randint(1, 25)}"
        region = sorted(place.regions)[0]
        word = rng.choice(regions.VILLAGE_WORDS.get(region, ("Thôn",)))
        if minority and word in {"Bản", "Buôn", "Bon", "Thôn"} and rng.random() < 0.6:
            return f"{word} {rng.choice(regions.MINORITY_VILLAGE_NAMES)}"
        if rng.random() < 0.5:
            return f"{word} {rng.randint(1, 15)}"
        return f"{word} {rng.choice(regions.VILLAGE_NAMES)}"

    # -- producers -----------------------------------------------------------------------------------

    def producer(self, place: Place) -> ProducerSpec:
        rng = self.rng
        kind = rng.choices([k[0] for k in org.KIND_SHARES], weights=[k[1] for k in org.KIND_SHARES])[0]
        ethnicity = self.pick_ethnicity(place)
        gender = "nu" if rng.random() < org.FEMALE_SHARE[kind] else "nam"
        southern = bool(place.regions & regions.SOUTHERN_REGIONS)
        rep_name = people.person_name(rng, ethnicity=ethnicity, gender=gender, southern=southern)
        for _ in range(20):  # a household business is named after its head: find a name not yet used
            if kind != "ho_kinh_doanh" or fold(f"Hộ kinh doanh {rep_name}") not in self.taken_names:
                break
            rep_name = people.person_name(rng, ethnicity=ethnicity, gender=gender, southern=southern)
        main_set = self.pick_set(place)
        trade = rng.choice(vocab.TRADES[main_set])
        village = self.village(place, minority=ethnicity != "Kinh")

        name, form = self._unique_name(place, kind=kind, trade=trade, rep_name=rep_name, village=village)
        code = self._unique_code(place, kind=kind)
        title = rng.choice(org.JOINT_STOCK_TITLES if "Cổ phần" in form else org.TITLES[kind])
        low, high = org.WORKFORCE[kind]
        total = rng.randint(low, high)
        joined_on = self.pick_date(JOINED_FROM, JOINED_TO)
        if kind in {"htx", "doanh_nghiep"}:
            tax_code = code
        elif kind in {"ho_kinh_doanh", "trang_trai"} and rng.random() < 0.6:
            tax_code = f"8{rng.randrange(0, 10**9):09d}"
        else:
            tax_code = ""
        wants_email = rng.random() < (0.8 if kind in {"htx", "doanh_nghiep"} else 0.35)
        fields: dict[str, Any] = {
            "name": name,
            "kind": kind,
            "registration_code": code,
            "tax_code": tax_code,
            "legal_rep_name": rep_name,
            "legal_rep_title": title,
            "legal_rep_gender": gender,
            "legal_rep_ethnicity": ethnicity,
            "legal_rep_disabled": rng.random() < DISABLED_SHARE,
            "address": village,
            "phone": org.phone_number(rng) if rng.random() < 0.95 else "",
            "email": org.email_for(rng, kind=kind, name=name, rep_name=rep_name) if wants_email else "",
            "workforce_total": total,
            "workforce_local": round(total * rng.uniform(0.55, 1.0)),
            "workforce_trained": round(total * rng.uniform(0.1, 0.75)),
            "green_value_chain": rng.random() < org.GREEN_SHARE[kind],
            "joined_on": joined_on,
        }
        spec = ProducerSpec(place=place, fields=fields)
        spec.products = self.products(spec, main_set=main_set)
        return spec

    def _unique_name(
        self, place: Place, *, kind: str, trade: str, rep_name: str, village: str
    ) -> tuple[str, str]:
        rng = self.rng
        given = rep_name.split()[-1]
        name, form = "", ""
        for attempt in range(12):
            where = place.commune_short if rng.random() < 0.7 or attempt > 5 else place.province_short
            name, form = org.producer_name(
                rng, kind=kind, trade=trade, place=where, rep_name=rep_name, household_head_given=given
            )
            if attempt > 8:  # crowded commune: say which village
                name = f"{name} {village.split(' ', 1)[1]}"
            if fold(name) not in self.taken_names:
                break
        n = 2
        base = name
        while fold(name) in self.taken_names:
            name, n = f"{base} {n}", n + 1
        self.taken_names.add(fold(name))
        return name, form

    def _unique_code(self, place: Place, *, kind: str) -> str:
        while True:
            if kind == "tht":
                self.tht_serial[place.commune_code] += 1
            code = org.registration_code(
                self.rng,
                kind=kind,
                province_code=place.province_code,
                commune_code=place.commune_code,
                serial=self.tht_serial[place.commune_code],
            )
            if code not in self.taken_codes:
                self.taken_codes.add(code)
                return code

    # -- products ------------------------------------------------------------------------------------

    def products(self, spec: ProducerSpec, *, main_set: int) -> list[ProductSpec]:
        rng = self.rng
        place = spec.place
        count = rng.choices(
            [c[0] for c in PRODUCTS_PER_PRODUCER], weights=[c[1] for c in PRODUCTS_PER_PRODUCER]
        )[0]
        company = rng.randrange(10000, 100000)
        names: set[str] = set()
        bases: dict[str, str] = {}  # kind of product → the name it got first, for variants
        result = []
        for _ in range(count):
            number = main_set if rng.random() < 0.65 else self.pick_set(place)
            made = self._product_name(place, number, names, bases)
            if made is None:
                continue
            name, base = made
            names.add(fold(name))
            bases.setdefault(base, name)
            result.append(self._product(spec, number=number, name=name, base=base, company=company))
        return result

    def _product_name(
        self, place: Place, number: int, taken: set[str], bases: dict[str, str]
    ) -> tuple[str, str] | None:
        """A name not yet used by this producer; the same kind of product again becomes a variant."""
        rng = self.rng
        fitting = [n for n in vocab.PRODUCT_NAMES[number] if n.fits(place.province_code, place.regions)]
        weights = [3 if n.tags else 1 for n in fitting]
        for _ in range(10):
            entry = rng.choices(fitting, weights=weights)[0]
            if entry.name in bases:
                if number in vocab.SERVICE_SETS:
                    continue
                name = f"{bases[entry.name]} {rng.choice(vocab.VARIANTS)}"
            elif entry.has_place:
                name = entry.name
            elif number in vocab.SERVICE_SETS or rng.random() < 0.65:
                name = f"{entry.name} {place.product_place}"
            else:
                name = f"{entry.name} {place.province_short}"
            if fold(name) not in taken:
                return name, entry.name
        return None

    def _product(self, spec: ProducerSpec, *, number: int, name: str, base: str, company: int) -> ProductSpec:
        rng = self.rng
        place = spec.place
        fields = spec.fields
        where = f"{inline_name(place.commune_name)}, {inline_name(place.province_name)}"
        description = vocab.DESCRIPTIONS.get(number, vocab.DEFAULT_DESCRIPTION).format(
            name=name,
            place=where,
            standard=rng.choice(vocab.STANDARDS.get(number, vocab.DEFAULT_STANDARDS)),
            pack=rng.choice(vocab.PACKS.get(number, vocab.DEFAULT_PACKS)),
            months=rng.choice((6, 9, 12, 18, 24)),
        )
        story = ""
        if rng.random() < STORY_SHARE:
            ethnicity = fields["legal_rep_ethnicity"]
            story = rng.choice(vocab.STORIES).format(
                year=rng.randint(2005, fields["joined_on"].year),
                rep=fields["legal_rep_name"],
                title=fields["legal_rep_title"].lower(),
                commune=inline_name(place.commune_name),
                province=inline_name(place.province_name),
                households=rng.randint(5, 60),
                people="người dân" if ethnicity == "Kinh" else f"đồng bào {ethnicity}",
                product=name,
                product_lc=base[:1].lower() + base[1:],
            )
        ocop_code = ""
        if rng.random() < OCOP_CODE_SHARE:
            self.ocop_serial[place.commune_code] += 1
            year = rng.randint(max(2019, fields["joined_on"].year), 2026)
            try:
                ocop_code = format_ocop_code(
                    province_code=place.province_code,
                    commune_code=place.commune_code,
                    serial=self.ocop_serial[place.commune_code],
                    year=year,
                )
            except ValueError:  # a unit code outside the legal shape (only in hand-made test maps)
                ocop_code = ""
        packaged = number not in vocab.SERVICE_SETS | vocab.LIVE_SETS
        gtin_share = 0.4 if fields["kind"] in {"htx", "doanh_nghiep"} else 0.1
        gtin = org.ean13(rng, company=company) if packaged and rng.random() < gtin_share else ""
        return ProductSpec(
            name=name, set_number=number, description=description, story=story, ocop_code=ocop_code, gtin=gtin
        )


def pick_communes(rng: random.Random, communes: list[Place], count: int) -> list[Place]:
    """``count`` communes of one province, clustered as OCOP producers are (a few communes have many).

    Communes get Zipf-like weights over a seeded shuffle; rural communes (xã) weigh more than wards.
    """
    order = sorted(communes, key=lambda p: p.commune_code)
    rng.shuffle(order)
    weights = [_KIND_WEIGHT.get(p.commune_kind, 0.6) / (rank + 1) ** 0.7 for rank, p in enumerate(order)]
    return rng.choices(order, weights=weights, k=count)


def plan_producers(
    *,
    places: dict[str, list[Place]],
    count: int,
    seed: int,
    focus: dict[str, float] | None = None,
    taken_codes: set[str] | None = None,
    taken_names: set[str] | None = None,
    ocop_serials: dict[str, int] | None = None,
) -> list[ProducerSpec]:
    """The producers (with their products) to create: ``count`` of them over ``places`` (province → communes).

    ``focus`` reserves shares for named provinces; the taken registration codes and (folded) producer
    names are never reused, and OCOP product codes continue from ``ocop_serials`` (commune code →
    last serial used).
    """
    planner = Planner(seed=seed, taken_codes=taken_codes, taken_names=taken_names, ocop_serials=ocop_serials)
    per_province = apportion(count, province_weights(places, focus), at_least_one=True)
    chosen: list[Place] = []
    for code in sorted(per_province):
        chosen.extend(pick_communes(planner.rng, places[code], per_province[code]))
    planner.rng.shuffle(chosen)
    return [planner.producer(place) for place in chosen]
