"""A producer is counted on the pre-2025 map too: in the commune it chose, or the principal predecessor."""

from __future__ import annotations

import pytest

from ocop.core.exceptions import ApplicationError
from ocop.core.testing import make_unit, producer_data
from ocop.geo.domain import REFORM_DATE
from ocop.geo.models import Succession
from ocop.registry import services
from ocop.registry.models import Producer


@pytest.fixture
def merged(small_map):
    """Xã Đắk Mil (current) formed from Thị trấn Đắk Mil (whole) and part of Xã Đức Minh."""
    old = small_map.old_commune
    duc_minh = make_unit(
        code="24826", name="Xã Đức Minh", kind="xa", level=3, parent=old.parent, current=False
    )
    dak_mil = small_map.communes["dak_mil"]
    Succession.objects.create(
        predecessor=old, successor=dak_mil, kind="merged_whole", effective_on=REFORM_DATE
    )
    Succession.objects.create(
        predecessor=duc_minh, successor=dak_mil, kind="merged_part", effective_on=REFORM_DATE
    )
    return small_map, old, duc_minh


def test_the_principal_predecessor_is_chosen_when_none_is_given(merged, admin_user):
    small_map, old, _duc_minh = merged
    producer = services.producer_create(actor=admin_user, **producer_data(small_map.communes["dak_mil"]))
    assert producer.legacy_commune == old
    assert Producer.objects.within_area(old.parent.parent).get() == producer
    assert Producer.objects.within_area(small_map.lam_dong).get() == producer


def test_an_explicit_predecessor_is_kept(merged, admin_user):
    small_map, _old, duc_minh = merged
    data = producer_data(small_map.communes["dak_mil"], legacy_commune=duc_minh)
    producer = services.producer_create(actor=admin_user, **data)
    assert producer.legacy_commune == duc_minh


def test_a_commune_the_current_one_was_not_formed_from_is_refused(merged, admin_user):
    small_map, old, _duc_minh = merged
    elsewhere = make_unit(code="24900", name="Xã Khác", kind="xa", level=3, parent=old.parent, current=False)
    data = producer_data(small_map.communes["dak_mil"], legacy_commune=elsewhere)
    with pytest.raises(ApplicationError) as exc:
        services.producer_create(actor=admin_user, **data)
    assert exc.value.field == "legacy_commune"
    assert "Thị trấn Đắk Mil" in exc.value.message
    assert not Producer.objects.exists()


def test_moving_to_another_commune_places_it_again(merged, admin_user):
    small_map, old, _duc_minh = merged
    producer = services.producer_create(actor=admin_user, **producer_data(small_map.communes["bao_loc"]))
    assert producer.legacy_commune is None  # no succession known for Bảo Lộc in this small map
    producer = services.producer_update(
        actor=admin_user, producer=producer, commune=small_map.communes["dak_mil"]
    )
    assert producer.legacy_commune == old
    assert producer.history.first().legacy_commune_id == old.pk
