"""Every indicator against values counted by hand on the merged-province world (indicator_fixtures).

The tables give, for 01/01/2026–30/06/2026, the value in the current province C and in each of the two
old provinces A and B it was formed from; the comments say which records make each number.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ocop.monitoring.indicators import INDICATORS, Grouping, Period, compute
from ocop.monitoring.tests.indicator_fixtures import PERIOD, WIDE, M, merged_world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def figure(world, key, unit="C", period=PERIOD, grouping=Grouping.NONE, **params):
    return compute(key, unit=world.units[unit], period=period, params=params, grouping=grouping)


def as_decimal(expected) -> Decimal | None:
    return None if expected is None else Decimal(str(expected))


# (key, params, C, A, B)
EXPECTED = [
    # In force on 30/06: pr1 3★, pr11 4★, pr3 3★, pr4 4★, pr6 3★ (A: producers P1, P2); pr7 5★, pr8 4★,
    # pr12 3★ (B: P4). Not: pr2 (expired 29/06), pr5 (revoked 30/06), pr7's 3★ (superseded 30/06), pr10 (D).
    ("certified_products", {}, 8, 5, 3),
    ("certified_products", {"star_min": 3, "star_max": 3}, 4, 3, 1),
    ("certified_products", {"star_min": 4, "star_max": 4}, 3, 2, 1),
    ("certified_products", {"star_min": 5, "star_max": 5}, 1, 0, 1),
    ("certified_share_high_star", {}, 50, 40, "66.67"),
    ("certified_share_high_star", {"star_min": 5}, "12.50", 0, "33.33"),
    # First certificates in the period: pr3 (01/01) and pr12 (30/06); pr4's was 31/12/2025.
    ("newly_recognised_products", {}, 2, 1, 1),
    ("newly_recognised_products", {"star_min": 4}, 0, 0, 0),
    ("newly_recognised_products", {"star_min": 3, "star_max": 3}, 2, 1, 1),
    # pr7 3→5 on 30/06; pr11 4→4 is a re-evaluation; pr8 4→5 came on 15/07.
    ("upgraded_products", {}, 1, 0, 1),
    ("upgraded_products", {"from_star": 3, "to_star": 5}, 1, 0, 1),
    ("upgraded_products", {"from_star": 4}, 0, 0, 0),
    ("upgraded_products", {"to_star": 4}, 0, 0, 0),
    # D1 went to the centre on 01/03; D5 only on 01/07.
    ("proposed_five_star", {}, 1, 1, 0),
    # P1 5, P2 5 | P3 3, P4 5 (pr8 entered 20/07 but certified in 2024); pr9 (P5) entered 10/07.
    ("products_registered", {}, 18, 10, 8),
    # Submitted D1 (01/01 00:30), D3 (30/06 23:00), D4 (01/05); D2 on 31/12/2025 23:30.
    ("products_proposed", {}, 3, 1, 2),
    # Current map c1, c2, c3 (c4 has only pr9); old map a1, a2 | b1, b2 — not additive across maps.
    ("communes_with_products", {}, 3, 2, 2),
    ("communes_with_products", {"certified_only": True}, 2, 2, 1),
    # Listed on 30/06 among the 8: pr3 (from 30/06), pr4; pr1's listing ended on 30/06.
    ("listed_share", {}, 25, 40, 0),
    # D2 (commune due 29/06), D8 (round R1 ended 29/06, still in council on 30/06) | D5 (R1, scored).
    ("dossiers_overdue", {}, 3, 2, 1),
    # Results in the period: D1 (digital) | D5 (digital), D9 (no evidence file).
    ("digital_dossier_share", {}, "66.67", 100, 50),
    # In the programme on 30/06: P1, P2 | P3, P4 (P5 entered 01/07 00:30 local time).
    ("producers", {}, 4, 2, 2),
    ("producers", {"kind": "htx"}, 2, 1, 1),
    ("producers", {"certified_only": True}, 3, 2, 1),
    ("producers", {"kind": "htx", "certified_only": True}, 2, 1, 1),
    ("producer_share", {}, 50, 50, 50),
    ("producer_share", {"trait": "women_led", "certified_only": True}, "33.33", 50, 0),
    ("producer_share", {"trait": "ethnic_minority_led"}, 75, 50, 100),
    ("producer_share", {"trait": "cooperative"}, 50, 50, 50),
    ("producer_share", {"trait": "enterprise"}, 25, 50, 0),
    ("producer_share", {"trait": "green_chain"}, 25, 50, 0),
    # P2 has live listings; P3 sold online in 2026; P1's 2025 supermarket sales are outside the period.
    ("producer_share", {"trait": "modern_channel"}, 50, 50, 50),
    # Leaders of P1 (T1, 01/01) and P4 (T2, 30/06); P3's course began 31/12/2025, P2 came as a worker.
    ("producer_share", {"trait": "leader_trained"}, 50, 50, 50),
    # Joined P2 (01/01); P4 entered 15/03 without a joining date; P3 joined 31/12/2025; P5 entered 01/07.
    ("new_producers", {}, 2, 1, 1),
    ("new_producers", {"kinds": ["htx"]}, 1, 0, 1),
    ("new_producers", {"kinds": ["doanh_nghiep", "htx"]}, 2, 1, 1),
    # Trained / total: P1 4/10, P2 10/20 | P3 0/5, P4 6/15.
    ("trained_workers_share", {}, 40, "46.67", 30),
    # T1 (c1, 01/01, 3 classes, 90 people) | T2 (c3, 30/06, 1 class, 25); T0 31/12/2025, T4 01/07.
    ("training_classes", {}, 4, 3, 1),
    ("training_classes", {"audience": "producers"}, 3, 3, 0),
    ("training_classes", {"level": "district"}, 1, 0, 1),
    ("training_participants", {}, 115, 90, 25),
    ("training_participants", {"audience": "workers"}, 25, 0, 25),
    # M1 (article, c1, 01/01) | M2 (clip, c3, 30/06).
    ("media_items", {}, 2, 1, 1),
    ("media_items", {"kind": "article"}, 1, 1, 0),
    # E2 (c1, international, starts 30/06) | E1 (c3, in province).
    ("promotion_events", {}, 2, 1, 1),
    ("promotion_events", {"scope": "international"}, 1, 1, 0),
    # At E1 and E2, by where the producer is: P1 10 + P2 2 | P4 5 (P6 is in D; E3 starts 01/07).
    ("event_sales", {}, 17 * M, 12 * M, 5 * M),
    # S1 (c1) | S2 (c2, opened 30/06, shop), S4 (c4, closed 01/07); S3 closed 30/06; S5 opened 01/07.
    ("sales_points", {}, 3, 1, 2),
    ("sales_points", {"kind": "display"}, 2, 1, 1),
    # 2026: P1 150 (own report, not its pr1 report too), P2 30+20+40 | P3 15, P4 60.
    ("revenue", {}, 315 * M, 240 * M, 75 * M),
    ("revenue", {"channel": "ecommerce"}, 25 * M, 20 * M, 5 * M),
    ("revenue", {"channel": "direct"}, 240 * M, 170 * M, 70 * M),
    # 2025: P1 100 | P4 40.
    ("revenue_growth", {}, 125, 140, "87.50"),
    # U1 (P1, 01/01, 20), U2 (P2, 30/06, 15) | U3 (P4, 50); U4 was 31/12/2025.
    ("supports", {}, 3, 2, 1),
    ("supports", {"kind": "packaging"}, 1, 1, 0),
    ("support_amount", {}, 85 * M, 35 * M, 50 * M),
    ("support_amount", {"source": "local"}, 15 * M, 15 * M, 0),
    ("support_amount", {"kind": "equipment", "source": "credit"}, 50 * M, 0, 50 * M),
    # 2026: c1 central 100/80 | c2 local 50/60.
    ("budget_planned", {}, 150 * M, 100 * M, 50 * M),
    ("budget_planned", {"source": "local"}, 50 * M, 0, 50 * M),
    ("budget_mobilised", {}, 140 * M, 80 * M, 60 * M),
    ("budget_mobilised_share", {}, "93.33", 80, 120),
]


@pytest.mark.parametrize(("key", "params", "in_c", "in_a", "in_b"), EXPECTED)
def test_hand_computed_values(merged_world, key, params, in_c, in_a, in_b):
    got = {unit: figure(merged_world, key, unit, **params).total.value for unit in ("C", "A", "B")}
    assert got == {"C": as_decimal(in_c), "A": as_decimal(in_a), "B": as_decimal(in_b)}


def test_every_indicator_has_a_hand_computed_value():
    assert {row[0] for row in EXPECTED} == set(INDICATORS)


def test_data_outside_the_unit_is_not_counted(merged_world):
    """Province D holds P6 (certified, listed, revenue, support) and d1's records: none reach C."""
    assert figure(merged_world, "certified_products", "D").total.value == 1
    assert figure(merged_world, "revenue", "D").total.value == 999 * M
    assert figure(merged_world, "training_classes", "D").total.value == 5


# ----------------------------------------------------------------------------------------------------
# Boundary dates, one rule at a time


def on(day: str, start: str = "2026-01-01") -> Period:
    return Period(dt.date.fromisoformat(start), dt.date.fromisoformat(day))


def test_certificate_expiring_on_the_last_day_counts_and_the_day_before_does_not(merged_world):
    # c1: pr2 valid until 29/06, pr1 until 30/06, pr6 revoked 01/07; pr11, pr3, pr4 in force throughout.
    counts = [
        figure(merged_world, "certified_products", "c1", period=on(day)).total.value
        for day in ("2026-06-29", "2026-06-30", "2026-07-01")
    ]
    assert counts == [6, 5, 3]


def test_revoked_on_the_end_day_does_not_count(merged_world):
    # pr5 (B, 4★) revoked 30/06; pr8 (4★) in force throughout.
    four = {"star_min": 4, "star_max": 4}
    assert figure(merged_world, "certified_products", "B", period=on("2026-06-29"), **four).total.value == 2
    assert figure(merged_world, "certified_products", "B", period=on("2026-06-30"), **four).total.value == 1


def test_superseded_on_the_end_day_does_not_count_but_its_successor_does(merged_world):
    # pr7: 3★ superseded by 5★ on 30/06 (and pr12's first 3★ also comes on 30/06).
    five = {"star_min": 5, "star_max": 5}
    three = {"star_min": 3, "star_max": 3}
    assert figure(merged_world, "certified_products", "B", period=on("2026-06-29"), **five).total.value == 0
    assert figure(merged_world, "certified_products", "B", period=on("2026-06-30"), **five).total.value == 1
    assert figure(merged_world, "certified_products", "c3", period=on("2026-06-29"), **three).total.value == 1
    assert figure(merged_world, "certified_products", "c3", period=on("2026-06-30"), **three).total.value == 1
    # the product counts once on 30/06, at its new star
    assert figure(merged_world, "certified_products", "c3", period=on("2026-06-30")).total.value == 3


def test_recognised_on_the_first_day_counts_as_new_and_the_day_before_does_not(merged_world):
    # first certificates: pr4 31/12/2025, pr3 01/01/2026, pr12 30/06/2026
    from_first_day = figure(merged_world, "newly_recognised_products", period=on("2026-06-30")).total.value
    from_day_before = figure(
        merged_world, "newly_recognised_products", period=on("2026-06-30", start="2025-12-31")
    ).total.value
    from_day_after = figure(
        merged_world, "newly_recognised_products", period=on("2026-06-30", start="2026-01-02")
    ).total.value
    assert (from_day_before, from_first_day, from_day_after) == (3, 2, 1)
    # ending the day before the last first certificate leaves pr12 out
    assert figure(merged_world, "newly_recognised_products", period=on("2026-06-29")).total.value == 1


def test_listing_ending_on_the_end_day_is_not_live(merged_world):
    # A on 29/06: 6 in force (pr2 too), listed pr1 (until 30/06) and pr4.
    # On 30/06: 5 in force, listed pr4 and pr3 (from 30/06).
    day_before = figure(merged_world, "listed_share", "A", period=on("2026-06-29")).total
    end_day = figure(merged_world, "listed_share", "A", period=on("2026-06-30")).total
    assert (day_before.numerator, day_before.denominator, day_before.value) == (2, 6, Decimal("33.33"))
    assert (end_day.numerator, end_day.denominator, end_day.value) == (2, 5, Decimal("40.00"))


def test_sales_point_closing_on_the_end_day_is_not_open(merged_world):
    # c3's only point S3 closed on 30/06; c4's S4 on 01/07.
    assert figure(merged_world, "sales_points", "c3", period=on("2026-06-29")).total.value == 1
    assert figure(merged_world, "sales_points", "c3", period=on("2026-06-30")).total.value == 0
    assert figure(merged_world, "sales_points", "c4", period=on("2026-06-30")).total.value == 1


def test_commune_due_date_on_the_end_day_is_not_overdue(merged_world):
    # D4 (c3) due 30/06: overdue from 01/07. D2 (c1) due 29/06.
    assert figure(merged_world, "dossiers_overdue", "c3", period=on("2026-06-30")).total.value == 1  # D5 only
    assert (
        figure(merged_world, "dossiers_overdue", "c3", period=on("2026-07-01")).total.value == 1
    )  # D4; D5 went to the centre
    assert figure(merged_world, "dossiers_overdue", "c1", period=on("2026-06-29")).total.value == 0
    assert figure(merged_world, "dossiers_overdue", "c1", period=on("2026-06-30")).total.value == 2


def test_overdue_reads_the_state_on_the_end_day_not_today(merged_world):
    """D8 was not recognised on 05/07: on 30/06 it was still in the council of a round ended 29/06."""
    from ocop.evaluation import lifecycle

    assert merged_world.dossiers["D8"].status == lifecycle.NOT_RECOGNISED
    # c1 on 04/07: D2, D8, and D10 (round R2 ended 30/06); on 05/07 D8 is not recognised.
    assert figure(merged_world, "dossiers_overdue", "c1", period=on("2026-07-04")).total.value == 3
    assert figure(merged_world, "dossiers_overdue", "c1", period=on("2026-07-05")).total.value == 2


def test_dates_of_times_are_read_in_vietnam(merged_world):
    """D1 was submitted on 01/01/2026 at 00:30 in Vietnam (31/12/2025 in UTC); P5 entered 01/07 00:30."""
    day_one = Period(dt.date(2026, 1, 1), dt.date(2026, 1, 1))
    new_year_eve = Period(dt.date(2025, 12, 31), dt.date(2025, 12, 31))
    assert figure(merged_world, "products_proposed", period=day_one).total.value == 1  # D1
    assert figure(merged_world, "products_proposed", period=new_year_eve).total.value == 1  # D2 at 23:30
    assert figure(merged_world, "producers", "c4", period=on("2026-06-30")).total.value == 0
    assert figure(merged_world, "producers", "c4", period=on("2026-07-01")).total.value == 1


def test_a_product_entered_late_counts_from_its_first_certificate(merged_world):
    # pr8 entered 20/07/2026, certified 15/01/2024; pr7, pr12, q4 entered 16/03/2026, q5 in 2025.
    assert (
        figure(merged_world, "products_registered", "c3", period=on("2024-06-30", "2024-01-01")).total.value
        == 2
    )
    assert figure(merged_world, "products_registered", "c3", period=on("2026-06-30")).total.value == 5


def test_revenue_takes_the_producers_own_report_or_sums_its_product_reports(merged_world):
    # P1 (c1 with P2): own 2026 report 150 beats its pr1 report 80; P2 has product reports only (90).
    assert figure(merged_world, "revenue", "c1").total.value == 240 * M
    growth = figure(merged_world, "revenue_growth", "c2").total  # P3: 15 in 2026, nothing in 2025
    assert growth.value is None
    assert (growth.numerator, growth.denominator) == (15 * M, 0)


# ----------------------------------------------------------------------------------------------------
# Breakdowns


def test_breakdown_by_children_on_the_current_map(merged_world):
    u = merged_world.units
    result = figure(merged_world, "certified_products", grouping=Grouping.CHILDREN)
    by_commune = {key: result.child(u[key].path).value for key in ("c1", "c2", "c3", "c4")}
    assert by_commune == {"c1": 5, "c2": 0, "c3": 3, "c4": 0}
    assert result.total.value == 8


def test_breakdown_by_children_on_the_old_map(merged_world):
    u = merged_world.units
    by_district = figure(merged_world, "certified_products", "A", grouping=Grouping.CHILDREN)
    assert by_district.by_child == {u["Ad"].path: by_district.total}
    by_commune = figure(merged_world, "certified_products", "Ad", grouping=Grouping.CHILDREN)
    assert (by_commune.child(u["a1"].path).value, by_commune.child(u["a2"].path).value) == (2, 3)


def test_breakdown_of_an_old_province_by_current_communes(merged_world):
    u = merged_world.units
    result = figure(merged_world, "certified_products", "B", grouping=Grouping.CURRENT)
    assert {key: result.child(u[key].path).value for key in ("c2", "c3", "c4")} == {"c2": 0, "c3": 3, "c4": 0}
    sales = figure(merged_world, "sales_points", "B", grouping=Grouping.CURRENT)
    assert {key: sales.child(u[key].path).value for key in ("c2", "c3", "c4")} == {"c2": 1, "c3": 0, "c4": 1}


def test_a_share_child_without_records_has_nothing_to_divide(merged_world):
    u = merged_world.units
    result = figure(merged_world, "listed_share", grouping=Grouping.CHILDREN)
    assert result.child(u["c4"].path).value is None
    assert result.child(u["c1"].path).value == Decimal("40.00")
    assert result.child(u["c3"].path).value == Decimal("0.00")


def test_communes_with_products_per_child(merged_world):
    u = merged_world.units
    result = figure(merged_world, "communes_with_products", grouping=Grouping.CHILDREN)
    assert [result.child(u[k].path).value for k in ("c1", "c2", "c3", "c4")] == [1, 1, 1, 0]
    # an old province broken down by current communes counts current communes
    current = figure(merged_world, "communes_with_products", "B", grouping=Grouping.CURRENT)
    assert [current.child(u[k].path).value for k in ("c2", "c3", "c4")] == [1, 1, 0]
    assert current.total.value == 2  # b1, b2 on the old map


COUNTS = sorted(key for key, spec in INDICATORS.items() if not spec.is_share)
SHARES = sorted(key for key, spec in INDICATORS.items() if spec.is_share)


@pytest.mark.parametrize("key", COUNTS)
@pytest.mark.parametrize("unit", ["C", "A", "Ad", "B"])
def test_children_add_up_to_the_total(merged_world, key, unit):
    result = figure(merged_world, key, unit, grouping=Grouping.CHILDREN)
    assert sum((v.value for v in result.by_child.values()), Decimal(0)) == result.total.value


# ----------------------------------------------------------------------------------------------------
# The merged province: the current map adds up to the old one


def test_producers_are_placed_on_the_old_map_by_the_registry(merged_world):
    u, p = merged_world.units, merged_world.producers
    legacy = {key: p[key].legacy_commune_id for key in p}
    assert legacy == {
        "P1": u["a1"].pk,  # c1 from a1 and a2, both whole: the lower code
        "P2": u["a2"].pk,  # chosen
        "P3": u["b1"].pk,
        "P4": u["b2"].pk,
        "P5": u["b2"].pk,
        "P6": None,
    }


# Communes with products count the communes of each map (old and new communes differ), so they do not
# add up across maps: their values on both maps are in EXPECTED and test_communes_with_products_per_child.
ADDITIVE = sorted(set(INDICATORS) - {"communes_with_products"})


@pytest.mark.parametrize("period", [PERIOD, WIDE], ids=["2026H1", "2024-2026H1"])
@pytest.mark.parametrize("key", ADDITIVE)
def test_merged_province_equals_the_sum_of_its_predecessors(merged_world, key, period):
    """C on the current map = A + B on the old one: counts add up, and shares are the summed numerators
    over the summed denominators."""
    c, a, b = (figure(merged_world, key, unit, period=period).total for unit in ("C", "A", "B"))
    if INDICATORS[key].is_share:
        assert c.numerator == a.numerator + b.numerator
        assert c.denominator == a.denominator + b.denominator
        assert c.value == compute_share(a.numerator + b.numerator, a.denominator + b.denominator)
    else:
        assert c.value == a.value + b.value


def compute_share(numerator, denominator):
    from ocop.monitoring.indicators import Value

    return Value.share(numerator, denominator).value


def test_records_placed_at_old_units_count_on_both_maps(merged_world):
    # T5 (b2, 2025, 2 classes), M5 (a2, 2025), E4 (a1, 2025), budget 2024 at b1.
    assert figure(merged_world, "training_classes", "B", period=WIDE).total.value == 2 + 2 + 1  # T5, T0, T2
    assert figure(merged_world, "training_classes", "c3", period=WIDE).total.value == 2 + 1
    assert figure(merged_world, "media_items", "a2", period=WIDE).total.value == 1
    assert figure(merged_world, "media_items", "c1", period=WIDE).total.value == 1 + 1
    assert figure(merged_world, "promotion_events", "a1", period=WIDE).total.value == 1 + 1  # E4, E2
    assert figure(merged_world, "budget_planned", "b1", period=WIDE).total.value == (20 + 50) * M
    assert figure(merged_world, "budget_planned", "c2", period=WIDE).total.value == (20 + 50) * M


@pytest.mark.parametrize(
    "day", ["2025-12-31", "2026-02-01", "2026-06-29", "2026-06-30", "2026-07-01", "2026-07-15"]
)
def test_in_force_in_sql_agrees_with_the_certificate_status(merged_world, day):
    """The indicators' rule is ``certification.domain.certificate_status`` (valid or expiring) in SQL, for
    every certificate issued by that day; one issued later is not in force yet."""
    from ocop.certification.models import Certificate
    from ocop.certification.selectors import certificate_status_of
    from ocop.monitoring.indicators.common import certificates_in_force

    day = dt.date.fromisoformat(day)
    in_sql = set(certificates_in_force(day).values_list("pk", flat=True))
    for certificate in Certificate.objects.select_related("revocation", "superseded_by"):
        expected = certificate.issued_on <= day and certificate_status_of(certificate, today=day).in_force
        assert (certificate.pk in in_sql) == expected, certificate.number
