"""Warning lights (红黄绿灯) of tasks: the facts read for a whole list in a few queries, the
light computed by lights.py, and kept in TaskLight so that a list reads one row per task.

`current_lights(ids)` is what the lists call: the lights computed today and not forgotten
since are read as stored (one query); the others are computed and stored again. `forget`
is what a change of a report, an assignment, an indicator, a milestone or the task itself
calls (signals.py): the next read computes that task's light afresh.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from duban.plans.models import Assignment, Indicator, TargetAdjustment, Task
from duban.quantities.assessment import adjusted_target

from .lights import (
    RANK,
    IndicatorFacts,
    Light,
    MilestoneFacts,
    TaskFacts,
    fold_reports,
    light,
)
from .models import IndicatorValue, Milestone, ProgressReport, TaskLight
from .periods import period_by_code

LIGHT_FIELDS = (
    "id",
    "plan_id",
    "reporting_cycle",
    "deadline",
    "status",
    "proposed_status",
    "completion",
    "closed_at",
    "plan__year",
    "plan__due_day",
    "plan__warning_days",
)


def facts_for(task_ids: Iterable[int]) -> dict[int, TaskFacts]:
    """What the lights of these tasks depend on, in five queries whatever their number."""
    ids = list(task_ids)
    facts: dict[int, TaskFacts] = {}
    for t in Task.objects.filter(id__in=ids).values(*LIGHT_FIELDS):
        facts[t["id"]] = _facts(t)
    for task_id, unit_id, name in (
        Assignment.objects.filter(task_id__in=ids, role=Assignment.Role.LEAD)
        .order_by("order", "id")
        .values_list("task_id", "unit_id", "unit__name")
    ):
        facts[task_id].leads.append((unit_id, name))
    versions: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for task_id, unit_id, period, state in (
        ProgressReport.objects.filter(task_id__in=ids)
        .order_by("version")
        .values_list("task_id", "unit_id", "period", "state")
    ):
        versions[task_id].append((unit_id, period, state))
    for task_id, rows in versions.items():
        facts[task_id].reports, facts[task_id].corrections = fold_reports(rows)
    _indicators(ids, facts)
    for m in Milestone.objects.filter(task_id__in=ids).values("task_id", "due", "text", "done"):
        facts[m["task_id"]].milestones.append(MilestoneFacts(m["due"], m["text"], m["done"]))
    return facts


def _facts(t: dict[str, Any]) -> TaskFacts:
    return TaskFacts(
        year=t["plan__year"],
        cycle=t["reporting_cycle"],
        due_day=t["plan__due_day"],
        warning_days=t["plan__warning_days"],
        deadline=t["deadline"],
        status=t["status"] or t["proposed_status"] or "",
        confirmed=bool(t["status"]),
        completed=bool((t["completion"] or "").strip()),
        closed=t["closed_at"] is not None,
    )


def page_warning(
    t: Task,
    milestones: Iterable[Milestone],
    reports: Iterable[ProgressReport] | None,
    indicators: Iterable[Indicator],
    adjustments: Iterable[TargetAdjustment] = (),
    today: dt.date | None = None,
) -> Light:
    """task_warnings of one task from what its page read already: the task with its plan and
    its assignments, its milestones, its indicators and adjustments, and its reports (with
    their figures) when they are all of them; None: the reports' states and accepted figures
    are read here."""
    plan = t.plan
    row = {name: getattr(t, name) for name in LIGHT_FIELDS if "__" not in name}
    row |= {"plan__year": plan.year, "plan__due_day": plan.due_day}
    f = _facts(row | {"plan__warning_days": plan.warning_days})
    leads = sorted(
        (a for a in t.assignments.all() if a.role == Assignment.Role.LEAD),
        key=lambda a: (a.order, a.id),
    )
    f.leads.extend((a.unit_id, a.unit.name) for a in leads)
    if reports is None:
        states = ProgressReport.objects.filter(task_id=t.id).order_by("version")
        rows = list(states.values_list("unit_id", "period", "state"))
        latest = _latest_figures([t.id])
    else:
        reports = list(reports)
        rows = [(r.unit_id, r.period, r.state) for r in sorted(reports, key=lambda r: r.version)]
        accepted = [r for r in reports if r.state == ProgressReport.State.ACCEPTED]
        latest = {
            v.indicator_id: (v.value, r.period)
            for r in sorted(accepted, key=lambda r: (r.period, r.version))
            for v in r.values.all()
        }
    f.reports, f.corrections = fold_reports(rows)
    f.milestones.extend(MilestoneFacts(m.due, m.text, m.done) for m in milestones)
    adjusted = {a.indicator_id: a.to_text for a in sorted(adjustments, key=lambda a: a.pk)}
    shown = [
        _as_adjusted(
            {
                "id": i.id,
                "metric": i.metric,
                "target_value": i.target_value,
                "comparator": i.comparator,
                "unit": i.unit,
            },
            adjusted.get(i.id, ""),
        )
        for i in indicators
    ]
    _add_indicators(f, shown, latest)
    return light(f, today or timezone.localdate())


def _latest_figures(ids: list[int]) -> dict[int, tuple[Decimal, str]]:
    """Each indicator's latest accepted figure and the period it reports on."""
    latest: dict[int, tuple[Decimal, str]] = {}
    for indicator_id, figure, code in (
        IndicatorValue.objects.filter(
            indicator__task_id__in=ids,
            report__state=ProgressReport.State.ACCEPTED,
        )
        .order_by("report__period", "report__version")
        .values_list("indicator_id", "value", "report__period")
    ):
        latest[indicator_id] = (figure, code)
    return latest


def _indicators(ids: list[int], facts: dict[int, TaskFacts]) -> None:
    """Each indicator's latest accepted figure, and the end of the period it reports on."""
    latest = _latest_figures(ids)
    by_task = defaultdict(list)
    adjusted = dict(  # each indicator's target as last adjusted (ids ascending: the last wins)
        TargetAdjustment.objects.filter(indicator__task_id__in=ids)
        .order_by("id")
        .values_list("indicator_id", "to_text")
    )
    for ind in Indicator.objects.filter(task_id__in=ids).values(
        "id", "task_id", "metric", "target_value", "comparator", "unit"
    ):
        by_task[ind["task_id"]].append(_as_adjusted(ind, adjusted.get(ind["id"], "")))
    for task_id, inds in by_task.items():
        _add_indicators(facts[task_id], inds, latest)


def _as_adjusted(ind: Mapping[str, Any], to: str) -> dict[str, Any]:
    """The indicator held against its target as adjusted, where that is a figure in a unit
    of its measure: a reported 350 is on pace for a 500 adjusted to 300."""
    out = dict(ind)
    if to and (target := adjusted_target(to, out["unit"])):
        out["comparator"], out["target_value"] = target
    return out


def _add_indicators(
    f: TaskFacts, inds: Iterable[Mapping[str, Any]], latest: dict[int, tuple[Decimal, str]]
) -> None:
    for ind in inds:
        value, reported = latest.get(ind["id"], (None, ""))
        period = period_by_code(f.cycle, f.year, reported, f.due_day) if reported else None
        f.indicators.append(
            IndicatorFacts(
                ind["metric"],
                ind["target_value"],
                ind["comparator"],
                value if period else None,
                period.end if period else None,
            )
        )


def task_warnings(tasks: Iterable[Task | int], today: dt.date | None = None) -> dict[int, Light]:
    """The lights computed now, with each lead unit's periods (the task page's table)."""
    today = today or timezone.localdate()
    ids = [t if isinstance(t, int) else t.id for t in tasks]
    return {task_id: light(f, today) for task_id, f in facts_for(ids).items()}


def current_lights(task_ids: Iterable[int], today: dt.date | None = None) -> dict[int, TaskLight]:
    """The stored lights of today; those missing, of another day or forgotten, computed and
    stored. One query when all are current."""
    today = today or timezone.localdate()
    ids = list(task_ids)
    stored = {row.task_id: row for row in TaskLight.objects.filter(task_id__in=ids)}
    stale = [i for i in ids if i not in stored or stored[i].computed_on != today]
    if stale:
        computed = task_warnings(stale, today)
        rows = [
            TaskLight(
                task_id=i,
                colour=w.colour,
                rank=RANK[w.colour],
                reasons=w.reasons,
                computed_on=today,
            )
            for i, w in computed.items()
        ]
        TaskLight.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["task"],
            update_fields=["colour", "rank", "reasons", "computed_on"],
        )
        stored |= {row.task_id: row for row in rows}
    return stored


def forget(task_ids: Iterable[int]) -> None:
    """Forget the tasks' lights once the change that calls this has committed: forgotten
    inside it, a reader could store a light of the old state again before the commit, and the
    change's transaction would hold the lights' rows — two submissions and a reminder round
    deadlocked so on PostgreSQL (tests/production/test_two_servers.py)."""
    ids = sorted({i for i in task_ids if i})
    if ids:
        transaction.on_commit(
            lambda: TaskLight.objects.filter(task_id__in=ids).update(computed_on=None), robust=True
        )


def forget_plan(plan_id: int) -> None:
    transaction.on_commit(
        lambda: TaskLight.objects.filter(task__plan_id=plan_id).update(computed_on=None),
        robust=True,
    )
