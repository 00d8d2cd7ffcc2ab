"""HTML pages: every <table>, with rowspan and colspan spread over the cells they cover.

A category printed once for a group of rows (rowspan) is repeated on each row; a section row
(colspan across the table) repeats its text in every column, which the grid interpreter reads
as a category. Scripts, styles and site navigation outside the tables are not read as rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from . import table_runs
from .grid import Grid
from .header import is_byline
from .units import trim

BLOCK_END = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section"}
SKIP = {"script", "style", "noscript", "head", "template", "svg", "iframe", "object"}
MAX_SPAN = 200  # a hostile page cannot make a cell cover a million columns


@dataclass
class _Table:
    rows: list[list[tuple[str, int, int]]] = field(default_factory=list)  # text, rowspan, colspan
    lines: list[int] = field(default_factory=list)
    cell: list[str] | None = None
    span: tuple[int, int] = (1, 1)
    heading: str = ""
    # Where the table starts in the page's text (all_text), and in the text outside tables
    # since the table before it ended (outside): what stands above it, and between the two.
    text_at: int = 0
    outside_from: int = 0
    outside_to: int = 0


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[_Table] = []
        self.stack: list[_Table] = []
        self.skip = 0
        # The text as a reader sees it, one line per block or <br>: all of it (flow), and
        # outside the tables (outside: the paragraphs around them, and each one's caption).
        self.flow: list[str] = []
        self.outside: list[str] = []
        self.all_text: list[str] = []  # all text with the source's line breaks: title, date
        self.title = ""
        self._in_title = False
        self._heading_parts: list[str] = []
        self._outside_mark = 0  # len(outside) when the last top-level table ended

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self.skip += 1
            self._in_title = tag == "head" and False
            return
        if tag == "title":
            self._in_title = True
        if self.skip:
            return
        if tag == "table":
            # The caption of a table is the last text before it: in the page, or in the
            # cell of a layout table that holds it.
            enclosing = self.stack[-1].cell if self.stack else None
            table = _Table(
                heading=_last_text(enclosing if enclosing else self.outside),
                text_at=len(self.all_text),
                outside_from=self._outside_mark,
                outside_to=len(self.outside) if not self.stack else self._outside_mark,
            )
            self.tables.append(table)
            self.stack.append(table)
        elif self.stack:
            table = self.stack[-1]
            if tag == "tr":
                table.rows.append([])
                table.lines.append(self.getpos()[0])
            elif tag in ("td", "th"):
                a = dict(attrs)
                table.cell = []
                table.span = (_span(a.get("rowspan")), _span(a.get("colspan")))
                if not table.rows:
                    table.rows.append([])
                    table.lines.append(self.getpos()[0])
            elif tag == "br" and table.cell is not None:
                table.cell.append("\n")
        elif tag == "br":
            self.outside.append("\n")
        if tag == "br":
            self.flow.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "title":
            self._in_title = False
        if self.skip:
            return
        if tag == "table" and self.stack:
            self._close_cell(self.stack[-1])
            self.stack.pop()
            if not self.stack:
                self._outside_mark = len(self.outside)
        elif self.stack:
            table = self.stack[-1]
            if tag in ("td", "th"):
                self._close_cell(table)
            elif tag in BLOCK_END and table.cell is not None:
                table.cell.append("\n")
        elif tag in BLOCK_END:
            self.outside.append("\n")
        if tag in BLOCK_END or tag in ("td", "th", "title"):
            self.all_text.append("\n")
            self.flow.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if self.skip:
            return
        self.all_text.append(data)
        # A line break in the page's source is no break in the text it shows.
        shown = re.sub(r"[ \t]*[\r\n]+[ \t]*", "", data)
        self.flow.append(shown)
        if self.stack and self.stack[-1].cell is not None:
            self.stack[-1].cell.append(data)
        elif not self.stack:
            self.outside.append(shown)

    def _close_cell(self, table: _Table) -> None:
        if table.cell is None:
            return
        text = "".join(table.cell)
        lines = [re.sub(r"[ \t\r\n\u00a0]+", " ", ln).strip() for ln in text.split("\n")]
        table.rows[-1].append(("\n".join(ln for ln in lines if ln), *table.span))
        table.cell = None


def _span(value: str | None) -> int:
    try:
        return max(1, min(MAX_SPAN, int(value or 1)))
    except ValueError:
        return 1


def _last_text(parts: list[str]) -> str:
    lines = [trim(x) for x in "".join(parts[-50:]).split("\n")]
    lines = [x for x in lines if x and not is_byline(x)]
    return lines[-1] if lines else ""


def _lines(parts: list[str]) -> list[str]:
    return [x for x in (trim(x) for x in "".join(parts).split("\n")) if x]


def _between(table: _Table, outside: list[str]) -> list[str]:
    """The paragraphs between the table and the table before it (or the page's start)."""
    return _lines(outside[table.outside_from : table.outside_to])


def _grid(table: _Table, all_text: list[str]) -> Grid:
    """Spread rowspan and colspan: every covered position repeats the cell's text."""
    grid: list[list[str]] = []
    pending: dict[int, tuple[int, str]] = {}  # column -> (rows still covered, text)
    for row in table.rows:
        out: list[str] = []
        for text, rowspan, colspan in row:
            _take_pending(out, pending)
            for _ in range(colspan):
                if rowspan > 1:
                    pending[len(out)] = (rowspan - 1, text)
                out.append(text)
        _take_pending(out, pending)
        while pending and len(out) <= max(pending):
            if len(out) not in pending:
                out.append("")
            _take_pending(out, pending)
        grid.append(out)
    width = max((len(r) for r in grid), default=0)
    return Grid(
        [r + [""] * (width - len(r)) for r in grid],
        table.lines,
        table.heading,
        above=_lines(all_text[: table.text_at])[-60:],
    )


def _take_pending(out: list[str], pending: dict[int, tuple[int, str]]) -> None:
    """Fill the positions a cell from a row above still covers."""
    col = len(out)
    while col in pending:
        left, text = pending[col]
        out.append(text)
        if left <= 1:
            del pending[col]
        else:
            pending[col] = (left - 1, text)
        col += 1


def read(text: str) -> tuple[list[Grid], str, list[str], list[str], list[str]]:
    """(grids, page title, the page's text lines up to its first data rows, all its text
    lines: one per paragraph, heading, list item, cell or <br>, and the same outside the
    tables: the paragraphs of a report, for the list locator)."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    tables = [t for t in reader.tables if t.rows]
    placed = [
        table_runs.Placed(_grid(t, reader.all_text), _between(t, reader.outside)) for t in tables
    ]
    grids = table_runs.join(placed)
    lines = [trim(x) for x in "".join(reader.all_text).split("\n")]
    flow = [trim(x) for x in "".join(reader.flow).split("\n")]
    prose = [trim(x) for x in "".join(reader.outside).split("\n")]
    return (
        grids,
        trim(re.sub(r"\s+", " ", reader.title)),
        [x for x in lines if x][:60],
        [x for x in flow if x],
        [x for x in prose if x],
    )
