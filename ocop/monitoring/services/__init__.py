"""Writes of monitoring: plans, their targets and milestones (with evidence), issued reports, reference plans.

Every function takes the acting user, checks the permission (``monitoring.permissions``), runs in one
transaction, validates the record (``full_clean``) and saves it with a history entry naming the actor and
the reason. Refusals are ``ApplicationError`` with a Vietnamese message and the field to fix.

Side effects:

- ``plan_create`` / ``plan_update``: the plan's paths on both maps are set from its unit (``paths_of``).
- ``report_issue``: one ``Report`` and one ``ReportValue`` per target × period × unit (the unit shown, then
  every child), frozen: ``selectors.report_rows`` gives them back unchanged whatever the data does later.
- ``reference_plans_load``: the five plans of ``data/reference_plans.json``, created or brought up to date
  (matched by number and issuing body; targets by code, milestones by title), marked ``is_reference``.
"""

from ocop.monitoring.services.milestones import milestone_add, milestone_evidence_add, milestone_update
from ocop.monitoring.services.plans import (
    PLAN_FIELDS,
    TARGET_FIELDS,
    plan_create,
    plan_update,
    target_add,
    target_remove,
    target_update,
)
from ocop.monitoring.services.reference import reference_plans_load
from ocop.monitoring.services.reports import report_issue

__all__ = [
    "PLAN_FIELDS",
    "TARGET_FIELDS",
    "milestone_add",
    "milestone_evidence_add",
    "milestone_update",
    "plan_create",
    "plan_update",
    "reference_plans_load",
    "report_issue",
    "target_add",
    "target_remove",
    "target_update",
]
