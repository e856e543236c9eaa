"""Demo recognition history 2019–2026 for ``setup_demo``: past decisions recorded as provinces record them.

``demo_recognition_history()`` gives about 40 % of the demo products (more in the areas of the reference
plans) a history of recognitions through ``historical.recognition_record`` and of revocations through
``services.certificate_revoke``: province decisions in batches of 2–3 dates a year, issued by the province as
it was on the day (the pre-2025 province of the producer's legacy commune before 01/07/2025), mostly 3★,
about 15 % 4★, a few 5★ by the minister; about a fifth renewed or upgraded near the end of their 36 months,
some upgraded mid-term, a few revoked. So the dashboards find certificates that expired, expire soon, are
live, were upgraded or revoked in every year of the plans. One ``random.Random(2026)`` drives the choices;
batch dates are seeded per province and year. Nothing bypasses a service.

Run it after ``certification.demo.demo_certificates`` (which does nothing once any certificate exists).
Products that already hold a certificate or a dossier are left alone.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ocop.certification import domain, services
from ocop.certification.demo_history.plan import (
    AREAS,
    FIRST_DAY,
    MINISTRY_RENAMED,
    SEED,
    Event,
    Item,
    Planner,
    area_of,
    choose,
    province_key,
)
from ocop.certification.historical import recognition_record
from ocop.certification.models import Authority, Certificate, Decision
from ocop.core.exceptions import ApplicationError
from ocop.demo.planning import inline_name
from ocop.evaluation.models import Dossier
from ocop.geo.domain import REFORM_DATE
from ocop.geo.models import AdminUnit
from ocop.registry.models import Product

DEMO_MARK = "(dữ liệu mẫu lịch sử)"
REASON = "Dữ liệu mẫu: lịch sử công nhận sản phẩm OCOP"


def _items() -> list[Item]:
    """Products without any certificate or dossier, with where and since when they can be recognised."""
    busy = Dossier.objects.values("product_id")
    products = (
        Product.objects.filter(certificates__isnull=True)
        .exclude(pk__in=busy)
        .select_related("producer__commune", "producer__legacy_commune")
        .order_by("pk")
    )
    items = []
    for product in products:
        producer = product.producer
        legacy = producer.legacy_commune.path if producer.legacy_commune_id else ""
        area = area_of(legacy)
        # Not before the producer joined the programme, except in the plan areas, whose plan periods
        # need the history (the demo's joining dates are drawn uniformly over 2019–2026).
        earliest = FIRST_DAY if area else max(FIRST_DAY, producer.joined_on or producer.created_at.date())
        if not legacy:
            earliest = max(earliest, REFORM_DATE)
        items.append(
            Item(
                product=product,
                legacy_key=province_key(legacy) if legacy else "",
                current_key=province_key(producer.commune.path),
                earliest=earliest,
                area=area,
            )
        )
    return items


def _decision_number(day: dt.date, authority: str) -> str:
    serial = day.timetuple().tm_yday * 10 + day.year % 10
    if authority == Authority.MINISTER:
        return f"{serial}/QĐ-{'BNN-VPĐP' if day < MINISTRY_RENAMED else 'BNNMT'}"
    return f"{serial}/QĐ-UBND"


def _signer(event: Event, names: dict[str, str]) -> str:
    if event.authority == Authority.MINISTER:
        ministry = (
            "Nông nghiệp và Phát triển nông thôn"
            if event.day < MINISTRY_RENAMED
            else "Nông nghiệp và Môi trường"
        )
        return f"Thứ trưởng Bộ {ministry}"
    key = event.item.legacy_key if event.day < REFORM_DATE else event.item.current_key
    return f"Phó Chủ tịch UBND {inline_name(names.get(key, ''))}".strip()


@transaction.atomic
def demo_recognition_history(
    *, log: Callable[[str], None] | None = None, today: dt.date | None = None
) -> dict[str, int]:
    """Record the demo history (see the module docstring); return counts of what it made.

    Idempotent: returns ``{"skipped": 1}`` when a demo history decision exists already.
    """
    if Decision.objects.filter(title__endswith=DEMO_MARK).exists():
        return {"skipped": 1}
    real_today = timezone.localdate()
    today = min(today or real_today, real_today)
    actor = get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if actor is None:
        raise ApplicationError("Chưa có tài khoản quản trị để ghi nhận lịch sử công nhận mẫu.")
    rng = random.Random(SEED)
    planner = Planner(rng=rng, today=today)
    events = [event for item in choose(_items(), rng) for event in planner.history(item)]
    events.sort(key=lambda e: (e.day, e.item.product.pk))
    names = dict(AdminUnit.objects.filter(level=1).values_list("path", "name"))

    counts = {"products": 0, "certificates": 0, "revocations": 0}
    latest: dict[int, Certificate] = {}
    made: list[tuple[Event, Certificate]] = []
    for event in events:
        product = event.item.product
        if event.kind == "revoke":
            certificate = latest[product.pk]
            ground = rng.choice(("dd", "dd", "b", "d"))
            services.certificate_revoke(
                actor=actor,
                certificate=certificate,
                ground=ground,
                concluded_on=max(certificate.issued_on, event.day - dt.timedelta(days=rng.randint(3, 14))),
                decision_number=f"{event.day.timetuple().tm_yday * 10 + 5}/QĐ-UBND",
                decided_on=event.day,
                reason="Chủ thể ngừng sản xuất sản phẩm"
                if ground == "dd"
                else "Kết luận hậu kiểm (dữ liệu mẫu)",
            )
            counts["revocations"] += 1
            continue
        certificate = recognition_record(
            actor=actor,
            product=product,
            star=event.star,
            decided_on=event.day,
            decision_number=_decision_number(event.day, event.authority),
            authority=event.authority,
            score=event.score,
            reason=REASON,
            title=f"Về việc công nhận sản phẩm đạt chuẩn OCOP năm {event.day.year} {DEMO_MARK}",
            signer=_signer(event, names),
        )
        counts["products"] += product.pk not in latest
        latest[product.pk] = certificate
        made.append((event, certificate))
    counts["certificates"] = len(made)
    counts.update(_summary(made, today=today))
    if log:
        log(
            f"Lịch sử công nhận mẫu (demo history): {counts['certificates']} giấy chứng nhận cho "
            f"{counts['products']} sản phẩm, {counts['decisions']} quyết định, "
            f"{counts['upgrades']} nâng hạng, "
            f"{counts['revocations']} thu hồi; Đắk Nông cũ 2021–2025: {counts['dak_nong_products']} sản phẩm."
        )
    return counts


def _summary(made: list[tuple[Event, Certificate]], *, today: dt.date) -> dict[str, int]:
    """Counts by kind of recognition, by status on ``today`` and by plan area in its period."""
    counts = dict.fromkeys(
        ("first", "renewals", "upgrades", "downgrades", "lapsed", "five_star", "four_star"), 0
    )
    keys = {"first": "first", "renewal": "renewals", "upgrade": "upgrades", "downgrade": "downgrades"}
    keys |= {"lapsed": "lapsed", "five_star": "five_star"}
    for event, certificate in made:
        counts[keys[event.label]] += 1
        counts["four_star"] += certificate.star == 4
    counts["decisions"] = len({c.decision_id for _, c in made})
    statuses = {str(s): 0 for s in domain.CertificateStatus}
    for certificate in Certificate.objects.filter(pk__in=[c.pk for _, c in made]).select_related(
        "revocation"
    ):
        revocation = getattr(certificate, "revocation", None)
        status = domain.certificate_status(
            valid_until=certificate.valid_until,
            today=today,
            revoked_on=revocation.decided_on if revocation else None,
            superseded_on=certificate.superseded_on,
        )
        statuses[str(status)] += 1
    counts |= {f"status_{name}": n for name, n in statuses.items()}
    for area in AREAS:
        start, end = area.period
        inside = [(e, c) for e, c in made if e.item.area is area and start <= c.issued_on <= end]
        counts[f"{area.key}_products"] = len({c.product_id for e, c in inside if e.label == "first"})
        counts[f"{area.key}_four_star"] = len({c.product_id for _, c in inside if c.star >= 4})
        counts[f"{area.key}_upgrades"] = sum(e.label == "upgrade" for e, _ in inside)
    return counts
