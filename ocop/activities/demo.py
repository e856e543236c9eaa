"""Demo activities for ``setup_demo``: ``demo_activities(log=None)`` fills 2021–2026 for every province with
demo producers, once (it does nothing when any activity exists).

For each current province and year: training courses for officials, producers and workers (provincial
courses at the province, worker courses at a commune, the producers' leaders named as attendees),
two TV clips and three or four articles, one to three promotion events with some producers taking
part, budgets per source; and, for the producers: e-commerce listings (some ended), revenue reports
2021–2025 growing 5–10 % a year with noise, supports of every kind; display and sales points in a few
communes. Records dated before 01/07/2025 are placed at the pre-2025 province the events happened in
(so a plan of old Đắk Nông computes on the old map), later ones at the current province. In Lâm Đồng
one sales point goes into a current commune of each district of old Đắk Nông but one, so a "a point in
every district" target shows a gap.

Seeded (``random.Random(2026)``), no date after today. Sales points, attendees and participations go
through the services; the high-volume rows are bulk-created with their paths on both maps
(``geo.selectors.paths_of``) and their history rows (``bulk_create_with_history``), like the registry's
national demo generator.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from ocop.activities import services
from ocop.activities.domain import revenue_total
from ocop.activities.models import (
    Budget,
    EventParticipation,
    Listing,
    MediaItem,
    PromotionEvent,
    RevenueReport,
    SalesPoint,
    Support,
    SupportKind,
    TrainingAttendance,
    TrainingCourse,
)
from ocop.core.text import fold, slug
from ocop.demo.accounts import ensure_admin
from ocop.demo.planning import short_name
from ocop.geo.domain import REFORM_DATE
from ocop.geo.models import AdminUnit, Succession
from ocop.geo.selectors import paths_of, principal_predecessor_ids
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


class _Builder:
    def __init__(self, *, actor, today: dt.date) -> None:
        self.actor = actor
        self.today = today
        self.rng = random.Random(SEED)
        self._paths: dict[int, tuple[str, str]] = {}
        self.courses: list[TrainingCourse] = []
        self.course_leaders: list[tuple[int, list[Producer]]] = []
        self.events: list[PromotionEvent] = []
        self.event_producers: list[tuple[int, list[Producer]]] = []
        self.media: list[MediaItem] = []
        self.budgets: list[Budget] = []

    # -- helpers -------------------------------------------------------------------------------

    def place(self, record, unit: AdminUnit):
        if unit.pk not in self._paths:
            self._paths[unit.pk] = paths_of(unit)
        record.unit = unit
        record.path_2025, record.path_pre2025 = self._paths[unit.pk]
        record.created_by = self.actor
        return record

    def day(self, start: dt.date, end: dt.date) -> dt.date:
        end = min(end, self.today)
        return start + dt.timedelta(days=self.rng.randint(0, max((end - start).days, 0)))

    def span(self, start: dt.date, end: dt.date, days: tuple[int, int]) -> tuple[dt.date, dt.date]:
        end = min(end, self.today)
        first = self.day(start, end - dt.timedelta(days=days[1]))
        return first, min(first + dt.timedelta(days=self.rng.randint(*days)), end)

    # -- per segment ---------------------------------------------------------------------------

    def segment(self, seg: Segment, year: int) -> None:
        rng, name = self.rng, short_name(seg.unit.name)
        office = (
            f"Sở Nông nghiệp và Phát triển nông thôn {name}"
            if seg.start < REFORM_DATE
            else f"Sở Nông nghiệp và Môi trường {name}"
        )
        kinds = [("officials", "province"), ("producers", "province")]
        if seg.producers and rng.random() < 0.7:
            kinds.append(("workers", "commune"))
        if not seg.full:
            kinds = kinds[1:2]
        for audience, level in kinds:
            self.course(seg, year, audience, level, office)
        clips, articles = (2, rng.choice((3, 4))) if seg.full else (1, 1)
        for _ in range(clips):
            self.media_item(seg, "tv_clip", name)
        for _ in range(articles):
            self.media_item(seg, "article", name)
        for _ in range(rng.choice((1, 2, 2, 3)) if seg.full else rng.choice((0, 1))):
            self.event(seg, year, name)

    def course(self, seg: Segment, year: int, audience: str, level: str, office: str) -> None:
        rng = self.rng
        unit, leaders = seg.unit, []
        if audience == "officials":
            classes = rng.randint(1, 3)
            participants = classes * rng.randint(60, 80)
            title = f"Tập huấn nghiệp vụ triển khai Chương trình OCOP cho cán bộ quản lý năm {year}"
        elif audience == "producers":
            classes = rng.randint(2, 4)
            participants = classes * rng.randint(50, 70)
            title = rng.choice(
                (
                    f"Tập huấn nâng cao năng lực cho chủ thể OCOP năm {year}",
                    f"Bồi dưỡng kiến thức quản trị, xây dựng câu chuyện sản phẩm cho chủ thể OCOP năm {year}",
                    f"Tập huấn kỹ năng bán hàng trên sàn thương mại điện tử cho chủ thể OCOP năm {year}",
                )
            )
            share = rng.uniform(0.3, 0.6)
            leaders = [p for p in seg.producers if rng.random() < share][: participants - 1]
        else:
            producer = rng.choice(seg.producers)
            unit = producer.legacy_commune if seg.start < REFORM_DATE else producer.commune
            if unit is None or unit.level != 3:
                unit = producer.commune
            classes, participants = 1, rng.randint(20, 40)
            title = f"Đào tạo kỹ năng sản xuất, chế biến cho người lao động tại {unit.name}"
        starts_on, ends_on = self.span(seg.start, seg.end, (1, 3))
        course = self.place(
            TrainingCourse(
                title=title,
                audience=audience,
                level=level,
                starts_on=starts_on,
                ends_on=ends_on,
                classes=classes,
                participants=participants,
                organiser=office,
                cost=classes * rng.randint(15, 45) * 1_000_000,
            ),
            unit,
        )
        course.search_folded = fold(f"{course.title} {course.organiser}")
        self.courses.append(course)
        self.course_leaders.append((len(self.courses) - 1, leaders))

    def media_item(self, seg: Segment, kind: str, name: str) -> None:
        rng = self.rng
        product = self._a_product(seg)
        if kind == "tv_clip":
            channel = rng.choice((f"Đài Phát thanh và Truyền hình {name}", "VTV1 — Chuyển động 24h", "VTC16"))
            title = rng.choice(
                (
                    f"Phóng sự: {product} — sản phẩm OCOP của {name}"
                    if product
                    else f"Phóng sự: OCOP {name}",
                    f"Chương trình OCOP {name}: nâng tầm nông sản địa phương",
                )
            )
        else:
            channel = rng.choice(
                (
                    f"Báo {name}",
                    "Báo Nông nghiệp và Môi trường",
                    "Báo điện tử Chính phủ",
                    "Tạp chí Kinh tế Nông thôn",
                )
            )
            title = rng.choice(
                (
                    f"{name}: sản phẩm OCOP vươn ra thị trường",
                    f"{product} đạt chuẩn OCOP, mở rộng kênh tiêu thụ"
                    if product
                    else f"OCOP {name} khởi sắc",
                    f"Chủ thể OCOP {name} chuyển đổi số trong bán hàng",
                )
            )
        item = self.place(
            MediaItem(kind=kind, title=title, channel=channel, published_on=self.day(seg.start, seg.end)),
            seg.unit,
        )
        item.search_folded = fold(f"{item.title} {item.channel}")
        self.media.append(item)

    def event(self, seg: Segment, year: int, name: str) -> None:
        rng = self.rng
        scope = rng.choices(("in_province", "out_of_province", "international"), (6, 3, 1))[0]
        choices = {
            "in_province": (
                (
                    "fair",
                    f"Hội chợ sản phẩm OCOP và nông sản {name} năm {year}",
                    f"Trung tâm Hội nghị {name}",
                ),
                ("festival", f"Tuần hàng OCOP {name} năm {year}", f"Quảng trường {name}"),
                ("matching", f"Hội nghị kết nối cung cầu nông sản {name} năm {year}", f"Hội trường {name}"),
            ),
            "out_of_province": (
                ("fair", f"Hội chợ OCOP khu vực năm {year}", "Thành phố Hà Nội"),
                (
                    "exhibition",
                    f"Tuần lễ sản phẩm OCOP {name} tại TP. Hồ Chí Minh năm {year}",
                    "TP. Hồ Chí Minh",
                ),
            ),
            "international": (("exhibition", f"Triển lãm quốc tế Food & Hotel Asia {year}", "Singapore"),),
        }
        kind, event_name, venue = rng.choice(choices[scope])
        starts_on, ends_on = self.span(seg.start, seg.end, (2, 4))
        event = self.place(
            PromotionEvent(
                name=event_name, kind=kind, scope=scope, venue=venue, starts_on=starts_on, ends_on=ends_on
            ),
            seg.unit,
        )
        event.search_folded = fold(f"{event.name} {event.venue}")
        self.events.append(event)
        taking_part = rng.sample(seg.producers, min(len(seg.producers), rng.randint(2, 4)))
        self.event_producers.append((len(self.events) - 1, taking_part))

    def budget(self, unit: AdminUnit, year: int) -> None:
        rng = self.rng
        for source, (low, high) in {
            "central": (800, 3_000),
            "local": (1_500, 6_000),
            "credit": (500, 4_000),
            "community": (1_000, 5_000),
        }.items():
            planned = rng.randint(low, high) * 1_000_000
            done = rng.uniform(0.4, 0.8) if year == self.today.year else rng.uniform(0.7, 1.1)
            self.budgets.append(
                self.place(
                    Budget(year=year, source=source, planned=planned, mobilised=round(planned * done, -6)),
                    unit,
                )
            )

    def _a_product(self, seg: Segment) -> str | None:
        products = [p for producer in seg.producers for p in producer.products.all()]
        return self.rng.choice(products).name if products else None


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


@transaction.atomic
def demo_activities(*, log: Callable[[str], None] | None = None) -> dict[str, int]:
    """Create the demo activities once; return how many of each kind were made (all 0 if skipped)."""
    started = time.perf_counter()
    counts = {m._meta.model_name: 0 for m in MODELS}
    if any(model.objects.exists() for model in MODELS) or not Producer.objects.exists():
        if log:
            log("Hoạt động mẫu: đã có dữ liệu hoặc chưa có chủ thể; giữ nguyên (activities kept).")
        return counts
    actor, today = ensure_admin(), timezone.localdate()
    builder = _Builder(actor=actor, today=today)
    rng = builder.rng
    areas = _areas()
    for area in areas:
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            for seg in _segments(area, year, today):
                builder.segment(seg, year)
                if seg.full or not area.predecessors:
                    builder.budget(seg.unit, year)
    courses = _bulk(builder.courses, TrainingCourse, actor)
    attendances = []
    for index, leaders in builder.course_leaders:
        for producer in leaders:
            attendances.append(
                TrainingAttendance(
                    course=courses[index],
                    person_name=producer.legal_rep_name,
                    role="leader",
                    producer=producer,
                    gender=producer.legal_rep_gender,
                )
            )
    _bulk(attendances, TrainingAttendance, actor)
    events = _bulk(builder.events, PromotionEvent, actor)
    _bulk(builder.media, MediaItem, actor)
    _bulk(builder.budgets, Budget, actor)
    n_participations = _demo_participations(builder, events, actor=actor)
    n_points = _demo_sales_points(areas, actor=actor, rng=rng, today=today)
    counts.update(
        listing=_demo_listings(areas, actor=actor, rng=rng, today=today),
        revenuereport=_demo_revenue(areas, actor=actor, rng=rng, today=today),
        support=_demo_supports(areas, actor=actor, rng=rng, today=today),
    )
    counts.update(
        trainingcourse=len(courses),
        trainingattendance=len(attendances),
        promotionevent=len(events),
        eventparticipation=n_participations,
        mediaitem=len(builder.media),
        salespoint=n_points,
        budget=len(builder.budgets),
    )
    if log:
        total, seconds = sum(counts.values()), time.perf_counter() - started
        log(f"Hoạt động mẫu (demo activities): {total} bản ghi trong {seconds:.1f} giây.")
    return counts


def _demo_participations(builder: _Builder, events: list[PromotionEvent], *, actor) -> int:
    """Producers at events with the products they showed; the products are in the history rows too."""
    rng, rows, shown = builder.rng, [], []
    for index, producers in builder.event_producers:
        for producer in producers:
            products = list(producer.products.all())
            contracts = rng.choice((0, 0, 1, 2, 3))
            rows.append(
                EventParticipation(
                    event=events[index],
                    producer=producer,
                    sales=rng.randint(5, 80) * 1_000_000,
                    contracts=contracts,
                    contracts_value=contracts * rng.randint(20, 200) * 1_000_000,
                )
            )
            shown.append(rng.sample(products, min(len(products), rng.randint(1, 2))))
    rows = _bulk(rows, EventParticipation, actor)
    through = EventParticipation.products.through
    links = through.objects.bulk_create(
        [
            through(eventparticipation=row, product=p)
            for row, products in zip(rows, shown, strict=True)
            for p in products
        ],
        batch_size=BATCH,
    )
    history_ids = dict(
        EventParticipation.history.filter(id__in=[row.pk for row in rows]).values_list("id", "history_id")
    )
    m2m_history = apps.get_model("activities", "HistoricalEventParticipation_products")
    m2m_history.objects.bulk_create(
        [
            m2m_history(
                id=link.pk,
                eventparticipation_id=link.eventparticipation_id,
                product_id=link.product_id,
                history_id=history_ids[link.eventparticipation_id],
            )
            for link in links
        ],
        batch_size=BATCH,
    )
    return len(rows)


def _demo_sales_points(areas: list[Area], *, actor, rng: random.Random, today: dt.date) -> int:
    made = 0
    for area in areas:
        products = [p for producer in area.producers for p in producer.products.all()]
        name = short_name(area.province.name)
        for commune in _sales_point_communes(area, rng):
            opened_on = dt.date(rng.randint(2021, 2025), rng.randint(1, 12), rng.randint(1, 28))
            latitude, longitude = commune.latitude, commune.longitude
            point = services.sales_point_create(
                actor=actor,
                unit=commune,
                name=f"Điểm giới thiệu và bán sản phẩm OCOP {short_name(commune.name)}",
                kind=rng.choices(("display", "shop", "centre"), (6, 3, 1))[0],
                operator=rng.choice(
                    (f"Hợp tác xã Dịch vụ {short_name(commune.name)}", f"Trung tâm Xúc tiến {name}")
                ),
                address=f"Số {rng.randint(1, 250)}, đường Trung tâm, {commune.name}",
                latitude=latitude if latitude is not None and longitude is not None else None,
                longitude=longitude if latitude is not None and longitude is not None else None,
                opened_on=opened_on,
                products=rng.sample(products, min(len(products), rng.randint(3, 8))),
                reason=REASON,
            )
            made += 1
            if rng.random() < 0.12 and opened_on < today - dt.timedelta(days=200):
                services.sales_point_close(
                    actor=actor,
                    sales_point=point,
                    closed_on=opened_on + dt.timedelta(days=rng.randint(120, 180)),
                    reason=REASON,
                )
    return made


_PLATFORM_HOSTS = {
    "shopee": "https://shopee.vn/",
    "lazada": "https://www.lazada.vn/products/",
    "tiki": "https://tiki.vn/",
    "tiktok": "https://www.tiktok.com/@ocop/product/",
    "postmart": "https://postmart.vn/san-pham/",
    "voso": "https://voso.vn/",
    "ocop_portal": "https://ocop.gov.vn/san-pham/",
}


def _demo_listings(areas: list[Area], *, actor, rng: random.Random, today: dt.date) -> int:
    listings = []
    for area in areas:
        for producer in area.producers:
            for product in producer.products.all():
                if rng.random() > 0.7:
                    continue
                for platform in rng.sample(list(_PLATFORM_HOSTS), rng.choice((1, 1, 2))):
                    listed_from = dt.date(rng.randint(2021, 2025), rng.randint(1, 12), rng.randint(1, 28))
                    until = None
                    if rng.random() < 0.15:
                        until = min(listed_from + dt.timedelta(days=rng.randint(90, 500)), today)
                    listings.append(
                        Listing(
                            product=product,
                            platform=platform,
                            url=f"{_PLATFORM_HOSTS[platform]}{slug(product.name)}-{product.pk}",
                            listed_from=listed_from,
                            listed_until=until if until and until > listed_from else None,
                            created_by=actor,
                        )
                    )
    return len(_bulk(listings, Listing, actor))


def _channels(rng: random.Random, total: int) -> dict[str, int]:
    weights = {
        "direct": rng.uniform(30, 50),
        "distributors": rng.uniform(10, 30),
        "modern_retail": rng.uniform(0, 15),
        "ecommerce": rng.uniform(0, 15),
        "export": rng.uniform(0, 10) if rng.random() < 0.15 else 0,
        "other": rng.uniform(0, 5),
    }
    whole = sum(weights.values())
    return {
        channel: int(total * weight / whole) // 1_000_000 * 1_000_000 for channel, weight in weights.items()
    }


def _demo_revenue(areas: list[Area], *, actor, rng: random.Random, today: dt.date) -> int:
    reports = []
    for area in areas:
        for producer in area.producers:
            if rng.random() > 0.85:
                continue
            revenue = rng.randint(300, 5_000) * 1_000_000
            for year in range(FIRST_YEAR, min(2025, today.year) + 1):
                channels = _channels(rng, revenue)
                reports.append(
                    RevenueReport(
                        producer=producer,
                        year=year,
                        total=revenue_total(channels),
                        created_by=actor,
                        **channels,
                    )
                )
                revenue = int(revenue * (1 + rng.uniform(0.05, 0.10) + rng.gauss(0, 0.015)))
    return len(_bulk(reports, RevenueReport, actor))


_SUPPORT_AMOUNTS = {
    "trademark": (10, 30),
    "label": (5, 15),
    "packaging": (20, 50),
    "testing": (5, 20),
    "equipment": (50, 300),
    "credit": (100, 1_000),
    "promotion": (10, 30),
    "consulting": (10, 40),
    "other": (5, 20),
}


def _demo_supports(areas: list[Area], *, actor, rng: random.Random, today: dt.date) -> int:
    """One to two supports for about half the producers; every kind at least once."""
    supports = []
    kinds = list(SupportKind.values)
    pending = list(kinds)

    def give(producer: Producer, kind: str) -> None:
        source = (
            "credit"
            if kind == "credit"
            else rng.choices(("local", "central", "community", "other"), (6, 2, 2, 1))[0]
        )
        products = list(producer.products.all())
        low, high = _SUPPORT_AMOUNTS[kind]
        supports.append(
            Support(
                producer=producer,
                product=rng.choice(products) if products and rng.random() < 0.5 else None,
                kind=kind,
                amount=rng.randint(low, high) * 1_000_000,
                source=source,
                given_on=dt.date(rng.randint(2021, today.year), 1, 1)
                + dt.timedelta(days=rng.randint(0, 330)),
                created_by=actor,
            )
        )

    producers = [producer for area in areas for producer in area.producers]
    for producer in producers:
        for _ in range(max(rng.choice((0, 0, 1, 1, 2)), 1 if pending else 0)):
            give(producer, pending.pop(0) if pending else rng.choice(kinds))
    for index, kind in enumerate(pending):
        if producers:
            give(producers[index % len(producers)], kind)
    for support in supports:
        support.given_on = min(support.given_on, today)
    return len(_bulk(supports, Support, actor))
