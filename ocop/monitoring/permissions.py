"""Who may see, create and change plans (with their targets, milestones and reports), in one place.

A plan counts on both maps (``path_2025``, ``path_pre2025``): an officer sees it when either path lies
within the officer's area, so a Lâm Đồng officer sees the pre-2025 Đắk Nông plans (counted in Lâm Đồng
on the current map). Nationwide users (administrator, central officer) see and change every plan;
province officers change the plans in their area; commune officers only commune plans in their area;
council members only read.
"""

from __future__ import annotations

from ocop.accounts.models import Role
from ocop.accounts.scoping import scope_of
from ocop.geo.domain import Level


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def paths_in_scope(user, path_2025: str, path_pre2025: str) -> bool:
    """Whether a record counted at these paths lies in the user's area (on either map)."""
    if not _active(user):
        return False
    scope = scope_of(user)
    if scope.nationwide:
        return True
    if scope.unit is None:
        return False
    prefix = scope.unit.path
    return any(path and path.startswith(prefix) for path in (path_2025, path_pre2025))


def _may_write_at(user, level: int) -> bool:
    if user.role == Role.PROVINCE:
        return True
    return user.role == Role.COMMUNE and level == Level.COMMUNE


def can_view_plan(user, plan) -> bool:
    return paths_in_scope(user, plan.path_2025, plan.path_pre2025)


def can_change_plan(user, plan) -> bool:
    """Nationwide users; province officers in their area; commune officers for commune plans there."""
    if not can_view_plan(user, plan):
        return False
    if scope_of(user).nationwide:
        return True
    return _may_write_at(user, plan.unit.level)


def can_create_plan_in(user, unit) -> bool:
    """Whether the user may create a plan scoped to ``unit`` (either map; one query for its paths)."""
    if not _active(user) or unit is None:
        return False
    if scope_of(user).nationwide:
        return True
    if user.role not in {Role.PROVINCE, Role.COMMUNE} or not _may_write_at(user, unit.level):
        return False
    from ocop.geo.selectors import paths_of

    return paths_in_scope(user, *paths_of(unit))
