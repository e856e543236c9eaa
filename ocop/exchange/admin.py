"""Import jobs in the admin: read-only, for support (what was uploaded, by whom, with what result)."""

from __future__ import annotations

from django.contrib import admin

from ocop.exchange.models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("pk", "kind", "original_name", "status", "row_count", "created_by", "created_at")
    list_filter = ("kind", "status")
    search_fields = ("original_name", "created_by__username")
    readonly_fields = [field.name for field in ImportJob._meta.fields if field.name != "results"]
    exclude = ("results",)

    def has_add_permission(self, request) -> bool:
        return False
