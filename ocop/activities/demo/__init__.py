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

import time
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from ocop.activities.demo._areas import FIRST_YEAR, LAST_YEAR, MODELS, _areas, _bulk, _segments
from ocop.activities.demo._located import _Builder, _demo_participations, _demo_sales_points
from ocop.activities.demo._producers import _demo_listings, _demo_revenue, _demo_supports
from ocop.activities.models import Budget, MediaItem, PromotionEvent, TrainingAttendance, TrainingCourse
from ocop.demo.accounts import ensure_admin
from ocop.registry.models import Producer

__all__ = ["demo_activities"]


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
