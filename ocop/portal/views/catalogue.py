"""The public catalogue page: parse the query string, read one page with its facets, render (no login)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ocop.portal.selectors.catalogue import SORTS, STARS, CatalogueFilters, FacetOption, catalogue_page
from ocop.registry.models import ProducerKind

TRUE_WORDS = {"1", "on", "true", "yes"}


def _id(value: str | None) -> int | None:
    """A positive id from the query string, or ``None`` for anything unreadable."""
    if value and value.isascii() and value.isdigit() and len(value) <= 12:
        return int(value) or None
    return None


def filters_from(query: QueryDict) -> CatalogueFilters:
    """The catalogue filters of a query string; unreadable values are ignored rather than refused."""
    star = _id(query.get("star"))
    kind = query.get("kind", "")
    sort = query.get("sort", "")
    return CatalogueFilters(
        q=(query.get("q") or "").strip(),
        star=star if star in STARS else None,
        sector=_id(query.get("sector")),
        group=_id(query.get("group")),
        province=_id(query.get("province")),
        kind=kind if kind in ProducerKind.values else "",
        include_expired=query.get("expired", "").lower() in TRUE_WORDS,
        sort=sort if sort in SORTS else "",
    )


FACET_PARAMS = ("star", "sector", "group", "province", "kind")


@dataclass(frozen=True)
class FacetLink:
    """A facet option with the address that selects it (or, when selected, unselects it)."""

    option: FacetOption
    href: str


def href(query: QueryDict, **changes: str | None) -> str:
    """The query string with ``changes`` applied (``None`` removes a key) and the page number dropped."""
    return _href(_pairs(query), changes)


def _pairs(query: QueryDict) -> list[tuple[str, str]]:
    return [(key, value) for key, values in query.lists() if key != "page" for value in values]


def _href(pairs: list[tuple[str, str]], changes: dict[str, str | None]) -> str:
    kept = [(key, value) for key, value in pairs if key not in changes]
    return "?" + urlencode(kept + [(key, value) for key, value in changes.items() if value is not None])


def _links(query: QueryDict, param: str, options: list[FacetOption]) -> list[FacetLink]:
    pairs = _pairs(query)  # once per facet, not once per option (a page has about a hundred options)
    clears = {"group": None} if param == "sector" else {}
    return [
        FacetLink(option, _href(pairs, {param: None if option.selected else option.value, **clears}))
        for option in options
    ]


@never_cache
@require_safe
def catalogue(request: HttpRequest) -> HttpResponse:
    """``/ocop/``: certified products found by words, filtered by facets, 24 a page."""
    filters = filters_from(request.GET)
    result = catalogue_page(filters, page=request.GET.get("page"), today=timezone.localdate())
    facets = result.facets
    context = {
        "result": result,
        "filters": filters,
        "sort": filters.effective_sort,
        "facets": {
            "stars": _links(request.GET, "star", facets.stars),
            "sectors": _links(request.GET, "sector", facets.sectors),
            "groups": _links(request.GET, "group", facets.groups),
            "provinces": _links(request.GET, "province", facets.provinces),
            "kinds": _links(request.GET, "kind", facets.kinds),
        },
        "kept": [(key, filters.value(key)) for key in FACET_PARAMS if filters.value(key)],
        "has_filters": any(filters.value(key) for key in FACET_PARAMS),
    }
    return render(request, "portal/catalogue.html", context)
