"""The office's screens for plans and tasks."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from duban import fragments
from duban.accounts.requests import SignedInRequest
from duban.documents import ParseError
from duban.i18n import say
from duban.prepared import IN_RANGE, Prepared

from . import services
from .access import get_plan_for_user, require
from .importing import ImportRefused
from .models import Assignment, Plan, Task
from .office_forms import (
    PasteForm,
    PlanForm,
    TaskForm,
    indicator_formset,
    indicator_rows,
    indicators_valid,
)
from .revisions import Change, changes_since


def _office(request: SignedInRequest) -> None:
    require(getattr(request.user, "is_office", False), _("Only the supervision office."))


@login_required
def plan_edit(request: SignedInRequest, plan_id: int | None = None) -> HttpResponse:
    _office(request)
    plan = get_plan_for_user(request.user, plan_id) if plan_id else None
    title = plan.title if plan else ""  # a refused form must not retitle the page
    form = PlanForm(request.POST or None, instance=plan)
    changes: list[Change] = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        revision = data.pop("revision", None)
        try:
            saved = services.save_plan(request.user, plan, data, revision)
        except services.Stale as exc:
            form.add_error(None, exc)
            if plan is not None and revision is not None:
                changes = changes_since(plan.pk, revision, list(PlanForm.Meta.fields))
            form.saw_revision(exc.current)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Plan saved."))
            return redirect("plans:plan-edit", plan_id=saved.id)
    return _plan_page(request, plan, form, title, changes=changes)


def _plan_page(
    request: SignedInRequest,
    plan: Plan | None,
    form: PlanForm,
    title: str,
    paste_form: PasteForm | None = None,
    changes: list[Change] | None = None,
) -> HttpResponse:
    """The plan's settings, its tasks and the paste box (as typed, when refused)."""
    rows = task_rows(plan) if plan else []
    return render(
        request,
        "plans/plan_edit.html",
        {
            "form": form,
            "plan": plan,
            "title": title,
            "rows": rows,
            # Made of every value the table shows: any change to them makes another key.
            "rows_key": fragments.key("plan-tasks", plan.id, rows) if plan else "",
            "paste_form": paste_form or PasteForm(),
            "changes": changes or [],
        },
    )


@dataclass(frozen=True)
class TaskRow:
    id: int
    number: int
    content: str
    leads: tuple[str, ...]
    co: tuple[str, ...]
    deadline: datetime.date | None
    cycle: str


def task_rows(plan: Plan) -> list[TaskRow]:
    """The plan's tasks as its table shows them, read as values (two queries): the rows
    make the table fragment's key, so reading them must cost less than rendering them."""
    units: dict[tuple[int, str], list[str]] = {}
    for task_id, role, name in Assignment.objects.filter(task__plan=plan).values_list(
        "task_id", "role", "unit__name"
    ):  # in the model's order: role, then the order the units were given in
        units.setdefault((task_id, role), []).append(name)
    cycles = dict(Task.Cycle.choices)
    lead, co = Assignment.Role.LEAD, Assignment.Role.CO
    return [
        TaskRow(
            pk,
            number,
            content,
            tuple(units.get((pk, lead), ())),
            tuple(units.get((pk, co), ())),
            deadline,
            str(cycles.get(cycle, cycle)),
        )
        for pk, number, content, deadline, cycle in plan.tasks.order_by("number").values_list(
            # A list of outcomes only (云南 2004) has no task text: its row says its outcome.
            "id",
            "number",
            Coalesce(NullIf("content", Value("")), "completion", output_field=TextField()),
            "deadline",
            "reporting_cycle",
        )
    ]


@login_required
def task_edit(request: SignedInRequest, plan_id: int, task_id: int | None = None) -> HttpResponse:
    _office(request)
    plan = get_plan_for_user(request.user, plan_id)
    task = _task_of(plan, task_id) if task_id else None
    number = task.number if task else None  # as saved, whatever the refused form says
    form = TaskForm(request.POST or None, instance=task, plan=plan)
    indicators = indicator_formset(request.POST or None, task, plan)
    if request.method == "POST" and form.is_valid() and indicators_valid(indicators):
        data = dict(form.cleaned_data)
        lead, co = data.pop("lead_units"), data.pop("co_units")
        new_category = data.pop("new_category", "").strip()
        revision = data.pop("revision", None)
        try:
            if new_category:
                data["category"] = services.add_category(request.user, plan, new_category)
            task = services.save_task(
                request.user, plan, task, data, lead, co, revision, indicator_rows(indicators)
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Task %(n)s saved.") % {"n": task.number})
            return redirect("plans:plan-edit", plan_id=plan.id)
    return render(
        request,
        "plans/task_edit.html",
        {"form": form, "indicators": indicators, "plan": plan, "task": task, "number": number},
    )


_plan_task = Prepared(
    lambda plan_id, task_id: Task.objects.filter(plan_id=plan_id, pk=task_id), variables=2
)


def _task_of(plan: Plan, task_id: int) -> Task:
    """The plan's task by its id, or 404 (SQL compiled once: the office's task page)."""
    found = _plan_task(plan.id, task_id) if task_id in IN_RANGE else []
    if not found:
        raise Http404("no such task")
    task: Task = found[0]
    task.plan = plan
    return task


@login_required
def paste(request: SignedInRequest, plan_id: int) -> HttpResponse:
    """Rows pasted from Excel. Refused, the page comes back with the rows as pasted."""
    _office(request)
    plan: Plan = get_plan_for_user(request.user, plan_id)
    form = PasteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.add_rows(request.user, plan, form.cleaned_data["rows"])
        except (ParseError, ImportRefused) as exc:
            form.add_error("rows", _("The rows could not be read: %(error)s") % {"error": say(exc)})
        except ValidationError as exc:
            form.add_error("rows", " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("%(n)d rows read into the plan: %(created)d new tasks, %(updated)d changed.")
                % {"n": result.rows, "created": result.created, "updated": result.updated},
            )
            for warning in result.warnings[:MAX_WARNINGS]:
                messages.warning(request, warning)
            if len(result.warnings) > MAX_WARNINGS:
                messages.warning(
                    request,
                    _("… and %(n)d more notes.") % {"n": len(result.warnings) - MAX_WARNINGS},
                )
            return redirect("plans:plan-edit", plan_id=plan.id)
    if request.method != "POST":
        return redirect("plans:plan-edit", plan_id=plan.id)
    return _plan_page(request, plan, PlanForm(instance=plan), plan.title, form)


MAX_WARNINGS = 20
