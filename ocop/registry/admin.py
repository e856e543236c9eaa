"""Django admin for configuring the taxonomy and, for administrators, the registry records."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ocop.registry.models import Producer, Product, ProductGroup, ProductPhoto, ProductSet, Sector


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "regime"]
    list_filter = ["regime"]


@admin.register(ProductGroup)
class ProductGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "sector"]
    list_filter = ["sector__regime"]


@admin.register(ProductSet)
class ProductSetAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "group", "managing_ministry"]
    list_filter = ["group__sector__regime"]


@admin.register(Producer)
class ProducerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "registration_code", "commune"]
    list_filter = ["kind", "green_value_chain"]
    search_fields = ["name_folded", "registration_code"]
    raw_id_fields = ["commune", "created_by"]
    list_select_related = ["commune"]


class ProductPhotoInline(admin.TabularInline):
    model = ProductPhoto
    extra = 0


@admin.register(Product)
class ProductAdmin(SimpleHistoryAdmin):
    list_display = ["name", "producer", "product_set", "ocop_code"]
    list_filter = ["product_set"]
    search_fields = ["name_folded", "ocop_code"]
    raw_id_fields = ["producer", "created_by"]
    list_select_related = ["producer", "product_set"]
    inlines = [ProductPhotoInline]
