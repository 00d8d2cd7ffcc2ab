"""Milestones (节点) as a plan's text prints them: "6月底前完成招标，12月底前建成" is two
milestones, June 30th "完成招标" and December 31st "建成". Plain Python, no Django.

A milestone is a clause that opens (after an optional 力争/确保/于) with a time (N月底前,
N月N日前, 上半年, 三季度末, 年底前, with or without the year) and goes on to say what is done
by then. A time with nothing after it, or inside a clause (完成2019年12月底前的欠款), is not
a milestone.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from duban.documents.lists.ordinals import cn_value
from duban.documents.numerals import DIGITS

_NUM = rf"(?:\d{{1,2}}|十[一二]?|[{DIGITS}])"
_LEAD = r"(?:力争|确保|争取|计划|预计|于|在|到|至)?"
_TIME = re.compile(
    r"^" + _LEAD + r"(?:(?P<year>\d{4})年)?(?:"
    r"(?P<month>" + _NUM + r")月(?:(?P<day>\d{1,2})[日号])?(?:底|末|份|中旬|上旬|下旬)?"
    r"|(?P<half>上|下)半年"
    r"|(?:第)?(?P<quarter>[一二三四1-4])季度"
    r"|(?P<yearend>年底|年末|年内|年中)"
    r")(?:末|底)?(?:之前|以前|前|内|止)?"
)
_CLAUSES = re.compile(r"[，,；;。！!？?\n]")


@dataclass(frozen=True)
class Milestone:
    due: dt.date
    text: str
    quoted: str  # the clause as printed


def _number(text: str) -> int:
    return int(text) if text.isdigit() else cn_value(text) or 0


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _due(m: re.Match[str], year: int) -> dt.date | None:
    year = int(m["year"]) if m["year"] else year
    try:
        if m["month"]:
            month = _number(m["month"])
            if m["day"]:
                return dt.date(year, month, int(m["day"]))
            return _month_end(year, month)
        if m["half"]:
            return _month_end(year, 6 if m["half"] == "上" else 12)
        if m["quarter"]:
            q = int(m["quarter"]) if m["quarter"].isdigit() else cn_value(m["quarter"]) or 0
            return _month_end(year, 3 * q)
        if m["yearend"] == "年中":
            return _month_end(year, 6)
        return dt.date(year, 12, 31)
    except (ValueError, KeyError):  # 13月, 2月30日
        return None


def milestones(text: str, year: int) -> list[Milestone]:
    """The dated clauses of a task's text, in the order printed (a date given twice, once)."""
    out: list[Milestone] = []
    for clause in _CLAUSES.split(text):
        clause = clause.strip()
        m = _TIME.match(clause)
        if not m or not m.group(0):
            continue
        action = clause[m.end() :].strip(" ：:、")
        if len(action) < 2 or not re.search(r"[\u4e00-\u9fff]", action):
            continue
        due = _due(m, year)
        if due is None or due.year not in (year, year + 1):
            continue
        out.append(Milestone(due, action[:200], clause[:200]))
    return out
