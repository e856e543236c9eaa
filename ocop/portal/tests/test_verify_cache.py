"""The verification cache (``OCOP_VERIFY_CACHE_URL``): kept answers cost no query, and a revocation, an
expiry or a rename still shows on the very next request."""

from __future__ import annotations

import datetime as dt

import pytest

from ocop.certification import verify_cache
from ocop.portal.tests.conftest import at
from ocop.registry import services as registry_services


@pytest.fixture
def cached(settings, tmp_path):
    """The cache on, its generation in a file (as for every process of one machine)."""
    settings.OCOP_VERIFY_CACHE = f"file://{tmp_path / 'generation'}"
    verify_cache._kept.clear()
    yield verify_cache._kept
    verify_cache._kept.clear()


def _api(client, certificate):
    response = client.get(f"/api/v1/verify/{certificate.public_token}")
    assert response.status_code == 200
    return response.json()


def test_a_kept_answer_costs_no_query(client, world, cached, django_assert_num_queries):
    certificate = world.certificates["sam_day"]
    first = _api(client, certificate)
    with django_assert_num_queries(0):
        assert _api(client, certificate) == first
    with django_assert_num_queries(0):
        assert "Sâm dây Ngọc Linh" in client.get(f"/xac-minh/{certificate.public_token}/").content.decode()


def test_without_the_setting_every_answer_reads_the_database(client, world, django_assert_num_queries):
    certificate = world.certificates["sam_day"]
    _api(client, certificate)
    with django_assert_num_queries(1):
        _api(client, certificate)


def test_a_revocation_shows_on_the_next_request(client, world, cached, django_capture_on_commit_callbacks):
    certificate = world.certificates["sam_day"]
    assert _api(client, certificate)["status"]["code"] == "valid"
    with django_capture_on_commit_callbacks(execute=True):
        world.maker.revoke(certificate, on=dt.date(2026, 6, 15))
    answer = _api(client, certificate)
    assert answer["status"]["code"] == "revoked"
    assert answer["revoked_on"] == "2026-06-15"


def test_an_expiry_shows_on_the_first_day_after_validity(client, world, cached):
    certificate = world.certificates["ca_phe"]
    with at(certificate.valid_until):
        assert _api(client, certificate)["status"]["code"] == "expiring"
    with at(certificate.valid_until + dt.timedelta(days=1)):
        assert _api(client, certificate)["status"]["code"] == "expired"


def test_a_rename_shows_on_the_next_request(client, world, cached, django_capture_on_commit_callbacks):
    certificate = world.certificates["nuoc_mam"]
    _api(client, certificate)
    with django_capture_on_commit_callbacks(execute=True):
        registry_services.product_update(
            actor=world.maker.admin, product=world.products["nuoc_mam"], name="Nước mắm Dương Đông"
        )
    assert _api(client, certificate)["product_name"] == "Nước mắm Dương Đông"


def test_an_answer_built_before_a_commit_is_never_served_after_it(world, cached):
    """The race: a reader reads the generation, then old data; the writer commits and bumps; the reader keeps
    its old answer. It was kept under the old generation, so the next reader builds a new one."""
    token, today = world.certificates["sam_day"].public_token, dt.date(2026, 6, 15)

    def stale_build():
        verify_cache.forget_all()  # the writer's commit lands while this reader builds
        return "old"

    assert verify_cache.remembered(token, today=today, build=stale_build) == "old"
    assert verify_cache.remembered(token, today=today, build=lambda: "new") == "new"
    assert verify_cache.remembered(token, today=today, build=lambda: "newer") == "new"


def test_unknown_codes_are_not_kept(client, world, cached):
    assert client.get("/api/v1/verify/" + "A" * 22).status_code == 404
    assert not [key for key in cached if "AAAA" in key]


def test_a_redis_generation_is_shared_and_bumped(settings):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.OCOP_VERIFY_CACHE = url
    shared = verify_cache.generation()
    before = shared.current()
    verify_cache.forget_all()
    assert verify_cache.RedisGeneration(url).current() == before + 1


def test_a_file_generation_only_grows(tmp_path):
    shared = verify_cache.FileGeneration(str(tmp_path / "generation"))
    assert shared.current() == 0
    seen = []
    for _ in range(3):
        shared.bump()
        seen.append(shared.current())
    assert seen == sorted(set(seen))
    assert seen[0] > 0


def test_an_unreadable_setting_is_refused(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.OCOP_VERIFY_CACHE = "memcached://x"
    with pytest.raises(ImproperlyConfigured, match="OCOP_VERIFY_CACHE"):
        verify_cache.generation()
