"""Rows pasted from a spreadsheet: Excel and WPS copy cells as tab-separated text, with a cell
that holds a line break or a tab in double quotes. They are read by the same reader as an
uploaded CSV file, and a deadline column (完成时限) becomes the tasks' deadline."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

DEADLINE_HEADERS = ("完成时限", "完成时间", "完成期限", "时限要求", "时限", "截止时间", "截止日期")


def as_csv(text: str) -> str:
    """Tab-separated text as CSV with every cell quoted, so that the reader's sniffer cannot
    take a comma in a cell for the separator."""
    rows = list(csv.reader(io.StringIO(text.strip("\n")), delimiter="\t"))
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(
        [c.strip() for c in row] for row in rows if any(c.strip() for c in row)
    )
    return out.getvalue()


def looks_tab_separated(text: str) -> bool:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return bool(lines) and sum("\t" in ln for ln in lines) >= max(1, len(lines) // 2)


def deadline_cell(extra: dict[str, str]) -> tuple[str, str] | None:
    """The deadline column of a row's other columns: (header, cell)."""
    for header, cell in extra.items():
        if any(word in header for word in DEADLINE_HEADERS):
            return header, cell
    return None


_FULL = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*月\s*(\d{1,2})\s*日?")
_MONTH_END = re.compile(r"^(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(?:底|末|份|前|内)?")
_YEAR_END = re.compile(r"^(?:(\d{4})\s*年\s*)?(?:年底|年末|底|全年|12月底)")


def read_deadline(cell: str, year: int) -> dt.date | None:
    """2024年10月31日, 2024-10-31, 2024/10/31, 10月31日, 6月底, 年底 (of the plan's year); None
    when the cell says something else (长期坚持, 持续推进)."""
    text = cell.strip()
    try:
        if m := _FULL.search(text):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _MONTH_DAY.match(text):
            return dt.date(year, int(m[1]), int(m[2]))
        if m := _YEAR_END.match(text):
            return dt.date(int(m[1] or year), 12, 31)
        if m := _MONTH_END.match(text):
            y, month = int(m[1] or year), int(m[2])
            if not 1 <= month <= 12:
                return None
            following = dt.date(y + month // 12, month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
    except ValueError:  # 2月30日, 13月
        return None
    return None
