"""The public site: plans, the plan table with filters and search, and each task."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from duban.plans import search
from duban.plans.access import get_plan_for_user, get_task_for_user, visible_plans
from duban.plans.models import Assignment, Task, Unit
from duban.reporting.access import visible_reports

from .forms import PlanFilterForm


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
            Prefetch("assignments", queryset=Assignment.objects.select_related("unit"))
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
    template = "disclosure/_task_table.html" if request.htmx else "disclosure/plan.html"
    return render(request, template, context)


def task_detail(request: HttpRequest, plan_id: int, number: int) -> HttpResponse:
    task = get_task_for_user(request.user, plan_id, number)
    reports = visible_reports(request.user, task).select_related("unit")
    neighbours = Task.objects.filter(plan=task.plan).order_by("number")
    context = {
        "task": task,
        "plan": task.plan,
        "reports": reports,
        "previous": neighbours.filter(number__lt=task.number).last(),
        "next": neighbours.filter(number__gt=task.number).first(),
    }
    return render(request, "disclosure/task.html", context)
