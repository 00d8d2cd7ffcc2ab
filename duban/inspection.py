"""The admin as an inspection tool for the supervision cycle.

Reports, requests, instructions and publications change only through their services
(duban/reporting/services.py, duban/disclosure/services.py), which check who asks, keep
the rules (an accepted report never changes), notify, and record the reason in the history.
The admin shows them and their history; it adds, changes, deletes and reverts none of them,
whoever asks (a superuser too: there is no rule-free way to change a report).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """simple-history's admin without "revert": its form saves an old version on POST for
    anyone who may merely view the history."""

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReadOnly:
    """Shown, never added, changed or deleted."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class InspectionAdmin(ReadOnly, HistoryAdmin):
    """A workflow model and its history, for inspection."""


class InspectionInline(ReadOnly, admin.TabularInline):
    extra = 0
