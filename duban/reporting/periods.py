"""Reporting periods and their warnings. Plain functions of dates: no database.

A task's reporting cycle gives its periods ("2020-03", "2020-Q1", "2020-H1", "2020-Y"); each
is due on the plan's due day after it ends (due day 5: the 5th of the next month). A period's
report is green when accepted or not yet due, yellow when due within the warning window or
returned, red when overdue.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

GREEN, YELLOW, RED = "green", "yellow", "red"
YEAR_END_SUFFIX = "-Y"  # 2020-Y: the year-end report, which is the task's 全年完成情况


def is_year_end(code: str) -> bool:
    return code.endswith(YEAR_END_SUFFIX)


ORDER = {GREEN: 0, YELLOW: 1, RED: 2}


@dataclass(frozen=True)
class Period:
    code: str
    start: dt.date
    end: dt.date
    due: dt.date

    @property
    def is_year_end(self) -> bool:
        return is_year_end(self.code)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _due(end: dt.date, due_day: int) -> dt.date:
    nxt = end + dt.timedelta(days=1)
    day = min(max(due_day, 1), calendar.monthrange(nxt.year, nxt.month)[1])
    return nxt.replace(day=day)


def periods(cycle: str, year: int, due_day: int = 5) -> list[Period]:
    """The periods of a year for a cycle: month, quarter, half or year."""
    return list(_periods(cycle, year, due_day))


@lru_cache(maxsize=256)  # a warning list asks the same few questions for every task
def _periods(cycle: str, year: int, due_day: int) -> tuple[Period, ...]:
    if not dt.MINYEAR <= year < dt.MAXYEAR:
        # No calendar holds its dates (year 0; 9999's year-end report is due in 10000). The
        # plan form refuses such years, but a plan read from a document may still have one.
        return ()
    spans: list[tuple[str, int, int]]
    if cycle == "month":
        spans = [(f"{year}-{m:02d}", m, m) for m in range(1, 13)]
    elif cycle == "quarter":
        spans = [(f"{year}-Q{q}", 3 * q - 2, 3 * q) for q in range(1, 5)]
    elif cycle == "half":
        spans = [(f"{year}-H1", 1, 6), (f"{year}-H2", 7, 12)]
    else:
        spans = []
    # The last span of the year is reported by the year-end report, which becomes the task's
    # completion (全年完成情况): December, Q4 and H2 are not asked for separately.
    spans = spans[:-1]
    out = [
        Period(
            code,
            dt.date(year, first, 1),
            _month_end(year, last),
            _due(_month_end(year, last), due_day),
        )
        for code, first, last in spans
    ]
    out.append(
        Period(
            f"{year}{YEAR_END_SUFFIX}",
            dt.date(year, 1, 1),
            dt.date(year, 12, 31),
            _due(dt.date(year, 12, 31), due_day),
        )
    )
    return tuple(out)


def period_by_code(cycle: str, year: int, code: str, due_day: int = 5) -> Period | None:
    return next((p for p in periods(cycle, year, due_day) if p.code == code), None)


# A period whose report is accepted, or with the unit head or the office: not to write now.
REPORTED = ("accepted", "submitted", "pending")


def first_to_report(all_periods: list[Period], states: dict[str, str]) -> Period | None:
    """The first period (due soonest) whose report is still to be written: none accepted,
    none with the unit head or the office. states: each period's state, its versions folded
    (lights.fold_reports). None when every period is reported."""
    return next((p for p in all_periods if states.get(p.code) not in REPORTED), None)


def period_warning(period: Period, state: str | None, today: dt.date, window_days: int = 3) -> str:
    """green: accepted or not yet due; yellow: due within the window, or returned; red: overdue."""
    if state == "accepted":
        return GREEN
    if state in ("submitted", "pending"):
        return GREEN if today <= period.due else YELLOW
    if today > period.due:
        return RED
    if state == "returned" or (period.due - today).days <= window_days:
        return YELLOW
    return GREEN


def behind_pace(
    target: Decimal, latest: Decimal | None, today: dt.date, year: int, comparator: str = ">="
) -> bool:
    """Below target × elapsed months / 12 (end of November: below 11/12 of the target)."""
    if latest is None or comparator == "<=":
        return False
    if today.year < year:
        return False
    months = 12 if today.year > year else today.month - (0 if _is_month_end(today) else 1)
    return latest < target * Decimal(months) / Decimal(12)


def _is_month_end(day: dt.date) -> bool:
    return day == _month_end(day.year, day.month)


def worst(*colours: str) -> str:
    return max(colours, key=lambda c: ORDER[c]) if colours else GREEN
