"""Pages of accounts: the signed-in user's own API tokens (list, create, revoke)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from ocop.accounts import selectors, services
from ocop.accounts.forms import ApiTokenForm
from ocop.core.exceptions import ApplicationError
from ocop.core.views_support import apply_error, get_or_404

STATUS_LABELS = {
    "active": gettext_lazy("Đang dùng"),
    "expired": gettext_lazy("Hết hạn"),
    "revoked": gettext_lazy("Đã thu hồi"),
}


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """The user's tokens and the form to create one; a new secret is shown on this answer only."""
    form = ApiTokenForm(request.POST or None)
    created = secret = None
    if request.method == "POST" and form.is_valid():
        try:
            created, secret = services.api_token_create(
                user=request.user, name=form.cleaned_data["name"], expires_on=form.cleaned_data["expires_on"]
            )
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            form = ApiTokenForm()
    now = timezone.now()
    tokens = [
        (token, token.status_on(now), str(STATUS_LABELS[token.status_on(now)]))
        for token in selectors.api_tokens_of(user=request.user)
    ]
    return render(
        request,
        "accounts/token_list.html",
        {"form": form, "tokens": tokens, "created": created, "secret": secret},
        status=400 if request.method == "POST" and form.errors else 200,
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_or_404(selectors.api_token_get_for_user, user=request.user, pk=pk)
    services.api_token_revoke(token=token, actor=request.user)
    message = _("Đã thu hồi mã “%(name)s”: mã này không dùng được nữa.") % {"name": token.name}
    messages.success(request, message)
    return redirect("accounts:token-list")
