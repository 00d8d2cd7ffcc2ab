"""Which tasks a re-import may remove: only the document's own, and only untouched.

A task the file no longer lists goes if the document brought it and no one has worked on it.
If anyone has (a report, a request, an instruction, an office edit or adjustment), the whole
import is refused: removing the task would delete their work. A task the office added is not
the document's to remove. While the reader skipped rows it could not read, nothing is
removed: the missing task may be one of them.
"""

from __future__ import annotations

from duban.documents.model import Note, gettext_noop

from .models import Indicator, Source, TargetAdjustment, Task


class ImportRefused(Exception):
    """The import would lose data people entered (work on a task the file drops). Its first
    argument is the message a page says (duban.i18n.say); the command line reads it with
    what was done on each task (the second, in the code's words)."""

    def __str__(self) -> str:
        return ": ".join(str(a) for a in self.args)


def _office_touched(task: Task) -> bool:
    return bool(
        task.status
        or task.status_note
        or task.leader_id
        or task.deadline
        or task.closed_at
        or task.revision
        or task.completion_source != Source.DOCUMENT
    )


def work_on(tasks: list[Task]) -> dict[int, list[str]]:
    """Task number → what people did on it, for the tasks with any such history. A few
    queries whatever the number of tasks."""
    from duban.reporting.models import Instruction, ProgressReport, Request

    ids = {t.id: t.number for t in tasks}
    found: dict[int, list[str]] = {}
    for label, model, extra in (
        ("reports", ProgressReport, {}),
        ("requests", Request, {}),
        ("instructions", Instruction, {}),
        ("office adjustments", TargetAdjustment, {"source": Source.OFFICE}),
        ("office indicators", Indicator, {"source": Source.OFFICE}),
    ):
        rows = model.objects.filter(task__in=list(ids), **extra)
        for task_id in set(rows.values_list("task", flat=True)):
            found.setdefault(ids[task_id], []).append(label)
    for task in tasks:
        if _office_touched(task):
            found.setdefault(task.number, []).append("office edits")
    return found


def remove_missing(missing: list[Task], skipped: list[str], warnings: list[str]) -> int:
    """Remove the tasks a whole document no longer lists, where it may; return how many.
    Raises ImportRefused (before anything is deleted) if any of them has history."""
    theirs = [t for t in missing if t.source == Source.DOCUMENT]
    if not theirs:
        return 0
    numbers = ", ".join(str(t.number) for t in theirs)
    if skipped:
        warnings.append(
            Note(
                gettext_noop(
                    "tasks {numbers} are not in the file but were kept: the reader may have "
                    "missed rows in {n} place(s) (a row it could not read, a number skipped, "
                    "fewer items than the text states; see the doubts), which may be them"
                ),
                numbers=numbers,
                n=len(skipped),
            )
        )
        return 0
    worked = work_on(theirs)
    if worked:
        raise ImportRefused(
            Note(
                gettext_noop("the file drops tasks {numbers}, which people have worked on"),
                numbers=", ".join(str(n) for n in sorted(worked)),
            ),
            "; ".join(f"{n} ({', '.join(w)})" for n, w in sorted(worked.items())),
        )
    for task in theirs:
        task.delete()  # one by one, so that history records each removal
    return len(theirs)
