"""The tables of a PDF: a task list an office exports from Word or Excel (序号 | 重点任务 | 牵头单位
…) is drawn with ruling lines, which pdfplumber follows to its cells. Laid out as text, its cells
run into each other ("1   新建公共充电桩1000个…   区发展改革委   区城") and no reader can tell them
apart.

Each cell's text is its lines joined where a line only wraps at the cell's right edge ("区城" /
"管委" is 区城管委) and kept apart where a line ends short of it (units one per line). A table
that goes on over the next page (the same columns, no header of its own, or the header printed
again) is one table. Only pages whose text names at least two columns of a task table are
searched: a report of sixty pages of prose costs nothing more.

The text of the PDF (pdf_reader) has been read first, so the file is known to be a PDF that
holds text, within the limits of pages and size.
"""

from __future__ import annotations

import io
import logging
import re
from functools import lru_cache
from statistics import median
from typing import Any

from . import pdf_reader
from .grid import Grid

# Words of a task table's header; a page that holds two of them may hold the table.
_HEADER_WORDS = re.compile(
    r"序号|编号|牵头单位|责任单位|牵头部门|责任部门|配合单位|主责单位|完成情况|进展情况|推进情况|"
    r"完成时限|重点任务|工作任务|任务内容|工作内容|目标任务|项目名称|责任领导"
)


def grids(data: bytes) -> list[Grid]:
    """The tables of the pages whose text names columns of a task table, in page order; each
    row's line is the line of the page text (pdf_reader's, counted through the pages) it
    starts on."""
    return list(_grids(data))


# As pdf_reader keeps the text: the preview reads an upload twice (1.7 s for a 30-page table).
@lru_cache(maxsize=2)
def _grids(data: bytes) -> tuple[Grid, ...]:
    page_texts = pdf_reader.pages(data)
    wanted = [i for i, text in enumerate(page_texts) if _names_columns(text)]
    if not wanted:
        return ()
    import pdfplumber  # imported here: the command line starts without it

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    offsets = [0]
    for text in page_texts:
        offsets.append(offsets[-1] + len(text))
    tables: list[list[list[str]]] = []
    lines: list[list[int]] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for i in wanted:
                page = pdf.pages[i]
                for table in page.find_tables(_settings(page)):
                    rows = _rows(page, table)
                    if len(rows) < 2:
                        continue
                    at = [offsets[i] + _line_of(row, page_texts[i]) for row in rows]
                    if tables and _goes_on(tables[-1], rows, lines[-1], offsets[i]):
                        _continue(tables[-1], lines[-1], rows, at)
                    else:
                        tables.append(rows)
                        lines.append(at)
    except Exception:  # pdfminer's errors on a damaged file are many: the text stands alone
        return ()
    out = []
    for rows, at in zip(tables, lines, strict=True):
        width = max(len(r) for r in rows)
        out.append(Grid([r + [""] * (width - len(r)) for r in rows], at, where="line"))
    return tuple(out)


def _settings(page: Any) -> dict[str, Any]:
    """A row cut by the page break has no ruling line under it (nor, on the next page, over
    it): the ends of the table's vertical lines close it."""
    verticals = [e for e in page.edges if e["orientation"] == "v"]
    if not verticals:
        return {}
    top = min(e["top"] for e in verticals)
    bottom = max(e["bottom"] for e in verticals)
    return {"explicit_horizontal_lines": [top, bottom]}


def _names_columns(text: tuple[str, ...]) -> bool:
    # One word is enough: a narrow column's header wraps ("牵头单" / "位", "序" / "号"), and a
    # page of prose that names a unit's label costs a look at its ruling lines, no more.
    return bool(_HEADER_WORDS.search(re.sub(r"\s+", "", "".join(text))))


def _rows(page: Any, table: Any) -> list[list[str]]:
    out = []
    for row in table.rows:
        out.append([_cell_text(page, cell) if cell else "" for cell in row.cells])
    return out


def _cell_text(page: Any, box: tuple[float, float, float, float]) -> str:
    """The cell's lines, joined where a line wraps at the cell's edge."""
    x0, top, x1, bottom = box
    chars = [
        c
        for c in page.chars
        if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
    ]
    if not chars:
        return ""
    size = median(c["size"] for c in chars)
    by_line: list[list[dict[str, Any]]] = []
    for c in sorted(chars, key=lambda c: c["top"]):
        if by_line and abs(c["top"] - by_line[-1][0]["top"]) < size * 0.6:
            by_line[-1].append(c)
        else:
            by_line.append([c])
    # The cell's inner right edge: its border less the padding its text keeps on the left.
    edge = max(x1 - (min(c["x0"] for c in chars) - x0), max(c["x1"] for c in by_line[0]))
    text = ""
    for n, line in enumerate(by_line):
        line.sort(key=lambda c: c["x0"])
        words = _with_spaces(line, size)
        if n:
            wrapped = _wraps(by_line[n - 1], line, text, edge, size)
            text += _joint(text, words) if wrapped else "\n"
        text += words
    return text.strip()


def _wraps(
    line: list[dict[str, Any]], after: list[dict[str, Any]], before: str, edge: float, size: float
) -> bool:
    """Whether a line only wraps: it ends at the cell's edge, or short of it by less than what
    the typesetter could not cut from the next line's start ("幅-1.1%;", "动。“"), the text
    going on mid-sentence. A line that ends short of that, or ends its sentence, ends where the
    writer broke it (units one per line)."""
    gap = edge - max(c["x1"] for c in line)
    if gap <= size * 1.5:
        return True
    end = 1  # the characters no line may be cut between: "委“十", "五”", "幅-1.1%;"
    while end < len(after):
        c, last = after[end]["text"], after[end - 1]["text"]
        ascii_mark = c.isascii() and not c.isalnum()
        quote = c in _QUOTES or last in _QUOTES  # no break on either side of “ ” ‘ ’
        if c.isspace() or (
            not (
                last in _OPENING or (c.isascii() and last.isascii()) or c in _CLOSING or ascii_mark
            )
            and not quote
        ):
            break
        end += 1
    uncut = after[end - 1]["x1"] - after[0]["x0"]
    text = "".join(c["text"] for c in after)
    return (
        gap < uncut + size
        and not before.endswith(("。", "；", ";", "：", ":", "！", "？"))
        and not re.match(
            r"[（(]?[0-9一二三四五六七八九十]{1,2}(?:[、)）]|[.．](?!\d))|[①-⑳•·●]", text
        )
    )


_CLOSING = "，。、；：？！）》」』〕】］〉%,.;:?!)"
_OPENING = "（《「『〔【［〈(["
_QUOTES = "“”‘’"


def _with_spaces(line: list[dict[str, Any]], size: float) -> str:
    """A line's characters, a space where the page leaves a gap of one (ASCII words)."""
    out = ""
    for prev, c in zip([None, *line], line, strict=False):
        if prev is not None and c["x0"] - prev["x1"] > size * 0.25:
            out += " "
        out += c["text"]
    return out


def _joint(before: str, after: str) -> str:
    """Nothing between two lines of one wrapped text, but a space between two ASCII words."""
    if before and after and before[-1].isascii() and before[-1].isalnum() and after[0].isascii():
        return " " if after[0].isalnum() else ""
    return ""


def _line_of(row: list[str], text: tuple[str, ...]) -> int:
    """The line of the page's text the row starts on (1-based in the page), found by the
    start of its longest cell; 1 if not found."""
    cell = max(row, key=len)
    probe = re.sub(r"\s+", "", cell)[:8]
    if probe:
        for n, line in enumerate(text, start=1):
            if probe in re.sub(r"\s+", "", line):
                return n
    return 1


def _goes_on(
    before: list[list[str]], rows: list[list[str]], before_lines: list[int], page_start: int
) -> bool:
    """A table at the head of a page that goes on from the last one: the same columns, and its
    first row is the header printed again or a row of the table, not a new header."""
    if len(rows[0]) != len(before[0]) or before_lines[-1] > page_start:
        return False
    first = [re.sub(r"\s+", "", c) for c in rows[0]]
    header = [re.sub(r"\s+", "", c) for c in before[0]]
    return first == header or not any(_HEADER_WORDS.fullmatch(c) for c in first if c)


def _continue(
    table: list[list[str]], lines: list[int], rows: list[list[str]], at: list[int]
) -> None:
    """The rows of the next page added to the table: the header printed again dropped, and a
    row cut by the page break (no number of its own, the row above numbered) joined to it."""
    header = [re.sub(r"\s+", "", c) for c in table[0]]
    if [re.sub(r"\s+", "", c) for c in rows[0]] == header:
        rows, at = rows[1:], at[1:]
    number = next((j for j, c in enumerate(header) if c in ("序号", "编号")), None)
    if rows and number is not None and len(table) > 1:
        first, last = rows[0], table[-1]
        if not first[number].strip() and last[number].strip() and any(c.strip() for c in first):
            table[-1] = [a + _joint(a, b) + b if b else a for a, b in zip(last, first, strict=True)]
            rows, at = rows[1:], at[1:]
    table += rows
    lines += at
