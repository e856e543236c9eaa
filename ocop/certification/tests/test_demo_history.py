"""The demo recognition history: decision calendars and chains (no database), then the history written
through the services on a small generated demo set (the real map)."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import time
from collections import Counter, defaultdict
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.utils import timezone

from ocop.certification import domain
from ocop.certification.demo_history import DEMO_MARK, REASON, demo_recognition_history, plan
from ocop.certification.historical import recognition_record
from ocop.certification.models import Certificate, Decision, Revocation
from ocop.geo.domain import REFORM_DATE

D = dt.date
TODAY = D(2026, 12, 2)


# ------------------------------------------------------------------------------------------------------
# Calendars and chains, without the database


def test_provinces_decide_two_or_three_times_a_year_on_weekdays_on_their_own_map():
    calendar = plan.Calendar()
    for year in range(2019, 2027):
        old, new, central = (calendar.batches(k, year) for k in ("/pre2025/67/", "/2025/68/", plan.CENTRAL))
        if year < 2025:
            assert 2 <= len(old) <= 3
            assert new == []
        elif year == 2025:
            assert 1 <= len(old) <= 2
            assert 1 <= len(new) <= 2
            assert max(old) < REFORM_DATE <= min(new)
        else:
            assert old == []
            assert 2 <= len(new) <= 3
        assert 1 <= len(central) <= 2
        for day in old + new + central:
            assert day.year == year
            assert day.weekday() < 5
    assert plan.Calendar().batches("/pre2025/67/", 2021) == calendar.batches("/pre2025/67/", 2021)


def _item(legacy: str = "/pre2025/67/", current: str = "/2025/68/", earliest: D = plan.FIRST_DAY):
    return plan.Item(
        product=SimpleNamespace(pk=1),
        legacy_key=legacy,
        current_key=current,
        earliest=earliest,
        area=plan.area_of(legacy + "662/24823/"),
    )


def test_chains_move_forward_in_time_and_end_at_a_revocation():
    planner = plan.Planner(rng=random.Random(7), today=TODAY)
    labels: Counter[str] = Counter()
    for _ in range(400):
        item = _item()
        events = planner.history(item)
        assert events, "every Đắk Nông product finds a decision date"
        days = [e.day for e in events]
        assert days == sorted(set(days))
        assert days[-1] <= TODAY
        assert events[0].label == "first"
        assert events[0].kind == "record"
        assert all(e.kind == "record" for e in events[:-1])
        for before, after in itertools.pairwise(events):
            if after.kind == "record" and after.label != "lapsed":
                assert after.day <= domain.valid_until(before.day)  # supersedes a live certificate
        for event in events:
            if event.kind == "record":
                assert (event.star == 5) == (event.authority == "minister")
                assert domain.valid_until(event.day) > event.day
                assert Decimal(50) <= event.score < Decimal(98)
            labels[event.label] += 1
    assert {"first", "renewal", "upgrade", "five_star", "revoke"} <= set(labels)


def test_no_pre_reform_decision_without_a_legacy_commune():
    planner = plan.Planner(rng=random.Random(3), today=TODAY)
    for _ in range(50):
        events = planner.history(_item(legacy="", earliest=REFORM_DATE))
        assert all(e.day >= REFORM_DATE for e in events)


def test_plan_areas_get_their_years_exactly():
    rng = random.Random(1)
    items = [_item("/pre2025/87/") for _ in range(20)]
    chosen = plan.choose(items, rng)
    years = Counter(item.start_year for item in chosen)
    assert 11 <= len(chosen) <= 15  # ~65 % of Đồng Tháp's products
    assert years.most_common(1)[0][0] == 2021


# ------------------------------------------------------------------------------------------------------
# Written through the services on a small demo set


@pytest.fixture
def demo_set(db):
    from ocop.demo.generator import generate
    from ocop.registry.taxonomy import taxonomy_load

    call_command("load_admin_units", verbosity=0)
    taxonomy_load()
    generate(size="small", producers=40)


def _province_path(path: str) -> str:
    return "/".join(path.split("/")[:3]) + "/"


def _demo_certificates():
    return (
        Certificate.objects.filter(decision__title__endswith=DEMO_MARK)
        .select_related("decision__unit", "producer__commune", "producer__legacy_commune", "superseded_by")
        .select_related("revocation")
        .order_by("issued_on", "pk")
    )


def _check_on_the_map_of_its_day(certificate: Certificate) -> None:
    decision, producer = certificate.decision, certificate.producer
    assert D(2019, 1, 1) <= certificate.issued_on == decision.signed_on <= timezone.localdate()
    assert certificate.valid_until == domain.valid_until(certificate.issued_on)
    if certificate.star == 5:
        assert decision.authority == "minister"
        assert decision.unit is None
    elif certificate.issued_on < REFORM_DATE:
        assert decision.unit.path == _province_path(producer.legacy_commune.path)
    else:
        assert decision.unit.path == _province_path(producer.commune.path)
    successor = certificate.superseded_by
    if successor is not None:
        assert successor.product_id == certificate.product_id
        assert certificate.superseded_on == successor.issued_on <= certificate.valid_until
        assert not hasattr(certificate, "revocation")
    entry = certificate.history.earliest("history_date")
    assert entry.history_change_reason == REASON
    assert entry.history_user.is_superuser


def _check_area_counts(counts: dict[str, int], certificates: list[Certificate]) -> None:
    first: dict[int, Certificate] = {}
    for certificate in certificates:
        first.setdefault(certificate.product_id, certificate)
    for area in plan.AREAS:
        start, end = area.period
        expected = {
            c.product_id
            for c in first.values()
            if c.producer.legacy_commune.path.startswith(area.prefix) and start <= c.issued_on <= end
        }
        assert counts[f"{area.key}_products"] == len(expected), area.key
    assert counts["hue_products"] + counts["dong_thap_products"] > 0  # the 40-producer set has both


def test_history_is_recorded_through_the_services_on_the_map_of_each_day(demo_set):
    """One run (the set takes seconds to build): shares, stars, statuses, issuing units, supersessions,
    batches, plan-area counts; a product already certified is left alone; a second run does nothing."""
    from ocop.accounts.models import User
    from ocop.registry.models import Product

    admin = User.objects.filter(is_superuser=True).first()
    product = Product.objects.filter(producer__commune__path__startswith="/2025/").order_by("pk").first()
    own = recognition_record(
        actor=admin, product=product, star=4, decided_on=D(2025, 9, 1), decision_number="1"
    )
    started = time.perf_counter()
    counts = demo_recognition_history()
    assert time.perf_counter() - started < 15
    certificates = list(_demo_certificates())
    assert counts["certificates"] == len(certificates) > 20
    recognised = {c.product_id for c in certificates}
    assert counts["products"] == len(recognised)
    assert 0.3 <= (len(recognised) + 1) / Product.objects.count() <= 0.6
    assert len({c.issued_on.year for c in certificates}) >= 6
    stars = Counter(c.star for c in certificates)
    assert stars[3] > stars[4] > 0
    assert stars[5] == counts["five_star"]
    assert counts["status_expired"]
    assert counts["status_superseded"]
    assert counts["status_valid"]
    for certificate in certificates:
        _check_on_the_map_of_its_day(certificate)
    dates = defaultdict(set)
    for decision in Decision.objects.filter(title__endswith=DEMO_MARK):
        dates[decision.unit_id, decision.signed_on.year].add(decision.signed_on)
    assert max(len(days) for days in dates.values()) <= 3
    _check_area_counts(counts, certificates)

    assert list(Certificate.objects.filter(product=product)) == [own]
    total = Certificate.objects.count()
    assert demo_recognition_history() == {"skipped": 1}
    assert Certificate.objects.count() == total


def test_today_bounds_the_history_and_revocations_go_through_the_service(demo_set, monkeypatch):
    monkeypatch.setattr(plan, "REVOKE", 0.5)
    today = D(2023, 6, 30)
    counts = demo_recognition_history(today=today)
    certificates = list(_demo_certificates())
    assert certificates
    assert max(c.issued_on for c in certificates) <= today
    revocations = list(Revocation.objects.select_related("certificate"))
    assert counts["revocations"] == len(revocations) > 0
    for revocation in revocations:
        assert revocation.certificate.issued_on <= revocation.concluded_on <= revocation.decided_on <= today
        assert revocation.certificate.superseded_by_id is None
        assert revocation.history.get().history_user.is_superuser
    assert counts["status_revoked"] == len(revocations)
