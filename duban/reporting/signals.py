"""Keep the stored lights (TaskLight) true: whatever a light depends on changes, that task's
light is forgotten and computed again when next read. Model signals catch every save (the
services, the admin); an import writes in bulk, so its audit entry forgets the whole plan."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from duban.audit.models import AuditEntry
from duban.plans.models import Assignment, Indicator, Plan, TargetAdjustment, Task

from .models import Milestone, ProgressReport
from .warnings import forget, forget_plan

BY_TASK = (ProgressReport, Assignment, Indicator, TargetAdjustment, Milestone)
PLAN_WIDE = {"duban.plan.imported", "duban.plan.rows_added", "duban.plan.changed"}


def _task_changed(sender: type, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    if sender is Task:
        forget([instance.pk])
    else:
        forget([instance.task_id])


# (An indicator value changes only with its report, whose save forgets the light.)
for _model in (*BY_TASK, Task):
    post_save.connect(_task_changed, sender=_model, dispatch_uid=f"light-{_model.__name__}")
    post_delete.connect(_task_changed, sender=_model, dispatch_uid=f"light-d-{_model.__name__}")


@receiver(post_save, sender=Plan, dispatch_uid="light-plan")
def _plan_changed(sender: type, instance: Plan, created: bool = False, **kwargs: Any) -> None:
    if not created and not kwargs.get("raw"):
        forget_plan(instance.pk)  # its due day or warning window


@receiver(post_save, sender=AuditEntry, dispatch_uid="light-audit")
def _imported(sender: type, instance: AuditEntry, created: bool = False, **kwargs: Any) -> None:
    plan = (instance.data or {}).get("plan")
    if created and instance.action in PLAN_WIDE and isinstance(plan, int):
        forget_plan(plan)
