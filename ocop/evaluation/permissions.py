"""Who may see a dossier and who may move it: the evaluation app's permission rules, in one place."""

from __future__ import annotations

from ocop.accounts.models import Role
from ocop.accounts.scoping import is_producer_account, scope_of
from ocop.registry.permissions import unit_in_scope


def _seat(user, dossier):
    if not dossier.council_id or not user.is_authenticated:
        return None
    return dossier.council.members.filter(user=user).first()


def can_view_dossier(user, dossier) -> bool:
    """The producer itself, officers whose scope holds the dossier, and members of its council."""
    if not user.is_authenticated or not user.is_active:
        return False
    if is_producer_account(user):
        return user.producer_id == dossier.producer_id
    if scope_of(user).nationwide:
        return True
    if user.role in {Role.PROVINCE, Role.COMMUNE, Role.COUNCIL} and unit_in_scope(user, dossier.commune):
        return True
    return _seat(user, dossier) is not None


def can_act_as(user, dossier, actor: str) -> bool:
    """Whether ``user`` may take a step whose actor is ``actor`` (see ``lifecycle``) on ``dossier``."""
    if not user.is_authenticated or not user.is_active:
        return False
    nationwide = scope_of(user).nationwide
    if actor == "producer":
        if is_producer_account(user):
            return user.producer_id == dossier.producer_id
        return (nationwide or user.role in {Role.COMMUNE, Role.PROVINCE}) and unit_in_scope(
            user, dossier.commune
        )
    if actor == "commune":
        return (nationwide or user.role == Role.COMMUNE) and unit_in_scope(user, dossier.commune)
    if actor == "province":
        return (nationwide or user.role == Role.PROVINCE) and unit_in_scope(user, dossier.commune)
    if actor == "central":
        return nationwide
    if actor == "chair":
        seat = _seat(user, dossier)
        return seat is not None and seat.role == "chair"
    return False
