"""The warning light (红黄绿灯) of one task and its reasons, from plain facts: no database.

A reason is a small dict (a code, its colour and what its sentence needs: the period, the
days late, the percentages), so that it can be stored once and read in the reader's
language later (`duban.reporting.reasons.text`). The rules, with examples, are in
docs/warning-rules.md:

- done: the year-end completion is in (accepted, or imported from the government's own
  document) or the task is closed (办结): no report is asked for any more; the light says
  done, or red/yellow when the year-end status says the task was not (fully) completed;
- red: no lead unit; a report overdue (the period and the days: "3月进展逾期5天"); the
  deadline passed with no status; a milestone passed and not done; an indicator far behind
  pace (a quarter of the target or more below where the elapsed year puts it);
- yellow: a report due within the warning window, returned, or waiting for review after its
  due date; a milestone due within the window; an indicator behind pace;
- green: nothing of the above.

The task's light is the worst of its reasons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .periods import GREEN, RED, YELLOW, Period, period_warning, periods

DONE = "done"
# Sort order of the lists: what needs doing first.
RANK = {RED: 0, YELLOW: 1, GREEN: 2, DONE: 3}
COLOURS = (RED, YELLOW, GREEN, DONE)
# Year-end statuses that are a promise not kept (plans.models.NOT_KEPT, by value: no Django).
NOT_KEPT = {"not_met_after_adjustment", "not_completed", "delayed"}
PARTLY = {"partial"}
# Behind by this share of the target or more: red, not yellow.
FAR_BEHIND = Decimal("0.25")

Reason = dict[str, Any]


@dataclass(frozen=True)
class IndicatorFacts:
    metric: str
    target: Decimal
    comparator: str = ">="
    latest: Decimal | None = None
    as_of: dt.date | None = None  # the end of the period the latest value reports on


@dataclass(frozen=True)
class MilestoneFacts:
    due: dt.date
    text: str
    done: bool = False


@dataclass
class TaskFacts:
    year: int
    cycle: str = "month"
    due_day: int = 5
    warning_days: int = 3
    leads: list[tuple[int, str]] = field(default_factory=list)  # (unit id, name)
    reports: dict[tuple[int, str], str] = field(default_factory=dict)  # (unit, period): state
    deadline: dt.date | None = None
    status: str = ""  # the effective year-end status (confirmed, else proposed)
    confirmed: bool = False  # the office confirmed a status
    completed: bool = False  # the year-end completion is in
    closed: bool = False
    indicators: list[IndicatorFacts] = field(default_factory=list)
    milestones: list[MilestoneFacts] = field(default_factory=list)


@dataclass
class PeriodState:
    period: Period
    unit_id: int
    state: str | None
    colour: str


@dataclass
class Light:
    colour: str = GREEN
    reasons: list[Reason] = field(default_factory=list)
    periods: list[PeriodState] = field(default_factory=list)


def worst(colours: Iterable[str]) -> str:
    colours = list(colours)
    return min(colours, key=lambda c: RANK[c]) if colours else GREEN


def light(facts: TaskFacts, today: dt.date) -> Light:
    """The light of one task on a day, with every reason, the worst first."""
    out = Light(periods=_period_states(facts, today))
    if facts.completed or facts.closed:
        out.reasons = [_year_end(facts)]
    else:
        if not facts.leads:
            out.reasons.append({"code": "no_lead", "colour": RED})
        out.reasons += _report_reasons(facts, out.periods, today)
        if facts.deadline and today > facts.deadline and not facts.confirmed:
            out.reasons.append(
                {
                    "code": "deadline",
                    "colour": RED,
                    "date": facts.deadline.isoformat(),
                    "days": (today - facts.deadline).days,
                }
            )
        out.reasons += _milestone_reasons(facts, today)
        out.reasons += _pace_reasons(facts)
    if not out.reasons:
        out.reasons.append(_on_track(facts, out.periods))
    out.reasons.sort(key=lambda r: RANK[r["colour"]])
    out.colour = worst(r["colour"] for r in out.reasons)
    return out


def _year_end(facts: TaskFacts) -> Reason:
    if facts.status in NOT_KEPT:
        return {"code": "not_kept", "colour": RED, "status": facts.status}
    if facts.status in PARTLY:
        return {"code": "not_kept", "colour": YELLOW, "status": facts.status}
    return {"code": "closed" if facts.closed else "done", "colour": DONE, "status": facts.status}


def _period_states(facts: TaskFacts, today: dt.date) -> list[PeriodState]:
    """Each lead unit's report of each period that is due or due within the window, and
    of any period it has written a report for."""
    out = []
    for period in periods(facts.cycle, facts.year, facts.due_day):
        near = period.due - dt.timedelta(days=facts.warning_days) <= today
        for unit_id, _name in facts.leads:
            state = facts.reports.get((unit_id, period.code))
            if not near and state is None:
                continue  # not asked for yet (a report written early still counts)
            colour = period_warning(period, state, today, facts.warning_days)
            out.append(PeriodState(period, unit_id, state, colour))
    return out


def _report_reasons(facts: TaskFacts, states: list[PeriodState], today: dt.date) -> list[Reason]:
    names = dict(facts.leads)
    several = len(facts.leads) > 1
    out: list[Reason] = []
    # Overdue periods, one reason per unit (the year-end report on its own): a unit eleven
    # months behind reads as one line, not eleven.
    late: dict[tuple[int, bool], list[PeriodState]] = {}
    for p in states:
        unit = {"unit": names.get(p.unit_id, "")} if several else {}
        if p.colour == RED and p.state == "returned":
            out.append(
                {
                    "code": "returned_late",
                    "colour": RED,
                    "period": p.period.code,
                    "days": (today - p.period.due).days,
                    **unit,
                }
            )
        elif p.colour == RED:
            late.setdefault((p.unit_id, p.period.is_year_end), []).append(p)
        elif p.colour == YELLOW:
            if p.state == "returned":
                out.append({"code": "returned", "colour": YELLOW, "period": p.period.code, **unit})
            elif p.state in ("submitted", "pending"):
                out.append({"code": "in_review", "colour": YELLOW, "period": p.period.code, **unit})
            else:
                out.append(
                    {
                        "code": "due_soon",
                        "colour": YELLOW,
                        "period": p.period.code,
                        "date": p.period.due.isoformat(),
                        "days": (p.period.due - today).days,
                        **unit,
                    }
                )
    first: list[Reason] = []
    for (unit_id, _year_end), overdue in sorted(late.items(), key=lambda kv: kv[0][1]):
        unit = {"unit": names.get(unit_id, "")} if several else {}
        days = max((today - p.period.due).days for p in overdue)
        if len(overdue) == 1:
            first.append(
                {
                    "code": "late",
                    "colour": RED,
                    "period": overdue[0].period.code,
                    "days": days,
                    **unit,
                }
            )
        else:
            first.append(
                {
                    "code": "late_many",
                    "colour": RED,
                    "periods": [p.period.code for p in overdue],
                    "days": days,
                    **unit,
                }
            )
    return first + out


def _milestone_reasons(facts: TaskFacts, today: dt.date) -> list[Reason]:
    out: list[Reason] = []
    for m in sorted(facts.milestones, key=lambda m: m.due):
        if m.done:
            continue
        if today > m.due:
            out.append(
                {
                    "code": "milestone_late",
                    "colour": RED,
                    "text": m.text,
                    "date": m.due.isoformat(),
                    "days": (today - m.due).days,
                }
            )
        elif (m.due - today).days <= facts.warning_days:
            out.append(
                {
                    "code": "milestone_soon",
                    "colour": YELLOW,
                    "text": m.text,
                    "date": m.due.isoformat(),
                    "days": (m.due - today).days,
                }
            )
    return out


def expected_share(as_of: dt.date, year: int) -> Decimal:
    """The share of the year's target due by a day: the whole months elapsed, over 12
    (the end of March: 3/12; the 20th of April: still 3/12)."""
    if as_of.year < year:
        return Decimal(0)
    if as_of.year > year:
        return Decimal(1)
    month_end = (as_of + dt.timedelta(days=1)).month != as_of.month
    months = as_of.month if month_end else as_of.month - 1
    return Decimal(months) / Decimal(12)


def _pace_reasons(facts: TaskFacts) -> list[Reason]:
    """Each indicator's latest reported value against target × the share of the year
    elapsed at the end of the period it reports on (not today: a March figure is read in
    April against March's pace)."""
    out: list[Reason] = []
    for ind in facts.indicators:
        if ind.latest is None or ind.as_of is None or ind.comparator == "<=" or ind.target <= 0:
            continue
        done = ind.latest / ind.target
        expected = expected_share(ind.as_of, facts.year)
        pct = {"metric": ind.metric, "done": _pct(done), "expected": _pct(expected)}
        if done < expected:
            colour = RED if expected - done >= FAR_BEHIND else YELLOW
            out.append({"code": "behind", "colour": colour, **pct})
        else:
            out.append({"code": "on_pace", "colour": GREEN, **pct})
    return out


def _pct(share: Decimal) -> int:
    return int((share * 100).to_integral_value())


def _on_track(facts: TaskFacts, states: list[PeriodState]) -> Reason:
    accepted = [p for p in states if p.state == "accepted"]
    if accepted:
        return {"code": "accepted", "colour": GREEN, "period": accepted[-1].period.code}
    submitted = [p for p in states if p.state in ("submitted", "pending")]
    if submitted:
        return {"code": "submitted", "colour": GREEN, "period": submitted[-1].period.code}
    return {"code": "not_due", "colour": GREEN}
