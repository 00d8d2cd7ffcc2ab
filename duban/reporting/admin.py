"""Reports, requests and instructions, shown for inspection; they change only through
reporting/services.py (duban/inspection.py says why)."""

from django.contrib import admin

from duban.inspection import InspectionAdmin, InspectionInline

from .models import IndicatorValue, Instruction, ProgressReport, Request


class ValueInline(InspectionInline):
    model = IndicatorValue


@admin.register(ProgressReport)
class ProgressReportAdmin(InspectionAdmin):
    list_display = ["task", "unit", "period", "state", "version", "updated_at"]
    list_filter = ["state", "unit"]
    raw_id_fields = ["task"]
    inlines = [ValueInline]


@admin.register(Request)
class RequestAdmin(InspectionAdmin):
    list_display = ["task", "unit", "kind", "state", "created_at", "decided_at"]
    list_filter = ["kind", "state"]
    raw_id_fields = ["task"]


@admin.register(Instruction)
class InstructionAdmin(InspectionAdmin):
    list_display = ["task", "leader", "created_at", "answered_at"]
    raw_id_fields = ["task"]
