"""The task page's small reads, each compiled once (duban/prepared.py) and bound to the
task's id: compiling them cost the page more than SQLite took to run them."""

from __future__ import annotations

from duban.plans.models import Indicator, TargetAdjustment
from duban.prepared import Prepared, prefetched

from .models import IndicatorValue, Instruction, Milestone, ProgressReport, ReportAttachment

milestones = Prepared(lambda task_id: Milestone.objects.filter(task_id=task_id))
indicators = Prepared(lambda task_id: Indicator.objects.filter(task_id=task_id))  # shown ones
adjustments = Prepared(lambda task_id: TargetAdjustment.objects.filter(task_id=task_id))
instructions = Prepared(
    lambda task_id: Instruction.objects.filter(task_id=task_id).select_related(
        "leader", "answered_by"
    )
)

reports = Prepared(
    lambda task_id: (
        ProgressReport.objects.filter(task_id=task_id)
        .select_related("unit", "author", "reviewed_by")
        .order_by("period", "-version")
    )
)
_values = Prepared(
    lambda task_id: (
        IndicatorValue.objects.filter(report__task_id=task_id)
        .select_related("indicator")
        .order_by("id")
    )
)
_files = Prepared(lambda task_id: ReportAttachment.objects.filter(report__task_id=task_id))


def every_report(task_id: int) -> list[ProgressReport]:
    """All the task's reports, as the office reads them (access.visible_reports), each with
    its figures (values, their indicators joined) and files read with them, as a prefetch
    would: r.values.all() and r.files.all() ask nothing more."""
    found = reports(task_id)
    if not found:  # (as a prefetch: nothing to read the figures and files of)
        return found
    prefetched(found, "values", _values(task_id), IndicatorValue._meta.get_field("report"))
    prefetched(found, "files", _files(task_id), ReportAttachment._meta.get_field("report"))
    return found
