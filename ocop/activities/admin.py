"""Django admin of the activities, for administrators (history included); officers use the pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ocop.activities.models import (
    Budget,
    EventParticipation,
    Listing,
    MediaItem,
    PromotionEvent,
    RevenueReport,
    SalesPoint,
    Support,
    TrainingAttendance,
    TrainingCourse,
)


class TrainingAttendanceInline(admin.TabularInline):
    model = TrainingAttendance
    extra = 0
    raw_id_fields = ["producer"]


@admin.register(TrainingCourse)
class TrainingCourseAdmin(SimpleHistoryAdmin):
    list_display = ["title", "audience", "level", "starts_on", "classes", "participants", "unit"]
    list_filter = ["audience", "level"]
    search_fields = ["search_folded"]
    raw_id_fields = ["unit", "created_by"]
    list_select_related = ["unit"]
    inlines = [TrainingAttendanceInline]
    date_hierarchy = "starts_on"


class EventParticipationInline(admin.TabularInline):
    model = EventParticipation
    extra = 0
    raw_id_fields = ["producer"]
    filter_horizontal = ["products"]


@admin.register(PromotionEvent)
class PromotionEventAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "scope", "starts_on", "unit"]
    list_filter = ["kind", "scope"]
    search_fields = ["search_folded"]
    raw_id_fields = ["unit", "created_by"]
    list_select_related = ["unit"]
    inlines = [EventParticipationInline]
    date_hierarchy = "starts_on"


@admin.register(MediaItem)
class MediaItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "channel", "published_on", "unit"]
    list_filter = ["kind"]
    search_fields = ["search_folded"]
    raw_id_fields = ["unit", "created_by"]
    list_select_related = ["unit"]
    date_hierarchy = "published_on"


@admin.register(SalesPoint)
class SalesPointAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "unit", "opened_on", "closed_on"]
    list_filter = ["kind"]
    search_fields = ["search_folded"]
    raw_id_fields = ["unit", "created_by", "products"]
    list_select_related = ["unit"]


@admin.register(Listing)
class ListingAdmin(SimpleHistoryAdmin):
    list_display = ["product", "platform", "listed_from", "listed_until"]
    list_filter = ["platform"]
    search_fields = ["product__name_folded", "url"]
    raw_id_fields = ["product", "created_by"]
    list_select_related = ["product"]


@admin.register(RevenueReport)
class RevenueReportAdmin(SimpleHistoryAdmin):
    list_display = ["producer", "product", "year", "total"]
    list_filter = ["year"]
    search_fields = ["producer__name_folded"]
    raw_id_fields = ["producer", "product", "created_by"]
    list_select_related = ["producer", "product"]
    readonly_fields = ["total"]


@admin.register(Support)
class SupportAdmin(SimpleHistoryAdmin):
    list_display = ["producer", "kind", "amount", "source", "given_on"]
    list_filter = ["kind", "source"]
    search_fields = ["producer__name_folded"]
    raw_id_fields = ["producer", "product", "created_by"]
    list_select_related = ["producer"]


@admin.register(Budget)
class BudgetAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "year", "source", "planned", "mobilised"]
    list_filter = ["year", "source"]
    raw_id_fields = ["unit", "created_by"]
    list_select_related = ["unit"]
