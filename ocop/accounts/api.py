"""API of personal tokens: a user lists, creates and revokes only their own tokens."""

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import Status

from ocop.accounts import selectors, services
from ocop.accounts.models import ApiToken
from ocop.accounts.schemas import ApiTokenCreatedOut, ApiTokenIn, ApiTokenOut
from ocop.core.pagination import CappedLimitOffsetPagination

router = Router(tags=["tokens"])


def _out(token: ApiToken, *, secret: str | None = None) -> dict:
    data = {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
        "expires_at": token.expires_at,
        "revoked_at": token.revoked_at,
        "status": token.status_on(timezone.now()),
    }
    if secret is not None:
        data["secret"] = secret
    return data


class _Rendered:
    """A lazily rendered queryset slice for the paginator."""

    def __init__(self, qs) -> None:
        self.qs = qs

    def count(self) -> int:
        return self.qs.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        return [_out(token) for token in self.qs[item]]


@router.get("", response=list[ApiTokenOut], summary="Các mã truy cập API của tôi")
@paginate(CappedLimitOffsetPagination)
def list_tokens(request: HttpRequest):
    return _Rendered(selectors.api_tokens_of(user=request.user))


@router.post("", response={201: ApiTokenCreatedOut}, summary="Tạo mã truy cập API (mã bí mật hiện một lần)")
def create_token(request: HttpRequest, payload: ApiTokenIn):
    token, secret = services.api_token_create(
        user=request.user, name=payload.name, expires_on=payload.expires_on
    )
    return Status(201, _out(token, secret=secret))


@router.delete("/{int:token_id}", response=ApiTokenOut, summary="Thu hồi một mã truy cập API của tôi")
def revoke_token(request: HttpRequest, token_id: int):
    token = selectors.api_token_get_for_user(user=request.user, pk=token_id)
    return _out(services.api_token_revoke(token=token, actor=request.user))
