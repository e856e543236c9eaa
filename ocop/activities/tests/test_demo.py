"""The demo activities: every kind made, placed on both maps, with history, nothing in the future, once."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ocop.activities import demo
from ocop.activities.models import (
    Budget,
    EventParticipation,
    Listing,
    MediaItem,
    PromotionEvent,
    RevenueReport,
    SalesPoint,
    Support,
    TrainingAttendance,
    TrainingCourse,
)

pytestmark = pytest.mark.django_db
ALL_MODELS = (
    TrainingCourse,
    TrainingAttendance,
    PromotionEvent,
    EventParticipation,
    MediaItem,
    SalesPoint,
    Listing,
    RevenueReport,
    Support,
    Budget,
)


@pytest.fixture
def made(act_world):
    return act_world, demo.demo_activities()


def test_every_kind_is_made_with_its_history(made):
    _world, counts = made
    for model in ALL_MODELS:
        assert model.objects.count() == counts[model._meta.model_name] > 0, model.__name__
        assert model.history.count() >= model.objects.count(), model.__name__
    assert EventParticipation.products.through.objects.exists()
    assert set(Support.objects.values_list("kind", flat=True)) >= {
        "trademark",
        "label",
        "packaging",
        "credit",
    }


def test_records_count_on_both_maps_and_before_the_reform_at_the_old_province(made):
    world, _counts = made
    for model in (TrainingCourse, PromotionEvent, MediaItem, SalesPoint, Budget):
        assert not model.objects.filter(path_2025="").exists(), model.__name__
    old = MediaItem.objects.filter(path_pre2025__startswith=world.old_province.path)
    assert old.exists()
    assert all(item.published_on.year <= 2025 for item in old)
    years = set(old.values_list("published_on__year", flat=True))
    assert years == {2021, 2022, 2023, 2024, 2025}
    assert old.filter(kind="tv_clip", published_on__year=2023).count() == 2
    assert 3 <= old.filter(kind="article", published_on__year=2023).count() <= 4


def test_a_sales_point_in_the_old_dak_nong_district(made):
    world, _counts = made
    district = world.map.old_commune.parent
    assert SalesPoint.objects.filter(path_pre2025__startswith=district.path).exists()


def test_nothing_is_dated_after_today(made):
    today = timezone.localdate()
    assert not MediaItem.objects.filter(published_on__gt=today).exists()
    assert not TrainingCourse.objects.filter(ends_on__gt=today).exists()
    assert not PromotionEvent.objects.filter(ends_on__gt=today).exists()
    assert not Support.objects.filter(given_on__gt=today).exists()
    assert not Listing.objects.filter(listed_from__gt=today).exists()
    assert not RevenueReport.objects.filter(year__gt=today.year).exists()


def test_revenue_totals_are_the_sum_of_the_channels(made):
    for report in RevenueReport.objects.all():
        assert report.total == sum(getattr(report, c) for c in RevenueReport.CHANNELS)


def test_attendees_are_leaders_of_the_area(made):
    for attendance in TrainingAttendance.objects.select_related("course", "producer__commune"):
        assert attendance.role == "leader"
        assert attendance.producer.legal_rep_name == attendance.person_name


def test_a_second_run_changes_nothing(made):
    before = {model: model.objects.count() for model in ALL_MODELS}
    again = demo.demo_activities()
    assert not any(again.values())
    assert {model: model.objects.count() for model in ALL_MODELS} == before


def test_without_producers_nothing_is_made(small_map):
    assert not any(demo.demo_activities().values())
    assert not TrainingCourse.objects.exists()
