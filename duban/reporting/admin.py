from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import IndicatorValue, ProgressReport


class ValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = ["task", "unit", "period", "state", "version", "updated_at"]
    list_filter = ["state", "unit"]
    raw_id_fields = ["task"]
    inlines = [ValueInline]
