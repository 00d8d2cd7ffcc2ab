from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from .models import User

# Only a superuser hands out administrative rights: the office manages accounts but cannot
# make itself (or anyone) a superuser or give itself more permissions.
PRIVILEGED = ("is_superuser", "is_staff", "user_permissions", "groups")


def may_manage(actor: Any, account: User) -> bool:
    """Whether actor may change, set the password of, or delete account: a superuser may
    manage anyone; anyone else only accounts with no right it lacks itself, or a new
    password would hand it those rights."""
    if actor.is_superuser:
        return True
    if account.is_superuser:
        return False
    return account.get_all_permissions() <= actor.get_all_permissions()


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("duban", {"fields": ("role", "unit")}))
    list_display = ["username", "first_name", "role", "unit", "is_active"]
    list_filter = ["role", "is_active"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += [f for f in PRIVILEGED if f not in fields]
        return fields

    # The password form (user_change_password) asks has_change_permission too.
    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_manage(request.user, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_manage(request.user, obj))

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        # The "delete selected" action checks only the model permission: an account the
        # person may not manage among the selection makes the whole deletion refused.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if any(not may_manage(request.user, account) for account in objs):
            perms_needed.add(str(self.opts.verbose_name))
        return deleted, counts, perms_needed, protected
