from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from .models import User

# Only a superuser hands out administrative rights: the office manages accounts but cannot
# make itself (or anyone) a superuser or give itself more permissions.
PRIVILEGED = ("is_superuser", "is_staff", "user_permissions", "groups")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, ("duban", {"fields": ("role", "unit")}))
    list_display = ["username", "first_name", "role", "unit", "is_active"]
    list_filter = ["role", "is_active"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += [f for f in PRIVILEGED if f not in fields]
        return fields
