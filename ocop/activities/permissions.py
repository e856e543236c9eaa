"""Who may see and change activity records — the activities' permission rules, in one place.

Administrators and central officers act everywhere. Province and commune officers read and write the
records of their area: a record placed at a unit counts there when its ``path_2025`` or its
``path_pre2025`` lies inside the officer's unit (so the current Lâm Đồng also sees old Đắk Nông's
records); a record about a producer counts where the producer is (its current or its pre-2025
commune). Council members only read. A producer account reads and writes its own listings and revenue
reports, and reads its own supports, training attendances and event participations. The public sees
nothing here.
"""

from __future__ import annotations

import rules

from ocop.accounts.models import Role
from ocop.accounts.scoping import is_producer_account, scope_of

WRITER_ROLES = frozenset({Role.ADMIN, Role.CENTRAL, Role.PROVINCE, Role.COMMUNE})
READER_ROLES = WRITER_ROLES | {Role.COUNCIL}


def paths_in_scope(user, *paths: str) -> bool:
    """Whether one of ``paths`` (unit paths of either map) lies inside the user's area scope."""
    scope = scope_of(user)
    if scope.nationwide:
        return True
    if scope.unit is None:
        return False
    prefix = scope.unit.path
    return any(path and path.startswith(prefix) for path in paths)


def producer_paths(producer) -> tuple[str, ...]:
    """Where a producer counts: its current commune and its pre-2025 one (select them related)."""
    paths = [producer.commune.path] if producer.commune_id else []
    if producer.legacy_commune_id:
        paths.append(producer.legacy_commune.path)
    return tuple(paths)


@rules.predicate
def is_activity_reader(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user.role in READER_ROLES))


@rules.predicate
def is_activity_writer(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user.role in WRITER_ROLES))


@rules.predicate
def located_in_scope(user, record) -> bool:
    """A record placed at a unit (``LocatedModel``) counts inside the user's area on either map."""
    return record is not None and paths_in_scope(user, record.path_2025, record.path_pre2025)


@rules.predicate
def producer_in_scope(user, producer) -> bool:
    return producer is not None and paths_in_scope(user, *producer_paths(producer))


@rules.predicate
def owns_producer(user, producer) -> bool:
    return is_producer_account(user) and producer is not None and user.producer_id == producer.pk


def _producer_of(record):
    product = getattr(record, "product", None)
    producer = getattr(record, "producer", None)
    return producer if producer is not None else (product.producer if product is not None else None)


@rules.predicate
def owns_record(user, record) -> bool:
    """The record (listing, revenue report, support) is about the user's own producer."""
    return record is not None and owns_producer(user, _producer_of(record))


@rules.predicate
def record_producer_in_scope(user, record) -> bool:
    return record is not None and producer_in_scope(user, _producer_of(record))


# Records placed at a unit: courses, events, media, sales points, budgets.
can_view_located = is_activity_reader & located_in_scope
can_change_located = is_activity_writer & located_in_scope
# Records about a producer.
can_view_producer_record = owns_record | (is_activity_reader & record_producer_in_scope)
can_change_own_record = owns_record | (is_activity_writer & record_producer_in_scope)  # listings, revenue
can_change_officer_record = is_activity_writer & record_producer_in_scope  # supports

rules.add_perm("activities.view_located_obj", can_view_located)
rules.add_perm("activities.change_located_obj", can_change_located)
rules.add_perm("activities.view_producer_record_obj", can_view_producer_record)
rules.add_perm("activities.change_own_record_obj", can_change_own_record)
rules.add_perm("activities.change_officer_record_obj", can_change_officer_record)


def can_place_at(user, paths: tuple[str, str]) -> bool:
    """A writing officer may place a record at a unit whose ``paths_of`` lie in its scope."""
    return bool(is_activity_writer(user) and paths_in_scope(user, *paths))


def can_write_for_producer(user, producer) -> bool:
    """Listings and revenue: the producer's own account, or a writing officer of its area."""
    return bool(
        owns_producer(user, producer) or (is_activity_writer(user) and producer_in_scope(user, producer))
    )


def can_support_producer(user, producer) -> bool:
    """Supports, attendances and participations are recorded by officers of the producer's area."""
    return bool(is_activity_writer(user) and producer_in_scope(user, producer))


def can_view_producer(user, producer) -> bool:
    return bool(
        owns_producer(user, producer) or (is_activity_reader(user) and producer_in_scope(user, producer))
    )
