"""Which progress reports a person may read."""

from __future__ import annotations

from django.db.models import QuerySet

from duban.plans.access import can_see_unpublished
from duban.plans.models import Task

from .models import ProgressReport


def visible_reports(user: object, task: Task) -> QuerySet[ProgressReport]:
    """The office reads every report; a unit its own; the public only accepted ones."""
    reports = ProgressReport.objects.filter(task=task)
    if can_see_unpublished(user):
        return reports
    unit_id = getattr(user, "unit_id", None) if getattr(user, "is_authenticated", False) else None
    if unit_id is not None:
        from django.db.models import Q

        return reports.filter(Q(state=ProgressReport.State.ACCEPTED) | Q(unit_id=unit_id))
    return reports.filter(state=ProgressReport.State.ACCEPTED)
