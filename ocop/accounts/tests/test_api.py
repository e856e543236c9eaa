"""Token authentication on the API: lifecycle, the user's own scope through a token, /tokens endpoints."""

import datetime as dt

import pytest
from django.utils import timezone

from ocop.accounts.models import ApiToken
from ocop.accounts.services import api_token_create
from ocop.core.testing import make_user

pytestmark = pytest.mark.django_db
API = "/api/v1"


def _assert_401(response):
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_lifecycle_create_use_revoke_then_401_on_the_very_next_request(client, world, bearer):
    headers = bearer(world.admin)
    assert client.get(f"{API}/producers", **headers).json()["count"] == 4
    created = client.post(
        f"{API}/tokens", {"name": "Phần mềm tỉnh"}, content_type="application/json", **headers
    ).json()
    assert created["secret"].startswith("ocop_")
    assert created["status"] == "active"
    new = {"HTTP_AUTHORIZATION": f"Bearer {created['secret']}"}
    assert client.get(f"{API}/producers", **new).status_code == 200
    revoked = client.delete(f"{API}/tokens/{created['id']}", **headers)
    assert revoked.status_code == 200
    assert revoked.json()["status"] == "revoked"
    assert "secret" not in revoked.json()
    _assert_401(client.get(f"{API}/producers", **new))
    assert client.get(f"{API}/producers", **headers).status_code == 200  # the other token still works


def test_expired_unknown_and_inactive_user_get_401(client, world, bearer):
    token, secret = api_token_create(user=world.admin, name="A")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    _assert_401(client.get(f"{API}/producers", HTTP_AUTHORIZATION=f"Bearer {secret}"))
    _assert_401(client.get(f"{API}/producers", HTTP_AUTHORIZATION="Bearer ocop_nothing"))
    _assert_401(client.get(f"{API}/producers", HTTP_AUTHORIZATION="Token x"))
    user = make_user(role="central")
    headers = bearer(user)
    assert client.get(f"{API}/producers", **headers).status_code == 200
    user.is_active = False
    user.save()
    _assert_401(client.get(f"{API}/producers", **headers))


def test_a_commune_officers_token_sees_only_its_commune(client, world, bearer, commune_officer):
    headers = bearer(commune_officer)
    listed = client.get(f"{API}/producers", **headers).json()
    assert [p["id"] for p in listed["items"]] == [world.producers["dak_mil"].pk]
    outside = world.producers["dak_glei"]
    assert client.get(f"{API}/producers/{outside.pk}", **headers).status_code == 404
    assert client.get(f"{API}/products/{world.products['bao_loc'].pk}", **headers).status_code == 404
    assert client.get(f"{API}/certificates", **headers).status_code == 200


def test_a_token_works_for_certification_operations_that_set_auth_themselves(client, world, bearer):
    _assert_401(client.get(f"{API}/certificates"))
    assert client.get(f"{API}/certificates", **bearer(world.admin)).status_code == 200


def test_last_used_is_recorded(client, world):
    token, secret = api_token_create(user=world.admin, name="A")
    client.get(f"{API}/producers", HTTP_AUTHORIZATION=f"Bearer {secret}")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_user_sees_and_revokes_only_their_own_tokens(client, world, bearer, commune_officer):
    mine, _ = api_token_create(user=commune_officer, name="Của tôi")
    theirs, _ = api_token_create(user=world.admin, name="Của quản trị")
    headers = bearer(commune_officer, name="Đang gọi")
    listed = client.get(f"{API}/tokens", **headers).json()
    assert {t["name"] for t in listed["items"]} == {"Của tôi", "Đang gọi"}
    assert listed["count"] == 2
    assert all("secret" not in t and "secret_hash" not in t for t in listed["items"])
    refused = client.delete(f"{API}/tokens/{theirs.pk}", **headers)
    assert refused.status_code == 404
    assert refused.json()["error"]["code"] == "not_found"
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
    assert client.delete(f"{API}/tokens/{mine.pk}", **headers).status_code == 200


def test_creating_a_token_validates_input(client, world, bearer):
    headers = bearer(world.admin)
    empty = client.post(f"{API}/tokens", {"name": "  "}, content_type="application/json", **headers)
    assert empty.status_code == 400
    assert empty.json()["error"]["field"] == "name"
    past = client.post(
        f"{API}/tokens",
        {"name": "A", "expires_on": "2000-01-01"},
        content_type="application/json",
        **headers,
    )
    assert past.status_code == 400
    assert past.json()["error"]["field"] == "expires_on"


def test_a_session_still_works_and_anonymous_gets_401(client, world):
    _assert_401(client.get(f"{API}/tokens"))
    client.force_login(world.admin)
    assert client.get(f"{API}/tokens").status_code == 200


def test_openapi_documents_the_bearer_scheme(client, db):
    schema = client.get(f"{API}/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["ApiTokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["ApiTokenAuth"]["description"],
    }
    operation = schema["paths"][f"{API}/producers"]["get"]
    assert {"ApiTokenAuth": []} in operation["security"]
    assert {"SessionAuth": []} in operation["security"]
    assert "security" not in schema["paths"][f"{API}/verify/{{token}}"]["get"]


@pytest.mark.parametrize("extra", [0, 2])
def test_token_list_and_token_auth_use_a_bounded_number_of_queries(
    client, small_map, django_assert_max_num_queries, extra
):
    user = make_user(role="central")
    for n in range(extra):
        api_token_create(user=user, name=f"Mã {n}")
    _, secret = api_token_create(user=user, name="Đang gọi")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    client.get(f"{API}/tokens", **headers)  # first use records last_used_at
    with django_assert_max_num_queries(3):  # the token with its user, the count, the page
        response = client.get(f"{API}/tokens", **headers)
    assert response.json()["count"] == extra + 1
