"""Render a parsed document in each published shape, to read it back: 136 real rows make a
better test of every reader than a handful of fixture rows."""

from __future__ import annotations

import copy
import csv
import html
import io

from duban.documents import ParsedDocument

HEADER = ["类别", "序号", "重点督办内容", "牵头单位", "全年完成情况"]


def _cells(doc: ParsedDocument) -> list[list[str]]:
    return [
        [t.category or "", str(t.number), t.content, "、".join(t.lead_units), t.completion]
        for t in doc.tasks
    ]


def repeated(doc: ParsedDocument, n: int) -> ParsedDocument:
    """The document's rows repeated to n, numbered 1 to n (the Xicheng list past its 136)."""
    out = copy.deepcopy(doc)
    out.tasks = []
    for i in range(n):
        task = copy.deepcopy(doc.tasks[i % len(doc.tasks)])
        task.number = i + 1
        out.tasks.append(task)
    return out


def markdown(doc: ParsedDocument) -> bytes:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|").replace("\n", "<br>") for c in cells) + " |"

    lines = [
        f"# {doc.title}",
        "",
        "正文……",
        "",
        f"**{doc.caption}**",
        "",
        row(HEADER),
        "|" + "---|" * len(HEADER),
    ]
    lines += [row(c) for c in _cells(doc)]
    return "\n".join(lines).encode()


def pipe_rows(doc: ParsedDocument) -> bytes:
    lines = [doc.title or "", " | ".join(HEADER)]
    lines += [" | ".join(c.replace("\n", " ") for c in cells) for cells in _cells(doc)]
    return "\n".join(lines).encode()


def html_page(doc: ParsedDocument) -> bytes:
    out = [
        f"<html><head><title>{html.escape(doc.title or '')}</title></head><body>",
        f"<h1>{html.escape(doc.title or '')}</h1><table>",
        "<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>",
    ]
    out += _rowspan_rows(doc)
    out.append("</table></body></html>")
    return "\n".join(out).encode()


def _rowspan_rows(doc: ParsedDocument) -> list[str]:
    """The rows as <tr>, the category printed once for its block of rows (rowspan), as sites
    and offices' tables do."""
    rows = _cells(doc)
    out = []
    for i, cells in enumerate(rows):
        tds = []
        if i == 0 or rows[i - 1][0] != cells[0]:
            span = 1
            while i + span < len(rows) and rows[i + span][0] == cells[0]:
                span += 1
            tds.append(f'<td rowspan="{span}">{html.escape(cells[0])}</td>')
        tds += [f"<td>{html.escape(c).replace(chr(10), '<br>')}</td>" for c in cells[1:]]
        out.append("<tr>" + "".join(tds) + "</tr>")
    return out


def csv_text(doc: ParsedDocument, encoding: str = "gb18030") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(_cells(doc))
    return buffer.getvalue().encode(encoding)


def xlsx(doc: ParsedDocument) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([doc.title])
    sheet.append(HEADER)
    for cells in _cells(doc):
        sheet.append([*cells[:1], int(cells[1]), *cells[2:]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def docx(doc: ParsedDocument) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph(doc.title or "")
    table = document.add_table(rows=1, cols=len(HEADER))
    for cell, h in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = h
    for cells in _cells(doc):
        # add_row().cells once per row: table.cell(i, j) walks the whole table each time.
        for cell, text in zip(table.add_row().cells, cells, strict=True):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


WRITERS = {
    "report.md": markdown,
    "rows.txt": pipe_rows,
    "page.html": html_page,
    "table.csv": csv_text,
    "report.xlsx": xlsx,
    "report.docx": docx,
}


# Chinese typesetting keeps these off the start of a line (避头尾): they end the line before.
_NO_LINE_START = "，。；：、）》”’！？"


def pdf_copy(text: str, width: int = 76, page_lines: int = 40, indent: str = "\u3000\u3000") -> str:
    """A report's text as copied out of its PDF: each paragraph indented (two full-width
    spaces) and wrapped at `width` (a Chinese character two, ASCII one), no blank lines, the
    page's number "— N —" on a line of its own every `page_lines` lines. Markdown headings and
    table rows stay as they are."""
    return "\n".join(line for _origin, line in pdf_copy_lines(text, width, page_lines, indent))


def pdf_copy_lines(
    text: str, width: int = 76, page_lines: int = 40, indent: str = "\u3000\u3000"
) -> list[tuple[int, str]]:
    """pdf_copy's lines, each with the line of `text` it comes from (0 for a page number)."""
    from duban.documents.lists.blocks import width as printed

    out: list[tuple[int, str]] = []
    for origin, paragraph in enumerate(text.split("\n"), start=1):
        if not paragraph.strip():
            continue
        if paragraph.startswith(("#", "|")):
            out.append((origin, paragraph))
            continue
        line, used = "", 0
        for ch in indent + paragraph.strip():
            w = printed(ch)
            if used + w > width and ch not in _NO_LINE_START:
                out.append((origin, line))
                line, used = "", 0
            line, used = line + ch, used + w
        out.append((origin, line))
    paged: list[tuple[int, str]] = []
    for n, line in enumerate(out, start=1):
        paged.append(line)
        if n % page_lines == 0:
            paged.append((0, f"— {n // page_lines} —"))
    return paged


def flat_page_repeated(page: str, doc: ParsedDocument, times: int) -> str:
    """The Xicheng page (flattened table text) with its rows `times` over, numbered through
    (1–1360 for ten), the header again after each copy as on each page of a long table."""
    lines = page.split("\n")
    starts = {t.source_line - 1: t for t in doc.tasks}
    header = next(i for i, line in enumerate(lines) if line.startswith("类别序号"))
    footer = next(i for i, line in enumerate(lines) if line.startswith("回到顶部"))
    rows = []
    for k in range(times):
        for i in range(header + 1, footer):
            line, t = lines[i], starts.get(i)
            if t is not None:
                head = (t.category or "") + str(t.number)
                line = (t.category or "") + str(t.number + len(doc.tasks) * k) + line[len(head) :]
            rows.append(line)
        rows.append(lines[header])
    return "\n".join([*lines[: header + 1], *rows, *lines[footer:]])


# The list markers an office's Word file draws with the list button instead of typing them:
# (pattern, w:numFmt, w:lvlText). The number must be the one the list expects next (or 1).
_WORD_MARKERS = (
    (r"(\d{1,2})([．.、])", "decimal", "%1{}"),
    (r"[（(](\d{1,2})[)）]", "decimal", "（%1）"),
    (r"([一二三四五六七八九十]{1,3})、", "chineseCounting", "%1、"),
    (r"[（(]([一二三四五六七八九十]{1,3})[)）]", "chineseCounting", "（%1）"),
    (r"([①-⑳])", "decimalEnclosedCircle", "%1"),
)


def docx_numbered(text: str) -> bytes:
    """A report typed in Word: a paragraph per line, the markdown's bold marks dropped, and
    each item's number ("1." "（一）" "①") drawn by Word's numbering, not in the text — as
    python-docx's paragraph.text then reads it, without its number."""
    import re

    import docx as python_docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from duban.documents.lists.ordinals import CIRCLED, cn_value

    document = python_docx.Document()
    numbering = document.part.numbering_part.element
    abstract: dict[tuple[int, str], int] = {}
    current: dict[tuple[int, str], tuple[int, int]] = {}  # style -> (numId, last number)
    num_ids = iter(range(100, 100000))

    def numbered(style: int, sep: str, n: int) -> int | None:
        fmt, lvl_text = _WORD_MARKERS[style][1], _WORD_MARKERS[style][2].format(sep)
        key = (style, sep)
        if key not in abstract:
            abstract[key] = a_id = len(abstract) + 900  # past the template's own
            numbering.insert(
                0,
                parse_xml(
                    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{a_id}"><w:lvl w:ilvl="0">'
                    f'<w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{lvl_text}"/>'
                    '<w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
                ),
            )
        num_id, last = current.get(key, (0, 0))
        if n == 1:
            num_id = next(num_ids)
            numbering.append(
                parse_xml(
                    f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val='
                    f'"{abstract[key]}"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
                    "</w:lvlOverride></w:num>"
                )
            )
        elif not num_id or n != last + 1:
            return None
        current[key] = (num_id, n)
        return num_id

    for line in text.splitlines():
        if line.startswith("# source:") or not line.strip():
            continue
        line = line.strip().replace("**", "")
        num_id = None
        for style, (pattern, _fmt, _text) in enumerate(_WORD_MARKERS):
            m = re.match(pattern, line)
            if not m:
                continue
            raw = m.group(1)
            n = int(raw) if raw.isdigit() else CIRCLED.index(raw) + 1 if raw in CIRCLED else 0
            n = n or cn_value(raw) or 0
            sep = m.group(2) if m.re.groups > 1 else ""
            num_id = numbered(style, sep, n) if n else None
            if num_id:
                line = line[m.end() :]
            break
        paragraph = document.add_paragraph(line)
        if num_id:
            paragraph._p.get_or_add_pPr().insert(
                0,
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/>'
                    "</w:numPr>"
                ),
            )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_with_endnotes(text: str, kind: str = "endnote") -> bytes:
    """A report typed in Word whose 注释 section is Word's own notes (word/endnotes.xml or
    footnotes.xml): each entry "17．…" after the "注 释" heading is note 17, out of the body,
    its mark left in the text."""
    import re
    from xml.sax.saxutils import escape

    import docx as python_docx
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    body: list[str] = []
    notes: list[str] = []
    in_notes = False
    for line in text.splitlines():
        bare = line.strip().replace("**", "")
        if line.startswith("# source:") or not bare:
            continue
        if re.fullmatch(r"注\s*释", bare):
            in_notes = True
        elif in_notes and (m := re.match(r"^(\d{1,2})[．.](?!\d)", bare)):
            notes.append(bare[m.end() :])
        elif in_notes and notes:
            notes[-1] += "\n" + bare  # a note of several paragraphs
        else:
            body.append(bare)
    document = python_docx.Document()
    for line in body:
        document.add_paragraph(line)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    separators = "".join(
        f'<w:{kind} w:type="{t}" w:id="{i}"><w:p><w:r><w:{t[0].lower() + t[1:]}/></w:r></w:p>'
        f"</w:{kind}>"
        for i, t in ((-1, "separator"), (0, "continuationSeparator"))
    )
    entries = "".join(
        f'<w:{kind} w:id="{i}">'
        + "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in note.split("\n"))
        + f"</w:{kind}>"
        for i, note in enumerate(notes, start=1)
    )
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    xml = f"{head}<w:{kind}s {w}>{separators}{entries}</w:{kind}s>"
    content_type, reltype = (
        (CT.WML_ENDNOTES, RT.ENDNOTES) if kind == "endnote" else (CT.WML_FOOTNOTES, RT.FOOTNOTES)
    )
    part = Part(PackURI(f"/word/{kind}s.xml"), content_type, xml.encode(), document.part.package)
    document.part.relate_to(part, reltype)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_table(doc: ParsedDocument, landscape: bool = False) -> bytes:
    """The document's rows as an office prints its table to PDF (WeasyPrint, Noto CJK): ruled
    cells, the category once per block (rowspan), the header repeated on each page."""
    from weasyprint import HTML

    body = _rowspan_rows(doc)
    size = "A4 landscape" if landscape else "A4"
    page = (
        "<html><head><style>"
        f"@page {{ size: {size}; margin: 2cm }}"
        "body { font-family: 'Noto Sans CJK SC'; font-size: 10pt }"
        "table { border-collapse: collapse; width: 100% } td, th { border: 0.5pt solid #000;"
        " padding: 3pt; vertical-align: top } th { text-align: center }"
        "</style></head><body>"
        f"<h1>{html.escape(doc.title or '')}</h1><table><thead><tr>"
        + "".join(f"<th>{h}</th>" for h in HEADER)
        + "</tr></thead><tbody>"
        + "\n".join(body)
        + "</tbody></table></body></html>"
    )
    return bytes(HTML(string=page).write_pdf())


# Whole reports (a labelled report's Markdown text) in the shapes governments publish them,
# for `make corpus` to read the labelled lists in each: a government web page (the site's
# navigation, breadcrumbs, sharing links and footer around the text; "主办单位：…" in the footer
# is no unit of any task), in UTF-8 or GBK, and a Word document with a paragraph per line.
_PAGE_TOP = (
    '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; '
    'charset={charset}"><title>{title}_政府工作报告_市人民政府门户网站</title></head><body>'
    '<div class="top"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/hdjl/">'
    '互动交流</a></div><div>当前位置：<a href="/">首页</a> &gt; 政务公开 &gt; 政府工作报告</div>'
    "<div>发布时间：2021-02-01 09:30 来源：市政府办公厅 【字体：大 中 小】</div>"
    '<h1>{title}</h1><div class="TRS_Editor">'
)
_PAGE_END = (
    '</div><div>分享到：微信 微博</div><div><h3>相关链接</h3><ul><li><a href="#">1.2020年政府工作'
    '报告</a></li><li><a href="#">2.2019年政府工作报告</a></li></ul></div><div class="footer">'
    "<p>主办单位：市人民政府办公厅　承办单位：市大数据中心</p><p>联系电话：0871-12345678</p></div>"
    "</body></html>"
)


def _report_lines(text: str) -> tuple[str, list[str]]:
    """The report's title (its front matter's) and its lines, the `# source:` line and the
    front matter left out: a web page or a Word file has neither."""
    title, out, front = "", [], False
    for n, line in enumerate(text.splitlines()):
        if n == 0 and line.startswith("# source:"):
            continue
        if line.strip() == "---" and len(out) < 3:
            front = not front
            continue
        if front:
            title = line.removeprefix("title:").strip() if line.startswith("title:") else title
            continue
        out.append(line)
    return title, out


def report_page(text: str, charset: str = "utf-8") -> bytes:
    """A report as its government's web page: a <p> per paragraph, **bold** as <strong>."""
    import re

    title, lines = _report_lines(text)
    body = [
        '<p style="text-indent:2em">'
        + re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html.escape(line.strip(), quote=False))
        + "</p>"
        for line in lines
        if line.strip()
    ]
    page = _PAGE_TOP.format(charset=charset, title=html.escape(title)) + "\n".join(body) + _PAGE_END
    return page.encode(charset, errors="xmlcharrefreplace")  # as &#160; on a GBK page


def report_docx(text: str) -> bytes:
    """A report typed in Word: its title, then a paragraph per line, **bold** as bold runs."""
    import re

    import docx as python_docx

    title, lines = _report_lines(text)
    document = python_docx.Document()
    document.add_paragraph(title)
    for line in lines:
        if not line.strip():
            continue
        paragraph = document.add_paragraph()
        for n, part in enumerate(re.split(r"\*\*", line.strip())):
            if part:
                paragraph.add_run(part).bold = n % 2 == 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
