"""Store what the quantities core read: indicators with their actuals, and adjustments."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from simple_history.utils import bulk_create_with_history

from duban.documents import ParsedDocument, ParsedTask

from .models import Indicator, TargetAdjustment, Task

IndicatorRow = tuple[Any, ...]


def _indicator_rows(parsed: ParsedTask) -> list[IndicatorRow]:
    actual_for = {a["target_index"]: a for a in parsed.actuals if a.get("matches_target")}
    rows = []
    for i, t in enumerate(parsed.targets):
        a = actual_for.get(i)
        in_target = a.get("value_in_target_unit", a["value"]) if a else None
        rows.append((
            t["metric"][:200], t["comparator"], _dec(t["value"]), t["unit"], t["span"][:200],
            _dec(a["value"]) if a else None, a["unit"] if a else "",
            _dec(in_target) if in_target is not None else None,
            a["span"][:300] if a else "", i,
        ))
    return rows


def _adjustment_rows(parsed: ParsedTask) -> list[tuple[Any, ...]]:
    adj = parsed.adjusted_target
    if not adj:
        return []
    date = dt.date.fromisoformat(adj["date"]) if adj.get("date") else None
    body = adj.get("approved_by") or ""
    rows = [(adj["from"][:200], adj["to"][:200], body[:200], date)]
    for also in adj.get("also_adjusted", []):
        rows.append((also["from"][:200], also["to"][:200], body[:200], date))
    return rows


def _dec(value: Any) -> Decimal:
    return Decimal(str(value))


def sync(doc: ParsedDocument, tasks: dict[int, Task]) -> set[int]:
    """Make each task's indicators and adjustments what the document says; return the
    numbers of the tasks whose figures changed."""
    have_ind: dict[int, list[Indicator]] = defaultdict(list)
    for ind in Indicator.objects.filter(task__in=tasks.values()).order_by("order", "id"):
        have_ind[ind.task_id].append(ind)
    have_adj: dict[int, list[TargetAdjustment]] = defaultdict(list)
    for adj in TargetAdjustment.objects.filter(task__in=tasks.values()).order_by("id"):
        have_adj[adj.task_id].append(adj)
    new_ind: list[Indicator] = []
    new_adj: list[TargetAdjustment] = []
    changed: set[int] = set()
    for parsed in doc.tasks:
        task = tasks[parsed.number]
        wanted = _indicator_rows(parsed)
        current = [
            (i.metric, i.comparator, i.target_value, i.unit, i.span, i.actual_value,
             i.actual_unit, i.actual_in_target_unit, i.actual_span, i.order)
            for i in have_ind[task.id]
        ]
        if wanted != current:
            changed.add(task.number)
            for old in have_ind[task.id]:
                old.delete()
            new_ind.extend(
                Indicator(task=task, metric=r[0], comparator=r[1], target_value=r[2], unit=r[3],
                          span=r[4], actual_value=r[5], actual_unit=r[6],
                          actual_in_target_unit=r[7], actual_span=r[8], order=r[9])
                for r in wanted
            )
        wanted_adj = _adjustment_rows(parsed)
        current_adj = [
            (a.from_text, a.to_text, a.approving_body, a.approved_on) for a in have_adj[task.id]
        ]
        if wanted_adj != current_adj:
            changed.add(task.number)
            for old_adj in have_adj[task.id]:
                old_adj.delete()
            new_adj.extend(
                TargetAdjustment(task=task, from_text=r[0], to_text=r[1], approving_body=r[2],
                                 approved_on=r[3])
                for r in wanted_adj
            )
    if new_ind:
        bulk_create_with_history(new_ind, Indicator, batch_size=500)
    if new_adj:
        bulk_create_with_history(new_adj, TargetAdjustment, batch_size=500)
    return changed
