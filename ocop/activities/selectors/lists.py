"""Scoped, filtered lists of each activity, each evaluated in one query (related rows joined in)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from ocop.activities.models import (
    Budget,
    Listing,
    MediaItem,
    PromotionEvent,
    RevenueReport,
    SalesPoint,
    Support,
    TrainingCourse,
)
from ocop.activities.selectors._scope import (
    about_producers_for_user,
    located_for_user,
    own_producer_id,
    producers_within_unit,
    within_unit,
)
from ocop.core.text import fold
from ocop.geo.models import AdminUnit


@dataclass(frozen=True)
class ActivityFilters:
    """What a list page or API call may filter on; each list uses the fields that apply to it.

    ``unit_id`` keeps the records counted inside that unit on its own map (either map); ``year`` and
    ``date_from``/``date_to`` select by the record's date (start, publication, gift; for sales points and
    listings: open or live at some time in it); ``status`` is "open"/"closed" for sales points and
    "live"/"ended" for listings (on today's date).
    """

    q: str | None = None
    unit_id: int | None = None
    year: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    kind: str | None = None
    audience: str | None = None
    level: str | None = None
    scope: str | None = None
    platform: str | None = None
    source: str | None = None
    producer_id: int | None = None
    product_id: int | None = None
    status: str | None = None


def _search(qs: QuerySet, q: str | None, *fields: str) -> QuerySet:
    """Accent-insensitive search: every word of ``q`` appears in one of ``fields`` (folded keys)."""
    for word in fold(q).split():
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__contains": word})
        qs = qs.filter(condition)
    return qs


def _unit(unit_id: int | None) -> AdminUnit | None:
    return AdminUnit.objects.filter(pk=unit_id).first() if unit_id else None


def _by_unit(qs: QuerySet, filters: ActivityFilters, *, producer: str | None = None) -> QuerySet:
    if not filters.unit_id:
        return qs
    unit = _unit(filters.unit_id)
    if unit is None:
        return qs.none()
    return producers_within_unit(qs, unit, producer=producer) if producer else within_unit(qs, unit)


def _bounds(filters: ActivityFilters) -> tuple[dt.date | None, dt.date | None]:
    start, end = filters.date_from, filters.date_to
    if filters.year:
        year_start, year_end = dt.date(filters.year, 1, 1), dt.date(filters.year, 12, 31)
        start = max(start, year_start) if start else year_start
        end = min(end, year_end) if end else year_end
    return start, end


def _by_date(qs: QuerySet, filters: ActivityFilters, field: str) -> QuerySet:
    start, end = _bounds(filters)
    if start:
        qs = qs.filter(**{f"{field}__gte": start})
    if end:
        qs = qs.filter(**{f"{field}__lte": end})
    return qs


def _by_span(qs: QuerySet, filters: ActivityFilters, opened: str, closed: str) -> QuerySet:
    """Records open at some time between the bounds: opened by the end, not closed by the start."""
    start, end = _bounds(filters)
    if end:
        qs = qs.filter(**{f"{opened}__lte": end})
    if start:
        qs = qs.filter(Q(**{f"{closed}__isnull": True}) | Q(**{f"{closed}__gt": start}))
    return qs


def _equal(qs: QuerySet, **pairs) -> QuerySet:
    return qs.filter(**{field: value for field, value in pairs.items() if value not in (None, "")})


def training_list(*, user, filters: ActivityFilters | None = None) -> QuerySet[TrainingCourse]:
    """Courses in the user's area (a producer account: the courses its people attended)."""
    filters = filters or ActivityFilters()
    producer_id = own_producer_id(user)
    if producer_id:
        qs = TrainingCourse.objects.filter(
            pk__in=TrainingCourse.objects.filter(attendances__producer_id=producer_id).values("pk")
        )
    else:
        qs = located_for_user(TrainingCourse, user=user)
    qs = _search(qs, filters.q, "search_folded")
    qs = _equal(qs, audience=filters.audience, level=filters.level)
    if filters.producer_id:
        qs = qs.filter(
            pk__in=TrainingCourse.objects.filter(attendances__producer_id=filters.producer_id).values("pk")
        )
    qs = _by_date(_by_unit(qs, filters), filters, "starts_on")
    return (
        qs.select_related("unit__parent")
        .annotate(attendee_count=Count("attendances"))
        .order_by("-starts_on", "-pk")
    )


def event_list(*, user, filters: ActivityFilters | None = None) -> QuerySet[PromotionEvent]:
    """Promotion events in the user's area (a producer account: the events it took part in)."""
    filters = filters or ActivityFilters()
    producer_id = own_producer_id(user)
    if producer_id:
        qs = PromotionEvent.objects.filter(
            pk__in=PromotionEvent.objects.filter(participations__producer_id=producer_id).values("pk")
        )
    else:
        qs = located_for_user(PromotionEvent, user=user)
    qs = _search(qs, filters.q, "search_folded")
    qs = _equal(qs, kind=filters.kind, scope=filters.scope)
    if filters.producer_id:
        qs = qs.filter(
            pk__in=PromotionEvent.objects.filter(participations__producer_id=filters.producer_id).values("pk")
        )
    qs = _by_date(_by_unit(qs, filters), filters, "starts_on")
    return (
        qs.select_related("unit__parent")
        .annotate(participant_count=Count("participations"), sales_total=Sum("participations__sales"))
        .order_by("-starts_on", "-pk")
    )


def media_list(*, user, filters: ActivityFilters | None = None) -> QuerySet[MediaItem]:
    filters = filters or ActivityFilters()
    qs = located_for_user(MediaItem, user=user)
    qs = _search(qs, filters.q, "search_folded")
    qs = _equal(qs, kind=filters.kind)
    qs = _by_date(_by_unit(qs, filters), filters, "published_on")
    return qs.select_related("unit__parent").order_by("-published_on", "-pk")


def sales_point_list(
    *, user, filters: ActivityFilters | None = None, today: dt.date | None = None
) -> QuerySet[SalesPoint]:
    filters = filters or ActivityFilters()
    today = today or timezone.localdate()
    qs = located_for_user(SalesPoint, user=user)
    qs = _search(qs, filters.q, "search_folded")
    qs = _equal(qs, kind=filters.kind)
    if filters.product_id:
        qs = qs.filter(pk__in=SalesPoint.objects.filter(products=filters.product_id).values("pk"))
    if filters.status == "open":
        qs = qs.filter(opened_on__lte=today).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=today))
    elif filters.status == "closed":
        qs = qs.filter(closed_on__lte=today)
    qs = _by_span(_by_unit(qs, filters), filters, "opened_on", "closed_on")
    return (
        qs.select_related("unit__parent")
        .annotate(product_count=Count("products"))
        .order_by("path_2025", "name")
    )


def listing_list(
    *, user, filters: ActivityFilters | None = None, today: dt.date | None = None
) -> QuerySet[Listing]:
    """E-commerce listings of the products the user may see (a producer account: its own)."""
    filters = filters or ActivityFilters()
    today = today or timezone.localdate()
    qs = about_producers_for_user(Listing, user=user, producer="product__producer")
    qs = _search(qs, filters.q, "product__name_folded", "product__producer__name_folded")
    qs = _equal(
        qs, platform=filters.platform, product_id=filters.product_id, product__producer_id=filters.producer_id
    )
    if filters.status == "live":
        qs = qs.filter(listed_from__lte=today).filter(
            Q(listed_until__isnull=True) | Q(listed_until__gt=today)
        )
    elif filters.status == "ended":
        qs = qs.filter(listed_until__lte=today)
    qs = _by_span(_by_unit(qs, filters, producer="product__producer"), filters, "listed_from", "listed_until")
    return qs.select_related("product__producer__commune__parent").order_by("-listed_from", "-pk")


def revenue_list(*, user, filters: ActivityFilters | None = None) -> QuerySet[RevenueReport]:
    filters = filters or ActivityFilters()
    qs = about_producers_for_user(RevenueReport, user=user)
    qs = _search(qs, filters.q, "producer__name_folded", "product__name_folded")
    qs = _equal(qs, year=filters.year, producer_id=filters.producer_id, product_id=filters.product_id)
    qs = _by_unit(qs, filters, producer="producer")
    return qs.select_related("producer__commune__parent", "product").order_by(
        "-year", "producer__name_sort", "pk"
    )


def support_list(*, user, filters: ActivityFilters | None = None) -> QuerySet[Support]:
    filters = filters or ActivityFilters()
    qs = about_producers_for_user(Support, user=user)
    qs = _search(qs, filters.q, "producer__name_folded", "product__name_folded")
    qs = _equal(
        qs,
        kind=filters.kind,
        source=filters.source,
        producer_id=filters.producer_id,
        product_id=filters.product_id,
    )
    qs = _by_date(_by_unit(qs, filters, producer="producer"), filters, "given_on")
    return qs.select_related("producer__commune__parent", "product").order_by("-given_on", "-pk")


def budget_list(*, user, filters: ActivityFilters | None = None) -> QuerySet[Budget]:
    filters = filters or ActivityFilters()
    qs = located_for_user(Budget, user=user)
    qs = _equal(qs, year=filters.year, source=filters.source)
    qs = _by_unit(qs, filters)
    return qs.select_related("unit__parent").order_by("-year", "path_2025", "source")
