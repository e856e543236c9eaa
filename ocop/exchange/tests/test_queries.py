"""The check of a file costs the same number of queries for 10 rows as for 100 (lookups are preloaded)."""

from __future__ import annotations

import pytest

from ocop.accounts.models import Role
from ocop.core.testing import make_user, producer_data
from ocop.exchange import services
from ocop.exchange.importers.producers import ProducerImporter
from ocop.exchange.importers.products import ProductImporter
from ocop.exchange.testing import rows_from_dicts, upload, workbook_bytes
from ocop.exchange.tests.test_services import producer_row
from ocop.registry import services as registry

QUERIES = 13  # user and scope, place names (2), existing records (2–3), product sets, the job's writes


@pytest.fixture
def officer(small_map):
    return make_user(role=Role.PROVINCE, scope_unit=small_map.lam_dong)


@pytest.mark.parametrize("count", [10, 100])
def test_producer_check_queries_do_not_grow_with_rows(officer, count, django_assert_max_num_queries):
    content = workbook_bytes(
        *rows_from_dicts(ProducerImporter, [producer_row(n) for n in range(1, count + 1)])
    )
    with django_assert_max_num_queries(QUERIES):
        job = services.import_upload(actor=officer, kind="producers", file=upload(content))
    assert job.counts["create"] == count


@pytest.mark.parametrize("count", [10, 100])
def test_product_check_queries_do_not_grow_with_rows(
    officer, small_map, product_set, count, django_assert_max_num_queries
):
    producer = registry.producer_create(
        actor=officer, **producer_data(small_map.communes["dak_mil"], registration_code="5800000001")
    )
    records = [
        {"name": f"Sản phẩm {n}", "producer_code": producer.registration_code, "product_set": "18"}
        for n in range(count)
    ]
    content = workbook_bytes(*rows_from_dicts(ProductImporter, records))
    with django_assert_max_num_queries(QUERIES):
        job = services.import_upload(actor=officer, kind="products", file=upload(content))
    assert job.counts["create"] == count, job.results[:2]
