"""Scoped reads of the activities: every view and API call gets its records here.

Lists take an :class:`ActivityFilters` and cost one query when evaluated; ``<thing>_get_for_user``
answers ``NotFoundError`` for a record that does not exist or lies outside the user's scope.
"""

from ocop.activities.selectors._scope import (
    about_producers_for_user,
    located_for_user,
    producers_within_unit,
    within_unit,
)
from ocop.activities.selectors.details import (
    activities_summary_for_user,
    budget_get_for_user,
    event_get_for_user,
    event_participation_get_for_user,
    event_participations,
    listing_get_for_user,
    media_get_for_user,
    revenue_report_get_for_user,
    sales_point_get_for_user,
    sales_point_products,
    support_get_for_user,
    training_attendance_get_for_user,
    training_attendances,
    training_get_for_user,
)
from ocop.activities.selectors.lists import (
    ActivityFilters,
    budget_list,
    event_list,
    listing_list,
    media_list,
    revenue_list,
    sales_point_list,
    support_list,
    training_list,
)

__all__ = [
    "ActivityFilters",
    "about_producers_for_user",
    "activities_summary_for_user",
    "budget_get_for_user",
    "budget_list",
    "event_get_for_user",
    "event_list",
    "event_participation_get_for_user",
    "event_participations",
    "listing_get_for_user",
    "listing_list",
    "located_for_user",
    "media_get_for_user",
    "media_list",
    "producers_within_unit",
    "revenue_list",
    "revenue_report_get_for_user",
    "sales_point_get_for_user",
    "sales_point_list",
    "sales_point_products",
    "support_get_for_user",
    "support_list",
    "training_attendance_get_for_user",
    "training_attendances",
    "training_get_for_user",
    "training_list",
    "within_unit",
]
