"""Accounts fixtures: one producer and product per commune of the small map, officers with tokens."""

from dataclasses import dataclass

import pytest

from ocop.accounts.services import api_token_create
from ocop.core.testing import make_user, producer_data
from ocop.registry import services as registry


@dataclass
class World:
    map: object
    admin: object
    producers: dict
    products: dict


@pytest.fixture
def world(small_map, product_set, admin_user):
    producers, products = {}, {}
    for key, commune in small_map.communes.items():
        producers[key] = registry.producer_create(actor=admin_user, **producer_data(commune))
        products[key] = registry.product_create(
            actor=admin_user,
            producer=producers[key],
            name=f"Sâm dây Ngọc Linh {key}",
            product_set=product_set,
        )
    return World(map=small_map, admin=admin_user, producers=producers, products=products)


@pytest.fixture
def bearer():
    """``bearer(user)`` -> request headers carrying a fresh token of ``user``."""

    def make(user, **kwargs):
        _, secret = api_token_create(user=user, name=kwargs.pop("name", "Kiểm thử"), **kwargs)
        return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    return make


@pytest.fixture
def commune_officer(small_map):
    return make_user(role="commune", scope_unit=small_map.communes["dak_mil"])
