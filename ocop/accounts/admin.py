"""Django admin for users: role, area scope and producer link."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from ocop.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "get_full_name", "role", "scope_unit", "producer", "is_active"]
    list_filter = ["role", "is_active", "is_staff"]
    raw_id_fields = ["scope_unit", "producer"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Vai trò và địa bàn"), {"fields": ("role", "scope_unit", "producer", "phone")}),
    )
