"""Django admin for users (role, area scope, producer link) and everyone's API tokens."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ocop.accounts.models import ApiToken, User
from ocop.accounts.services import api_token_revoke


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "get_full_name", "role", "scope_unit", "producer", "is_active"]
    list_filter = ["role", "is_active", "is_staff"]
    raw_id_fields = ["scope_unit", "producer"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Vai trò và địa bàn"), {"fields": ("role", "scope_unit", "producer", "phone")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    """Administrators see everyone's tokens (never a secret) and revoke them through the service."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__username"]
    raw_id_fields = ["user"]
    readonly_fields = ["user", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at"]
    fields = ["user", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a secret is shown once, on the user's own page

    @admin.action(description=_("Thu hồi các mã đã chọn"))
    def revoke(self, request: HttpRequest, queryset) -> None:
        for token in queryset.filter(revoked_at__isnull=True):
            api_token_revoke(token=token, actor=request.user)
        self.message_user(request, _("Đã thu hồi các mã đã chọn."))
