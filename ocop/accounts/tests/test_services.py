"""API token services: the secret is shown once and never stored; revoke; last use at most once a minute."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from ocop.accounts.models import ApiToken
from ocop.accounts.selectors import api_token_authenticate
from ocop.accounts.services import (
    MAX_ACTIVE_TOKENS,
    api_token_create,
    api_token_revoke,
    api_token_touch,
    hash_secret,
)
from ocop.core.exceptions import ApplicationError, PermissionDeniedError
from ocop.core.testing import make_user

pytestmark = pytest.mark.django_db


def test_secret_is_returned_once_and_only_its_hash_is_stored(small_map):
    user = make_user(role="central")
    token, secret = api_token_create(user=user, name="  Báo cáo   tỉnh ")
    assert secret.startswith("ocop_")
    assert len(secret) > 40
    assert token.name == "Báo cáo tỉnh"
    assert token.prefix == secret[5:13]
    assert token.secret_hash == hash_secret(secret) != secret
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_apitoken")
        rows = cursor.fetchall()
        cursor.execute("SELECT * FROM accounts_historicalapitoken")
        rows += cursor.fetchall()
    assert rows
    assert all(secret not in str(value) for row in rows for value in row)
    assert api_token_authenticate(secret) == token


def test_create_is_audited_and_revoke_too(small_map):
    user = make_user(role="central")
    token, _ = api_token_create(user=user, name="A")
    api_token_revoke(token=token, actor=user)
    reasons = list(token.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons == ["Tạo mã truy cập API", "Thu hồi mã truy cập API"]


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_a_name_is_required_and_bounded(small_map, name):
    with pytest.raises(ApplicationError) as error:
        api_token_create(user=make_user(role="central"), name=name)
    assert error.value.field == "name"
    assert not ApiToken.objects.exists()


def test_expiry_boundaries(small_map):
    user = make_user(role="central")
    today = timezone.localdate()
    with pytest.raises(ApplicationError) as error:
        api_token_create(user=user, name="hôm qua", expires_on=today - dt.timedelta(days=1))
    assert error.value.field == "expires_on"
    token, secret = api_token_create(user=user, name="hôm nay", expires_on=today)
    assert timezone.localtime(token.expires_at).date() == today + dt.timedelta(
        days=1
    )  # through the whole day
    assert api_token_authenticate(secret) == token
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert api_token_authenticate(secret) is None


def test_revoked_unknown_malformed_and_inactive_user_do_not_authenticate(small_map):
    user = make_user(role="central")
    token, secret = api_token_create(user=user, name="A")
    assert api_token_authenticate(secret + "x") is None
    assert api_token_authenticate("") is None
    assert api_token_authenticate(secret[5:]) is None
    user.is_active = False
    user.save()
    assert api_token_authenticate(secret) is None
    user.is_active = True
    user.save()
    api_token_revoke(token=token, actor=user)
    assert api_token_authenticate(secret) is None


def test_only_the_owner_or_an_administrator_revokes(small_map, admin_user):
    owner, other = make_user(role="central"), make_user(role="central")
    token, _ = api_token_create(user=owner, name="A")
    with pytest.raises(PermissionDeniedError):
        api_token_revoke(token=token, actor=other)
    token.refresh_from_db()
    assert token.revoked_at is None
    revoked = api_token_revoke(token=token, actor=admin_user)
    assert revoked.revoked_at is not None
    again = api_token_revoke(token=revoked, actor=owner)
    assert again.revoked_at == revoked.revoked_at


def test_at_most_twenty_usable_tokens(small_map):
    user = make_user(role="central")
    tokens = [api_token_create(user=user, name=f"{n}")[0] for n in range(MAX_ACTIVE_TOKENS)]
    with pytest.raises(ApplicationError):
        api_token_create(user=user, name="một mã nữa")
    api_token_revoke(token=tokens[0], actor=user)
    api_token_create(user=user, name="một mã nữa")


def test_last_use_is_written_at_most_once_a_minute(small_map, django_assert_num_queries):
    token, _ = api_token_create(user=make_user(role="central"), name="A")
    now = timezone.now()
    with django_assert_num_queries(1):
        api_token_touch(token=token, now=now)
    with django_assert_num_queries(0):
        api_token_touch(token=token, now=now + dt.timedelta(seconds=59))
    with django_assert_num_queries(1):
        api_token_touch(token=token, now=now + dt.timedelta(seconds=60))
    token.refresh_from_db()
    assert token.last_used_at == now + dt.timedelta(seconds=60)
    assert token.history.count() == 1  # uses leave no history rows
