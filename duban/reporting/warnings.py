"""Warning colours (红黄绿灯) of tasks, computed for a whole list in two queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from duban.plans.models import Assignment, Indicator, Task

from .labels import period_label
from .models import IndicatorValue, ProgressReport
from .periods import GREEN, RED, YELLOW, Period, behind_pace, period_warning, periods, worst


@dataclass
class PeriodState:
    period: Period
    unit_id: int
    state: str | None
    colour: str
    report_id: int | None = None


@dataclass
class TaskWarning:
    colour: str = GREEN
    periods: list[PeriodState] = field(default_factory=list)
    behind: list[Indicator] = field(default_factory=list)

    @property
    def reasons(self) -> list[str]:
        states = dict(ProgressReport.State.choices)
        out = [f"{period_label(p.period.code)}：{states.get(p.state) or _('not reported')}"
               for p in self.periods if p.colour != GREEN]
        out += [_("%(metric)s: behind pace") % {"metric": i.metric} for i in self.behind]
        return out


def task_warnings(tasks: Iterable[Task], today: dt.date | None = None) -> dict[int, TaskWarning]:
    today = today or timezone.localdate()
    tasks = list(tasks)
    ids = [t.id for t in tasks]
    leads: dict[int, list[int]] = defaultdict(list)
    for a in Assignment.objects.filter(task_id__in=ids, role=Assignment.Role.LEAD):
        leads[a.task_id].append(a.unit_id)
    latest: dict[tuple[int, int, str], tuple[str, int]] = {}
    for r in ProgressReport.objects.filter(task_id__in=ids).order_by("version").values(
        "id", "task_id", "unit_id", "period", "state"
    ):
        latest[(r["task_id"], r["unit_id"], r["period"])] = (r["state"], r["id"])
    values: dict[int, Decimal] = {}  # the latest accepted figure of each indicator
    for indicator_id, value in IndicatorValue.objects.filter(
        indicator__task_id__in=ids, report__state=ProgressReport.State.ACCEPTED
    ).order_by("report__period", "report__version").values_list("indicator_id", "value"):
        values[indicator_id] = value
    indicators = defaultdict(list)
    for ind in Indicator.objects.filter(task_id__in=ids):
        indicators[ind.task_id].append(ind)
    out: dict[int, TaskWarning] = {}
    for task in tasks:
        w = TaskWarning()
        plan = task.plan
        if task.closed_at is None:
            for period in periods(task.reporting_cycle, plan.year, plan.due_day):
                if period.due - dt.timedelta(days=plan.warning_days) > today:
                    continue
                for unit_id in leads[task.id]:
                    state, report_id = latest.get((task.id, unit_id, period.code), (None, None))
                    colour = period_warning(period, state, today, plan.warning_days)
                    w.periods.append(PeriodState(period, unit_id, state, colour, report_id))
            if task.deadline and today > task.deadline and not task.status:
                w.periods.append(PeriodState(
                    Period("deadline", task.deadline, task.deadline, task.deadline), 0,
                    None, RED))
            for ind in indicators[task.id]:
                latest_value = values.get(ind.id)
                if latest_value is not None and behind_pace(
                        ind.target_value, latest_value, today, plan.year, ind.comparator):
                    w.behind.append(ind)
        colours = [p.colour for p in w.periods] + [YELLOW for _ in w.behind]
        w.colour = worst(*colours)
        out[task.id] = w
    return out


COLOURS = (GREEN, YELLOW, RED)
