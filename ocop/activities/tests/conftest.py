"""Activities fixtures: the small map with its pre-2025 side linked by successions, one producer and
product in each current commune, users of every role, and one record of every kind per commune —
all made through the real services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from ocop.activities import services
from ocop.core.testing import make_unit, make_user, producer_data
from ocop.geo.domain import REFORM_DATE
from ocop.geo.models import Succession
from ocop.registry import services as registry_services

ALL = ("dak_mil", "bao_loc", "dak_glei", "ly_son")
DAY = dt.date(2026, 3, 10)

# Which communes' records each user may see, and change.
VISIBLE = {
    "admin": set(ALL),
    "central": set(ALL),
    "province_ld": {"dak_mil", "bao_loc"},
    "province_qn": {"dak_glei", "ly_son"},
    "commune_dak_mil": {"dak_mil"},
    "council_ld": {"dak_mil", "bao_loc"},
    "producer_dak_mil": set(),
    "producer_unlinked": set(),
    "anonymous": set(),
}
CHANGEABLE = {**VISIBLE, "council_ld": set()}
# Records about a producer (listings, revenue, supports): the producer account sees its own too.
VISIBLE_OWN = {**VISIBLE, "producer_dak_mil": {"dak_mil"}}


@dataclass
class ActWorld:
    map: object
    old_province: object
    users: dict
    producers: dict
    products: dict
    records: dict = field(default_factory=dict)


def link_old_map(small_map):
    """Old Đắk Nông (67) and old Lâm Đồng (68) went into the current Lâm Đồng; old Đắk Mil into Xã Đắk Mil."""
    old_dak_nong = small_map.old_commune.parent.parent
    old_lam_dong = make_unit(code="68", name="Tỉnh Lâm Đồng", kind="tinh", level=1, current=False)
    for old in (old_dak_nong, old_lam_dong, small_map.old_commune.parent):
        Succession.objects.create(
            predecessor=old, successor=small_map.lam_dong, kind="merged_whole", effective_on=REFORM_DATE
        )
    Succession.objects.create(
        predecessor=small_map.old_commune,
        successor=small_map.communes["dak_mil"],
        kind="merged_whole",
        effective_on=REFORM_DATE,
    )
    return old_dak_nong


def make_records(admin, key: str, commune, producer, product) -> dict:
    """One record of every kind about ``key``'s commune, producer and product."""
    label = key.replace("_", " ").title()
    course = services.training_create(
        actor=admin,
        unit=commune,
        title=f"Tập huấn OCOP {label}",
        audience="producers",
        level="commune",
        starts_on=DAY,
        ends_on=DAY,
        participants=30,
    )
    attendance = services.training_attendance_add(
        actor=admin, course=course, person_name=f"Chủ thể {label}", role="leader", producer=producer
    )
    event = services.event_create(
        actor=admin,
        unit=commune,
        name=f"Hội chợ nông sản {label}",
        kind="fair",
        scope="in_province",
        starts_on=DAY,
        ends_on=DAY + dt.timedelta(days=2),
    )
    participation = services.event_participation_set(
        actor=admin, event=event, producer=producer, products=[product], sales=5_000_000
    )
    media = services.media_create(
        actor=admin,
        unit=commune,
        kind="article",
        title=f"Sản phẩm OCOP {label}",
        channel="Báo Nông nghiệp",
        published_on=DAY,
    )
    point = services.sales_point_create(
        actor=admin,
        unit=commune,
        name=f"Điểm bán OCOP {label}",
        address="Chợ trung tâm",
        opened_on=DAY,
        products=[product],
    )
    listing = services.listing_create(
        actor=admin, product=product, platform="shopee", url=f"https://shopee.vn/{key}", listed_from=DAY
    )
    revenue = services.revenue_report_save(actor=admin, producer=producer, year=2025, direct=100_000_000)
    support = services.support_create(
        actor=admin, producer=producer, kind="packaging", amount=20_000_000, source="local", given_on=DAY
    )
    budget = services.budget_save(actor=admin, unit=commune, year=2026, source="local", planned=50_000_000)
    return {
        "training": course,
        "attendance": attendance,
        "event": event,
        "participation": participation,
        "media": media,
        "sales_point": point,
        "listing": listing,
        "revenue": revenue,
        "support": support,
        "budget": budget,
    }


@pytest.fixture
def act_world(small_map, product_set, admin_user):
    old_province = link_old_map(small_map)
    producers, products = {}, {}
    for key, commune in small_map.communes.items():
        producers[key] = registry_services.producer_create(
            actor=admin_user, **producer_data(commune, name=f"Hợp tác xã {key.replace('_', ' ').title()}")
        )
        products[key] = registry_services.product_create(
            actor=admin_user, producer=producers[key], name=f"Cà phê {key}", product_set=product_set
        )
    users = {
        "admin": admin_user,
        "central": make_user(role="central"),
        "province_ld": make_user(role="province", scope_unit=small_map.lam_dong),
        "province_qn": make_user(role="province", scope_unit=small_map.quang_ngai),
        "commune_dak_mil": make_user(role="commune", scope_unit=small_map.communes["dak_mil"]),
        "council_ld": make_user(role="council", scope_unit=small_map.lam_dong),
        "producer_dak_mil": make_user(role="producer", producer=producers["dak_mil"]),
        "producer_unlinked": make_user(role="producer"),
    }
    return ActWorld(
        map=small_map, old_province=old_province, users=users, producers=producers, products=products
    )


@pytest.fixture
def full_world(act_world):
    """``act_world`` with one record of every kind in each of the four communes."""
    admin = act_world.users["admin"]
    for key, commune in act_world.map.communes.items():
        act_world.records[key] = make_records(
            admin, key, commune, act_world.producers[key], act_world.products[key]
        )
    return act_world
