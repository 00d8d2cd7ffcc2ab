"""XLSX and DOCX, opened only after the zip container has been checked.

A zip bomb (a few kilobytes that inflate to gigabytes) and XML entity expansion ("billion
laughs") are refused before openpyxl or python-docx parse anything; openpyxl also parses
through defusedxml when it is installed, as it is here.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from typing import Any

from . import table_runs
from .grid import Grid
from .model import Note, ParseError, gettext_noop
from .units import trim
from .word_numbering import Numbering, W

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 5000
MAX_CELLS = 2_000_000


def check_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ParseError(
            Note(gettext_noop("the file is not a valid XLSX or DOCX (broken zip container)"))
        ) from exc
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ParseError(Note(gettext_noop("the file holds too many parts to be a report")))
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise ParseError(
            Note(gettext_noop("the file would inflate to over 200 MB: refused as a zip bomb"))
        )
    for info in infos:
        if (
            info.compress_size
            and info.file_size / info.compress_size > MAX_RATIO
            and (info.file_size > 10 * 1024 * 1024)
        ):
            raise ParseError(
                Note(gettext_noop("the file compresses suspiciously well: refused as a zip bomb"))
            )
        if info.filename.endswith((".xml", ".rels")):
            try:
                with archive.open(info) as part:
                    head = part.read(4096)
            except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as exc:
                raise ParseError(
                    Note(gettext_noop("the file has a part that cannot be read"))
                ) from exc
            if b"<!ENTITY" in head or b"<!DOCTYPE" in head:
                raise ParseError(Note(gettext_noop("the file declares XML entities: refused")))
    return archive


def kind(archive: zipfile.ZipFile) -> str | None:
    names = set(archive.namelist())
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return trim(str(value).replace("\r\n", "\n").replace("_x000D_", ""))


def xlsx_grids(data: bytes) -> list[Grid]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    check_zip(data)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except (
        InvalidFileException,
        KeyError,
        ValueError,
        TypeError,
        OSError,
        zipfile.BadZipFile,
        IndexError,
        AttributeError,
    ) as exc:
        raise ParseError(
            Note(gettext_noop("the spreadsheet cannot be read ({error})"), error=type(exc).__name__)
        ) from exc
    grids = []
    cells = 0
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        cells += (sheet.max_row or 0) * (sheet.max_column or 0)
        if cells > MAX_CELLS:
            raise ParseError("the spreadsheet is too large to be a report")
        rows = [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        # A merged cell keeps its value in the top-left cell: spread it over the range.
        for merged in sheet.merged_cells.ranges:
            value = rows[merged.min_row - 1][merged.min_col - 1] if rows else ""
            for r in range(merged.min_row - 1, min(merged.max_row, len(rows))):
                for c in range(merged.min_col - 1, min(merged.max_col, len(rows[r]))):
                    rows[r][c] = value
        width = max((len(r) for r in rows), default=0)
        grids.append(
            Grid(
                [r + [""] * (width - len(r)) for r in rows],
                list(range(1, len(rows) + 1)),
                sheet.title,
                where="row",
            )
        )
    return grids


def docx_content(data: bytes) -> tuple[list[Grid], list[str]]:
    """(tables as grids, paragraphs as lines)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (
        PackageNotFoundError,
        KeyError,
        ValueError,
        TypeError,
        zipfile.BadZipFile,
        AttributeError,
        IndexError,
    ) as exc:
        raise ParseError(f"the Word document cannot be read ({type(exc).__name__})") from exc
    grids = []
    befores = _paragraphs_before_tables(document)
    headings = [b[-1] if b and len(b[-1]) <= 60 else "" for b in befores]
    labels = _labels(document)

    def text(paragraph: Any) -> str:
        label = labels.get(paragraph._p, "")
        if label and not _PUNCTUATED.search(label):
            label += " "
        return label + str(paragraph.text)

    for t, table in enumerate(document.tables):
        rows = []
        for row in table.rows:
            # python-docx repeats a merged cell in every position it covers, as wanted here.
            rows.append([trim("\n".join(text(p) for p in cell.paragraphs)) for cell in row.cells])
        width = max((len(r) for r in rows), default=0)
        grids.append(
            Grid(
                [r + [""] * (width - len(r)) for r in rows],
                list(range(1, len(rows) + 1)),
                headings[t] if t < len(headings) else "",
                where="table row",
            )
        )
    # A soft line break (Shift+Enter, or text pasted from a web page) starts a line of its own:
    # ten items in one paragraph, a <w:br/> between them, are ten lines as printed.
    paragraphs = [line for p in document.paragraphs for line in text(p).split("\n")]
    placed = [table_runs.Placed(g, b) for g, b in zip(grids, befores, strict=False)]
    return table_runs.join(placed) + grids[len(placed) :], paragraphs + _notes(document)


# A report's notes are often Word's own endnotes or footnotes, outside the body: 景德镇 2023 has
# its 十件民生实事 in note 17 ("17．2023年十件民生实事：①…"), the body keeping only the mark
# ("扎实办好十件民生实事⑰"). They follow the body as the printed report's 注释 section does.
_NOTE_PARTS = (("/endnotes", "endnote"), ("/footnotes", "footnote"))


def _notes(document: Any) -> list[str]:
    from docx.oxml import parse_xml  # python-docx's parser: no entities, no network

    lines: list[str] = []
    for reltype, tag in _NOTE_PARTS:
        part = next(
            (r.target_part for r in document.part.rels.values() if r.reltype.endswith(reltype)),
            None,
        )
        if part is None:
            continue
        try:
            root = parse_xml(part.blob)
        except (SyntaxError, ValueError):  # lxml's XMLSyntaxError is a SyntaxError
            continue
        notes = [
            n
            for n in root.iter(f"{W}{tag}")
            if n.get(f"{W}type") not in ("separator", "continuationSeparator", "continuationNotice")
        ]
        if not notes:
            continue
        lines.append("注释")
        for number, note in enumerate(notes, start=1):
            texts = [t for p in note.iter(f"{W}p") for t in _paragraph_text(p).split("\n")]
            texts = [t for t in texts if t.strip()]
            if texts:
                lines += [f"{number}．{texts[0].lstrip()}", *texts[1:]]
    return lines


def _paragraph_text(p: Any) -> str:
    out = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br"):
        out.append(el.text or "" if el.tag == f"{W}t" else "\t" if el.tag == f"{W}tab" else "\n")
    return "".join(out)


# A label that ends in its own punctuation ("1." "（一）" "①" "一、") runs into the text.
_PUNCTUATED = re.compile(r"[.．、)）\]】:：\u2460-\u24ff]$")


def _labels(document: Any) -> dict[Any, str]:
    """The list number Word prints before each numbered paragraph (word_numbering), counted in
    document order through the body and its tables."""
    try:
        numbering = Numbering(document.part.numbering_part.element, document.styles.element)
    except (KeyError, ValueError, AttributeError, NotImplementedError):
        return {}
    out = {}
    for p in document.element.body.iter(f"{W}p"):
        label = numbering.label(p)
        if label:
            out[p] = label
    return out


def _paragraphs_before_tables(document: Any) -> list[list[str]]:
    """For each top-level table, the non-empty paragraphs between it and the table before
    (or the start). The last, when short, is the table's caption ("附件1 重点工作任务"): it
    names the list in the preview and may title the plan; the table's number ("table 1")
    did, in English. Between tables of one list, it is a category (table_runs)."""
    out: list[list[str]] = []
    between: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = trim("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
            if text:
                between.append(text)
        elif tag == "tbl":
            out.append(between)
            between = []
    return out
