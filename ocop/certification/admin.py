"""Admin of certification: read-mostly views for the administrator; writes go through the services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ocop.certification.models import Certificate, Decision, Inspection, Reminder, Revocation


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """Decisions, certificates and their events are made by the services (with their checks), not here."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ("number", "signed_on", "authority", "unit", "signer")
    list_filter = ("authority",)
    search_fields = ("number", "title", "signer")
    date_hierarchy = "signed_on"


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ("number", "product", "producer", "star", "issued_on", "valid_until", "superseded_by")
    list_filter = ("star",)
    search_fields = ("number", "product__name", "producer__name")
    list_select_related = ("product", "producer", "superseded_by")
    date_hierarchy = "issued_on"
    exclude = ("public_token",)


@admin.register(Revocation)
class RevocationAdmin(ReadOnlyAdmin):
    list_display = ("certificate", "ground", "decision_number", "concluded_on", "decided_on")
    list_select_related = ("certificate",)


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ("certificate", "kind", "inspected_on", "outcome", "mark_use_ok")
    list_filter = ("kind", "outcome")
    list_select_related = ("certificate",)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("certificate", "days_before", "sent_on", "recipients")
    list_select_related = ("certificate",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
