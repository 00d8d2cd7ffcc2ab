"""The office's milestone (节点) screen, on the task page: add, edit, mark done, remove, read
from the task's text; and for a whole plan, read them from every task's text."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from duban.accounts.requests import SignedInRequest
from duban.plans.access import get_plan_for_user, get_task_for_user, is_office, require

from . import milestones
from .forms import MilestoneForm
from .views import _back, _changed_or_refused, acting


@acting
def add(request: SignedInRequest, plan_id: int, number: int) -> HttpResponse:
    task = get_task_for_user(request.user, plan_id, number)
    form = MilestoneForm(request.POST)

    def made(d: dict[str, Any]) -> object:
        return milestones.add_milestone(request.user, task, d["due"], d["text"])

    return _changed_or_refused(request, task, "milestone_form", form, made, _("Milestone added."))


@acting
def change(request: SignedInRequest, milestone_id: int) -> HttpResponse:
    m = milestones.get_milestone_for_user(request.user, milestone_id)
    if "remove" in request.POST:
        milestones.remove_milestone(request.user, m)
        messages.success(request, _("Milestone removed."))
        return _back(m.task)
    form = MilestoneForm(request.POST)
    form.milestone_id = m.pk  # type: ignore[attr-defined]  # the row the refused form is on

    def made(d: dict[str, Any]) -> object:
        return milestones.change_milestone(request.user, m, d["due"], d["text"], d["done"])

    return _changed_or_refused(request, m.task, "milestone_form", form, made, _("Milestone saved."))


@acting
def read_task(request: SignedInRequest, plan_id: int, number: int) -> HttpResponse:
    task = get_task_for_user(request.user, plan_id, number)
    added = milestones.read_milestones(request.user, [task])
    messages.success(request, _("%(n)s milestones read from the task's text.") % {"n": added})
    return _back(task)


@acting
def read_plan(request: SignedInRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    require(is_office(request.user), _("Only the supervision office changes milestones."))
    added = milestones.read_plan_milestones(request.user, plan)
    messages.success(request, _("%(n)s milestones read from the tasks' text.") % {"n": added})
    return redirect(f"{reverse('reporting:home')}?plan={plan.id}")
