"""Read published key-task reports into rows. Pure Python: no Django, usable as a library.

    >>> from duban.documents import parse_bytes
    >>> doc = parse_bytes(open("report.xlsx", "rb").read(), "report.xlsx")
    >>> doc.tasks[0].lead_units

The stages, in order (docs/import-formats.md shows each with a real example):
1. decode (`_read`): zip → XLSX/DOCX (`ooxml`), refusals (PDF, .doc, binary, zip bombs),
   text → UTF-8/GB18030 (`encoding`);
2. shapes: tables become `Grid`s — HTML (`html_reader`), Markdown and pipe tables, one cell per
   line (`text_tables`), CSV/TSV (`csv_reader`), XLSX/DOCX tables — read by one interpreter
   (`grid.tasks_from_grid`); the flattened table text of a web page has its own reader
   (`flat_table`); everything else (a report as text, Markdown, a web page's paragraphs, a
   DOCX's paragraphs) becomes lines;
3. lines → `lists`: blocks, candidate lists (`lists.locate`), the choice (`lists.choose`),
   items → rows (`lists.items`); the older numbered-paragraph reader (`paragraphs`) when no
   list is found;
4. shared by both paths: unit names (`units`, `grid.split_units`, `brackets`), titles and dates
   (`header`), then the numbers (`duban.quantities.annotate`, called by the importer).
"""

from __future__ import annotations

import re
from pathlib import Path

from . import (
    csv_reader,
    flat_table,
    html_reader,
    lists,
    ooxml,
    paragraphs,
    pdf_reader,
    pdf_tables,
    table_runs,
    text_tables,
)
from .encoding import decode, looks_binary
from .grid import Grid, normalize_units, tasks_from_grid
from .header import (
    government_name,
    is_byline,
    name_lines,
    plan_year,
    published_date,
    title_and_caption,
)
from .model import Note, ParsedDocument, ParsedTask, ParseError, gettext_noop

__all__ = [
    "MAX_BYTES",
    "ParseError",
    "ParsedDocument",
    "ParsedTask",
    "check_size",
    "in_document_order",
    "parse_bytes",
    "parse_file",
    "parse_list",
    "parse_tables",
    "parse_tables_all",
    "unique_numbers",
]

# Published reports are a few hundred kilobytes; anything this large is not one.
MAX_BYTES = 20 * 1024 * 1024
COMPLETION_HINT = re.compile(r"完成情况|进展情况|完成|汇总|进度")
PLAN_HINT = re.compile(r"计划|安排|预算|目标任务")


def check_size(size: int) -> None:
    """The one size limit of a document to read (MAX_BYTES): raises ParseError over it. The
    screens, the API and the command call it before they read a file at all."""
    if size > MAX_BYTES:
        raise ParseError(
            Note(
                gettext_noop("the file is {mb} MB; the limit is 20 MB"),
                mb=size // (1024 * 1024),
            )
        )


def parse_bytes(data: bytes, name: str = "") -> ParsedDocument:
    """Read the completion table of one document. Raises ParseError and nothing else."""
    docs = parse_tables(data, name)
    for other in docs[1:]:  # each one not read is named, with how to read it
        docs[0].warnings.append(_not_read(other))
    return docs[0]


def _not_read(other: ParsedDocument) -> Note:
    if other.kind:  # a list of a long report
        return Note(
            gettext_noop(
                "line {line}: another list, “{title}” ({n} items), was not read into "
                "this plan (choose it with --list)"
            ),
            line=other.title_line or other.tasks[0].source_line,
            title=other.title or "—",
            n=len(other.tasks),
        )
    return Note(
        gettext_noop(
            "the table “{title}” ({n} rows, from line {line}) is not the completion table "
            "and was not read into this plan (import it with --all-tables)"
        ),
        title=other.caption or "—",
        n=len(other.tasks),
        line=other.tasks[0].source_line,
    )


def parse_tables(data: bytes, name: str = "") -> list[ParsedDocument]:
    """Every table of the document that names its columns, the completion table first."""
    check_size(len(data))
    if not data.strip():
        raise ParseError(Note(gettext_noop("the file is empty")))
    try:
        docs = _read(data, name)
    except ParseError:
        raise
    except RecursionError:
        raise ParseError(Note(gettext_noop("the file nests too deeply to be a report"))) from None
    except Exception as exc:
        raise ParseError(
            Note(gettext_noop("could not read the file: {error}"), error=type(exc).__name__)
        ) from exc
    for doc in docs:
        _warn_long_rows(doc)
        _warn_repeated_rows(doc)
    return docs


def _warn_repeated_rows(doc: ParsedDocument) -> None:
    """Rows that repeat an earlier row word for word (its text and completion): a list
    printed twice, or pasted over and over (a report's paragraph of ten 实事 repeated, read
    as thousands of tasks). One warning, with the first repeat's line and the count."""
    seen: dict[tuple[str, str, str], int | None] = {}
    repeats = []
    for t in doc.tasks:
        key = (t.item_title or "", t.content.strip(), (t.completion or "").strip())
        if not any(key):
            continue
        if key in seen:
            repeats.append((t, seen[key]))
        else:
            seen[key] = t.number
    if repeats:
        first, earlier = repeats[0]
        doc.warnings.append(
            Note(
                gettext_noop(
                    "line {line}: {count:,} rows repeat an earlier row word for word (the "
                    "first, row {n}, repeats row {earlier}): is the list in the file twice?"
                ),
                line=first.source_line,
                count=len(repeats),
                n=first.number,
                earlier=earlier,
            )
        )


LONG_ROW = 5000  # characters; the longest real completion cell we have seen is ~2,000


def _warn_long_rows(doc: ParsedDocument) -> None:
    """A row this long has usually swallowed the rows after it (a 1,360-row page read as 136
    rows, the rest in the last completion): say so, with its line."""
    for t in doc.tasks:
        size = len(t.content) + len(t.completion)
        if size > LONG_ROW:
            doc.warnings.append(
                Note(
                    gettext_noop(
                        "line {line}: row {n} holds {size:,} characters; check that it has not "
                        "swallowed the rows after it"
                    ),
                    line=t.source_line,
                    n=t.number,
                    size=size,
                )
            )


def parse_tables_all(data: bytes, name: str = "") -> list[ParsedDocument]:
    """Every list or table of the document, in document order (`duban parse --all`)."""
    return in_document_order(parse_tables(data, name))


def in_document_order(docs: list[ParsedDocument]) -> list[ParsedDocument]:
    """The lists of a long report as printed (parse_tables puts the default one first)."""
    if any(d.kind for d in docs):  # a report's lists, and the tables beside them
        # Tables of a Word file or a web page number their rows apart from the paragraphs:
        # they come first; a text's tables and lists share its line numbers.
        def place(d: ParsedDocument) -> tuple[bool, int]:
            apart = d.kind is None and d.format in ("docx", "html")
            return not apart, d.title_line or d.tasks[0].source_line

        return sorted(docs, key=place)
    return docs


def parse_list(data: bytes, name: str, number: int) -> ParsedDocument:
    """The list numbered `number` (1, 2 … in document order, as `duban parse --all` shows)."""
    docs = parse_tables_all(data, name)
    if not 1 <= number <= len(docs):
        raise ParseError(
            Note(
                gettext_noop("the document holds {count} list(s); there is no list {n}"),
                count=len(docs),
                n=number,
            )
        )
    return docs[number - 1]


def unique_numbers(doc: ParsedDocument) -> None:
    """Numbering that restarts in each group (景德镇 2016 "7件已完成：（1）…（7）" then
    "3件正在办理：（1）…（3）") cannot key a plan's tasks: they are numbered by their place
    in the list, and the printed number is kept beside the row."""
    numbers = [t.number for t in doc.tasks]
    if len(set(numbers)) == len(numbers) or any(t.seq is None for t in doc.tasks):
        return
    for t in doc.tasks:
        t.extra.setdefault("原序号", str(t.number))
        t.number = t.seq or t.number


def parse_file(path: str | Path) -> ParsedDocument:
    p = Path(path)
    return parse_bytes(_read_path(p), p.name)


def _read_path(p: Path) -> bytes:
    try:
        check_size(p.stat().st_size)
        return p.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read {p}: {exc.strerror}") from None


def _read(data: bytes, name: str) -> list[ParsedDocument]:
    if data.startswith(b"PK\x03\x04"):
        archive = ooxml.check_zip(data)
        kind = ooxml.kind(archive)
        if kind == "xlsx":
            grids = table_runs.join_sheets(ooxml.xlsx_grids(data))
            lines = [c for g in grids for r in g.rows[:6] for c in r if c]
            return _from_grids(grids, lines, "xlsx", "utf-8")
        if kind == "docx":
            grids, paras = ooxml.docx_content(data)
            docs = _with_lists(grids, paras, "docx", "utf-8", prose=paras)
            return docs or _from_paragraphs(paras, "docx", "utf-8")
        raise ParseError(Note(gettext_noop("a zip file that is neither XLSX nor DOCX")))
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ParseError(
            Note(gettext_noop("an old binary Office file (.xls/.doc): save it as .xlsx or .docx"))
        )
    if data.startswith(b"%PDF"):
        # Its text as laid out on the pages; the report reader joins the paragraphs' lines. A
        # table drawn with ruling lines is read by its cells (pdf_tables), its lines left out
        # of the paragraphs.
        lines = pdf_reader.lines(data)
        grids = pdf_tables.grids(data)
        docs = _with_lists(grids, lines, "pdf", "utf-8") if grids else []
        return docs or _from_paragraphs(lines, "pdf", "utf-8")
    if looks_binary(data):
        raise ParseError(Note(gettext_noop("the file is binary, not a document this reader knows")))
    try:
        text, encoding = decode(data)
    except ValueError:
        raise ParseError(
            Note(gettext_noop("the file is neither UTF-8 nor GB18030/GBK text"))
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _from_text(text, name, encoding)


def _looks_html(text: str) -> bool:
    head = text[:4096].lower()
    return "<table" in text.lower() or "<html" in head or "<!doctype html" in head


def _from_text(text: str, name: str, encoding: str) -> list[ParsedDocument]:
    lines = text.split("\n")
    if name.lower().endswith(".csv"):
        return _from_grids([csv_reader.grid(text)], _table_meta(lines, name), "csv", encoding)
    if name.lower().endswith(".tsv") and "\t" in text:
        # Named a tab table, it is one: its header row must not pass for the flattened shape.
        return _from_grids([csv_reader.grid(text)], _table_meta(lines, name), "tsv", encoding)
    if _looks_html(text):
        grids, title, page_lines, flow, prose = html_reader.read(text)
        # The page's own heading comes before the <title>, which often carries a site suffix.
        meta = [*page_lines, title]
        docs = _with_lists(grids, meta, "html", encoding, prose=prose) if grids else []
        if docs:
            return docs
        # A report published as a web page, its lists in paragraphs (line numbers count the
        # page's text lines, one per paragraph).
        return _from_paragraphs(flow or [title], "html", encoding)
    grids = text_tables.markdown_grids(lines)
    if grids:
        docs = _with_lists(grids, lines, "markdown", encoding)
        if docs:
            return docs
    for fmt, builder in (
        ("pipe-text", text_tables.pipe_grid),
        ("cell-per-line", text_tables.cell_stream_grid),
    ):
        grid = builder(lines)
        if grid is not None:
            docs = _from_grids([grid], lines, fmt, encoding, required=False, cut=True)
            if docs:
                return docs
    if flat_table.find_header(lines) is not None:
        doc = flat_table.read(text)
        doc.encoding = encoding
        return [doc]
    if name.lower().endswith(".txt") and text.count("\t") > 10:
        return _from_grids([csv_reader.grid(text)], lines[:5], "tsv", encoding)
    return _from_paragraphs(lines, "paragraphs", encoding)


def _with_lists(
    grids: list[Grid],
    lines: list[str],
    fmt: str,
    encoding: str,
    prose: list[str] | None = None,
) -> list[ParsedDocument]:
    """A long report holds tables and lists in its paragraphs: both are read, the tables'
    lines left out of the paragraphs. In a report, only a table whose header names its
    columns is a task table: 无锡 2017 prints its ten 实事 in a paragraph (line 140) and the
    five years' figures in tables "| 序号 | 指标 | 单位 | 2011年 | 2016年 |", which are not
    tasks. A document that is one table and no list is read as before, columns inferred.
    prose: the paragraphs apart from the tables (DOCX, HTML); else the tables' lines are
    blanked out of `lines`."""
    if prose is None:
        prose = list(lines)
        for grid in grids:
            if grid.where == "line" and grid.lines:
                for n in range(grid.lines[0] - 1, min(len(prose), grid.lines[-1])):
                    prose[n] = ""
    found = _report_lists(prose, fmt, encoding)
    tables = _from_grids(grids, lines, fmt, encoding, required=False, cut=True, infer=not found)
    return [*tables, *found]


def _table_meta(lines: list[str], name: str) -> list[str]:
    """The lines a CSV's title is read from: its own above the header, else (the header on
    line 1, as in duban's download) its file's name, which then names government and title."""
    own = lines[:5]
    if title_and_caption(_clean(own))[0] is not None:
        return own
    return [*name_lines(name), *own]


def _report_lists(lines: list[str], fmt: str, encoding: str) -> list[ParsedDocument]:
    """The task lists of a report's paragraphs, the default one first; [] if none."""
    found = lists.find(lines, fmt, encoding)
    if not found:
        return []
    first = lists.default_index(found)
    preamble = _clean(lines[: found[0].tasks[0].source_line - 1])
    title, _caption = title_and_caption(preamble)
    full_text = "\n".join(lines)
    for doc in found:
        doc.published = published_date(preamble)
        doc.government = government_name(preamble, title)
        normalize_units(doc.tasks, full_text)
        if doc.title is None or is_byline(doc.title):
            doc.title = doc.caption = title
    return [found[first], *(d for i, d in enumerate(found) if i != first)]


def _from_paragraphs(lines: list[str], fmt: str, encoding: str) -> list[ParsedDocument]:
    found = _report_lists(lines, fmt, encoding)
    if found:
        return found
    tasks = paragraphs.read(lines)
    if not tasks:
        raise ParseError(
            Note(
                gettext_noop(
                    "no table of key tasks found: no header (序号/任务/牵头单位/完成情况) and no "
                    "numbered paragraphs with responsible units"
                )
            )
        )
    first = min(t.source_line for t in tasks) - 1
    doc = _document(tasks, lines[:first], fmt, encoding, "\n".join(lines))
    return [doc]


def _from_grids(
    grids: list[Grid],
    meta_lines: list[str],
    fmt: str,
    encoding: str,
    required: bool = True,
    cut: bool = False,
    infer: bool = True,
) -> list[ParsedDocument]:
    """Documents from the grids that name their columns; meta_lines give the title and date
    (with cut, only the lines above each table: the text around it in a long report)."""
    found: list[tuple[int, Grid, list[ParsedTask], list[str]]] = []
    for grid in grids:
        warnings: list[str] = []
        tasks = tasks_from_grid(grid, warnings, infer)
        if tasks:
            found.append((_score(grid, tasks), grid, tasks, warnings))
    if not found:
        if required:
            raise ParseError(
                Note(gettext_noop("no table with a header naming its columns (任务/单位/完成情况)"))
            )
        return []
    found.sort(key=lambda f: -f[0])
    docs = []
    for _score_value, grid, tasks, warnings in found:
        full = "\n".join(c for row in grid.rows for c in row)
        before = meta_lines
        if cut and grid.above is not None:
            before = grid.above
        elif cut and grid.where == "line":
            before = meta_lines[: max(0, grid.lines[0] - 1)]
        doc = _document(tasks, before, fmt, encoding, full)
        if grid.name and grid.name != doc.caption:
            doc.caption = grid.name
            doc.year = plan_year(grid.name) or doc.year
        doc.warnings = warnings + doc.warnings
        docs.append(doc)
    return docs


def _score(grid: Grid, tasks: list[ParsedTask]) -> int:
    with_completion = sum(1 for t in tasks if t.completion)
    score = 10 if with_completion else 0
    if COMPLETION_HINT.search(grid.name):
        score += 5
    if PLAN_HINT.search(grid.name) and not COMPLETION_HINT.search(grid.name):
        score -= 5
    return score * 1000 + len(tasks)


def _clean(lines: list[str]) -> list[str]:
    """Lines without Markdown marks and front-matter keys ("title: 2023年…报告")."""
    out = [re.sub(r"^[#\s*]+|[*\s]+$", "", line) for line in lines]
    return [re.sub(r"^(?:title|source|date)\s*:\s*", "", line) for line in out]


def _document(
    tasks: list[ParsedTask], meta_lines: list[str], fmt: str, encoding: str, full_text: str
) -> ParsedDocument:
    normalize_units(tasks, full_text)
    clean = _clean(meta_lines)
    title, caption = title_and_caption(clean)
    return ParsedDocument(
        title=title,
        published=published_date(clean),
        year=plan_year(caption, title, *clean[:20]),
        tasks=tasks,
        warnings=[],
        caption=caption,
        government=government_name(clean, title),
        format=fmt,
        encoding=encoding,
    )
