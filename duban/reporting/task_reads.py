"""The task page's small reads, each compiled once (duban/prepared.py) and bound to the
task's id: compiling them cost the page more than SQLite took to run them."""

from __future__ import annotations

from duban.plans.models import Indicator, TargetAdjustment
from duban.prepared import Prepared

from .models import Instruction, Milestone

milestones = Prepared(lambda task_id: Milestone.objects.filter(task_id=task_id))
indicators = Prepared(lambda task_id: Indicator.objects.filter(task_id=task_id))  # shown ones
adjustments = Prepared(lambda task_id: TargetAdjustment.objects.filter(task_id=task_id))
instructions = Prepared(
    lambda task_id: Instruction.objects.filter(task_id=task_id).select_related(
        "leader", "answered_by"
    )
)
