"""Which reports, instructions and requests a person may read or act on."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from duban.plans.access import get_task_for_user, is_leader, is_office, is_published, unit_of
from duban.plans.models import Task

from .models import Instruction, ProgressReport, Request


def visible_reports(user: object, task: Task) -> QuerySet[ProgressReport]:
    """The office reads every report; a unit its own; the task's leader the submitted ones;
    the public only accepted reports of published plans."""
    reports = ProgressReport.objects.filter(task=task)
    if is_office(user):
        return reports
    published = is_published(task.plan)
    shown = Q(state=ProgressReport.State.ACCEPTED) if published else Q(pk__in=[])
    unit = unit_of(user)
    if unit is not None:
        shown |= Q(unit_id=unit)
    if is_leader(user) and task.leader_id == getattr(user, "id", None):
        shown |= Q(state__in=[ProgressReport.State.SUBMITTED, ProgressReport.State.ACCEPTED])
    return reports.filter(shown)


def visible_requests(user: object, task: Task) -> QuerySet[Request]:
    """The office reads every request of a task (extensions, changes); a unit its own — a
    co-unit does not read the lead unit's, as the API already says."""
    requests = Request.objects.filter(task=task)
    if is_office(user):
        return requests
    unit = unit_of(user)
    return requests.filter(unit_id=unit) if unit is not None else requests.none()


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
        req = Request.objects.select_related("task__plan", "unit").get(pk=request_id)
    except Request.DoesNotExist:
        raise Http404("no such request") from None
    if not (is_office(user) or unit_of(user) == req.unit_id):
        raise Http404("no such request")
    return req
