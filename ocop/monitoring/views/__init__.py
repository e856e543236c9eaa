"""Pages of monitoring: plans and their dashboards, targets, milestones, reports and exports, the
indicator library and the unit dashboards. Every page is for officers, scoped by their area."""

from ocop.monitoring.views.indicators import indicator_detail, indicator_list
from ocop.monitoring.views.milestones import milestone_add, milestone_edit
from ocop.monitoring.views.plans import plan_create, plan_detail, plan_edit, plan_list, plan_status_counts
from ocop.monitoring.views.reports import (
    plan_export_pdf,
    plan_export_xlsx,
    report_detail,
    report_export_pdf,
    report_export_xlsx,
    report_issue,
)
from ocop.monitoring.views.targets import target_add, target_detail, target_edit, target_params, target_remove
from ocop.monitoring.views.units import unit_dashboard, unit_home

__all__ = [
    "indicator_detail",
    "indicator_list",
    "milestone_add",
    "milestone_edit",
    "plan_create",
    "plan_detail",
    "plan_edit",
    "plan_export_pdf",
    "plan_export_xlsx",
    "plan_list",
    "plan_status_counts",
    "report_detail",
    "report_export_pdf",
    "report_export_xlsx",
    "report_issue",
    "target_add",
    "target_detail",
    "target_edit",
    "target_params",
    "target_remove",
    "unit_dashboard",
    "unit_home",
]
