"""The token page: list, create (secret shown once), revoke by POST only, own tokens only."""

import pytest
from django.urls import reverse

from ocop.accounts.models import ApiToken
from ocop.accounts.services import api_token_create
from ocop.core.testing import make_user

pytestmark = pytest.mark.django_db
URL = "/tai-khoan/ma-truy-cap/"


def test_login_is_required(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_create_shows_the_secret_once(client, small_map):
    user = make_user(role="province", scope_unit=small_map.lam_dong)
    client.force_login(user)
    page = client.post(URL, {"name": "Báo cáo tỉnh", "expires_on": ""})
    assert page.status_code == 200
    token = ApiToken.objects.get(user=user)
    secret = page.context["secret"]
    assert secret.startswith("ocop_" + token.prefix)
    assert secret in page.content.decode()
    again = client.get(URL).content.decode()
    assert secret not in again
    assert "Báo cáo tỉnh" in again
    assert token.prefix in again
    assert "Đang dùng" in again


def test_a_refused_form_says_what_to_fix(client, small_map):
    client.force_login(make_user(role="central"))
    page = client.post(URL, {"name": "A", "expires_on": "2000-01-01"})
    assert page.status_code == 400
    assert "Ngày hết hạn đã qua" in page.content.decode()
    assert not ApiToken.objects.exists()


def test_revoke_needs_post_and_touches_only_own_tokens(client, small_map):
    user, other = make_user(role="central"), make_user(role="central")
    mine, _ = api_token_create(user=user, name="Của tôi")
    theirs, _ = api_token_create(user=other, name="Của người khác")
    client.force_login(user)
    assert client.get(reverse("accounts:token-revoke", args=[mine.pk])).status_code == 405
    assert client.post(reverse("accounts:token-revoke", args=[theirs.pk])).status_code == 404
    response = client.post(reverse("accounts:token-revoke", args=[mine.pk]), follow=True)
    assert "Đã thu hồi" in response.content.decode()
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.revoked_at is not None
    assert theirs.revoked_at is None
    assert "Của người khác" not in client.get(URL).content.decode()


def test_the_nav_links_to_the_page(client, small_map):
    client.force_login(make_user(role="central"))
    assert f'href="{URL}"' in client.get("/").content.decode()


def test_admin_lists_and_revokes_anyones_token(client, small_map, admin_user):
    token, secret = api_token_create(user=make_user(role="central"), name="Của cán bộ")
    client.force_login(admin_user)
    listing = client.get(reverse("admin:accounts_apitoken_changelist")).content.decode()
    assert "Của cán bộ" in listing
    assert secret not in listing
    client.post(
        reverse("admin:accounts_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.parametrize("count", [1, 3])
def test_the_page_uses_a_bounded_number_of_queries(client, small_map, django_assert_max_num_queries, count):
    user = make_user(role="central")
    for n in range(count):
        api_token_create(user=user, name=f"Mã {n}")
    client.force_login(user)
    with django_assert_max_num_queries(4):  # session, user, tokens (+ messages none)
        assert client.get(URL).status_code == 200
