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
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

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
    # (unit, period): the state of the period's report: "accepted" once any version is
    # accepted (a correction does not undo it), else the newest version's (fold_reports).
    reports: dict[tuple[int, str], str] = field(default_factory=dict)
    # (unit, period): the state of a correction under way, a version newer than the
    # accepted one and not accepted itself.
    corrections: dict[tuple[int, str], str] = field(default_factory=dict)
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
    correction: str | None = None  # the state of a correction of the accepted report


U = TypeVar("U", bound=Hashable)  # who reports: a unit's id (or a (task, unit) pair)


def fold_reports(
    rows: Iterable[tuple[U, str, str]],
) -> tuple[dict[tuple[U, str], str], dict[tuple[U, str], str]]:
    """Each (unit, period)'s state and its open correction, from its versions' states read
    in version order (unit, period, state): an accepted version stays the period's report
    while a newer version (a correction, 更正) is drafted, reviewed or returned; only that
    newer version's state is the correction's. Every reader of a period's state (the
    lights, the reminders, the report form) folds its versions so."""
    states: dict[tuple[U, str], str] = {}
    corrections: dict[tuple[U, str], str] = {}
    for unit_id, period, state in rows:
        key = (unit_id, period)
        if state == "accepted":
            states[key] = state
            corrections.pop(key, None)
        elif states.get(key) == "accepted":
            corrections[key] = state
        else:
            states[key] = state
    return states, corrections


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
        out.reasons += _on_track(facts, out.periods)
    elif not (facts.completed or facts.closed):
        out.reasons += _corrections(out.periods)  # (green: said after what is wrong)
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
            correction = facts.corrections.get((unit_id, period.code))
            out.append(PeriodState(period, unit_id, state, colour, correction))
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
            elif p.state == "pending":
                out.append({"code": "with_head", "colour": YELLOW, "period": p.period.code, **unit})
            elif p.state == "submitted":
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


_CODE = {"accepted": "accepted", "submitted": "submitted", "pending": "with_head"}


def _reported(p: PeriodState) -> Reason:
    """A period reported: accepted (with its correction under way, if any), with the office,
    or with the unit head."""
    out: Reason = {"code": _CODE[p.state or ""], "colour": GREEN, "period": p.period.code}
    if p.correction:
        out["correction"] = p.correction
    return out


def _corrections(states: list[PeriodState]) -> list[Reason]:
    """The corrections under way, the newest period first."""
    return [_reported(p) for p in reversed(states) if p.state == "accepted" and p.correction]


def _on_track(facts: TaskFacts, states: list[PeriodState]) -> list[Reason]:
    """Why a task is green: each correction under way (the newest first: what is moving),
    then the newest period reported (accepted, with the office, or with the unit head)."""
    reported = [p for p in states if p.state in _CODE]
    if not reported:
        return [{"code": "not_due", "colour": GREEN}]
    newest = _reported(reported[-1])
    older = [r for r in _corrections(states) if r["period"] != newest["period"]]
    return [newest, *older] if "correction" in newest else [*older, newest]
