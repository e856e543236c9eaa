"""Django admin of administrative units and successions (reference data, refreshed by load_admin_units)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from ocop.core.text import fold
from ocop.geo.domain import REFORM_DATE
from ocop.geo.models import AdminUnit, Succession


@admin.register(AdminUnit)
class AdminUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "level", "parent", "valid_from", "valid_to"]
    list_filter = ["level", "kind", "valid_to"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]
    list_select_related = ["parent"]
    readonly_fields = ["path"]
    ordering = ["level", "code"]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[AdminUnit], search_term: str
    ) -> tuple[QuerySet[AdminUnit], bool]:
        """Also match the folded name, so "dak glei" finds "Đắk Glei"."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        folded = fold(search_term)
        if folded:
            results |= queryset.filter(name_folded__contains=folded)
        return results, may_have_duplicates


@admin.register(Succession)
class SuccessionAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "successor", "kind", "effective_on", "note"]
    list_filter = ["kind", "effective_on", "predecessor__level", "successor__level"]
    search_fields = ["predecessor__code", "predecessor__name", "successor__code", "successor__name"]
    raw_id_fields = ["predecessor", "successor"]
    list_select_related = ["predecessor", "successor"]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Succession], search_term: str
    ) -> tuple[QuerySet[Succession], bool]:
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        folded = fold(search_term)
        if folded:
            results |= queryset.filter(predecessor__name_folded__contains=folded) | queryset.filter(
                successor__name_folded__contains=folded
            )
        return results, may_have_duplicates

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        return {"effective_on": REFORM_DATE, **super().get_changeform_initial_data(request)}
