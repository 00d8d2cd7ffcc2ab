"""Milestones (节点): the office adds, edits and removes them, or reads them from the tasks'
text. One function per change, each logged; only the office changes them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from duban.accounts.models import User
from duban.audit.log import log_action
from duban.plans.access import is_office, require, visible_tasks
from duban.plans.models import Plan, Task

from .milestone_text import milestones as read_text
from .models import Milestone


def get_milestone_for_user(user: User, milestone_id: int) -> Milestone:
    """A milestone of a task the person may see (404 otherwise); changing it is the
    office's (403 for the others)."""
    try:
        milestone = Milestone.objects.select_related("task__plan").get(
            pk=milestone_id, task__in=visible_tasks(user)
        )
    except Milestone.DoesNotExist:
        raise Http404("no such milestone") from None
    require(is_office(user), _("Only the supervision office changes milestones."))
    return milestone


def _clean(due: dt.date | None, text: str) -> tuple[dt.date, str]:
    """The milestone's date and text, or the form's error."""
    text = (text or "").strip()
    if due is None:
        raise ValidationError({"due": _("Give the milestone's date.")})
    if not text:
        raise ValidationError({"text": _("Say what is to be done by then.")})
    return due, text[:200]


def _log(action: str, user: User | None, m: Milestone, **data: object) -> None:
    log_action(
        action,
        user,
        m,
        {
            "plan": m.task.plan_id,
            "task": m.task_id,
            "due": m.due,
            "text": m.text,
            "done": m.done,
            **data,
        },
    )


def add_milestone(user: User, task: Task, due: dt.date | None, text: str) -> Milestone:
    require(is_office(user), _("Only the supervision office changes milestones."))
    day, text = _clean(due, text)
    with transaction.atomic():
        m = Milestone(task=task, due=day, text=text)
        m._change_reason = "added by the office"  # type: ignore[attr-defined]
        m.save()
        _log("duban.milestone.added", user, m)
    return m


def change_milestone(
    user: User, m: Milestone, due: dt.date | None, text: str, done: bool
) -> Milestone:
    require(is_office(user), _("Only the supervision office changes milestones."))
    day, text = _clean(due, text)
    with transaction.atomic():
        m = Milestone.objects.select_for_update().select_related("task").get(pk=m.pk)
        m.due, m.text, m.source = day, text, "office"
        if done != m.done:
            m.done, m.done_on = done, timezone.localdate() if done else None
        m._change_reason = "edited by the office"  # type: ignore[attr-defined]
        m.save()
        _log("duban.milestone.changed", user, m)
    return m


def remove_milestone(user: User, m: Milestone) -> None:
    require(is_office(user), _("Only the supervision office changes milestones."))
    with transaction.atomic():
        _log("duban.milestone.removed", user, m)
        m._change_reason = "removed by the office"  # type: ignore[attr-defined]
        m.delete()


def read_milestones(user: User | None, tasks: list[Task]) -> int:
    """The milestones the tasks' text prints ("6月底前完成招标"), added where the task has
    none of that date and text yet. Returns how many were added."""
    if user is not None:
        require(is_office(user), _("Only the supervision office changes milestones."))
    added = 0
    with transaction.atomic():
        have = set(Milestone.objects.filter(task__in=tasks).values_list("task_id", "due", "text"))
        for task in tasks:
            for found in read_text(task.content, task.plan.year):
                if (task.pk, found.due, found.text) in have:
                    continue
                m = Milestone(task=task, due=found.due, text=found.text, source="document")
                m._change_reason = "read from the task's text"  # type: ignore[attr-defined]
                m.save()
                _log("duban.milestone.added", user, m, quoted=found.quoted)
                have.add((task.pk, found.due, found.text))
                added += 1
    return added


def read_plan_milestones(user: User | None, plan: Plan) -> int:
    return read_milestones(user, list(plan.tasks.select_related("plan")))
