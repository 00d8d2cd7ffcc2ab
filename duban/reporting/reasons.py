"""A light's reasons as one line each, in the reader's language ("3月进展逾期5天")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.utils.translation import gettext as _

from .periods import is_year_end


def short_period(code: str) -> str:
    """'2020-03' → 3月, '2020-Q1' → 第1季度, '2020-H1' → 上半年, '2020-Y' → 全年."""
    _year, _sep, part = code.partition("-")
    if part == "Y":
        return _("year-end")
    if part == "H1":
        return _("first half")
    if part == "H2":
        return _("second half")
    if part[:1] == "Q" and part[1:].isdigit():
        return _("Q%(n)s") % {"n": int(part[1:])}
    if part.isdigit():
        return _("month %(n)s") % {"n": int(part)}
    return code


def _day(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return _("%(month)s/%(day)s") % {"month": day.month, "day": day.day}


def _report(code: str) -> str:
    """'3月进展', '全年完成情况'."""
    if is_year_end(code):
        return _("the year-end report")
    return _("%(period)s report") % {"period": short_period(code)}


def _status(code: str) -> str:
    from duban.plans.models import Status

    try:
        return str(Status(code).label)
    except ValueError:
        return code


def _periods(codes: list[str]) -> str:
    if len(codes) > 3:
        return _("%(first)s to %(last)s (%(n)s periods)") % {
            "first": short_period(codes[0]),
            "last": short_period(codes[-1]),
            "n": len(codes),
        }
    return _(", ").join(short_period(c) for c in codes)


Reason = dict[str, Any]


def _due_soon(r: Reason) -> str:
    if not r["days"]:
        return _("%(report)s due today") % {"report": _report(r["period"])}
    return _("%(report)s due on %(date)s") % {
        "report": _report(r["period"]),
        "date": _day(r["date"]),
    }


def _done(r: Reason) -> str:
    if r.get("status"):
        return _("Year-end completion in: %(status)s") % {"status": _status(r["status"])}
    return _("Year-end completion in")


def _accepted(r: Reason) -> str:
    """ "10月进展已采纳", and a correction of it under way: "（更正稿待督查室审核）"."""
    line = _("%(report)s accepted") % {"report": _report(r["period"])}
    note = {
        "draft": _("a correction is being written"),
        "pending": _("a correction awaits the unit head's review"),
        "submitted": _("a correction awaits the office's review"),
        "returned": _("a correction was returned"),
    }.get(r.get("correction") or "")
    if note:
        line = _("%(line)s (%(note)s)") % {"line": line, "note": note}
    return line


# Each reason's code (reporting/lights.py) and its line.
LINES: dict[str, Callable[[Reason], str]] = {
    "no_lead": lambda r: _("No lead unit assigned"),
    "late": lambda r: (
        _("%(report)s overdue by %(days)s days")
        % {"report": _report(r["period"]), "days": r["days"]}
    ),
    "late_many": lambda r: (
        _("reports of %(periods)s overdue, the longest by %(days)s days")
        % {"periods": _periods(r["periods"]), "days": r["days"]}
    ),
    "due_soon": _due_soon,
    "returned": lambda r: (
        _("%(report)s returned: to be corrected") % {"report": _report(r["period"])}
    ),
    "returned_late": lambda r: (
        _("%(report)s returned and not resubmitted, %(days)s days after its due date")
        % {"report": _report(r["period"]), "days": r["days"]}
    ),
    "in_review": lambda r: (
        _("%(report)s waiting for the office's review") % {"report": _report(r["period"])}
    ),
    "with_head": lambda r: (
        _("%(report)s waiting for the unit head's review") % {"report": _report(r["period"])}
    ),
    "deadline": lambda r: (
        _("Deadline %(date)s passed %(days)s days ago")
        % {"date": _day(r["date"]), "days": r["days"]}
    ),
    "milestone_late": lambda r: (
        _("Milestone overdue by %(days)s days: %(text)s (due %(date)s)")
        % {"days": r["days"], "text": r["text"], "date": _day(r["date"])}
    ),
    "milestone_soon": lambda r: (
        _("Milestone due on %(date)s: %(text)s") % {"date": _day(r["date"]), "text": r["text"]}
    ),
    "behind": lambda r: (
        _("Behind pace: %(metric)s %(done)s%% done, %(expected)s%% expected by now") % r
    ),
    "on_pace": lambda r: (
        _("On pace: %(metric)s %(done)s%% done, %(expected)s%% expected by now") % r
    ),
    "not_kept": lambda r: _("Year-end: %(status)s") % {"status": _status(r["status"])},
    "done": _done,
    "closed": lambda r: _("Closed"),
    "accepted": lambda r: _accepted(r),
    "submitted": lambda r: _("%(report)s submitted") % {"report": _report(r["period"])},
    "not_due": lambda r: _("No report due yet"),
}


def text(reason: Reason) -> str:
    """One reason as a line, with its unit when it names one; an unknown code as it is."""
    code = reason.get("code")
    line = LINES[code](reason) if code in LINES else str(code)
    if reason.get("unit"):
        line = _("%(unit)s: %(line)s") % {"unit": reason["unit"], "line": line}
    return line


def one_line(reasons: Iterable[dict[str, Any]]) -> str:
    """The first reason, and how many more: what a list row has room for."""
    reasons = list(reasons)
    if not reasons:
        return ""
    first = text(reasons[0])
    more = sum(1 for r in reasons[1:] if r.get("colour") in ("red", "yellow"))
    if more:
        return _("%(first)s (and %(n)s more)") % {"first": first, "n": more}
    return first
