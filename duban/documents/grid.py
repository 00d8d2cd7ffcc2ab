"""Tables as grids of cell texts, and the one interpreter that turns a grid into tasks.

Every tabular reader (Markdown, pipe text, HTML, XLSX, DOCX, CSV) produces Grids; this module
finds the header and the column roles, follows merged cells, category rows and repeated
headers, splits unit cells, and accounts for every row: it becomes a task or a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from . import brackets, unit_labels
from .header import ROLE_WORDS
from .model import Note, ParsedTask, gettext_noop
from .numerals import DIGITS, HUNDRED, TEN, TWO, ZERO
from .units import WHITESPACE, looks_like_unit_line, normalize, strip_ws, trim

CN_NUM = ZERO + DIGITS + TWO + TEN + HUNDRED
NUMBER_CELL_RE = re.compile(rf"^[（(]?\s*(\d{{1,4}}|[{CN_NUM}]{{1,4}})\s*[)）.、．]?$")
# A number opening a cell: "一、", "12.", "（三）", "3、".
LEADING_NUMBER_RE = re.compile(
    rf"^\s*(?:[（(]\s*)?(\d{{1,4}}|[{CN_NUM}]{{1,5}})\s*(?:[)）]|[、.．](?!\d))\s*"
)
# 责任单位 after the lead units names the co-units, as on separate lines (昆明 2021 "牵头单位：…" /
# "责任单位：…"): "（牵头责任单位：市城管局；责任单位：各区人民政府）".
CO_LABEL_RE = re.compile(
    rf"(?:{unit_labels.alternation(unit_labels.CO)}|配合)[:：]|(?<=[；;，,、\s])责任单位[:：]"
)
LEAD_LABEL_RE = re.compile(rf"^(?:{unit_labels.alternation(unit_labels.LEAD)}|责任单位|牵头)[:：]")


@dataclass
class Grid:
    rows: list[list[str]]
    lines: list[int]  # where each row starts in the source (line, or spreadsheet row)
    name: str = ""  # sheet name, or the heading above the table
    where: str = "line"  # "line", "row" or "table row": how warnings name the place
    # The text above the table, when its rows' lines are not the text's (a web page's rows
    # are lines of its HTML source: one line, minified): for its title, year, government.
    above: list[str] | None = None

    def place(self, i: int) -> Note:
        return Note(PLACES[self.where], n=self.lines[i])


PLACES = {
    "line": gettext_noop("line {n}"),
    "row": gettext_noop("row {n}"),
    "table row": gettext_noop("table row {n}"),
}


@dataclass
class Columns:
    roles: list[str]  # per column: a role, or "extra"
    names: list[str]  # per column: the header text
    header_rows: int  # how many rows the header takes (two-level headers take two)
    at: int  # index of the first header row


def cell_role(text: str) -> str | None:
    """The role a header cell names: "牵头单位" -> lead_units; None when it names none."""
    t = re.sub(rf"[{WHITESPACE}*_]+", "", text)
    if not t or len(t) > 16:
        return None
    best: tuple[int, str] | None = None
    for role, words in ROLE_WORDS.items():
        for word in words:
            if word in t and (best is None or len(word) > best[0]):
                best = (len(word), role)
    return best[1] if best else None


def find_columns(grid: Grid, search_rows: int = 12) -> Columns | None:
    for i, row in enumerate(grid.rows[:search_rows]):
        roles = [cell_role(c) for c in row]
        named = [r for r in roles if r]
        if len(named) < 2 or not {"content", "completion", "target"} & set(named):
            continue
        names = [trim(c) for c in row]
        header_rows = 1
        nxt = grid.rows[i + 1] if i + 1 < len(grid.rows) else []
        if _is_subheader(row, nxt):
            names, roles = _merge_subheader(row, nxt, roles)
            header_rows = 2
        return Columns(_resolve(roles), names, header_rows, i)
    return None


def infer_columns(grid: Grid) -> Columns | None:
    """Roles from the cells, for a table printed without a header row: a column of row
    numbers, a column of unit names, then the task text and the completion (the first and
    the last long-text columns), and a short repeated text before the number (category)."""
    rows = [r for r in grid.rows if sum(1 for c in r if trim(c)) >= 3]
    if len(rows) < 2:
        return None
    width = max(len(r) for r in rows)

    def share(test: Callable[[str], bool], j: int) -> float:
        values = [trim(r[j]) for r in rows if j < len(r) and trim(r[j])]
        return sum(1 for v in values if test(v)) / len(values) if values else 0.0

    roles = ["extra"] * width
    numbers = [j for j in range(width) if share(lambda v: _number(v) is not None, j) >= 0.8]
    if not numbers:
        return None
    num = numbers[0]
    roles[num] = "number"
    units = [j for j in range(num + 1, width) if share(_unit_cell, j) >= 0.7]
    if units:
        roles[units[0]] = "lead_units"
    texts = [
        j
        for j in range(num + 1, width)
        if roles[j] == "extra" and share(lambda v: len(v) >= 6, j) >= 0.6
    ]
    if not texts:
        return None
    roles[texts[0]] = "content"
    if len(texts) > 1:
        roles[texts[-1]] = "completion"
    if num > 0 and share(lambda v: len(v) <= 30, num - 1) >= 0.9:
        roles[num - 1] = "category"
    return Columns(roles, [""] * width, 0, 0)


def _unit_cell(value: str) -> bool:
    return all(looks_like_unit_line(p) for p in _pieces(value)) if value else False


def _is_subheader(row: list[str], nxt: list[str]) -> bool:
    """A second header row: short labels under a header cell that spans them."""
    if not nxt or len(nxt) != len(row):
        return False
    labels = [c for c in nxt if trim(c)]
    if not labels or any(len(trim(c)) > 12 or re.search(r"\d|。", c) for c in labels):
        return False
    # Under a spanning cell the upper row repeats its text (or is empty).
    return any(
        trim(nxt[j]) and j > 0 and (not trim(row[j]) or row[j] == row[j - 1])
        for j in range(len(row))
    )


def _merge_subheader(
    row: list[str], nxt: list[str], roles: list[str | None]
) -> tuple[list[str], list[str | None]]:
    names: list[str] = []
    merged: list[str | None] = []
    parent = ""
    for j, (top, sub) in enumerate(zip(row, nxt, strict=True)):
        top, sub = trim(top), trim(sub)
        if top:
            parent = top
        if sub and sub != parent:
            names.append(f"{parent}/{sub}")
            merged.append(roles[j] or _parent_role(parent))
        else:
            names.append(top or parent)
            merged.append(roles[j])
    return names, merged


def _parent_role(parent: str) -> str | None:
    return cell_role(parent)


def _resolve(roles: list[str | None]) -> list[str]:
    """One column per role, except completion and target, whose sub-columns combine. A second
    column of units beside the lead units' names the co-units ("牵头单位 | 责任单位", as the
    lines "牵头单位：…" / "责任单位：…" of 昆明 2021 do) unless the table has a co-unit column."""
    seen: set[str] = set()
    out = []
    for role in roles:
        if role == "lead_units" and "lead_units" in seen and "co_units" not in roles:
            role = "co_units" if "co_units" not in seen else None
        if role is None or (role in seen and role not in ("completion", "target")):
            out.append("extra")
        else:
            out.append(role)
            seen.add(role)
    return out


def _col(row: list[str], cols: Columns, role: str) -> str:
    parts = [
        (cols.names[j], row[j])
        for j, r in enumerate(cols.roles)
        if r == role and j < len(row) and trim(row[j])
    ]
    if len(parts) <= 1:
        return trim(parts[0][1]) if parts else ""
    # Sub-columns under one header ("本月进展情况/前期手续"): keep each with its label.
    return "\n".join(f"{name.split('/')[-1]}：{trim(text)}" for name, text in parts)


def _number(text: str) -> int | None:
    text = trim(text)
    m = NUMBER_CELL_RE.match(text)
    if not m:
        return None
    return to_int(m.group(1))


def to_int(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    try:
        import cn2an

        return int(cn2an.cn2an(text, "normal"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def split_units(cell: str) -> tuple[list[str], list[str]]:
    """(lead, co) names as printed from one cell: "区发改委、区财政局" or with labels."""
    text = trim(cell)
    if not text or text in ("—", "-", "/", "无"):
        return [], []
    co_text = ""
    m = CO_LABEL_RE.search(text)
    if m:
        text, co_text = text[: m.start()], text[m.end() :]
    text = LEAD_LABEL_RE.sub("", trim(text))
    return _pieces(text), _pieces(co_text)


LEAD_WORD_RE = re.compile(r"\s*(?:负责|牵头|承办|落实|主责)\s*[，,、;；]?")
CO_WORD_RE = re.compile(r"\s*(?:配合|参与|协同|协助)\s*$")


def responsible_units(text: str) -> tuple[list[str], list[str]]:
    """(lead, co) of a unit note in a task's text: "市卫生健康委牵头，市财政局配合", "市教育局
    负责", or names alone (all lead) — as paragraphs and report lists print them."""
    m = LEAD_WORD_RE.search(text)
    if not m:
        return split_units(text)
    lead, co = split_units(text[: m.start()])
    rest = CO_WORD_RE.sub("", trim(text[m.end() :]))
    if rest:
        co += split_units(rest)[0]
    return lead, co


def _pieces(text: str) -> list[str]:
    # At bracket depth 0 only: "各县（市、区）人民政府" is one unit.
    parts = [trim(p) for p in brackets.split(text, "，,、;；/\n")]
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        # Names separated only by runs of spaces ("区财政局  区税务局").
        pieces = [
            trim(p).rstrip("。")
            for p in re.split(rf"[{WHITESPACE}]{{2,}}|\u3000", part)
            if trim(p).rstrip("。")
        ]
        out.extend(pieces)
    return out


def _is_header_again(row: list[str], cols: Columns) -> bool:
    """The header printed again (on each page of a long table): every filled cell is a header
    word, and none is a sentence. A task "推进重点项目建设" whose completion reads
    "全面完成年度任务。" holds two header words, but it is a row."""
    filled = [trim(c) for c in row if trim(c)]
    return (
        len(filled) >= 2
        and all(cell_role(c) for c in filled)
        and not any(len(c) > 20 or c.endswith(("。", "；", ";")) for c in filled)
    )


def _single_text(row: list[str]) -> str | None:
    """The text of a row with one value (merged across the row, or one cell filled)."""
    values = {trim(c) for c in row if trim(c)}
    return values.pop() if len(values) == 1 else None


def tasks_from_grid(grid: Grid, warnings: list[str], infer: bool = True) -> list[ParsedTask] | None:
    """The tasks of a grid; None when the grid has no header that names the columns (and,
    with infer, its columns cannot be read from its cells either)."""
    cols = _columns(grid, warnings, infer)
    if cols is None:
        return None
    tasks: list[ParsedTask] = []
    category: str | None = None
    width = len(cols.roles)
    for i in range(cols.at + cols.header_rows, len(grid.rows)):
        row = grid.rows[i] + [""] * (width - len(grid.rows[i]))
        if _passed_over(grid, i, row, cols, warnings):
            continue
        content = _col(row, cols, "content")
        number_text = _col(row, cols, "number")
        heading = _category_row(row, content, number_text)
        if heading is not None:
            category = heading
            continue
        if "category" in cols.roles:
            category = _col(row, cols, "category") or category
        number = _number(number_text) if number_text else None
        if number is None and content:
            number, content = _leading_number(content)
        if not content:
            _no_task_text(grid, i, row, cols, tasks, warnings)
            continue
        if number is None:
            number = (tasks[-1].number + 1) if tasks else 1
            if "number" in cols.roles:
                warnings.append(
                    Note(
                        gettext_noop("{place}: no row number; numbered {n}"),
                        place=grid.place(i),
                        n=number,
                    )
                )
        if tasks and number == tasks[-1].number and content == tasks[-1].content:
            # A task cell spanning several rows (rowspan): one task, more completion.
            more = _col(row, cols, "completion")
            if more and more not in tasks[-1].completion:
                tasks[-1].completion = "\n".join(p for p in (tasks[-1].completion, more) if p)
            continue
        tasks.append(_task(grid, i, row, cols, category, number, content))
    _titles_over_targets(tasks, cols)
    _by_place_if_repeated(tasks, warnings)
    return tasks


def _by_place_if_repeated(tasks: list[ParsedTask], warnings: list[str]) -> None:
    """Numbers starting again in each category ("一、经济发展" 1, 2; "二、民生保障" 1, 2, 3):
    the place in the table numbers them as the import must (unique_numbers), and says so."""
    if len({t.number for t in tasks}) == len(tasks):
        return
    for seq, t in enumerate(tasks, start=1):
        t.seq = seq
    warnings.append(
        Note(
            gettext_noop(
                "row numbers repeat in the table: the tasks are numbered 1–{n} by their "
                "place, each printed number kept beside it"
            ),
            n=len(tasks),
        )
    )


def _titles_over_targets(tasks: list[ParsedTask], cols: Columns) -> None:
    """Where the task column holds names ("城区学位扩容") and a target column the task itself
    ("新增学位6000个"), the name is the item's title and the target its content, as a list's
    heading line over its "目标任务：" body is (普洱 2022; the labels' convention)."""
    names = [cols.names[j] for j, r in enumerate(cols.roles) if r == "target"]
    if len(names) != 1 or not tasks or "completion" in cols.roles:
        return
    name = names[0] or ""
    if not all(t.extra.get(name) for t in tasks):
        return
    titles = sorted(len(t.content) for t in tasks)
    bodies = sorted(len(t.extra[name]) for t in tasks)
    if titles[len(titles) // 2] > 16 or bodies[len(bodies) // 2] <= titles[len(titles) // 2]:
        return  # the task column says the task; the target column adds its figures
    if any("。" in t.content for t in tasks):
        return
    for t in tasks:
        t.item_title, t.content = t.content, t.extra.pop(name)


def _columns(grid: Grid, warnings: list[str], infer: bool) -> Columns | None:
    """The columns its header names, or else (with infer) those its cells show, said so."""
    cols = find_columns(grid)
    if cols is None and infer:
        cols = infer_columns(grid)
        if cols is not None:
            warnings.append(
                Note(
                    gettext_noop("{place}: no header row; columns read from their cells"),
                    place=grid.place(0),
                )
            )
    return cols


# A table's note or its footer, one text across the row: "注：各牵头单位为第一责任单位。", "备注：
# …", "说明：1.…", "填报单位：…", "联系人：…" — said in a warning, never a task.
NOTE_ROW_RE = re.compile(
    r"^(?:注|备注|附注|说明|填表说明|注释|填报单位|填报人|填表人|联系人|审核人|制表人?|制表单位)"
    r"\s*[\d０-９]*\s*[:：]"
)


def _passed_over(grid: Grid, i: int, row: list[str], cols: Columns, warnings: list[str]) -> bool:
    """An empty row, the header printed again, or a note (said in a warning): not a task."""
    if not any(trim(c) for c in row) or _is_header_again(row, cols):
        return True
    note = _single_text(row)
    if note is None or len(row) <= 2 or not NOTE_ROW_RE.match(note):
        return False
    warnings.append(
        Note(
            gettext_noop("{place}: a note under the table, not a task: “{text}”"),
            place=grid.place(i),
            text=note if len(note) <= 60 else note[:60] + "…",
        )
    )
    return True


def _category_row(row: list[str], content: str, number_text: str) -> str | None:
    """The category a row names when it holds one text across it ("一、经济发展")."""
    single = _single_text(row)
    if (
        single is not None
        and (not content or content == single)
        and (not number_text or number_text == single)
        and len(row) > 2
        and _looks_like_category(single)
    ):
        return re.sub(LEADING_NUMBER_RE, "", single) or single
    return None


def _leading_number(content: str) -> tuple[int | None, str]:
    """A number printed at the start of the task text ("3. 新建…"), and the text after it."""
    m = LEADING_NUMBER_RE.match(content)
    if m and to_int(m.group(1)) is not None:
        return to_int(m.group(1)), trim(content[m.end() :])
    return None, content


def _no_task_text(
    grid: Grid, i: int, row: list[str], cols: Columns, tasks: list[ParsedTask], warnings: list[str]
) -> None:
    """A row without task text: more completion for the task above (a merged task cell), or
    skipped."""
    if tasks and _col(row, cols, "completion"):
        tasks[-1].completion = "\n".join(
            p for p in (tasks[-1].completion, _col(row, cols, "completion")) if p
        )
        warnings.append(
            Note(
                gettext_noop("{place}: no task text; completion joined to row above"),
                place=grid.place(i),
            )
        )
    else:
        warnings.append(
            Note(gettext_noop("{place}: no task text in this row; skipped"), place=grid.place(i))
        )


def _task(
    grid: Grid,
    i: int,
    row: list[str],
    cols: Columns,
    category: str | None,
    number: int,
    content: str,
) -> ParsedTask:
    lead, co_in_lead = split_units(_col(row, cols, "lead_units"))
    co_lead, co = split_units(_col(row, cols, "co_units"))
    extra = {
        cols.names[j] or f"column {j + 1}": trim(row[j])
        for j, r in enumerate(cols.roles)
        if r in ("extra", "leader", "on_pace", "remark", "target", "deadline") and trim(row[j])
    }
    return ParsedTask(
        category=category,
        number=number,
        content=content,
        lead_units_raw=lead,
        lead_units=list(lead),
        completion=_col(row, cols, "completion"),
        source_line=grid.lines[i],
        co_units_raw=co_in_lead + co_lead + co,
        co_units=list(co_in_lead + co_lead + co),
        extra=extra,
        deadline=_col(row, cols, "deadline") or None,
    )


def _looks_like_category(text: str) -> bool:
    return len(text) <= 40 and not re.search(r"[。；;]", text)


def normalize_units(tasks: list[ParsedTask], full_text: str = "") -> None:
    """One spelling per unit across the document, truncations completed from the others."""
    from .units import mentions

    names: Counter[str] = Counter(
        strip_ws(u) for t in tasks for u in (*t.lead_units_raw, *t.co_units_raw)
    )
    candidates = names + mentions(full_text, list(names)) if full_text else names
    for task in tasks:
        task.lead_units = [normalize(u, candidates) for u in task.lead_units_raw]
        task.co_units = [normalize(u, candidates) for u in task.co_units_raw]


@dataclass
class TableChoice:
    grid: Grid
    tasks: list[ParsedTask]
    roles: set[str] = field(default_factory=set)
