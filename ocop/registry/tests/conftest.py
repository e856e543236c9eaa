"""Registry fixtures: a populated small map with users of every role."""

from dataclasses import dataclass

import pytest

from ocop.core.testing import make_user, producer_data
from ocop.registry import services


@dataclass
class World:
    map: object
    users: dict
    producers: dict
    products: dict


@pytest.fixture
def world(small_map, product_set, admin_user):
    """One producer with one product in each of the four communes, and a user of every role."""
    producers, products = {}, {}
    for key, commune in small_map.communes.items():
        producers[key] = services.producer_create(actor=admin_user, **producer_data(commune))
        products[key] = services.product_create(
            actor=admin_user,
            producer=producers[key],
            name=f"Sâm dây Ngọc Linh {key}",
            product_set=product_set,
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
    return World(map=small_map, users=users, producers=producers, products=products)


# Which communes' records each user may see.
VISIBLE = {
    "admin": {"dak_mil", "bao_loc", "dak_glei", "ly_son"},
    "central": {"dak_mil", "bao_loc", "dak_glei", "ly_son"},
    "province_ld": {"dak_mil", "bao_loc"},
    "province_qn": {"dak_glei", "ly_son"},
    "commune_dak_mil": {"dak_mil"},
    "council_ld": {"dak_mil", "bao_loc"},
    "producer_dak_mil": {"dak_mil"},
    "producer_unlinked": set(),
}
# Which communes' records each user may change.
CHANGEABLE = {**VISIBLE, "council_ld": set()}
