"""Demo records placed at a unit: courses, attendees, media, events and their producers, budgets, points."""

from __future__ import annotations

import datetime as dt
import random

from django.apps import apps

from ocop.activities import services
from ocop.activities.demo._areas import (
    BATCH,
    REASON,
    SEED,
    Area,
    Segment,
    _bulk,
    _sales_point_communes,
)
from ocop.activities.models import (
    Budget,
    EventParticipation,
    MediaItem,
    PromotionEvent,
    TrainingCourse,
)
from ocop.core.text import fold
from ocop.demo.planning import short_name
from ocop.geo.domain import REFORM_DATE
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import paths_of
from ocop.registry.models import Producer


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
