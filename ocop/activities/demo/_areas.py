"""Where the demo activities go: the provinces with producers, their pre-2025 parts, the year's segments."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

from simple_history.utils import bulk_create_with_history

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
from ocop.geo.domain import REFORM_DATE
from ocop.geo.models import AdminUnit, Succession
from ocop.geo.selectors import principal_predecessor_ids
from ocop.registry.models import Producer

REASON = "Dữ liệu mẫu (demo)"
SEED = 2026
FIRST_YEAR, LAST_YEAR = 2021, 2026
DAK_NONG_PATH = "/pre2025/67/"  # old Đắk Nông, merged into Lâm Đồng on 01/07/2025
DAK_NONG_SKIPPED_DISTRICT = "667"  # Huyện Tuy Đức gets no sales point: the gap a plan should show
BATCH = 500
MODELS = (TrainingCourse, PromotionEvent, MediaItem, SalesPoint, Listing, RevenueReport, Support, Budget)


@dataclass
class Segment:
    """Where and when a share of a year's activities happened: a unit, a date range, a share of the quota."""

    unit: AdminUnit
    start: dt.date
    end: dt.date
    producers: list[Producer]
    full: bool = True


@dataclass
class Area:
    province: AdminUnit
    producers: list[Producer]
    predecessors: list[AdminUnit] = field(default_factory=list)


def _areas() -> list[Area]:
    producers = list(
        Producer.objects.select_related("commune", "legacy_commune")
        .prefetch_related("products")
        .order_by("pk")
    )
    by_province: dict[str, list[Producer]] = defaultdict(list)
    for producer in producers:
        by_province["/".join(producer.commune.path.split("/")[:3]) + "/"].append(producer)
    provinces = AdminUnit.objects.current().filter(level=1, path__in=list(by_province)).order_by("code")
    areas = {p.pk: Area(province=p, producers=by_province[p.path]) for p in provinces}
    successions = Succession.objects.filter(successor__in=list(areas), predecessor__level=1).select_related(
        "predecessor"
    )
    for succession in successions.order_by("predecessor__code"):
        areas[succession.successor_id].predecessors.append(succession.predecessor)
    return list(areas.values())


def _segments(area: Area, year: int, today: dt.date) -> list[Segment]:
    """Before the reform, each pre-2025 province on its own; after it, the current province."""
    jan1, dec31 = dt.date(year, 1, 1), dt.date(year, 12, 31)
    old = []
    if year <= REFORM_DATE.year:
        for unit in area.predecessors or []:
            members = [
                p for p in area.producers if p.legacy_commune and p.legacy_commune.path.startswith(unit.path)
            ]
            old.append(Segment(unit, jan1, min(dec31, REFORM_DATE - dt.timedelta(days=1)), members))
    current = Segment(area.province, max(jan1, REFORM_DATE), min(dec31, today), area.producers)
    if year < REFORM_DATE.year:
        return old or [Segment(area.province, jan1, dec31, area.producers)]
    if year == REFORM_DATE.year:
        current.full = False
        return [*old, current] if old else [Segment(area.province, jan1, dec31, area.producers)]
    return [current] if current.start <= current.end else []


def _bulk(objs: list, model, actor) -> list:
    if not objs:
        return []
    return bulk_create_with_history(
        objs, model, batch_size=BATCH, default_user=actor, default_change_reason=REASON
    )


def _sales_point_communes(area: Area, rng: random.Random) -> list[AdminUnit]:
    """Communes with producers (one to three); in Lâm Đồng also one per old Đắk Nông district but one."""
    with_producers = sorted({p.commune_id: p.commune for p in area.producers}.values(), key=lambda u: u.code)
    chosen = rng.sample(with_producers, min(len(with_producers), rng.randint(1, 3)))
    if any(old.path == DAK_NONG_PATH for old in area.predecessors):
        communes = list(AdminUnit.objects.current().filter(level=3, path__startswith=area.province.path))
        principal = principal_predecessor_ids([c.pk for c in communes])
        old_paths = dict(AdminUnit.objects.filter(pk__in=set(principal.values())).values_list("pk", "path"))
        by_district: dict[str, list[AdminUnit]] = defaultdict(list)
        for commune in communes:
            old_path = old_paths.get(principal.get(commune.pk), "")
            if old_path.startswith(DAK_NONG_PATH):
                by_district[old_path.split("/")[3]].append(commune)
        for district in sorted(by_district):
            if district != DAK_NONG_SKIPPED_DISTRICT:
                commune = min(by_district[district], key=lambda u: (u not in with_producers, u.code))
                if commune not in chosen:
                    chosen.append(commune)
    return chosen
