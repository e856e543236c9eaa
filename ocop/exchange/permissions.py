"""Who may import: officers who write the registry (province, commune, central, administrator)."""

from __future__ import annotations

from ocop.accounts.models import Role
from ocop.accounts.scoping import scope_of

IMPORTER_ROLES = frozenset({Role.ADMIN, Role.CENTRAL, Role.PROVINCE, Role.COMMUNE})


def can_import(user) -> bool:
    """Signed-in writing officers with an area (producers' accounts and council members cannot)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not (user.is_superuser or user.role in IMPORTER_ROLES):
        return False
    return not scope_of(user).is_empty


def can_see_job(user, job) -> bool:
    """A job is seen by importers whose area contains the area of the person who uploaded it."""
    if not can_import(user):
        return False
    scope = scope_of(user)
    if scope.nationwide:
        return True
    return job.scope_unit is not None and job.scope_unit.path.startswith(scope.unit.path)


def can_commit_job(user, job) -> bool:
    """Only the person who uploaded a file confirms it: the preview was checked against their scope."""
    return can_see_job(user, job) and job.created_by_id == user.pk
