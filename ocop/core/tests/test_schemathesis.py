"""Schemathesis over the whole API v1: no server error and answers that match the OpenAPI schema.

Runs every operation of ``/api/v1/openapi.json`` through the WSGI app with a bounded, reproducible set of
generated requests, once as an administrator and once as a province officer (each through a personal
token), against a small map with producers, products, certificates and activity records made by the
services. Failures of all operations are gathered and reported together.
"""

import datetime as dt

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ocop.accounts.services import api_token_create
from ocop.activities.tests.conftest import make_records
from ocop.certification.tests.conftest import issue
from ocop.core.testing import make_user, producer_data
from ocop.registry import services as registry

pytestmark = pytest.mark.django_db

CHECKS = [
    schemathesis.checks.not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]
EXAMPLES = {GenerationMode.POSITIVE: 8, GenerationMode.NEGATIVE: 4}


@pytest.fixture
def api_data(small_map, product_set, admin_user):
    """A producer and product in each commune, a certificate for two of them, one record of every kind."""
    for key, commune in small_map.communes.items():
        producer = registry.producer_create(actor=admin_user, **producer_data(commune))
        product = registry.product_create(
            actor=admin_user, producer=producer, name=f"Sâm dây Ngọc Linh {key}", product_set=product_set
        )
        make_records(admin_user, key, commune, producer, product)
        if key in {"dak_mil", "dak_glei"}:
            issue(product, signed_on=dt.date(2026, 1, 15))
    return small_map


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Like Django's test client: the WSGI app must not close the connection holding the test transaction."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield
    for signal in signals:
        signal.connect(close_old_connections)


def _run_all(headers: dict) -> list[str]:
    from ocop.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode, examples in EXAMPLES.items():

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=examples,
                deadline=None,
                derandomize=True,
                database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def check(case):
                case.call_and_validate(headers=headers, checks=CHECKS)

            try:
                check()
            except Unsatisfiable:
                continue  # e.g. no "negative" value exists for a free-text path parameter
            except (Exception, BaseExceptionGroup) as error:  # gathered and reported together below
                failures.append(f"{operation.label} [{mode}]: {str(error)[:1500]}")
    return failures


def _bearer(user) -> dict:
    return {"Authorization": f"Bearer {api_token_create(user=user, name='schemathesis')[1]}"}


def test_schemathesis_as_administrator(api_data, admin_user):
    failures = _run_all(_bearer(admin_user))
    assert not failures, "\n\n".join(failures)


def test_schemathesis_as_province_officer(api_data):
    officer = make_user(role="province", scope_unit=api_data.lam_dong)
    failures = _run_all(_bearer(officer))
    assert not failures, "\n\n".join(failures)
