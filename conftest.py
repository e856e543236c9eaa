"""Test-wide fixtures: settings for tests, a small map, users of every role, the taxonomy."""

import os

os.environ.setdefault("OCOP_TESTING", "1")

import pytest


@pytest.fixture
def small_map(db):
    from ocop.core.testing import make_small_map

    return make_small_map()


@pytest.fixture
def taxonomy(db):
    from ocop.registry.taxonomy import taxonomy_load

    taxonomy_load()


@pytest.fixture
def admin_user(small_map):
    from ocop.core.testing import make_user

    return make_user(role="admin")


@pytest.fixture
def product_set(taxonomy):
    from ocop.registry.models import ProductSet

    return ProductSet.objects.get(number=18, group__sector__regime="26/2026")
