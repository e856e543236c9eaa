"""What the monitoring pages share: the officer-only gate, reading ?as_of / ?grouping / ?unit, the scoped
unit look-up, breadcrumbs and query strings for drill-down links."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts.scoping import scope_of
from ocop.geo.domain import MAP_PRE_2025
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import paths_of
from ocop.monitoring.indicators import Grouping
from ocop.monitoring.permissions import paths_in_scope

DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")


def officer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in users with an area (officers, central, administrators); everyone else gets 404."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if scope_of(request.user).is_empty:
            raise Http404(_("Không tìm thấy trang."))
        return view(request, *args, **kwargs)

    return wrapper


def parse_date(value: str | None) -> dt.date | None:
    """A day written dd/mm/yyyy (or ISO); ``None`` for empty or garbage."""
    value = (value or "").strip()
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def as_of_from(request: HttpRequest) -> dt.date:
    """``?as_of=dd/mm/yyyy``, today by default; a date that cannot be read is said so on the page."""
    written = (request.GET.get("as_of") or "").strip()
    day = parse_date(written)
    if written and day is None:
        messages.warning(
            request,
            _(
                "Ngày “%(value)s” không hợp lệ: hãy viết theo dạng dd/mm/yyyy, ví dụ 31/12/2025. "
                "Đang hiển thị số liệu đến hôm nay."
            )
            % {"value": written[:20]},
        )
    return day or timezone.localdate()


def is_old_map(unit: AdminUnit) -> bool:
    return unit.map_key == MAP_PRE_2025


def grouping_from(request: HttpRequest, unit: AdminUnit) -> Grouping:
    """``?grouping=current`` shows a pre-2025 unit by today's communes; otherwise its own children."""
    if is_old_map(unit) and request.GET.get("grouping") == Grouping.CURRENT.value:
        return Grouping.CURRENT
    return Grouping.CHILDREN


def unit_in_scope(user, unit: AdminUnit) -> bool:
    """Whether ``unit`` (either map) lies in the user's area, on its own map or through ``paths_of``."""
    scope = scope_of(user)
    if scope.nationwide:
        return True
    if scope.unit is None:
        return False
    if unit.path.startswith(scope.unit.path):
        return True
    if unit.map_key == scope.unit.map_key:
        return False
    return paths_in_scope(user, *paths_of(unit))


def unit_for_user(user, pk: Any) -> AdminUnit:
    """A unit the user may look at; 404 outside the area or when there is none."""
    try:
        unit = AdminUnit.objects.select_related("parent").get(pk=int(pk))
    except (AdminUnit.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404(_("Không tìm thấy đơn vị hành chính.")) from exc
    if not unit_in_scope(user, unit):
        raise Http404(_("Không tìm thấy đơn vị hành chính."))
    return unit


def default_unit_for(user) -> AdminUnit | None:
    """The user's own area (``None`` for nationwide users, who pick one)."""
    return scope_of(user).unit


def breadcrumbs(top: AdminUnit, unit: AdminUnit) -> list[AdminUnit]:
    """The units from ``top`` down to ``unit`` (both included) on one map, in one query."""
    if unit.pk == top.pk or not unit.path.startswith(top.path):
        return [unit]
    parts = unit.path.strip("/").split("/")
    prefixes = ["/" + "/".join(parts[:n]) + "/" for n in range(2, len(parts) + 1)]
    prefixes = [p for p in prefixes if len(p) >= len(top.path)]
    return list(AdminUnit.objects.filter(path__in=prefixes).order_by("level"))


def visible_ancestors(user, unit: AdminUnit) -> list[AdminUnit]:
    """The unit's ancestors and itself that lie in the user's area (breadcrumbs of the unit pages)."""
    parts = unit.path.strip("/").split("/")
    prefixes = ["/" + "/".join(parts[:n]) + "/" for n in range(2, len(parts) + 1)]
    rows = list(AdminUnit.objects.filter(path__in=prefixes).order_by("level"))
    scope = scope_of(user)
    if scope.nationwide or scope.unit is None:
        return rows
    return [u for u in rows if u.path.startswith(scope.unit.path)] or [unit]


def query(request: HttpRequest, **changes: Any) -> str:
    """The current query string with ``changes`` (``None`` removes a key), for drill-down links."""
    params = {k: v for k, v in request.GET.items() if k != "page"}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return "?" + urlencode(params) if params else "?"
