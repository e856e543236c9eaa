"""The user's share of each activity table: the one place the area scope is applied to activities."""

from __future__ import annotations

from django.db.models import Model, Q, QuerySet

from ocop.accounts.scoping import is_producer_account, scope_of
from ocop.activities.permissions import is_activity_reader


def located_for_user(model: type[Model], *, user) -> QuerySet:
    """Records placed at a unit whose path on either map lies in the user's area (officers only)."""
    qs = model.objects.all()
    if not is_activity_reader(user):
        return qs.none()
    scope = scope_of(user)
    if scope.nationwide:
        return qs
    if scope.unit is None:
        return qs.none()
    prefix = scope.unit.path
    return qs.filter(Q(path_2025__startswith=prefix) | Q(path_pre2025__startswith=prefix))


def producer_area_q(prefix: str, unit_path: str) -> Q:
    """Records whose producer (reached through ``prefix``) counts inside ``unit_path`` on either map."""
    return Q(**{f"{prefix}commune__path__startswith": unit_path}) | Q(
        **{f"{prefix}legacy_commune__path__startswith": unit_path}
    )


def about_producers_for_user(model: type[Model], *, user, producer: str = "producer") -> QuerySet:
    """Records about a producer: a producer account's own, or those of the producers in an officer's area."""
    qs = model.objects.all()
    if is_producer_account(user):
        return qs.filter(**{f"{producer}_id": user.producer_id}) if user.producer_id else qs.none()
    if not is_activity_reader(user):
        return qs.none()
    scope = scope_of(user)
    if scope.nationwide:
        return qs
    if scope.unit is None:
        return qs.none()
    return qs.filter(producer_area_q(f"{producer}__", scope.unit.path))


def own_producer_id(user) -> int | None:
    """The producer a producer account speaks for (``None`` for everyone else)."""
    return user.producer_id if is_producer_account(user) and user.producer_id else None


def within_unit(qs: QuerySet, unit) -> QuerySet:
    """Located records counted inside ``unit`` on the unit's own map."""
    field = "path_pre2025" if unit.map_key == "pre2025" else "path_2025"
    return qs.filter(**{f"{field}__startswith": unit.path})


def producers_within_unit(qs: QuerySet, unit, *, producer: str = "producer") -> QuerySet:
    """Records about producers counted inside ``unit`` on the unit's own map."""
    field = "legacy_commune" if unit.map_key == "pre2025" else "commune"
    return qs.filter(**{f"{producer}__{field}__path__startswith": unit.path})
