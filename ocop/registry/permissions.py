"""Who may see and change producers and products — the registry's permission rules, in one place.

Officers act inside their area scope; council members only read; a producer account sees and
edits only its own producer and products; the public sees nothing here (the portal has its own pages).
"""

from __future__ import annotations

import rules

from ocop.accounts.models import Role
from ocop.accounts.scoping import is_producer_account, scope_of

WRITER_ROLES = frozenset({Role.ADMIN, Role.CENTRAL, Role.PROVINCE, Role.COMMUNE})


def unit_in_scope(user, unit) -> bool:
    """Whether ``unit`` (an AdminUnit) lies inside the user's area scope."""
    scope = scope_of(user)
    if scope.nationwide:
        return True
    return scope.unit is not None and unit is not None and unit.path.startswith(scope.unit.path)


@rules.predicate
def owns_producer(user, producer) -> bool:
    return is_producer_account(user) and producer is not None and user.producer_id == producer.pk


@rules.predicate
def producer_in_scope(user, producer) -> bool:
    return producer is not None and unit_in_scope(user, producer.commune)


@rules.predicate
def is_registry_writer(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role in WRITER_ROLES))


@rules.predicate
def is_registry_reader(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role in WRITER_ROLES | {Role.COUNCIL}))


@rules.predicate
def owns_product(user, product) -> bool:
    return product is not None and owns_producer(user, product.producer)


@rules.predicate
def product_in_scope(user, product) -> bool:
    return product is not None and producer_in_scope(user, product.producer)


can_view_producer = owns_producer | (is_registry_reader & producer_in_scope)
can_change_producer = owns_producer | (is_registry_writer & producer_in_scope)
can_view_product = owns_product | (is_registry_reader & product_in_scope)
can_change_product = owns_product | (is_registry_writer & product_in_scope)

rules.add_perm("registry.view_producer_obj", can_view_producer)
rules.add_perm("registry.change_producer_obj", can_change_producer)
rules.add_perm("registry.view_product_obj", can_view_product)
rules.add_perm("registry.change_product_obj", can_change_product)


def can_create_producer_in(user, commune) -> bool:
    """Officers who write may register a producer in a commune of their scope."""
    return bool(is_registry_writer(user) and unit_in_scope(user, commune))


def can_create_product_for(user, producer) -> bool:
    """A producer account for itself; a writing officer for producers in its scope."""
    return bool(can_change_producer(user, producer))
