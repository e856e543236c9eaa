"""Admin of monitoring: read-only views for the administrator; plans, targets, milestones and reports are
written by the services (with their checks and history), on the monitoring pages or the API."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ocop.monitoring.models import Milestone, MilestoneEvidence, Plan, Report, ReportValue, Target


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class TargetInline(admin.TabularInline):
    model = Target
    fields = ("position", "code", "title", "indicator", "params", "comparator", "value", "value_max",
              "deadline", "each_year", "per_child")  # fmt: skip
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class MilestoneInline(admin.TabularInline):
    model = Milestone
    fields = ("position", "title", "due_on", "status", "done_on")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ("number", "title", "issuing_body", "issued_on", "unit", "period_start", "period_end",
                    "is_reference")  # fmt: skip
    list_filter = ("is_reference",)
    search_fields = ("number", "title", "issuing_body")
    list_select_related = ("unit",)
    date_hierarchy = "issued_on"
    inlines = [TargetInline, MilestoneInline]


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    list_display = ("title", "plan", "indicator", "comparator", "value", "deadline", "each_year", "per_child")
    list_filter = ("indicator", "each_year", "per_child")
    search_fields = ("title", "plan__number")
    list_select_related = ("plan",)


@admin.register(MilestoneEvidence)
class MilestoneEvidenceAdmin(ReadOnlyAdmin):
    list_display = ("title", "milestone", "uploaded_by", "created_at")
    list_select_related = ("milestone", "uploaded_by")


class ReportValueInline(admin.TabularInline):
    model = ReportValue
    fields = ("position", "target", "unit_name", "period_start", "period_end", "actual", "share", "forecast",
              "status")  # fmt: skip
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ("title", "plan", "as_of", "map_key", "issued_by", "created_at")
    list_select_related = ("plan", "issued_by")
    date_hierarchy = "as_of"
    inlines = [ReportValueInline]
