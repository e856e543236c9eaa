"""The catalogue: exactly the keys of briefs/indicators.md, documented, with parameters checked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from ocop.monitoring.indicators import INDICATORS, Grouping, Period, UnknownIndicator, compute

# The contract between the helpers (key: (kind, parameters with their defaults, is a share)).
CATALOGUE = {
    "certified_products": ("stock", {"star_min": 3, "star_max": 5}, False),
    "certified_share_high_star": ("stock", {"star_min": 4}, True),
    "newly_recognised_products": ("flow", {"star_min": 3, "star_max": 5}, False),
    "upgraded_products": ("flow", {"from_star": None, "to_star": None}, False),
    "proposed_five_star": ("flow", {}, False),
    "products_registered": ("stock", {}, False),
    "products_proposed": ("flow", {}, False),
    "communes_with_products": ("stock", {"certified_only": False}, False),
    "listed_share": ("stock", {}, True),
    "dossiers_overdue": ("stock", {}, False),
    "digital_dossier_share": ("flow", {}, True),
    "producers": ("stock", {"kind": None, "certified_only": False}, False),
    "producer_share": ("stock", {"trait": "women_led", "certified_only": False}, True),
    "new_producers": ("flow", {"kinds": None}, False),
    "trained_workers_share": ("stock", {}, True),
    "training_classes": ("flow", {"audience": None, "level": None}, False),
    "training_participants": ("flow", {"audience": None, "level": None}, False),
    "media_items": ("flow", {"kind": None}, False),
    "promotion_events": ("flow", {"scope": None}, False),
    "event_sales": ("flow", {}, False),
    "sales_points": ("stock", {"kind": None}, False),
    "revenue": ("flow", {"channel": None}, False),
    "revenue_growth": ("flow", {"channel": None}, True),
    "supports": ("flow", {"kind": None}, False),
    "support_amount": ("flow", {"kind": None, "source": None}, False),
    "budget_planned": ("flow", {"source": None}, False),
    "budget_mobilised": ("flow", {"source": None}, False),
    "budget_mobilised_share": ("flow", {"source": None}, True),
}
PERIOD = Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))


def test_the_catalogue_is_exactly_the_contract():
    assert {key: (spec.kind, spec.defaults(), spec.is_share) for key, spec in INDICATORS.items()} == CATALOGUE


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_each_indicator_is_documented_for_officers(key):
    spec = INDICATORS[key]
    with translation.override("vi"):  # a request of an earlier test may have left English active
        _check_documented(spec)


def _check_documented(spec):
    assert str(spec.label)
    assert str(spec.label)[0].isupper()
    description = str(spec.description)
    assert len(description) > 120
    assert "ngày cuối kỳ" in description or "năm" in description  # says which days count
    assert str(spec.unit_label)
    assert (str(spec.unit_label) == "%") == spec.is_share
    for param in spec.params:
        assert str(param.label)


@pytest.fixture
def province(db):
    from ocop.monitoring.tests.indicator_fixtures import make_merged_map

    return make_merged_map()["C"]


@pytest.mark.parametrize("key", sorted(CATALOGUE))
@pytest.mark.parametrize("grouping", list(Grouping))
def test_an_empty_database_gives_zero_or_nothing_to_divide(province, key, grouping):
    result = compute(key, unit=province, period=PERIOD, grouping=grouping)
    assert result.total.value == (None if INDICATORS[key].is_share else 0)
    assert result.by_child == {}


@pytest.mark.parametrize(
    ("key", "params"),
    [
        ("producer_share", {"trait": "left_handed"}),
        ("certified_products", {"star_min": 5, "star_max": 3}),
        ("certified_products", {"star_min": 2}),
        ("upgraded_products", {"to_star": "six"}),
        ("producers", {"kind": "company"}),
        ("new_producers", {"kinds": ["htx", "company"]}),
        ("training_classes", {"audience": "children"}),
        ("revenue", {"channel": "total"}),
        ("support_amount", {"source": "lottery"}),
        ("sales_points", {"colour": "red"}),  # not a parameter at all
    ],
)
def test_bad_parameters_are_refused(province, key, params):
    with pytest.raises(ValueError, match="parameter"):
        compute(key, unit=province, period=PERIOD, params=params)


def test_an_unknown_indicator_is_refused(province):
    with pytest.raises(UnknownIndicator):
        compute("happiness", unit=province, period=PERIOD)


def test_parameters_may_come_from_json(province):
    """Targets store parameters as JSON: stars as strings, flags as text, kinds as one code."""
    for key, params in (
        ("certified_products", {"star_min": "4", "star_max": "5"}),
        ("communes_with_products", {"certified_only": "true"}),
        ("new_producers", {"kinds": "htx"}),
        ("producers", {"kind": ""}),
    ):
        assert compute(key, unit=province, period=PERIOD, params=params).total.value == 0
