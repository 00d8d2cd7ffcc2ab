"""The plan's targets of a task against the figures its completion item reports.

The targets came with the plan document (Indicator.source DOCUMENT): each keeps its id and
gets the item's figure as its actual, owned by the completion report (actual_source
COMPLETION), so that a re-import of the plan keeps it. A target only the completion prints is
the completion's own row. Figures an accepted year-end report wrote, and the office's rows,
are never touched.
"""

from __future__ import annotations

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from duban.documents import ParsedTask
from duban.plans import numbers
from duban.plans.models import Indicator, Source, Task

WRITABLE = (Source.DOCUMENT, Source.COMPLETION)


def sync(task: Task, parsed: ParsedTask) -> bool:
    """Write the actuals the completion gives for the task's targets; True if any changed."""
    have = list(Indicator.objects.filter(task=task, source__in=WRITABLE).order_by("order", "id"))
    rows = numbers._indicator_rows(parsed)
    pairs, create, _free = numbers.match(have, rows)
    update = []
    for ind, row in pairs:
        if ind.actual_source not in WRITABLE:
            continue
        wanted = {k: row[k] for k in numbers.ACTUAL_FIELDS}
        if any(getattr(ind, k) != v for k, v in wanted.items()) or (
            ind.actual_source != Source.COMPLETION
        ):
            for key, value in wanted.items():
                setattr(ind, key, value)
            ind.actual_source = Source.COMPLETION
            update.append(ind)
    new = [
        Indicator(task=task, source=Source.COMPLETION, actual_source=Source.COMPLETION, **row)
        for row in create
    ]
    if update:
        bulk_update_with_history(update, Indicator, [*numbers.ACTUAL_FIELDS, "actual_source"])
    if new:
        bulk_create_with_history(new, Indicator)
    return bool(update or new)
