"""Numbers in key-task reports: targets, actuals, adjustments and a proposed status.

Pure Python, no Django. `assess(content, completion)` reads one task; `annotate(doc)` fills
the fields `duban parse --json` prints (targets, actuals, status) of every task of a
parsed document.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .assessment import STATUSES, Assessment, Recorded, assess
from .extract import Quantity, quantities

if TYPE_CHECKING:
    from duban.documents.model import ParsedDocument, ParsedTask

__all__ = [
    "STATUSES",
    "Assessment",
    "Quantity",
    "annotate",
    "annotate_task",
    "assess",
    "quantities",
]


# Statuses a row earns by what it says itself: a list's claim never overrides them.
SHORTFALL = frozenset({"not_completed", "partial", "delayed", "not_met_after_adjustment"})
DONE = frozenset({"completed", "exceeded", "completed_after_adjustment"})
NUMBERS_SHORT = frozenset({"not_completed", "partial"})


def annotate(doc: ParsedDocument) -> ParsedDocument:
    """Fill targets, actuals, adjusted_target, status and its evidence on every task."""
    for task in doc.tasks:
        annotate_task(doc, task)
    return doc


def annotate_task(
    doc: ParsedDocument,
    task: ParsedTask,
    promise: str | None = None,
    recorded: Sequence[Recorded] = (),
) -> None:
    """Read one task of doc. promise: the plan item a completion row answers, when the row
    prints no task text of its own (a completion list paired with last year's plan); its
    targets are then the plan's. recorded: the targets the office adjusted (assess)."""
    text = promise if promise is not None else _promised(task)
    result = assess(text, task.completion, recorded)
    task.targets = [t.to_json() for t in result.targets]
    task.actuals = [a.to_json() for a in result.actuals]
    task.adjusted_target = result.adjusted_target_json()
    task.status = result.status
    task.status_evidence = result.evidence
    task.status_confidence = result.confidence
    task.flags = list(result.flags)
    _listed(doc, task)


def _promised(task: ParsedTask) -> str:
    """The task's text with what a target column of its table says ("年度目标", "目标任务"):
    "新建改扩建中小学10所" and "新增学位1.2万个" are both its targets."""
    from duban.documents.grid import cell_role

    cells = [v for k, v in task.extra.items() if cell_role(k) == "target" and v not in task.content]
    if not cells:  # most tasks: no target column, nothing read twice
        return task.content
    said = {(q.value, q.unit) for q in quantities(task.content)}
    more = [v for v in cells if not {(q.value, q.unit) for q in quantities(v)} <= said]
    return "\n".join([task.content, *more])  # a cell whose figures were read already adds none


def _listed(doc: ParsedDocument, task: ParsedTask) -> None:
    """What a completion list says of its rows as a whole (docs/status-rules.md, "Lists in a
    report"): the status group a row is printed in ("7件已完成：", "3件正在办理：") is its
    status; a row with no completion word of its own is completed on the strength of the
    document's claim ("十件民生实事全部完成"), with low confidence. A shortfall or delay the
    row itself states wins over both."""
    if (
        task.listed_status == "ongoing"
        and task.status in NUMBERS_SHORT
        and task.category
        and task.status_evidence in {a["span"] for a in task.actuals}
    ):
        # "3件正在办理：…完成16886户" (景德镇 2016): a figure short of its target is progress
        # in a group the document says is under way, not a failure.
        task.status, task.status_evidence = "ongoing", task.category
        return
    if task.status in SHORTFALL:
        return
    if task.listed_status == "completed" and task.status in DONE:
        return
    if task.listed_status and task.category:
        task.status, task.status_evidence = task.listed_status, task.category
        task.status_confidence = "high"
    elif doc.document_claim and (
        task.status is None
        or (task.status == "ongoing" and not any(a["matches_target"] for a in task.actuals))
    ):  # a row whose own figures fall short with the rest under way stays ongoing
        task.status, task.status_evidence = "completed", doc.document_claim
        task.status_confidence = "low"
        task.flags.append("completed_by_document_claim")
