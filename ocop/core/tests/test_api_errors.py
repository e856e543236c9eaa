"""One error shape under /api/v1/ for every failure: 400, 401, 403, 404, 405, 409, 422 and 500."""

import pytest
from django.db import IntegrityError
from django.http import Http404
from django.test import Client

from ocop.core.testing import make_user, producer_data
from ocop.registry import selectors as registry_selectors
from ocop.registry import services as registry

pytestmark = pytest.mark.django_db
API = "/api/v1"


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "field", "details"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


@pytest.fixture
def officer(small_map):
    return make_user(role="province", scope_unit=small_map.lam_dong)


@pytest.mark.parametrize("method", ["get", "post", "delete", "put"])
@pytest.mark.parametrize(
    "path", ["/nope", "/producers/1/nope", "/tokens/-1", "/tokens/abc", "/admin-units/x"]
)
def test_an_unknown_path_answers_json_404_for_any_method(client, officer, method, path):
    client.force_login(officer)
    error = _error(getattr(client, method)(f"{API}{path}"), 404, "not_found")
    assert path in error["message"]


def test_a_wrong_method_answers_json_405_with_allow(client, officer):
    client.force_login(officer)
    response = client.put(f"{API}/producers", {}, content_type="application/json")
    error = _error(response, 405, "method_not_allowed")
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "POST"}
    assert "PUT" in error["message"]


def test_anonymous_gets_401(client, db):
    _error(client.get(f"{API}/producers"), 401, "unauthorized")


def test_a_session_write_without_csrf_gets_json_403(small_map, officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post(f"{API}/tokens", {"name": "A"}, content_type="application/json")
    _error(response, 403, "forbidden")


def test_a_producer_account_gets_403_from_a_service(client, small_map):
    client.force_login(make_user(role="producer"))
    payload = producer_data(small_map.communes["dak_mil"])
    payload["commune_id"] = payload.pop("commune").pk
    payload["joined_on"] = payload["joined_on"].isoformat()
    response = client.post(f"{API}/producers", payload, content_type="application/json")
    assert response.status_code in {403, 404}
    _error(response, response.status_code, "forbidden" if response.status_code == 403 else "not_found")


def test_out_of_scope_is_404(client, small_map, admin_user, officer):
    outside = registry.producer_create(actor=admin_user, **producer_data(small_map.communes["dak_glei"]))
    client.force_login(officer)
    _error(client.get(f"{API}/producers/{outside.pk}"), 404, "not_found")


def test_http404_from_code_is_json(client, officer, monkeypatch):
    def raise_404(**kwargs):
        raise Http404("gone")

    monkeypatch.setattr(registry_selectors, "producer_get_for_user", raise_404)
    client.force_login(officer)
    _error(client.get(f"{API}/producers/1"), 404, "not_found")


@pytest.mark.parametrize("body", ["{", "[1,", "not json", '{"name": "Sâm"'])
def test_malformed_json_is_400(client, officer, body):
    client.force_login(officer)
    response = client.post(f"{API}/producers", body, content_type="application/json")
    _error(response, 400, "bad_request")


def test_invalid_input_is_422_with_details(client, officer):
    client.force_login(officer)
    error = _error(client.post(f"{API}/producers", {}, content_type="application/json"), 422, "invalid")
    assert error["details"]


def test_a_business_rule_is_400_with_the_field(client, officer):
    client.force_login(officer)
    error = _error(
        client.post(
            f"{API}/tokens", {"name": "A", "expires_on": "2001-01-01"}, content_type="application/json"
        ),
        400,
        "invalid",
    )
    assert error["field"] == "expires_on"


def test_a_conflict_is_409(client, officer, monkeypatch):
    from ocop.accounts import services

    def clash(**kwargs):
        raise IntegrityError("UNIQUE constraint failed")

    monkeypatch.setattr(services, "api_token_create", clash)
    client.force_login(officer)
    _error(client.post(f"{API}/tokens", {"name": "A"}, content_type="application/json"), 409, "conflict")


def test_an_unexpected_error_is_a_generic_json_500_and_logged(client, officer, monkeypatch, caplog):
    def boom(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(registry_selectors, "producer_list", boom)
    client.force_login(officer)
    response = client.get(f"{API}/producers")
    _error(response, 500, "server_error")
    assert b"secret internals" not in response.content
    assert any("secret internals" in (r.exc_text or "") for r in caplog.records if r.name == "ocop.api")


@pytest.mark.parametrize(
    "path", ["/producers", "/products", "/tokens", "/admin-units", "/certificates", "/plans", "/dossiers"]
)
@pytest.mark.parametrize("query", ["limit=0", "limit=501", "limit=-1", "offset=-1", "limit=abc"])
def test_paging_bounds_are_422(client, officer, path, query):
    client.force_login(officer)
    error = _error(client.get(f"{API}{path}?{query}"), 422, "invalid")
    assert error["details"]


@pytest.mark.parametrize("query", ["limit=1", "limit=500", "offset=0"])
def test_paging_boundaries_inside_are_accepted(client, officer, query):
    client.force_login(officer)
    body = client.get(f"{API}/producers?{query}").json()
    assert set(body) == {"items", "count"}


def test_vietnamese_is_raw_utf8_in_the_body(client, small_map, admin_user, product_set):
    producer = registry.producer_create(actor=admin_user, **producer_data(small_map.communes["dak_mil"]))
    registry.product_create(
        actor=admin_user, producer=producer, name="Sâm dây Ngọc Linh", product_set=product_set
    )
    client.force_login(admin_user)
    response = client.get(f"{API}/products?q=sam day")
    assert "Sâm dây Ngọc Linh".encode() in response.content
    assert b"\\u" not in response.content
    error = client.get(f"{API}/nope").content
    assert "Không có địa chỉ API này".encode() in error
