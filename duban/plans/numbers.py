"""Store what the quantities core read: indicators with their actuals, and adjustments.

One owner per row (models.Source). A re-import rewrites only the document's rows, and in
place: an indicator is matched by its metric, so it keeps its id and the values units
reported against it, and one the office dismissed stays dismissed. The office's rows, and
figures an accepted year-end report wrote, are never touched; an indicator the document no
longer gives goes only if nothing hangs on it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from simple_history.utils import bulk_update_with_history

from duban.documents import ParsedDocument, ParsedTask
from duban.documents.model import Note, gettext_noop

from . import bulkwrite
from .models import Indicator, Source, TargetAdjustment, Task

Row = dict[str, Any]
TARGET_FIELDS = ("metric", "comparator", "target_value", "unit", "span", "order")
ACTUAL_FIELDS = ("actual_value", "actual_unit", "actual_in_target_unit", "actual_span")
ADJUSTMENT_FIELDS = ("from_text", "to_text", "approving_body", "approved_on")


@dataclass
class Synced:
    changed: set[int] = field(default_factory=set)  # task numbers whose figures changed
    reported: set[int] = field(default_factory=set)  # a report's figure kept over the file's
    warnings: list[str] = field(default_factory=list)


def _indicator_rows(parsed: ParsedTask) -> list[Row]:
    actual_for = {a["target_index"]: a for a in parsed.actuals if a.get("matches_target")}
    rows = []
    for i, t in enumerate(parsed.targets):
        a = actual_for.get(i)
        in_target = a.get("value_in_target_unit", a["value"]) if a else None
        rows.append(
            {
                "metric": t["metric"][:200],
                "comparator": t["comparator"],
                "target_value": _dec(t["value"]),
                "unit": t["unit"],
                "span": t["span"][:200],
                "actual_value": _dec(a["value"]) if a else None,
                "actual_unit": a["unit"] if a else "",
                "actual_in_target_unit": _dec(in_target) if in_target is not None else None,
                "actual_span": a["span"][:300] if a else "",
                "order": i,
            }
        )
    return rows


def _adjustment_rows(parsed: ParsedTask) -> list[Row]:
    adj = parsed.adjusted_target
    if not adj:
        return []
    date = dt.date.fromisoformat(adj["date"]) if adj.get("date") else None
    body = (adj.get("approved_by") or "")[:200]
    pairs = [adj, *adj.get("also_adjusted", [])]
    return [
        {
            "from_text": p["from"][:200],
            "to_text": p["to"][:200],
            "approving_body": body,
            "approved_on": date,
        }
        for p in pairs
    ]


def _dec(value: Any) -> Decimal:
    return Decimal(str(value))


def match(
    have: list[Indicator], wanted: list[Row]
) -> tuple[list[tuple[Indicator, Row]], list[Row], list[Indicator]]:
    """Pair the stored indicators of the document with the rows it gives now: the k-th of a
    metric with the k-th of that metric, then what is left by position and unit of measure
    (a reworded metric). Returns the pairs, the rows to create and the stored ones unclaimed."""
    free = list(have)
    pairs: list[tuple[Indicator, Row]] = []
    left: list[Row] = []
    for row in wanted:
        ind = next((i for i in free if i.metric == row["metric"]), None)
        if ind is None:
            left.append(row)
        else:
            free.remove(ind)
            pairs.append((ind, row))
    create = []
    for row in left:
        ind = next((i for i in free if i.order == row["order"] and i.unit == row["unit"]), None)
        if ind is None:
            create.append(row)
        else:
            free.remove(ind)
            pairs.append((ind, row))
    return pairs, create, free


@dataclass
class _Writes:
    """What a sync writes once every task has been compared, in bulk."""

    new_ind: list[Indicator] = field(default_factory=list)
    new_adj: list[TargetAdjustment] = field(default_factory=list)
    update_ind: list[Indicator] = field(default_factory=list)
    update_adj: list[TargetAdjustment] = field(default_factory=list)
    unclaimed: list[tuple[int, Indicator]] = field(default_factory=list)
    gone_adj: list[TargetAdjustment] = field(default_factory=list)


def sync(doc: ParsedDocument, tasks: dict[int, Task], created: set[int] | None = None) -> Synced:
    """Make the document's indicators and adjustments of each task what it says now.
    tasks: the plan's, by number; created: the numbers of those just created (no figures
    yet: when all are, nothing is read)."""
    out = Synced()
    have_ind: dict[int, list[Indicator]] = defaultdict(list)
    have_adj: dict[int, list[TargetAdjustment]] = defaultdict(list)
    if tasks and set(tasks) - (created or set()):
        # By the plan, not a list of a thousand ids. Dismissed ones too: matched, they stay
        # dismissed instead of being read anew. And the office's: a target the office
        # corrected (15 -> 16亿元) answers the file's row, which would otherwise come back
        # beside it (walk through 江西 2008 as a clerk).
        plan_id = next(iter(tasks.values())).plan_id
        indicators = Indicator.all_objects.filter(task__plan_id=plan_id)
        for ind in indicators.order_by("order", "id"):
            have_ind[ind.task_id].append(ind)
        adjustments = TargetAdjustment.objects.filter(task__plan_id=plan_id, source=Source.DOCUMENT)
        for adj in adjustments.order_by("id"):
            have_adj[adj.task_id].append(adj)
    w = _Writes()
    done: set[int] = set()
    for parsed in doc.tasks:
        if parsed.number in done:  # a repeated row number: the import skips the row
            continue
        done.add(parsed.number)
        task = tasks[parsed.number]
        _indicators(task, parsed, have_ind[task.id], w, out)
        _adjustments(task, parsed, have_adj[task.id], w, out)
    _remove_unclaimed(w.unclaimed, out)
    _write(w, tasks)
    return out


def _indicators(
    task: Task, parsed: ParsedTask, have: list[Indicator], w: _Writes, out: Synced
) -> None:
    pairs, create, free = match(have, _indicator_rows(parsed))
    free = [ind for ind in free if ind.source == Source.DOCUMENT]
    for ind, row in pairs:
        if ind.source != Source.DOCUMENT:
            continue  # the office's: the file does not change it
        names: tuple[str, ...] = TARGET_FIELDS
        if ind.actual_source == Source.DOCUMENT:
            names += ACTUAL_FIELDS
        elif row["actual_value"] is not None and row["actual_value"] != ind.actual_value:
            out.reported.add(task.number)
        if _assign(ind, row, names):
            w.update_ind.append(ind)
            out.changed.add(task.number)
    w.new_ind.extend(Indicator(task=task, source=Source.DOCUMENT, **row) for row in create)
    w.unclaimed.extend((task.number, ind) for ind in free)
    if create:
        out.changed.add(task.number)


def _adjustments(
    task: Task, parsed: ParsedTask, have: list[TargetAdjustment], w: _Writes, out: Synced
) -> None:
    wanted = _adjustment_rows(parsed)
    for adj, row in zip(have, wanted, strict=False):
        if _assign(adj, row, ADJUSTMENT_FIELDS):
            w.update_adj.append(adj)
            out.changed.add(task.number)
    w.new_adj.extend(
        TargetAdjustment(task=task, source=Source.DOCUMENT, **row) for row in wanted[len(have) :]
    )
    w.gone_adj.extend(have[len(wanted) :])
    if len(have) != len(wanted):
        out.changed.add(task.number)


def _write(w: _Writes, tasks: dict[int, Task]) -> None:
    for adj in w.gone_adj:  # the document's own: nothing refers to an adjustment
        adj.delete()
    if w.update_ind:
        bulk_update_with_history(
            w.update_ind, Indicator, TARGET_FIELDS + ACTUAL_FIELDS, batch_size=500
        )
    if w.update_adj:
        bulk_update_with_history(w.update_adj, TargetAdjustment, ADJUSTMENT_FIELDS, batch_size=500)
    if tasks:
        scope = {"task__plan_id": next(iter(tasks.values())).plan_id}
        bulkwrite.create_with_history(Indicator, w.new_ind, key=("task_id", "order"), scope=scope)
        bulkwrite.create_with_history(TargetAdjustment, w.new_adj, key=("task_id",), scope=scope)


def _assign(obj: Any, row: Row, names: tuple[str, ...]) -> bool:
    changed = [n for n in names if getattr(obj, n) != row[n]]
    for name in changed:
        setattr(obj, name, row[name])
    return bool(changed)


def _remove_unclaimed(unclaimed: list[tuple[int, Indicator]], out: Synced) -> None:
    """A target the file no longer gives: removed, unless a unit reported a value against it,
    the office adjusted it or an accepted report wrote its actual. Those stay, with a warning."""
    if not unclaimed:
        return
    from duban.reporting.models import IndicatorValue

    ids = [ind.id for _n, ind in unclaimed]
    held = set(IndicatorValue.objects.filter(indicator__in=ids).values_list("indicator", flat=True))
    held |= set(
        TargetAdjustment.objects.filter(indicator__in=ids).values_list("indicator", flat=True)
    )
    for number, ind in unclaimed:
        if ind.id in held or ind.actual_source != Source.DOCUMENT:
            out.warnings.append(
                Note(
                    gettext_noop(
                        "task {n}: the file no longer gives the target {metric} {target}; "
                        "kept, because figures were reported or adjusted against it"
                    ),
                    n=number,
                    metric=ind.metric,
                    target=ind.target_text,
                )
            )
        else:
            ind.delete()
            out.changed.add(number)
