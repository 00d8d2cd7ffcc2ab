from django.contrib import admin

from duban.inspection import HistoryAdmin

from .models import Assignment, Category, Indicator, Plan, TargetAdjustment, Task, Unit


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ["unit"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


class AdjustmentInline(admin.TabularInline):
    model = TargetAdjustment
    extra = 0


@admin.register(Plan)
class PlanAdmin(HistoryAdmin):
    list_display = ["title", "government", "year", "is_public", "published_on"]
    list_filter = ["is_public", "year"]
    search_fields = ["title", "government"]


@admin.register(Category)
class CategoryAdmin(HistoryAdmin):
    list_display = ["name", "plan", "order"]
    list_filter = ["plan"]


@admin.register(Task)
class TaskAdmin(HistoryAdmin):
    list_display = ["number", "short_content", "category", "plan", "reporting_cycle", "deadline"]
    list_filter = ["plan", "category", "reporting_cycle"]
    search_fields = ["content", "completion"]
    list_select_related = ["category", "plan"]
    inlines = [AssignmentInline, IndicatorInline, AdjustmentInline]
    # Confirming a status and closing a task are services (plans.services.confirm_status,
    # reporting.services.close_task): they check the rules and record why.
    readonly_fields = [
        "status",
        "status_note",
        "status_confirmed_by",
        "status_confirmed_at",
        "closed_at",
        "closed_by",
    ]

    @admin.display(description="content")
    def short_content(self, obj: Task) -> str:
        return obj.content[:50]


@admin.register(Unit)
class UnitAdmin(HistoryAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
