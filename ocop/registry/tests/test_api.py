"""Registry API: scope on every endpoint, one error shape, Vietnamese JSON as it is."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocop.core.testing import producer_data
from ocop.registry.tests.conftest import CHANGEABLE, VISIBLE

pytestmark = pytest.mark.django_db
ALL = ("dak_mil", "bao_loc", "dak_glei", "ly_son")
API = "/api/v1"


def _producer_payload(commune, **overrides):
    data = producer_data(commune, **overrides)
    data["commune_id"] = data.pop("commune").pk
    data["joined_on"] = data["joined_on"].isoformat()
    return data


def test_anonymous_gets_401_and_nothing(client, world):
    response = client.get(f"{API}/producers")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert client.get(f"{API}/products/{world.products['dak_mil'].pk}").status_code == 401


@pytest.mark.parametrize("who", list(VISIBLE))
def test_lists_hold_only_the_scope(client, world, who):
    client.force_login(world.users[who])
    producers = client.get(f"{API}/producers").json()
    products = client.get(f"{API}/products").json()
    expected = {world.producers[k].pk for k in VISIBLE[who]}
    assert {p["id"] for p in producers["items"]} == expected
    assert producers["count"] == len(expected)
    assert {p["producer_id"] for p in products["items"]} == expected


@pytest.mark.parametrize("who", list(VISIBLE))
def test_details_and_patches_answer_404_outside_scope(client, world, who):
    client.force_login(world.users[who])
    for key in ALL:
        producer, product = world.producers[key], world.products[key]
        got = client.get(f"{API}/producers/{producer.pk}")
        assert got.status_code == (200 if key in VISIBLE[who] else 404)
        assert client.get(f"{API}/products/{product.pk}").status_code == got.status_code
        patched = client.patch(
            f"{API}/producers/{producer.pk}", {"phone": "0911000111"}, content_type="application/json"
        )
        if key in CHANGEABLE[who]:
            assert patched.status_code == 200
        else:
            assert patched.status_code in {403, 404}
            producer.refresh_from_db()
            assert producer.phone != "0911000111"


def test_json_keeps_vietnamese_characters(client, world):
    client.force_login(world.users["admin"])
    raw = client.get(f"{API}/products/{world.products['dak_mil'].pk}").content.decode()
    assert "Sâm dây Ngọc Linh" in raw
    assert "\\u" not in raw


def test_create_and_duplicate_give_clear_errors(client, world):
    client.force_login(world.users["province_ld"])
    payload = _producer_payload(world.map.communes["bao_loc"], name="Công ty TNHH Cà phê Đà Lạt")
    created = client.post(f"{API}/producers", payload, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["province"]["name"] == "Tỉnh Lâm Đồng"
    again = client.post(f"{API}/producers", payload, content_type="application/json")
    assert again.status_code == 400
    error = again.json()["error"]
    assert error["code"] == "invalid"
    assert error["field"] == "registration_code"
    assert "Công ty TNHH Cà phê Đà Lạt" in error["message"]


def test_create_outside_scope_is_forbidden(client, world):
    client.force_login(world.users["province_ld"])
    payload = _producer_payload(world.map.communes["dak_glei"])
    response = client.post(f"{API}/producers", payload, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_validation_errors_use_the_same_shape(client, world):
    client.force_login(world.users["admin"])
    response = client.post(f"{API}/producers", {"name": ""}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"


def test_unknown_product_set_is_explained(client, world):
    client.force_login(world.users["admin"])
    response = client.patch(
        f"{API}/products/{world.products['dak_mil'].pk}", {"product_set": 99}, content_type="application/json"
    )
    assert response.status_code == 422
    response = client.post(
        f"{API}/products",
        {"producer_id": world.producers["dak_mil"].pk, "name": "Trà hoa vàng", "product_set": 12},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["product_set"]["number"] == 12


def test_search_and_paging(client, world):
    client.force_login(world.users["admin"])
    page = client.get(f"{API}/products", {"q": "SAM DAY", "limit": 2, "offset": 0}).json()
    assert page["count"] == 4
    assert len(page["items"]) == 2


def test_openapi_document_is_served(client, db):
    document = client.get(f"{API}/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    assert "/api/v1/producers" in document["paths"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    who=st.sampled_from(sorted(VISIBLE)),
    key=st.sampled_from(ALL),
    kind=st.sampled_from(["producers", "products"]),
)
def test_random_user_and_record_never_leaks(client, world, who, key, kind):
    client.force_login(world.users[who])
    record = (world.producers if kind == "producers" else world.products)[key]
    response = client.get(f"{API}/{kind}/{record.pk}")
    listing = json.dumps(client.get(f"{API}/{kind}", {"limit": 500}).json(), ensure_ascii=False)
    if key in VISIBLE[who]:
        assert response.status_code == 200
        assert record.name in listing
    else:
        assert response.status_code == 404
        assert record.name not in listing
