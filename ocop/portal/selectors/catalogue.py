"""Public catalogue reads: certified products found by words, with facet counts, in three queries a page.

A product is public once it has held a certificate; what the catalogue shows of it is its *current*
certificate, the latest one issued (by issue date, then id). By default only products whose current
certificate is in force today (valid or expiring) are listed; ``include_expired`` adds those whose current
certificate has expired or was revoked, with that status shown.

Search folds the query (``ocop.core.text.fold``) and requires every word to begin a word of the product's
name, its producer's name or one of its places: the current commune and province, and the pre-2025
commune, district and province of the producer's ``legacy_commune``. Relevance ranks an exact name first,
then a name starting with the query, a name containing it, a name holding every word, then the rest.

Cost: one GROUP BY query gives every facet's counts and the total (the facets are disjunctive: each counts
under every filter but its own), one query finds the page's ids in order and one reads their cards. No
count query, no N+1.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.core.files.storage import default_storage
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.urls import reverse

from ocop.certification.models import Certificate, Revocation
from ocop.certification.selectors import StatusInfo
from ocop.core.text import fold
from ocop.portal.selectors.status import public_status
from ocop.registry.models import ProducerKind, ProductPhoto

PAGE_SIZE = 24
MAX_WORDS = 8
MAX_QUERY_LENGTH = 120
STARS = (3, 4, 5)
SORTS = ("relevance", "star", "name")

_PRODUCT = "product__"
_PRODUCER = "product__producer__"
SEARCH_FIELDS = (
    "product__name_folded",
    "product__producer__name_folded",
    "product__producer__commune__name_folded",
    "product__producer__commune__parent__name_folded",
    "product__producer__legacy_commune__name_folded",
    "product__producer__legacy_commune__parent__name_folded",
    "product__producer__legacy_commune__parent__parent__name_folded",
)
_WORD = re.compile(r"\w+")

# The facet columns of the combination query, by facet.
_COLUMNS = {
    "star": "star",
    "sector": "product__product_set__group__sector_id",
    "group": "product__product_set__group_id",
    "province": "product__producer__commune__parent_id",
    "kind": "product__producer__kind",
}
_LABELS = {
    "sector_name": "product__product_set__group__sector__name",
    "sector_code": "product__product_set__group__sector__code",
    "group_name": "product__product_set__group__name",
    "group_code": "product__product_set__group__code",
    "province_name": "product__producer__commune__parent__name",
    "province_sort": "product__producer__commune__parent__name_sort",
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


def word_prefix_q(path: str, word: str) -> Q:
    """``word`` begins a word of the folded text at ``path``."""
    return Q(**{f"{path}__startswith": word}) | Q(**{f"{path}__contains": f" {word}"})


def search_q(words: Iterable[str]) -> Q:
    """Every word begins a word of the product's name, its producer's name or one of its places."""
    condition = Q()
    for word in words:
        any_field = Q()
        for path in SEARCH_FIELDS:
            any_field |= word_prefix_q(path, word)
        condition &= any_field
    return condition


def relevance(words: list[str]) -> Case:
    """0 exact name, 1 name starts with the query, 2 name contains it, 3 name holds every word, 4 the rest."""
    phrase = " ".join(words)
    every_word = Q()
    for word in words:
        every_word &= word_prefix_q("product__name_folded", word)
    return Case(
        When(product__name_folded=phrase, then=Value(0)),
        When(product__name_folded__startswith=phrase, then=Value(1)),
        When(product__name_folded__contains=phrase, then=Value(2)),
        When(every_word, then=Value(3)),
        default=Value(4),
        output_field=IntegerField(),
    )


def current_certificates(today: dt.date) -> QuerySet[Certificate]:
    """The current certificate of every ever-certified product: the latest issued on or before ``today``."""
    newer = Certificate.objects.filter(product_id=OuterRef("product_id"), issued_on__lte=today).filter(
        Q(issued_on__gt=OuterRef("issued_on")) | Q(issued_on=OuterRef("issued_on"), pk__gt=OuterRef("pk"))
    )
    return Certificate.objects.filter(issued_on__lte=today).filter(~Exists(newer))


def in_force(qs: QuerySet[Certificate], today: dt.date) -> QuerySet[Certificate]:
    """Certificates valid or expiring on ``today``: neither revoked, superseded nor expired.

    The same rule as ``certification.selectors.live_on`` plus the expiry, with the revocation as NOT EXISTS
    rather than a LEFT JOIN and an OR: PostgreSQL estimates that anti-join well and hashes the joins at
    national size (the OR made it loop over 16,000 index lookups). A test keeps it in step with the domain.
    """
    revoked = Revocation.objects.filter(certificate_id=OuterRef("pk"), decided_on__lte=today)
    return (
        qs.filter(valid_until__gte=today)
        .filter(Q(superseded_by__isnull=True) | Q(superseded_on__gt=today))
        .filter(~Exists(revoked))
    )


def thumbnail_subquery() -> Subquery:
    """The image of the product's first photo (by position), as stored (a storage name)."""
    first = ProductPhoto.objects.filter(product_id=OuterRef("product_id")).order_by("position", "pk")
    return Subquery(first.values("image")[:1])


def media_url(name: str | None) -> str:
    return default_storage.url(name) if name else ""


def _searched(filters: CatalogueFilters, today: dt.date) -> QuerySet[Certificate]:
    qs = current_certificates(today)
    if not filters.include_expired:
        qs = in_force(qs, today)
    if filters.words:
        qs = qs.filter(search_q(filters.words))
    return qs


def _facet_filter(qs: QuerySet[Certificate], filters: CatalogueFilters) -> QuerySet[Certificate]:
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


def facets_from_rows(rows: Iterable[dict], filters: CatalogueFilters) -> Facets:
    """Each facet's counts from the combination rows, under every filter but its own; the total under all.

    A row holds the facet values (keys of ``_COLUMNS``), the labels (keys of ``_LABELS``) and ``n``.
    """
    wanted = {facet: filters.value(facet) for facet in _COLUMNS if filters.value(facet)}
    counts: dict[str, dict] = {facet: defaultdict(int) for facet in _COLUMNS}
    labels: dict[str, dict] = {"sector": {}, "group": {}, "province": {}}
    total = 0
    for row in rows:
        n = row["n"]
        failed = {facet for facet, value in wanted.items() if row[facet] != value}
        if not failed:
            total += n
        for facet, ignore in _IGNORES.items():
            if failed <= ignore:
                counts[facet][row[facet]] += n
        if row["group"] not in labels["group"]:
            labels["group"][row["group"]] = (
                (row["sector_code"], row["group_code"]),
                row["group_name"],
                str(row["sector"]),
            )
            labels["sector"][row["sector"]] = (row["sector_code"], row["sector_name"], "")
        if row["province"] not in labels["province"]:
            labels["province"][row["province"]] = (row["province_sort"], row["province_name"], "")

    def options(facet: str) -> list[FacetOption]:
        found = [
            (key, label, parent, value)
            for value, (key, label, parent) in labels[facet].items()
            if value is not None and (counts[facet].get(value) or value == filters.value(facet))
        ]
        return [
            FacetOption(str(value), label, counts[facet].get(value, 0), value == filters.value(facet), parent)
            for key, label, parent, value in sorted(found, key=lambda item: (item[0], item[3]))
        ]

    return Facets(
        total=total,
        stars=[FacetOption(str(s), str(s), counts["star"].get(s, 0), s == filters.star) for s in STARS],
        sectors=options("sector"),
        groups=options("group"),
        provinces=options("province"),
        kinds=[
            FacetOption(kind.value, str(kind.label), counts["kind"].get(kind.value, 0), kind == filters.kind)
            for kind in ProducerKind
            if counts["kind"].get(kind.value) or kind == filters.kind
        ],
    )


def catalogue_facets(filters: CatalogueFilters, *, today: dt.date) -> Facets:
    """Facet counts and the total of the filtered catalogue: one GROUP BY query."""
    names = [*_COLUMNS, *_LABELS, "n"]
    paths = [*_COLUMNS.values(), *_LABELS.values()]
    rows = (
        _searched(filters, today)
        .values(*paths)
        .annotate(n=Count("pk"))
        .order_by()  # no model ordering in the GROUP BY
        .values_list(*paths, "n")
    )
    return facets_from_rows((dict(zip(names, row, strict=True)) for row in rows), filters)


# ----------------------------------------------------------------------------------------------------
# The page of cards


@dataclass(frozen=True)
class ProductCard:
    """What a result card shows: nothing private."""

    product_id: int
    name: str
    star: int
    producer_id: int
    producer_name: str
    province: str
    thumbnail_url: str
    status: StatusInfo

    @property
    def url(self) -> str:
        return reverse("portal:product", args=[self.product_id])

    @property
    def producer_url(self) -> str:
        return reverse("portal:producer", args=[self.producer_id])


def _ordering(filters: CatalogueFilters) -> list[str]:
    sort = filters.effective_sort
    if sort == "relevance":
        return ["relevance", "-star", "product__name_sort", "product_id"]
    if sort == "star":
        return ["-star", "product__name_sort", "product_id"]
    return ["product__name_sort", "product_id"]


def card_rows(qs: QuerySet[Certificate]) -> QuerySet[Certificate]:
    """Current certificates with what a card shows joined in (product, producer, province, first photo)."""
    return qs.select_related("product__producer__commune__parent", "revocation").annotate(
        thumbnail=thumbnail_subquery()
    )


def card_of(certificate: Certificate, *, today: dt.date) -> ProductCard:
    product = certificate.product
    producer = product.producer
    province = producer.commune.parent
    return ProductCard(
        product_id=product.pk,
        name=product.name,
        star=certificate.star,
        producer_id=producer.pk,
        producer_name=producer.name,
        province=province.name if province is not None else "",
        thumbnail_url=media_url(getattr(certificate, "thumbnail", None)),
        status=public_status(certificate, today=today),
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
    qs = _facet_filter(_searched(filters, today), filters)
    if filters.effective_sort == "relevance":
        qs = qs.annotate(relevance=relevance(filters.words))
    ids = qs.order_by(*_ordering(filters)).values_list("pk", flat=True)
    current = _CountedPaginator(ids, PAGE_SIZE, count=facets.total).get_page(page)
    cards: list[ProductCard] = []
    if facets.total:
        # The page's ids first (a narrow sort), then its cards: sorting 16,000 wide joined rows costs more.
        wanted = list(current.object_list)
        rows = {c.pk: c for c in card_rows(Certificate.objects.filter(pk__in=wanted))}
        cards = [card_of(rows[pk], today=today) for pk in wanted if pk in rows]
    return CataloguePage(filters=filters, facets=facets, page=current, cards=cards)
