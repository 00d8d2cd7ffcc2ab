"""The public site: plans, the plan table with filters and search, and each task."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban.plans import search, services
from duban.plans.access import (
    can_see_unpublished,
    get_plan_for_user,
    get_task_for_user,
    visible_plans,
)
from duban.plans.models import Assignment, Status, Task, Unit
from duban.reporting.access import visible_reports

from . import summary
from .forms import PlanFilterForm, StatusForm


def home(request: HttpRequest) -> HttpResponse:
    plans = visible_plans(request.user).annotate(task_count=Count("tasks"))
    return render(request, "disclosure/home.html", {"plans": plans})


def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    categories = list(plan.categories.all())
    units = list(Unit.objects.filter(assignments__task__plan=plan).distinct().order_by("name"))
    form = PlanFilterForm(request.GET or None, categories=categories, units=units)
    tasks = (
        Task.objects.filter(plan=plan)
        .select_related("category")
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("unit")),
            "indicators",
        )
        .order_by("number")
    )
    if form.is_valid():
        tasks = form.apply(tasks, search.filter_tasks)
    page = Paginator(tasks, settings.PLAN_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "plan": plan,
        "form": form,
        "page": page,
        "total": plan.tasks.count(),
        "filtered": form.is_bound and form.is_valid() and form.has_filters(),
    }
    if request.htmx:
        return render(request, "disclosure/_task_table.html", context)
    categories_tally = summary.by_category(plan)
    context |= {
        "by_category": categories_tally,
        "by_unit": summary.by_unit(plan),
        "overall": summary.overall(categories_tally),
    }
    return render(request, "disclosure/plan.html", context)


def task_detail(request: HttpRequest, plan_id: int, number: int) -> HttpResponse:
    task = get_task_for_user(request.user, plan_id, number)
    reports = visible_reports(request.user, task).select_related("unit")
    office = can_see_unpublished(request.user)
    neighbours = Task.objects.filter(plan=task.plan).order_by("number")
    context = {
        "task": task,
        "plan": task.plan,
        "reports": reports,
        "previous": neighbours.filter(number__lt=task.number).last(),
        "next": neighbours.filter(number__gt=task.number).first(),
        "indicators": task.indicators.all(),
        "adjustments": task.adjustments.all(),
        "status_form": StatusForm(task=task) if office else None,
        "status_history": _status_history(task) if office else [],
    }
    return render(request, "disclosure/task.html", context)


@require_POST
def confirm_status(request: HttpRequest, plan_id: int, number: int) -> HttpResponse:
    task = get_task_for_user(request.user, plan_id, number)
    form = StatusForm(request.POST, task=task)
    if form.is_valid():
        try:
            services.confirm_status(
                task, request.user, form.cleaned_data["status"], form.cleaned_data["note"]
            )
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, _("Status saved."))
    else:
        messages.error(request, _("Choose a status."))
    return redirect("disclosure:task", plan_id=plan_id, number=number)


def _status_history(task: Task) -> list[dict[str, object]]:
    """Each change of the proposed or confirmed status: who, when, from what to what."""
    entries = []
    records = list(task.history.select_related("history_user").order_by("history_date"))
    for prev, cur in zip([None, *records], records, strict=False):
        for field in ("proposed_status", "status"):
            old = getattr(prev, field) if prev else ""
            new = getattr(cur, field)
            if old != new:
                entries.append({
                    "when": cur.history_date, "who": cur.history_user, "field": field,
                    "old": Status(old).label if old else "—",
                    "new": Status(new).label if new else "—",
                    "reason": cur.history_change_reason or "",
                })
    return entries[::-1]
