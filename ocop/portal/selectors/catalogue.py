"""Public catalogue reads: certified products found by words, with facet counts, in three queries a page.

The catalogue reads the catalogue index (``ocop.portal.models.CatalogueEntry``, one row per certificate) and
shows each product's *current* certificate, the latest issued on or before today. By default only products
whose current certificate is in force today (valid or expiring) are listed; ``include_expired`` adds those
whose current certificate has expired or was revoked, with that status shown.

Search folds the query (``ocop.core.text.fold``) and requires every word to begin a word of the product's
name, its producer's name or one of its places: the current commune and province, and the pre-2025
commune, district and province of the producer's ``legacy_commune``. Relevance ranks an exact name first,
then a name starting with the query, a name containing it, a name holding every word, then the rest.

Cost: one GROUP BY over the index gives every facet's counts and the total (the facets are disjunctive:
each counts under every filter but its own), one query reads the labels of the groups, sectors and
provinces counted, one reads the page's cards (its 24 ids chosen by a subquery). No count query, no N+1.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import Case, CharField, Count, IntegerField, Q, QuerySet, Value, When

from ocop.core.text import fold
from ocop.geo.models import AdminUnit
from ocop.portal.models import CatalogueEntry
from ocop.portal.selectors.cards import ProductCard, media_url, thumbnail_subquery
from ocop.portal.selectors.status import public_status
from ocop.registry.models import ProducerKind, ProductGroup

PAGE_SIZE = 24
MAX_WORDS = 8
MAX_QUERY_LENGTH = 120
STARS = (3, 4, 5)
SORTS = ("relevance", "star", "name")
_WORD = re.compile(r"\w+")

# The index column of each facet.
_COLUMNS = {
    "star": "star",
    "sector": "sector_id",
    "group": "group_id",
    "province": "province_id",
    "kind": "kind",
}
# What each facet's counts ignore: its own filter (the sector also ignores the group inside it).
_IGNORES = {
    "star": {"star"},
    "sector": {"sector", "group"},
    "group": {"group"},
    "province": {"province"},
    "kind": {"kind"},
}


@dataclass(frozen=True)
class CatalogueFilters:
    """What the visitor asked for (already parsed: ``None`` or ``""`` means "any")."""

    q: str = ""
    star: int | None = None
    sector: int | None = None
    group: int | None = None
    province: int | None = None
    kind: str = ""
    include_expired: bool = False
    sort: str = ""

    @cached_property
    def words(self) -> list[str]:
        return search_words(self.q)

    @property
    def effective_sort(self) -> str:
        """The sort asked for, or relevance when there are words to rank by, else Vietnamese name order."""
        if self.sort in SORTS and (self.sort != "relevance" or self.words):
            return self.sort
        return "relevance" if self.words else "name"

    def value(self, facet: str) -> object:
        return getattr(self, facet)


def search_words(q: str | None) -> list[str]:
    """The folded words of a query (punctuation dropped), at most ``MAX_WORDS``."""
    return _WORD.findall(fold((q or "")[:MAX_QUERY_LENGTH]))[:MAX_WORDS]


def current_entries(today: dt.date) -> QuerySet[CatalogueEntry]:
    """The entry of every ever-certified product's current certificate: issued by ``today``, no newer one."""
    return CatalogueEntry.objects.filter(issued_on__lte=today).filter(
        Q(current_until__isnull=True) | Q(current_until__gt=today)
    )


def in_force_entries(today: dt.date) -> QuerySet[CatalogueEntry]:
    """Entries of current certificates valid or expiring on ``today``: not revoked, superseded or expired.

    The rule of ``certification.domain.certificate_status``, folded into ``in_force_until``; a test keeps them
    in step.
    """
    return CatalogueEntry.objects.filter(issued_on__lte=today, in_force_until__gt=today)


def search_q(words: Iterable[str]) -> Q:
    """Every word begins a word of the product's name, its producer's name or one of its places."""
    condition = Q()
    for word in words:
        condition &= Q(search_words__contains=f" {word}")
    return condition


def relevance(words: list[str]) -> Case:
    """0 exact name, 1 name starts with the query, 2 name contains it, 3 name holds every word, 4 the rest."""
    phrase = " " + " ".join(words)
    every_word = Q()
    for word in words:
        every_word &= Q(name_words__contains=f" {word}")
    return Case(
        When(name_words=phrase, then=Value(0)),
        When(name_words__startswith=phrase, then=Value(1)),
        When(name_words__contains=phrase.strip(), then=Value(2)),
        When(every_word, then=Value(3)),
        default=Value(4),
        output_field=IntegerField(),
    )


def _searched(filters: CatalogueFilters, today: dt.date) -> QuerySet[CatalogueEntry]:
    qs = current_entries(today) if filters.include_expired else in_force_entries(today)
    if filters.words:
        qs = qs.filter(search_q(filters.words))
    return qs


def _facet_filter(qs: QuerySet[CatalogueEntry], filters: CatalogueFilters) -> QuerySet[CatalogueEntry]:
    for facet, column in _COLUMNS.items():
        value = filters.value(facet)
        if value:
            qs = qs.filter(**{column: value})
    return qs


# ----------------------------------------------------------------------------------------------------
# Facets


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    parent: str = ""


@dataclass
class Facets:
    total: int = 0
    stars: list[FacetOption] = field(default_factory=list)
    sectors: list[FacetOption] = field(default_factory=list)
    groups: list[FacetOption] = field(default_factory=list)
    provinces: list[FacetOption] = field(default_factory=list)
    kinds: list[FacetOption] = field(default_factory=list)


# A facet's label: (sort key, label, parent value) by facet and value.
Labels = dict[str, dict[object, tuple[object, str, str]]]


def facet_labels(group_ids: set, province_ids: set) -> Labels:
    """The labels of these groups (with their sectors) and provinces: one query (a UNION)."""
    labels: Labels = {"sector": {}, "group": {}, "province": {}}
    if not group_ids and not province_ids:
        return labels
    text = CharField()
    groups = (
        ProductGroup.objects.filter(pk__in=group_ids)
        .order_by()
        .values_list(
            Value("group", output_field=text),
            "pk",
            "name",
            "code",
            "sector_id",
            "sector__name",
            "sector__code",
        )
    )
    provinces = (
        AdminUnit.objects.filter(pk__in=province_ids)
        .order_by()
        .values_list(
            Value("province", output_field=text),
            "pk",
            "name",
            "name_sort",
            Value(None, output_field=IntegerField()),
            Value("", output_field=text),
            Value("", output_field=text),
        )
    )
    for facet, pk, name, key, sector, sector_name, sector_code in groups.union(provinces, all=True):
        if facet == "province":
            labels["province"][pk] = (key, name, "")
        else:
            labels["group"][pk] = ((sector_code, key), name, str(sector))
            labels["sector"][sector] = (sector_code, sector_name, "")
    return labels


def facets_from_rows(rows: Iterable[tuple], filters: CatalogueFilters, labels: Labels) -> Facets:
    """Each facet's counts from the combination rows, under every filter but its own; the total under all.

    A row holds the facet values in the order of ``_COLUMNS``, then ``n``.
    """
    facets = list(_COLUMNS)
    wanted = [(index, filters.value(facet)) for index, facet in enumerate(facets) if filters.value(facet)]
    ignores = [(index, _IGNORES[facet]) for index, facet in enumerate(facets)]
    counts: list[dict] = [defaultdict(int) for _ in facets]
    total = 0
    for row in rows:
        n = row[-1]
        failed = {facets[index] for index, value in wanted if row[index] != value}
        if not failed:
            total += n
            for index, count in enumerate(counts):
                count[row[index]] += n
        elif len(failed) <= 2:
            for index, ignore in ignores:
                if failed <= ignore:
                    counts[index][row[index]] += n
    by_facet = dict(zip(facets, counts, strict=True))

    def options(facet: str) -> list[FacetOption]:
        counted = by_facet[facet]
        found = [
            (key, label, parent, value)
            for value, (key, label, parent) in labels[facet].items()
            if value is not None and (counted.get(value) or value == filters.value(facet))
        ]
        return [
            FacetOption(str(value), label, counted.get(value, 0), value == filters.value(facet), parent)
            for key, label, parent, value in sorted(found, key=lambda item: (item[0], item[3]))
        ]

    stars, kinds = by_facet["star"], by_facet["kind"]
    return Facets(
        total=total,
        stars=[FacetOption(str(s), str(s), stars.get(s, 0), s == filters.star) for s in STARS],
        sectors=options("sector"),
        groups=options("group"),
        provinces=options("province"),
        kinds=[
            FacetOption(kind.value, str(kind.label), kinds.get(kind.value, 0), kind == filters.kind)
            for kind in ProducerKind
            if kinds.get(kind.value) or kind == filters.kind
        ],
    )


def _fetch(qs: QuerySet) -> list[tuple]:
    """The rows of a ``values_list`` query of plain columns, straight from the cursor.

    Thousands of combination rows a page: Django's per-row conversion would cost more than the query.
    """
    sql, params = qs.query.sql_with_params()
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def catalogue_facets(filters: CatalogueFilters, *, today: dt.date) -> Facets:
    """Facet counts and the total of the filtered catalogue: a GROUP BY query and a labels query."""
    columns = list(_COLUMNS.values())
    combinations = _searched(filters, today).values(*columns).annotate(n=Count("*")).order_by()
    rows = _fetch(combinations.values_list(*columns, "n"))
    group, province = list(_COLUMNS).index("group"), list(_COLUMNS).index("province")
    groups = {row[group] for row in rows} | ({filters.group} if filters.group else set())
    provinces = {row[province] for row in rows} | ({filters.province} if filters.province else set())
    return facets_from_rows(rows, filters, facet_labels(groups, provinces))


# ----------------------------------------------------------------------------------------------------
# The page of cards


def _ordering(filters: CatalogueFilters) -> list[str]:
    sort = filters.effective_sort
    if sort == "relevance":
        return ["relevance", "-star", "name_sort", "product_id"]
    if sort == "star":
        return ["-star", "name_sort", "product_id"]
    return ["name_sort", "product_id"]


def _ordered(qs: QuerySet[CatalogueEntry], filters: CatalogueFilters) -> QuerySet[CatalogueEntry]:
    if filters.effective_sort == "relevance":
        qs = qs.annotate(relevance=relevance(filters.words))
    return qs.order_by(*_ordering(filters))


# What a card reads of an entry and its rows (``public_status`` reads the certificate and its revocation).
CARD_FIELDS = (
    "star",
    "name_words",
    "name_sort",
    "product__name",
    "product__producer__name",
    "province__name",
    "certificate__valid_until",
    "certificate__superseded_by",
    "certificate__superseded_on",
    "certificate__revocation__decided_on",
)


def card_of_entry(entry: CatalogueEntry, *, today: dt.date) -> ProductCard:
    product = entry.product
    return ProductCard(
        product_id=product.pk,
        name=product.name,
        star=entry.star,
        producer_id=product.producer_id,
        producer_name=product.producer.name,
        province=entry.province.name if entry.province is not None else "",
        thumbnail_url=media_url(getattr(entry, "thumbnail", None)),
        status=public_status(entry.certificate, today=today),
    )


class _CountedPaginator(Paginator):
    """A paginator told its count (the facet query already knows it), so it asks the database nothing."""

    def __init__(self, object_list, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


@dataclass
class CataloguePage:
    filters: CatalogueFilters
    facets: Facets
    page: Page
    cards: list[ProductCard]


def catalogue_page(filters: CatalogueFilters, *, page: object, today: dt.date) -> CataloguePage:
    """The facets and one page (``PAGE_SIZE`` cards) of the public catalogue: three queries.

    A page number out of range gives the last page, an unreadable one the first (``Paginator.get_page``).
    """
    facets = catalogue_facets(filters, today=today)
    matching = _facet_filter(_searched(filters, today), filters)
    ids = _ordered(matching, filters).values_list("pk", flat=True)
    current = _CountedPaginator(ids, PAGE_SIZE, count=facets.total).get_page(page)
    cards: list[ProductCard] = []
    if facets.total:
        # The page's ids in a subquery (a narrow sort over the index), then only their cards joined.
        rows = _ordered(
            CatalogueEntry.objects.filter(pk__in=current.object_list)
            .select_related("certificate__revocation", "product__producer", "province")
            .only(*CARD_FIELDS)
            .annotate(thumbnail=thumbnail_subquery()),
            filters,
        )
        cards = [card_of_entry(entry, today=today) for entry in rows]
    return CataloguePage(filters=filters, facets=facets, page=current, cards=cards)
