"""One task table printed as several: a table per category, each under its heading, or a
workbook's sheet per category.

Offices often lay a breakdown out so in Word: "一、经济发展" then a table "序号 | 工作任务 |
牵头单位 | 责任单位", "二、民生保障" then the same header again, the numbers running on (or
starting again) — one list of tasks whose categories are the headings between the tables.
Read as separate tables, the plan is split in parts, the preview shows one part, and every
category is lost. Consecutive tables with the same header and only a short heading between
them are joined here into one grid, each heading a row of its own across the table, which the
grid reader takes as the category of the rows under it (as it does a category row in a single
table: "一、经济发展" merged across the row).

A workbook's sheets ("经济发展", "民生保障", each with the same title and header) are joined
the same way, each sheet's name a category; sheets named as years or by default ("2020年",
"Sheet2") are other tables.

Pure Python: the readers (ooxml.py, html_reader.py) give the tables and what stands between.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from .grid import Grid, find_columns
from .units import trim

T = TypeVar("T")

# A heading: short, no sentence in it. "一、经济发展", "（二）民生保障", "城市治理".
_HEADING_MAX = 40
_SENTENCE_RE = re.compile(r"[。；;！？]")
_ORDINAL_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[、.．](?!\d)"
    r"|第[一二三四五六七八九十]{1,3}[类部分项])"
)


@dataclass
class Placed:
    """A table as the document places it: the paragraphs between it and the table before
    (or the document's start), non-empty ones only, in order."""

    grid: Grid
    before: list[str]


def join(tables: list[Placed]) -> list[Grid]:
    """The grids, each run of same-header tables under category headings joined into one."""
    return [_joined(run) for run in _runs(tables, _continues)]


def _runs(items: list[T], continues: Callable[[T, T], bool]) -> list[list[T]]:
    """The items in runs of consecutive ones, each continuing the one before it."""
    runs: list[list[T]] = []
    for item in items:
        if runs and continues(runs[-1][-1], item):
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _header(grid: Grid) -> list[str]:
    return [trim(c) for c in grid.rows[0]] if grid.rows else []


def _is_heading(text: str) -> bool:
    return len(text) <= _HEADING_MAX and not _SENTENCE_RE.search(text)


def _continues(previous: Placed, t: Placed) -> bool:
    """t goes on from previous: the same header (a filled one), and one heading between."""
    header = _header(t.grid)
    return (
        len(t.grid.rows) > 1
        and sum(1 for c in header if c) >= 2
        and header == _header(previous.grid)
        and len(t.before) == 1
        and _is_heading(t.before[0])
    )


def _first_heading(run: list[Placed]) -> str | None:
    """The heading of the run's first table when it is a category like the others: the last
    paragraph before it, numbered as they are ("一、" before "二、", "三、"), or unnumbered
    like them and not the document's caption (the paragraph before it then is another)."""
    before = run[0].before
    if not before or not _is_heading(before[-1]):
        return None
    numbered = [bool(_ORDINAL_RE.match(p.before[0])) for p in run[1:]]
    if all(numbered):
        return before[-1] if _ORDINAL_RE.match(before[-1]) else None
    if not any(numbered) and len(before) >= 2:
        return before[-1]
    return None


def _joined(run: list[Placed]) -> Grid:
    if len(run) == 1:
        return run[0].grid
    first = run[0].grid
    width = max(len(r) for p in run for r in p.grid.rows)
    heading = _first_heading(run)
    rows, lines = [first.rows[0]], [first.lines[0]]
    for i, p in enumerate(run):
        title = heading if i == 0 else p.before[0]
        if title:
            rows.append([title] * width)
            lines.append(p.grid.lines[0])
        rows += p.grid.rows[1:]
        lines += p.grid.lines[1:]
    if first.where == "table row":  # each table's rows counted from 1: count the joined one's
        lines = list(range(1, len(rows) + 1))
    # Above a first table under its category, the caption is the paragraph before that.
    caption = first.name if heading is None else "".join(run[0].before[-2:-1])
    return Grid(
        [r + [""] * (width - len(r)) for r in rows],
        lines,
        caption if len(caption) <= 60 else "",
        where=first.where,
        above=first.above,
    )


# A sheet named as a year, or as the spreadsheet named it, is no category: "2019年", "Sheet2".
_NOT_A_CATEGORY_RE = re.compile(r"^(?:sheet\s*\d*|工作表\s*\d*|\d{4}\s*年?.*|.*\d{4}年.*)$", re.I)


def join_sheets(grids: list[Grid]) -> list[Grid]:
    """A workbook of a sheet per category ("经济发展", "民生保障", each under the same title and
    header, its numbers running on): one table, each sheet's name a category row."""
    return [_sheets_joined(run) for run in _runs(grids, _sheet_continues)]


def _header_at(g: Grid) -> int | None:
    cols = find_columns(g)
    return None if cols is None else cols.at + cols.header_rows - 1


def _sheet_continues(previous: Grid, g: Grid) -> bool:
    """The same rows down to the header (title and header alike), a category's name, and
    categories on both: a sheet of the same table, not another table with the same columns
    (a year's, a plan's beside its completion)."""
    a, b = _header_at(previous), _header_at(g)
    if a is None or a != b or len(g.rows) <= b + 1:
        return False
    same = [[trim(c) for c in r] for r in previous.rows[: a + 1]] == [
        [trim(c) for c in r] for r in g.rows[: b + 1]
    ]
    named = all(_is_heading(x.name) and not _NOT_A_CATEGORY_RE.match(x.name) for x in (previous, g))
    return same and named


def _sheets_joined(run: list[Grid]) -> Grid:
    if len(run) == 1:
        return run[0]
    first = run[0]
    at = _header_at(first) or 0
    width = max(len(r) for g in run for r in g.rows)
    rows, lines = list(first.rows[: at + 1]), list(first.lines[: at + 1])
    for g in run:
        rows.append([g.name] * width)
        lines.append(g.lines[at])
        rows += g.rows[at + 1 :]
        lines += g.lines[at + 1 :]
    return Grid([r + [""] * (width - len(r)) for r in rows], lines, "", where=first.where)
