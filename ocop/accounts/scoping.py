"""Where a user may read and write: the one place that turns a user into an area scope.

Selectors of every app call ``scope_of(user)`` and filter their querysets with ``.within(unit)``;
views never filter by scope themselves. Nationwide roles (administrator, central officer) get
``NATIONWIDE``; a user with no role that grants area access gets ``NOTHING``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ocop.accounts.models import OFFICER_ROLES, Role


@dataclass(frozen=True)
class Scope:
    """An area scope: everything (``nationwide``), one unit and below (``unit``), or nothing."""

    nationwide: bool = False
    unit: object | None = None  # geo.AdminUnit; typed loosely to keep accounts free of geo imports

    @property
    def is_empty(self) -> bool:
        return not self.nationwide and self.unit is None


NATIONWIDE = Scope(nationwide=True)
NOTHING = Scope()


def scope_of(user) -> Scope:
    """The area a signed-in officer may see; producers and the public get ``NOTHING`` here."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOTHING
    if user.is_superuser or user.role in {Role.ADMIN, Role.CENTRAL}:
        return NATIONWIDE
    if user.role in OFFICER_ROLES and user.scope_unit_id:
        return Scope(unit=user.scope_unit)
    return NOTHING


def is_producer_account(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.role == Role.PRODUCER)
