"""Django admin of the evaluation app: rubrics to read, rounds and councils to configure, dossiers to inspect.

Dossiers are read-only here: their status and content change only through the services (the procedure
pages and the API), so that every change keeps its actor, reason and transition row.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ocop.evaluation.models import Council, CouncilMember, Dossier, DossierTransition, Round, Rubric


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    list_display = ["regime", "product_set_number", "version", "title", "is_current", "loaded_at"]
    list_filter = ["regime", "is_current"]
    search_fields = ["title"]
    readonly_fields = [f.name for f in Rubric._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Round)
class RoundAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "level",
        "unit",
        "year",
        "number",
        "proposal_deadline",
        "conclusion_deadline",
        "is_open",
    ]
    list_filter = ["level", "year", "is_open"]
    search_fields = ["name"]
    raw_id_fields = ["unit"]
    list_select_related = ["unit"]


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Council)
class CouncilAdmin(SimpleHistoryAdmin):
    list_display = ["name", "round", "establishing_decision", "spread_threshold"]
    list_filter = ["round__level", "round__year"]
    search_fields = ["name", "establishing_decision"]
    list_select_related = ["round"]
    inlines = [CouncilMemberInline]


class DossierTransitionInline(admin.TabularInline):
    model = DossierTransition
    extra = 0
    fields = ["at", "from_status", "to_status", "actor", "reason"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Dossier)
class DossierAdmin(SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "product",
        "producer",
        "kind",
        "status",
        "round",
        "submitted_at",
        "commune_due_on",
    ]
    list_filter = ["status", "kind", "round__year"]
    search_fields = ["registration_number", "product__name_folded", "producer__name_folded"]
    list_select_related = ["product", "producer", "round"]
    readonly_fields = [f.name for f in Dossier._meta.fields]
    inlines = [DossierTransitionInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
