"""Which reports, instructions and requests a person may read or act on."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from duban.plans.access import (
    get_task_for_user,
    is_leader,
    is_office,
    is_published,
    published_plans,
    unit_of,
    visible_tasks,
)
from duban.plans.models import Task

from .models import Instruction, ProgressReport, Request


def _shown_reports(user: object, accepted_public: Q) -> Q:
    """The one rule for reports, for any person who is not the office: the accepted reports
    of published plans (accepted_public says which those are), a unit's own, and the
    submitted and accepted reports of the tasks a leader leads."""
    shown = accepted_public & Q(state=ProgressReport.State.ACCEPTED)
    unit = unit_of(user)
    if unit is not None:
        shown |= Q(unit_id=unit)
    if is_leader(user):
        shown |= Q(
            task__leader_id=getattr(user, "id", None),
            state__in=[ProgressReport.State.SUBMITTED, ProgressReport.State.ACCEPTED],
        )
    return shown


def visible_reports(user: object, task: Task) -> QuerySet[ProgressReport]:
    """The office reads every report; a unit its own; the task's leader the submitted ones;
    the public only accepted reports of published plans."""
    reports = ProgressReport.objects.filter(task=task)
    if is_office(user):
        return reports
    published = Q() if is_published(task.plan) else Q(pk__in=[])
    return reports.filter(_shown_reports(user, published))


def reports_for_user(user: object) -> QuerySet[ProgressReport]:
    """Every report the person may read, over all the tasks they see (the API's list): the
    same rule as visible_reports, task by task."""
    reports = ProgressReport.objects.all()
    if is_office(user):
        return reports
    published = Q(task__plan__in=published_plans())
    return reports.filter(task__in=visible_tasks(user)).filter(_shown_reports(user, published))


def requests_for_user(user: object) -> QuerySet[Request]:
    """The office reads every request (extensions, changes); a unit its own — a co-unit does
    not read the lead unit's."""
    requests = Request.objects.all()
    if is_office(user):
        return requests
    unit = unit_of(user)
    return requests.filter(unit_id=unit) if unit is not None else requests.none()


def visible_requests(user: object, task: Task) -> QuerySet[Request]:
    """A task's requests, by requests_for_user's rule."""
    return requests_for_user(user).filter(task=task)


def instructions_for_user(user: object) -> QuerySet[Instruction]:
    """A leader's instructions on the tasks the person sees."""
    return Instruction.objects.filter(task__in=visible_tasks(user))


def get_report_for_user(user: object, report_id: int) -> ProgressReport:
    try:
        report = ProgressReport.objects.select_related("task__plan", "unit").get(pk=report_id)
    except ProgressReport.DoesNotExist:
        raise Http404("no such report") from None
    task = get_task_for_user(user, report.task.plan_id, report.task.number)
    if not visible_reports(user, task).filter(pk=report.pk).exists():
        raise Http404("no such report")
    return report


def get_instruction_for_user(user: object, instruction_id: int) -> Instruction:
    try:
        instruction = Instruction.objects.select_related("task__plan").get(pk=instruction_id)
    except Instruction.DoesNotExist:
        raise Http404("no such instruction") from None
    get_task_for_user(user, instruction.task.plan_id, instruction.task.number)
    return instruction


def get_request_for_user(user: object, request_id: int) -> Request:
    try:
        return requests_for_user(user).select_related("task__plan", "unit").get(pk=request_id)
    except Request.DoesNotExist:
        raise Http404("no such request") from None
