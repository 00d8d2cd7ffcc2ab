"""A task's proposed status against the targets the office adjusted (TargetAdjustment with
source OFFICE and its indicator): recorded, or the completion read again, the status is
judged anew — a 40 raised to 45, 42 done, is not 超额完成 but 未达到调整后的目标."""

from __future__ import annotations

from typing import Any

from duban.quantities.assessment import Recorded, assess

from .models import Plan, Source, TargetAdjustment, Task


def by_task(plan: Plan, task: Task | None = None) -> dict[int, list[Recorded]]:
    """The targets the office adjusted in the plan (or one task), by task id, in the order
    recorded."""
    rows = TargetAdjustment.objects.filter(
        task__plan=plan, source=Source.OFFICE, indicator__isnull=False
    )
    out: dict[int, list[Recorded]] = {}
    for task_id, metric, value, unit, to in (
        (rows.filter(task=task) if task is not None else rows)
        .order_by("id")
        .values_list(
            "task_id", "indicator__metric", "indicator__target_value", "indicator__unit", "to_text"
        )
    ):
        out.setdefault(task_id, []).append(Recorded(metric, value.normalize(), unit, to))
    return out


def status_fields(content: str, completion: str, recorded: list[Recorded]) -> dict[str, Any]:
    r = assess(content, completion, recorded)
    return {
        "proposed_status": r.status,
        "status_evidence": r.evidence,
        "status_confidence": r.confidence,
        "flags": list(r.flags),
    }


def reassess(task: Task) -> bool:
    """Judge the task's completion again against its adjusted targets; whether it changed.
    Without an adjustment the office recorded, or a completion, nothing is done: the status
    read with the document (its claim, its groups) stands."""
    recorded = by_task(task.plan, task).get(task.pk)
    if not recorded or not task.completion:
        return False
    wanted = status_fields(task.content, task.completion, recorded)
    return task.save_changed(wanted, "status judged against the adjusted target")
