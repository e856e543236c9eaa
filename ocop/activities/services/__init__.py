"""Writes of the activities: one function per use case, one transaction, history with actor and reason.

Every function checks the actor's permission (``activities.permissions``), normalises text to NFC,
validates the record with Vietnamese messages naming the field, places located records on both maps
(``geo.selectors.paths_of``) and raises ``ApplicationError`` (``NotFoundError`` outside the scope,
``PermissionDeniedError`` for a record the actor may read but not change).
"""

from ocop.activities.services.budgets import budget_save
from ocop.activities.services.events import (
    EVENT_FIELDS,
    event_create,
    event_participation_remove,
    event_participation_set,
    event_update,
)
from ocop.activities.services.listings import LISTING_FIELDS, listing_create, listing_end, listing_update
from ocop.activities.services.media import MEDIA_FIELDS, media_create, media_update
from ocop.activities.services.revenue import CHANNELS, revenue_report_save
from ocop.activities.services.sales_points import (
    SALES_POINT_FIELDS,
    sales_point_close,
    sales_point_create,
    sales_point_update,
)
from ocop.activities.services.supports import SUPPORT_FIELDS, support_create, support_update
from ocop.activities.services.training import (
    TRAINING_FIELDS,
    training_attendance_add,
    training_attendance_remove,
    training_create,
    training_update,
)

__all__ = [
    "CHANNELS",
    "EVENT_FIELDS",
    "LISTING_FIELDS",
    "MEDIA_FIELDS",
    "SALES_POINT_FIELDS",
    "SUPPORT_FIELDS",
    "TRAINING_FIELDS",
    "budget_save",
    "event_create",
    "event_participation_remove",
    "event_participation_set",
    "event_update",
    "listing_create",
    "listing_end",
    "listing_update",
    "media_create",
    "media_update",
    "revenue_report_save",
    "sales_point_close",
    "sales_point_create",
    "sales_point_update",
    "support_create",
    "support_update",
    "training_attendance_add",
    "training_attendance_remove",
    "training_create",
    "training_update",
]
