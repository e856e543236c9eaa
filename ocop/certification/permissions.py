"""Who may decide, revoke, inspect and renew: the certification app's permission rules, in one place.

Authority follows QĐ 26/2026/QĐ-TTg: the province chair recognises and revokes 3★/4★ (Điều 4.1.a, 8.2.a),
the minister 5★ (Điều 4.1.b, 8.2.b); the province OCOP agency inspects every product of its province and
the ministry 5★ ones (Điều 9.4). In the system a province officer records the province's acts within its
scope, and a nationwide user (central officer, administrator) records the ministry's and may act for any
province, as in the dossier lifecycle.
"""

from __future__ import annotations

from ocop.accounts.models import Role
from ocop.accounts.scoping import is_producer_account, scope_of
from ocop.registry.permissions import unit_in_scope


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_nationwide(user) -> bool:
    return _active(user) and scope_of(user).nationwide


def is_province_officer(user) -> bool:
    return _active(user) and user.role == Role.PROVINCE and user.scope_unit_id is not None


def can_issue_decisions(user) -> bool:
    """Province officers (for their province) and nationwide users prepare recognition decisions."""
    return is_nationwide(user) or is_province_officer(user)


def _in_scope(user, certificate) -> bool:
    return unit_in_scope(user, certificate.producer.commune)


def can_revoke(user, certificate) -> bool:
    """5★: the ministry (nationwide users); 3★/4★: the province officer of the product's province too."""
    if is_nationwide(user):
        return True
    return certificate.star < 5 and is_province_officer(user) and _in_scope(user, certificate)


def can_inspect(user, certificate) -> bool:
    """Province officers inspect products of their province (any star); nationwide users any product."""
    return is_nationwide(user) or (is_province_officer(user) and _in_scope(user, certificate))


def can_open_renewal(user, certificate) -> bool:
    """The producer itself, or an officer who may prepare a dossier for it (commune, province, nationwide)."""
    if not _active(user):
        return False
    if is_producer_account(user):
        return user.producer_id == certificate.producer_id
    if is_nationwide(user):
        return True
    return user.role in {Role.COMMUNE, Role.PROVINCE} and _in_scope(user, certificate)
