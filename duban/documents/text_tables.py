"""Tables written as text: Markdown pipe tables inside long reports, rows with cells
separated by " | ", one cell per line ending in " |", and one cell per paragraph."""

from __future__ import annotations

import re

from .grid import Grid, cell_role, to_int
from .header import is_byline
from .units import trim

MD_SEPARATOR_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
BOLD_RE = re.compile(r"(\*\*|__)(.+?)\1")
TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>")


def clean_cell(text: str) -> str:
    text = BR_RE.sub("\n", text)
    text = BOLD_RE.sub(r"\2", text)
    text = TAG_RE.sub("", text)
    text = text.replace("\\|", "|")
    return "\n".join(trim(line) for line in text.split("\n")).strip("\n")


def split_pipes(line: str, outer: bool = True) -> list[str]:
    """Cells of one pipe row; "\\|" is a pipe inside a cell. With outer pipes ("| a | b |")
    the first and last pipe close the row; without them (" | 1 | a") a leading pipe means
    an empty first cell."""
    s = line.strip() if outer else line.rstrip()
    if outer and s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return [clean_cell(c) for c in re.split(r"(?<!\\)\|", s)]


def markdown_grids(lines: list[str]) -> list[Grid]:
    """Each Markdown pipe table, named by the heading or caption line above it."""
    grids: list[Grid] = []
    i = 0
    while i < len(lines):
        if (
            lines[i].lstrip().startswith("|")
            and i + 1 < len(lines)
            and MD_SEPARATOR_RE.match(lines[i + 1])
        ):
            start = i
            rows = [split_pipes(lines[i])]
            where = [i + 1]
            i += 2
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                rows.append(split_pipes(lines[i]))
                where.append(i + 1)
                i += 1
            grids.append(Grid(_pad(rows), where, _heading_above(lines, start)))
            continue
        i += 1
    return grids


def _heading_above(lines: list[str], start: int) -> str:
    for j in range(start - 1, max(-1, start - 8), -1):
        text = lines[j].strip().lstrip("#").strip().strip("*").strip()
        if text and not is_byline(text):
            return text
    return ""


def _pad(rows: list[list[str]]) -> list[list[str]]:
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def pipe_grid(lines: list[str]) -> Grid | None:
    """Rows on single lines with cells separated by " | " (no Markdown separator line)."""
    header_at = None
    for i, line in enumerate(lines):
        if "|" in line and sum(1 for c in split_pipes(line) if cell_role(c)) >= 3:
            cells = split_pipes(line)
            # One cell per line ("类别 |") is a stream, handled by cell_stream_grid.
            if len([c for c in cells if c]) >= 3:
                header_at = i
                break
    if header_at is None:
        # No header: the first of at least two lines with three or more cells.
        tabular = [i for i, line in enumerate(lines) if line.count("|") >= 2]
        if len(tabular) < 2:
            return None
        header_at = tabular[0]
    rows: list[list[str]] = []
    where: list[int] = []
    outer = lines[header_at].strip().startswith("|")
    for i in range(header_at, len(lines)):
        line = lines[i]
        if "|" not in line:
            if trim(line) and rows:
                # A line without cells inside the table: more text of the last cell.
                rows[-1][-1] = "\n".join(p for p in (rows[-1][-1], trim(line)) if p)
            continue
        rows.append(split_pipes(line, outer))
        where.append(i + 1)
    return Grid(_pad(rows), where, _heading_above(lines, header_at))


def cell_stream_grid(lines: list[str]) -> Grid | None:
    """One cell per line ("类别 |") or per paragraph: rows rebuilt from the header width,
    and from the row numbers where cells were left out."""
    stream: list[tuple[int, str, bool]] = []  # (line, text, explicit cell)
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        explicit = s.endswith("|")
        text = clean_cell(s[:-1]) if explicit else clean_cell(s)
        stream.append((i + 1, text, explicit))
    header: list[str] = []
    start = None
    for k, (_, text, _) in enumerate(stream):
        if cell_role(text) and len(trim(text)) <= 12:
            if start is None:
                start = k
            header.append(text)
        elif start is not None:
            break
    if start is None or len(header) < 3:
        return None
    n = len(header)
    body = stream[start + n :]
    if not body:
        return None
    roles = [cell_role(h) for h in header]
    rows: list[list[str]]
    explicit_cells = all(e for _, _, e in body)
    if explicit_cells and len(body) % n == 0:
        rows = [[t for _, t, _ in body[j : j + n]] for j in range(0, len(body), n)]
        where = [body[j][0] for j in range(0, len(body), n)]
    else:
        rows, where = _rows_by_number(body, roles)
    return Grid(_pad([header, *rows]), [stream[start][0], *where], "")


def _rows_by_number(
    body: list[tuple[int, str, bool]], roles: list[str | None]
) -> tuple[list[list[str]], list[int]]:
    """Cells grouped into rows at each cell holding the next row number. A category printed
    once for a group (a merged cell) stands just before the number of the group's first row."""
    n = len(roles)
    if "number" not in roles:
        chunks = [body[j : j + n] for j in range(0, len(body), n)]
        return [[t for _, t, _ in c] for c in chunks], [c[0][0] for c in chunks]
    num_col = roles.index("number")
    cat_before = "category" in roles and roles.index("category") < num_col
    rows: list[list[str]] = []
    where: list[int] = []
    pending: list[str] = []
    expected: int | None = None
    for line, text, _ in body:
        value = to_int(text.rstrip(".、")) if re.fullmatch(r"\d{1,4}[.、]?", text) else None
        if value is not None and (expected is None or value == expected):
            carry: list[str] = []
            if cat_before and rows and len(rows[-1]) > 2 and _short(rows[-1][-1]):
                carry = [rows[-1].pop()]
            elif cat_before and not rows and pending:
                carry = pending[-1:]
            rows.append([*carry, text])
            where.append(line)
            expected = value + 1
        elif rows:
            rows[-1].append(text)
        else:
            pending.append(text)
    return [_place(cells, roles) for cells in rows], where


def _short(text: str) -> bool:
    return len(text) <= 30 and not re.search(r"[。；;，,\d]", text)


def _place(cells: list[str], roles: list[str | None]) -> list[str]:
    """Put one row's cells under the header; cells the page left out stay empty."""
    n = len(roles)
    num_col = roles.index("number")
    row = [""] * n
    if to_int(cells[0].rstrip(".、")) is None or not re.fullmatch(r"\d{1,4}[.、]?", cells[0]):
        if "category" in roles:
            row[roles.index("category")] = cells[0]
        cells = cells[1:]
    row[num_col] = cells[0]
    rest = cells[1:]
    after = list(range(num_col + 1, n))
    if not after:
        return row
    if len(rest) > len(after):
        rest = [*rest[: len(after) - 1], "\n".join(rest[len(after) - 1 :])]
    if len(rest) == len(after):
        for j, text in zip(after, rest, strict=True):
            row[j] = text
    elif rest:
        # Fewer cells than columns: the first is the task, the last the completion.
        row[after[0]] = rest[0]
        if len(rest) > 1:
            row[after[-1]] = rest[-1]
            for j, text in zip(after[1:-1], rest[1:-1], strict=False):
                row[j] = text
    return row
