"""Fixtures for the indicator tests: a merged province on two maps with hand-countable data.

``merged_world`` (module scope: built once per test module inside a transaction that is rolled back at the
end; each test runs in its own savepoint) is this map::

    before 01/07/2025                         from 01/07/2025
    A "10" ─ district Ad "101" ─ a1 "00101"   C "10" ─ c1 "00101"  ← a1 + a2 (merged whole)
                                 a2 "00102"        ─ c2 "00111"  ← b1 (kept)
    B "11" ─ district Bd "111" ─ b1 "00111"        ─ c3 "00112"  ← b2 (in part)
                                 b2 "00112"        ─ c4 "00113"  ← b2 (in part)
                                              D "20" ─ d1 "00201" (no predecessor: counts nowhere in C)

and six producers made with ``registry.services.producer_create`` (their pre-2025 commune set by the service):

    P1 c1 (old a1) htx, woman, Kinh, green, 10 workers / 4 trained, joined 01/03/2025
    P2 c1 (old a2, chosen) enterprise, man, Ê Đê, 20 / 10, joined 01/01/2026 (first day of the period)
    P3 c2 (old b1) household, woman, M'Nông, 5 / 0, joined 31/12/2025 (the day before)
    P4 c3 (old b2) htx, man, Tày, 15 / 6, no joining date, entered 15/03/2026
    P5 c4 (old b2) tổ hợp tác, woman, no joining date, entered 01/07/2026 00:30 (30/06 17:30 UTC)
    P6 d1 (no old commune) htx, outside C

The period of the hand-computed values is ``PERIOD`` = 01/01/2026–30/06/2026; ``WIDE`` (2024 to 30/06/2026)
also holds records placed at old units before the reform. Certificates are recorded with
``certification.historical.recognition_record`` and revoked with ``certificate_revoke``; activities through
the activities services; dossiers through the evaluation services (``ocop.evaluation.tests.conftest``
helpers), with a council's ``Result`` row made directly as the certification tests do (the scoring service
needs full score sheets). Times are frozen with ``time_machine`` where a record takes its date from the clock.
See each ``_certificates``/``_dossiers``/``_activities`` function for what exists and why.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings

from ocop.activities.services import (
    budgets,
    events,
    listings,
    media,
    revenue,
    sales_points,
    supports,
    training,
)
from ocop.certification.historical import recognition_record
from ocop.certification.services import certificate_revoke
from ocop.core.testing import make_unit, make_user, producer_data
from ocop.evaluation import lifecycle
from ocop.evaluation.domain import commune_review_due
from ocop.evaluation.models import CouncilMember, Dossier, MemberRole, Result, Round
from ocop.evaluation.services.dossiers import dossier_transition, evidence_add
from ocop.evaluation.services.rounds import round_create
from ocop.evaluation.services.rubrics import rubrics_load
from ocop.geo.domain import REFORM_DATE
from ocop.geo.models import AdminUnit, Succession
from ocop.monitoring.indicators.base import Period
from ocop.registry import services as registry_services
from ocop.registry.models import Producer, Product, ProductSet
from ocop.registry.taxonomy import taxonomy_load

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
M = 1_000_000  # one million đồng
PERIOD = Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
WIDE = Period(dt.date(2024, 1, 1), dt.date(2026, 6, 30))
_numbers = itertools.count(1)


def moment(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    """A time in Vietnam on ``day``."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


@contextmanager
def frozen(when: dt.date | dt.datetime) -> Iterator[None]:
    """The clock stopped at ``when`` (09:00 in Vietnam for a date)."""
    if not isinstance(when, dt.datetime):
        when = moment(when)
    with time_machine.travel(when, tick=False):
        yield


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# ----------------------------------------------------------------------------------------------------
# The two maps


def make_merged_map() -> dict[str, AdminUnit]:
    """The units drawn in the module docstring, with their successions (effective 01/07/2025)."""
    u: dict[str, AdminUnit] = {}
    u["A"] = make_unit(code="10", name="Tỉnh An Hòa", kind="tinh", level=1, current=False)
    u["B"] = make_unit(code="11", name="Tỉnh Bình Sơn", kind="tinh", level=1, current=False)
    u["Ad"] = make_unit(code="101", name="Huyện An Lạc", kind="huyen", level=2, parent=u["A"], current=False)
    u["Bd"] = make_unit(
        code="111", name="Huyện Bình Lâm", kind="huyen", level=2, parent=u["B"], current=False
    )
    u["a1"] = make_unit(code="00101", name="Xã An Phú", kind="xa", level=3, parent=u["Ad"], current=False)
    u["a2"] = make_unit(code="00102", name="Xã An Thạnh", kind="xa", level=3, parent=u["Ad"], current=False)
    u["b1"] = make_unit(code="00111", name="Xã Bình Minh", kind="xa", level=3, parent=u["Bd"], current=False)
    u["b2"] = make_unit(code="00112", name="Xã Bình Yên", kind="xa", level=3, parent=u["Bd"], current=False)
    u["C"] = make_unit(code="10", name="Tỉnh An Bình", kind="tinh", level=1)
    u["c1"] = make_unit(code="00101", name="Xã An Phú Thạnh", kind="xa", level=3, parent=u["C"])
    u["c2"] = make_unit(code="00111", name="Xã Bình Minh", kind="xa", level=3, parent=u["C"])
    u["c3"] = make_unit(code="00112", name="Xã Bình Yên Đông", kind="xa", level=3, parent=u["C"])
    u["c4"] = make_unit(code="00113", name="Xã Bình Yên Tây", kind="xa", level=3, parent=u["C"])
    u["D"] = make_unit(code="20", name="Tỉnh Đông Giang", kind="tinh", level=1)
    u["d1"] = make_unit(code="00201", name="Xã Đông Sơn", kind="xa", level=3, parent=u["D"])
    for old, new, kind in (
        ("A", "C", "merged_whole"),
        ("B", "C", "merged_whole"),
        ("Ad", "C", "merged_whole"),
        ("Bd", "C", "merged_whole"),
        ("a1", "c1", "merged_whole"),
        ("a2", "c1", "merged_whole"),
        ("b1", "c2", "kept"),
        ("b2", "c3", "merged_part"),
        ("b2", "c4", "merged_part"),
    ):
        Succession.objects.create(predecessor=u[old], successor=u[new], kind=kind, effective_on=REFORM_DATE)
    return u


# ----------------------------------------------------------------------------------------------------
# The world


@dataclass
class World:
    units: dict[str, AdminUnit]
    admin: Any
    producers: dict[str, Producer] = field(default_factory=dict)
    products: dict[str, Product] = field(default_factory=dict)
    certificates: dict[str, Any] = field(default_factory=dict)
    dossiers: dict[str, Dossier] = field(default_factory=dict)
    rounds: dict[str, Round] = field(default_factory=dict)
    product_set: ProductSet | None = None


PRODUCERS = {
    # key: (commune, entered at, overrides)
    "P1": (
        "c1",
        moment(d("2026-01-05")),
        {
            "kind": "htx",
            "legal_rep_gender": "nu",
            "green_value_chain": True,
            "workforce_total": 10,
            "workforce_local": 5,
            "workforce_trained": 4,
            "joined_on": d("2025-03-01"),
        },
    ),
    "P2": (
        "c1",
        moment(d("2026-01-05")),
        {
            "kind": "doanh_nghiep",
            "legal_rep_gender": "nam",
            "legal_rep_name": "Y Bhin Niê",
            "legal_rep_ethnicity": "Ê Đê",
            "workforce_total": 20,
            "workforce_local": 10,
            "workforce_trained": 10,
            "joined_on": d("2026-01-01"),
        },
    ),
    "P3": (
        "c2",
        moment(d("2026-01-05")),
        {
            "kind": "ho_kinh_doanh",
            "legal_rep_gender": "nu",
            "legal_rep_ethnicity": "M'Nông",
            "workforce_total": 5,
            "workforce_local": 5,
            "workforce_trained": 0,
            "joined_on": d("2025-12-31"),
        },
    ),
    "P4": (
        "c3",
        moment(d("2026-03-15")),
        {
            "kind": "htx",
            "legal_rep_gender": "nam",
            "legal_rep_name": "Hoàng Văn Tày",
            "legal_rep_ethnicity": "Tày",
            "workforce_total": 15,
            "workforce_local": 10,
            "workforce_trained": 6,
            "joined_on": None,
        },
    ),
    "P5": (
        "c4",
        moment(d("2026-07-01"), 0, 30),
        {
            "kind": "tht",
            "legal_rep_gender": "nu",
            "workforce_total": 8,
            "workforce_local": 8,
            "workforce_trained": 8,
            "joined_on": None,
        },
    ),
    "P6": (
        "d1",
        moment(d("2026-01-05")),
        {"kind": "htx", "legal_rep_gender": "nu", "joined_on": d("2024-01-01")},
    ),
}

# Product → (producer, entered at). pr*: certificates and activities; q*: dossiers.
PRODUCTS = {
    "pr1": ("P1", d("2026-01-05")),
    "pr2": ("P1", d("2026-01-05")),
    "pr11": ("P1", d("2026-01-05")),
    "pr3": ("P2", d("2026-01-05")),
    "pr4": ("P2", d("2026-01-05")),
    "pr6": ("P2", d("2026-01-05")),
    "pr5": ("P3", d("2026-01-05")),
    "pr7": ("P4", d("2026-03-16")),
    "pr8": ("P4", d("2026-07-20")),  # entered after the period, but certified in 2024
    "pr12": ("P4", d("2026-03-16")),
    "pr9": ("P5", d("2026-07-10")),  # entered after the period, never certified
    "pr10": ("P6", d("2026-01-05")),
    "q1": ("P1", d("2025-12-15")),
    "q7": ("P1", d("2025-10-15")),
    "q2": ("P2", d("2025-12-15")),
    "q8": ("P2", d("2025-10-15")),
    "q3": ("P3", d("2026-06-01")),
    "q6": ("P3", d("2025-10-15")),
    "q4": ("P4", d("2026-03-16")),
    "q5": ("P4", d("2025-10-15")),
}


def build_merged_world(*, dossiers: bool = True) -> World:
    taxonomy_load()
    units = make_merged_map()
    admin = make_user(role="admin")
    world = World(units=units, admin=admin)
    world.product_set = ProductSet.objects.get(number=18, group__sector__regime="26/2026")
    for key, (commune, entered, overrides) in PRODUCERS.items():
        data = producer_data(units[commune], name=f"Hợp tác xã {key}", **overrides)
        if key == "P2":
            data["legacy_commune"] = units["a2"]
        with frozen(entered):
            world.producers[key] = registry_services.producer_create(actor=admin, **data)
    for key, (producer, entered) in PRODUCTS.items():
        with frozen(entered):
            world.products[key] = registry_services.product_create(
                actor=admin,
                producer=world.producers[producer],
                name=f"Sản phẩm {key}",
                product_set=world.product_set,
            )
    _certificates(world)
    _activities(world)
    if dossiers:
        _dossiers(world)
    return world


def recognise(world: World, product: str, star: int, on: str) -> Any:
    """A past recognition of ``product`` (``recognition_record``; a live certificate is superseded)."""
    certificate = recognition_record(
        actor=world.admin,
        product=world.products[product],
        star=star,
        decided_on=d(on),
        decision_number=f"{next(_numbers)}/QĐ-UBND",
        authority="minister" if star == 5 else "province_chair",
    )
    world.certificates[f"{product}@{on}"] = certificate
    return certificate


def revoke(world: World, certificate, *, concluded: str, decided: str) -> None:
    certificate_revoke(
        actor=world.admin,
        certificate=certificate,
        ground="b",
        concluded_on=d(concluded),
        decision_number=f"{next(_numbers)}/QĐ-THGCN",
        decided_on=d(decided),
        reason="Sản phẩm không còn đáp ứng tiêu chí.",
    )


def _certificates(world: World) -> None:
    """On 30/06/2026 (period end) in force in C: pr1 3★ (expires that day), pr11 4★ (re-evaluated 4→4 on
    01/02/2026), pr3 3★ (first, 01/01/2026), pr4 4★ (31/12/2025), pr6 3★ (revoked 01/07/2026), pr7 5★
    (upgraded 3→5 that day), pr8 4★ (upgraded to 5★ only on 15/07/2026), pr12 3★ (first, that day).
    Not in force: pr2 (expired 29/06/2026), pr5 (revoked that day), pr7's old 3★ (superseded that day)."""
    recognise(world, "pr1", 3, "2023-06-30")
    recognise(world, "pr2", 4, "2023-06-29")
    recognise(world, "pr11", 4, "2023-03-01")
    recognise(world, "pr11", 4, "2026-02-01")
    recognise(world, "pr3", 3, "2026-01-01")
    recognise(world, "pr4", 4, "2025-12-31")
    pr6 = recognise(world, "pr6", 3, "2025-02-01")
    revoke(world, pr6, concluded="2026-06-25", decided="2026-07-01")
    pr5 = recognise(world, "pr5", 4, "2025-01-10")
    revoke(world, pr5, concluded="2026-06-20", decided="2026-06-30")
    recognise(world, "pr7", 3, "2024-05-05")
    recognise(world, "pr7", 5, "2026-06-30")
    recognise(world, "pr8", 4, "2024-01-15")
    recognise(world, "pr8", 5, "2026-07-15")
    recognise(world, "pr12", 3, "2026-06-30")
    recognise(world, "pr10", 4, "2025-09-01")


def _activities(world: World) -> None:
    admin, u, p, pr = world.admin, world.units, world.producers, world.products
    # Listings live on 30/06/2026: pr3 (from that day), pr4 (until 01/07), pr10 (outside C).
    for product, start, until in (
        ("pr1", "2026-01-01", "2026-06-30"),
        ("pr3", "2026-06-30", None),
        ("pr4", "2025-01-01", "2026-07-01"),
        ("pr7", "2026-07-01", None),
        ("pr10", "2025-01-01", None),
    ):
        listings.listing_create(
            actor=admin,
            product=pr[product],
            platform="shopee",
            url=f"https://shopee.vn/{product}",
            listed_from=d(start),
            listed_until=d(until) if until else None,
        )
    # Training courses; in PERIOD: T1 (3 classes, 90 people, at c1) and T2 (1 class, 25, at c3).
    courses = {}
    for key, unit, audience, level, start, classes, participants in (
        ("T0", "c2", "producers", "province", "2025-12-31", 2, 40),
        ("T1", "c1", "producers", "province", "2026-01-01", 3, 90),
        ("T2", "c3", "workers", "district", "2026-06-30", 1, 25),
        ("T3", "d1", "producers", "province", "2026-02-01", 5, 50),
        ("T4", "c4", "officials", "commune", "2026-07-01", 1, 10),
        ("T5", "b2", "producers", "district", "2025-05-10", 2, 30),  # at an old commune (WIDE only)
    ):
        courses[key] = training.training_create(
            actor=admin,
            unit=u[unit],
            title=f"Lớp tập huấn {key}",
            audience=audience,
            level=level,
            starts_on=d(start),
            ends_on=d(start) + dt.timedelta(days=2),
            classes=classes,
            participants=participants,
        )
    # Leaders trained in PERIOD: P1 (T1) and P4 (T2); P2 came as a worker, P3's course began the day before.
    for course, producer, role in (
        ("T0", "P3", "leader"),
        ("T1", "P1", "leader"),
        ("T1", "P2", "worker"),
        ("T2", "P4", "leader"),
    ):
        training.training_attendance_add(
            actor=admin,
            course=courses[course],
            person_name=f"Học viên {producer}",
            role=role,
            producer=p[producer],
        )
    # Media in PERIOD: M1 article at c1, M2 clip at c3.
    for key, unit, kind, published in (
        ("M1", "c1", "article", "2026-01-01"),
        ("M2", "c3", "tv_clip", "2026-06-30"),
        ("M3", "c2", "article", "2025-12-31"),
        ("M4", "d1", "article", "2026-03-01"),
        ("M5", "a2", "tv_clip", "2025-06-30"),  # at an old commune (WIDE only)
    ):
        media.media_create(
            actor=admin,
            unit=u[unit],
            kind=kind,
            title=f"Phóng sự {key}",
            channel="Đài PT-TH",
            published_on=d(published),
        )
    # Events starting in PERIOD: E1 (c3, in province), E2 (c1, international, starts on the last day).
    for key, unit, kind, scope, start, sales in (
        ("E1", "c3", "fair", "in_province", "2026-03-01", {"P1": 10 * M, "P4": 5 * M, "P6": 1 * M}),
        ("E2", "c1", "exhibition", "international", "2026-06-30", {"P2": 2 * M}),
        ("E3", "c2", "fair", "out_of_province", "2026-07-01", {"P3": 7 * M}),
        ("E4", "a1", "fair", "in_province", "2025-04-01", {"P1": 3 * M}),  # at an old commune (WIDE only)
    ):
        event = events.event_create(
            actor=admin,
            unit=u[unit],
            name=f"Hội chợ {key}",
            kind=kind,
            scope=scope,
            starts_on=d(start),
            ends_on=d(start) + dt.timedelta(days=2),
        )
        for producer, amount in sales.items():
            events.event_participation_set(actor=admin, event=event, producer=p[producer], sales=amount)
    # Sales points open on 30/06/2026: S1 (c1), S2 (c2, opened that day, a shop), S4 (c4, closed 01/07).
    for key, unit, kind, opened, closed in (
        ("S1", "c1", "display", "2025-01-01", None),
        ("S2", "c2", "shop", "2026-06-30", None),
        ("S3", "c3", "display", "2024-01-01", "2026-06-30"),
        ("S4", "c4", "display", "2024-01-01", "2026-07-01"),
        ("S5", "c1", "display", "2026-07-01", None),
        ("S6", "d1", "display", "2025-01-01", None),
    ):
        point = sales_points.sales_point_create(
            actor=admin, unit=u[unit], name=f"Điểm bán {key}", kind=kind, address="Số 1", opened_on=d(opened)
        )
        if closed:
            sales_points.sales_point_close(actor=admin, sales_point=point, closed_on=d(closed))
    # Revenue 2026: P1 150 (its own report; its product report is not added), P2 90 (two product reports),
    # P3 15, P4 60 = 315; 2025: P1 100 (modern retail), P4 40 = 140.
    for producer, product, year, channels in (
        ("P1", None, 2026, {"direct": 100 * M, "distributors": 50 * M}),
        ("P1", "pr1", 2026, {"direct": 80 * M}),
        ("P1", None, 2025, {"modern_retail": 100 * M}),
        ("P2", "pr3", 2026, {"direct": 30 * M, "ecommerce": 20 * M}),
        ("P2", "pr4", 2026, {"direct": 40 * M}),
        ("P3", None, 2026, {"direct": 10 * M, "ecommerce": 5 * M}),
        ("P4", "pr7", 2026, {"direct": 60 * M}),
        ("P4", None, 2025, {"direct": 40 * M}),
        ("P6", None, 2026, {"direct": 999 * M}),
    ):
        revenue.revenue_report_save(
            actor=admin, producer=p[producer], product=pr[product] if product else None, year=year, **channels
        )
    # Support given in PERIOD: U1 (P1, 20), U2 (P2, 15, on the last day), U3 (P4, 50).
    for producer, kind, amount, source, given in (
        ("P1", "trademark", 20 * M, "central", "2026-01-01"),
        ("P2", "packaging", 15 * M, "local", "2026-06-30"),
        ("P4", "equipment", 50 * M, "credit", "2026-03-03"),
        ("P3", "label", 5 * M, "local", "2025-12-31"),
        ("P6", "testing", 10 * M, "local", "2026-02-02"),
    ):
        supports.support_create(
            actor=admin, producer=p[producer], kind=kind, amount=amount, source=source, given_on=d(given)
        )
    # Budgets 2026: c1 central 100/80, c2 local 50/60.
    for unit, year, source, planned, mobilised in (
        ("c1", 2026, "central", 100 * M, 80 * M),
        ("c2", 2026, "local", 50 * M, 60 * M),
        ("c3", 2025, "local", 30 * M, 10 * M),
        ("d1", 2026, "local", 70 * M, 70 * M),
        ("b1", 2024, "central", 20 * M, 20 * M),  # at an old commune (WIDE only)
    ):
        budgets.budget_save(
            actor=admin, unit=u[unit], year=year, source=source, planned=planned, mobilised=mobilised
        )


# ----------------------------------------------------------------------------------------------------
# Dossiers


def received_for_due(due: dt.date) -> dt.date:
    """The day a commune must receive a dossier for its 15-working-day review to end on ``due``."""
    day = due
    while commune_review_due(day) > due:
        day -= dt.timedelta(days=1)
    if commune_review_due(day) != due:
        raise ValueError(f"no reception day gives the due date {due}")
    return day


def _conclude(dossier: Dossier, *, on: str, score: int, to_status: str) -> Dossier:
    """The council's result on ``on`` (a row, as the certification tests make it), then the chair's step."""
    from ocop.evaluation.domain import star_band

    with frozen(d(on)):
        dossier = Dossier.objects.get(pk=dossier.pk)
        band = star_band(Decimal(score))
        Result.objects.create(
            dossier=dossier,
            council=dossier.council,
            mean_score=Decimal(score),
            band_star=band,
            cap_star=5,
            final_star=band if band >= 3 else 0,
            member_totals={"Thành viên 1": float(score)},
        )
        chair = CouncilMember.objects.get(council=dossier.council, role=MemberRole.CHAIR).user
        return dossier_transition(actor=chair, dossier=dossier, to_status=to_status)


def _attach_evidence(dossier: Dossier) -> None:
    from ocop.evaluation.tests.conftest import actors_for

    evidence_add(
        actor=actors_for(dossier).producer,
        dossier=dossier,
        title="Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
        file=SimpleUploadedFile(
            "minh-chung.pdf", b"%PDF-1.4\n% minh chung\n", content_type="application/pdf"
        ),
    )


def _dossiers(world: World) -> None:
    """On 30/06/2026: D2 (at the commune, due 29/06), D5 (round R1 ended 29/06, scored) and D8 (R1, in the
    council; not recognised only on 05/07) are overdue; D4 (due 30/06), D9 (not recognised 28/06), D10
    (round R2 ends 30/06) and D3 (submitted, not yet received) are not. Submitted in PERIOD: D1 (01/01
    00:30), D3 (30/06 23:00), D4 (01/05); D2 was submitted 31/12/2025 23:30. To 5★ in PERIOD: D1 (01/03);
    D5 only on 01/07. Council results in PERIOD: D1 (digital), D5 (digital), D9 (no evidence file)."""
    from ocop.evaluation.tests.conftest import advance_to, make_council, make_dossier

    rubrics_load()
    admin, c = world.admin, world.units["C"]
    with frozen(d("2025-10-01")):
        for key, number, proposals, conclusion in (
            ("R1", 1, "2026-05-31", "2026-06-29"),
            ("R2", 2, "2026-06-15", "2026-06-30"),
            ("R3", 3, "2026-03-31", "2026-12-31"),
        ):
            world.rounds[key] = round_create(
                actor=admin,
                level="province",
                unit=c,
                year=2026,
                number=number,
                proposal_deadline=d(proposals),
                conclusion_deadline=d(conclusion),
            )
            make_council(world.rounds[key], actor=admin)

    def dossier(key: str, product: str, *, created: str, submitted: dt.datetime, evidence: bool = False):
        with frozen(d(created)):
            made = make_dossier(world.products[product])
            if evidence:
                _attach_evidence(made)
        with frozen(submitted):
            world.dossiers[key] = advance_to(made, lifecycle.SUBMITTED)
        return world.dossiers[key]

    def step(key: str, status: str, on: str | dt.date, **kwargs):
        day = d(on) if isinstance(on, str) else on
        with frozen(day):
            world.dossiers[key] = advance_to(world.dossiers[key], status, **kwargs)

    dossier("D1", "q1", created="2025-12-20", submitted=moment(d("2026-01-01"), 0, 30), evidence=True)
    step("D1", lifecycle.COUNCIL, "2026-02-10", round=world.rounds["R3"])
    world.dossiers["D1"] = _conclude(
        world.dossiers["D1"], on="2026-02-20", score=92, to_status=lifecycle.SCORED
    )
    step("D1", lifecycle.CENTRAL, "2026-03-01")

    dossier("D2", "q2", created="2025-12-20", submitted=moment(d("2025-12-31"), 23, 30))
    step("D2", lifecycle.COMMUNE_REVIEW, received_for_due(d("2026-06-29")))

    dossier("D3", "q3", created="2026-06-10", submitted=moment(d("2026-06-30"), 23, 0))

    dossier("D4", "q4", created="2026-04-01", submitted=moment(d("2026-05-01")))
    step("D4", lifecycle.COMMUNE_REVIEW, received_for_due(d("2026-06-30")))

    dossier("D5", "q5", created="2025-10-20", submitted=moment(d("2025-11-01")), evidence=True)
    step("D5", lifecycle.COUNCIL, "2026-06-01", round=world.rounds["R1"])
    world.dossiers["D5"] = _conclude(
        world.dossiers["D5"], on="2026-06-15", score=92, to_status=lifecycle.SCORED
    )
    step("D5", lifecycle.CENTRAL, "2026-07-01")

    dossier("D9", "q6", created="2025-10-20", submitted=moment(d("2025-11-02")))
    step("D9", lifecycle.COUNCIL, "2026-06-01", round=world.rounds["R1"])
    world.dossiers["D9"] = _conclude(
        world.dossiers["D9"], on="2026-06-28", score=45, to_status=lifecycle.NOT_RECOGNISED
    )

    dossier("D8", "q7", created="2025-10-20", submitted=moment(d("2025-11-03")))
    step("D8", lifecycle.COUNCIL, "2026-06-20", round=world.rounds["R1"])
    world.dossiers["D8"] = _conclude(
        world.dossiers["D8"], on="2026-07-05", score=45, to_status=lifecycle.NOT_RECOGNISED
    )

    dossier("D10", "q8", created="2025-10-20", submitted=moment(d("2025-11-04")))
    step("D10", lifecycle.COUNCIL, "2026-06-20", round=world.rounds["R2"])


@pytest.fixture(scope="module", name="merged_world")
def merged_world_fixture(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    """``build_merged_world()`` once for the test module (rolled back at its end). Import
    ``merged_world_fixture`` into a test module to use the fixture ``merged_world``."""
    media_root = tmp_path_factory.mktemp("indicator-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media_root)),
        transaction.atomic(),
    ):
        world = build_merged_world()
        yield world
        transaction.set_rollback(True)


# ----------------------------------------------------------------------------------------------------
# Growing data for the query-count guards


def make_growing_world() -> World:
    """The merged map, an administrator, the taxonomy and the score sheets, and no data yet."""
    taxonomy_load()
    rubrics_load()
    world = World(units=make_merged_map(), admin=make_user(role="admin"))
    world.product_set = ProductSet.objects.get(number=18, group__sector__regime="26/2026")
    return world


def add_records(world: World, count: int) -> None:
    """``count`` more producers, each with one record of every kind an indicator reads: a certified
    (then upgraded) and listed product, a dossier through the council with a result and evidence, a
    course with its leader, a media item, an event with its sales, a sales point, revenue by producer
    and by product for two years, a support and a budget. Producers go round the communes c1–c4."""
    from ocop.evaluation.tests.conftest import advance_to, make_dossier

    admin, u = world.admin, world.units
    sources = ("central", "local", "credit", "community", "other")
    for _ in range(count):
        n = len(world.producers) + 1
        commune = u[("c1", "c2", "c3", "c4")[n % 4]]
        with frozen(d("2026-01-02")):
            producer = registry_services.producer_create(
                actor=admin,
                **producer_data(commune, name=f"Chủ thể {n}", legal_rep_gender="nu", joined_on=None),
            )
            product = registry_services.product_create(
                actor=admin, producer=producer, name=f"Sản phẩm {n}", product_set=world.product_set
            )
            proposed = registry_services.product_create(
                actor=admin, producer=producer, name=f"Sản phẩm mới {n}", product_set=world.product_set
            )
        world.producers[str(n)] = producer
        recognition_record(
            actor=admin, product=product, star=3, decided_on=d("2025-09-01"), decision_number=f"{n}a/QĐ"
        )
        recognition_record(
            actor=admin, product=product, star=4, decided_on=d("2026-02-01"), decision_number=f"{n}b/QĐ"
        )
        listings.listing_create(
            actor=admin,
            product=product,
            platform="tiki",
            url=f"https://tiki.vn/{n}",
            listed_from=d("2026-01-10"),
        )
        with frozen(d("2026-01-05")):
            dossier = make_dossier(proposed)
            _attach_evidence(dossier)
        with frozen(d("2026-01-06")):
            dossier = advance_to(dossier, lifecycle.COUNCIL)
        _conclude(dossier, on="2026-02-01", score=92, to_status=lifecycle.SCORED)
        with frozen(d("2026-02-02")):
            advance_to(dossier, lifecycle.CENTRAL)
        course = training.training_create(
            actor=admin,
            unit=commune,
            title=f"Lớp {n}",
            audience="producers",
            level="province",
            starts_on=d("2026-03-01"),
            ends_on=d("2026-03-02"),
            classes=1,
            participants=10,
        )
        training.training_attendance_add(
            actor=admin, course=course, person_name=f"Học viên {n}", role="leader", producer=producer
        )
        media.media_create(
            actor=admin,
            unit=commune,
            kind="article",
            title=f"Bài {n}",
            channel="Báo",
            published_on=d("2026-03-03"),
        )
        event = events.event_create(
            actor=admin,
            unit=commune,
            name=f"Hội chợ {n}",
            kind="fair",
            scope="in_province",
            starts_on=d("2026-04-01"),
            ends_on=d("2026-04-02"),
        )
        events.event_participation_set(
            actor=admin, event=event, producer=producer, products=[product], sales=M
        )
        sales_points.sales_point_create(
            actor=admin,
            unit=commune,
            name=f"Điểm bán {n}",
            kind="display",
            address="Số 2",
            opened_on=d("2026-01-15"),
            products=[product],
        )
        for year in (2025, 2026):
            revenue.revenue_report_save(actor=admin, producer=producer, year=year, direct=M, ecommerce=M)
            revenue.revenue_report_save(actor=admin, producer=producer, product=product, year=year, direct=M)
        supports.support_create(
            actor=admin,
            producer=producer,
            kind="packaging",
            amount=M,
            source="local",
            given_on=d("2026-05-01"),
        )
        budgets.budget_save(
            actor=admin, unit=commune, year=2026, source=sources[(n - 1) // 4], planned=M, mobilised=M
        )
