"""The audit log in the admin: browsed and searched, never added to, changed or deleted."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from duban.inspection import ReadOnly

from .models import ACTIONS, AuditEntry

if TYPE_CHECKING:  # (django-stubs-ext is installed with the dev tools only)
    from django_stubs_ext import StrOrPromise


class ActionFilter(admin.SimpleListFilter):
    title = _("action")
    parameter_name = "action"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin[Any]
    ) -> list[tuple[str, StrOrPromise]]:
        return [(code, label) for code, label in ACTIONS.items()]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["created_at", "action", "label", "actor", "object_repr"]
    list_filter = [ActionFilter, "created_at"]
    search_fields = ["action", "object_repr", "actor__username"]
    date_hierarchy = "created_at"
    fields = (
        "created_at",
        "action",
        "actor",
        "content_type",
        "object_id",
        "object_repr",
        "shown_data",
    )
    readonly_fields = fields
    list_select_related = ["actor"]

    @admin.display(description=_("what"))
    def label(self, entry: AuditEntry) -> str:
        return entry.label

    @admin.display(description=_("data"))
    def shown_data(self, entry: AuditEntry) -> str:
        return format_html("<pre>{}</pre>", json.dumps(entry.data, ensure_ascii=False, indent=1))
