"""The numbers Word draws before list paragraphs (word/numbering.xml), which python-docx's
paragraph.text leaves out: duban.documents.word_numbering."""

from __future__ import annotations

import io

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from duban.documents import parse_bytes
from duban.documents.word_numbering import Numbering, formatted


@pytest.mark.parametrize(
    ("n", "fmt", "text"),
    [
        (1, "chineseCounting", "一"),
        (12, "chineseCountingThousand", "十二"),
        (3, "decimalEnclosedCircle", "③"),
        (2, "ideographTraditional", "乙"),
        (4, "upperRoman", "IV"),
        (10, "decimalFullWidth", "１０"),
        (27, "lowerLetter", "aa"),
        (7, "decimal", "7"),
        (5, "an unknown format", "5"),
    ],
)
def test_a_number_in_each_of_words_formats(n: int, fmt: str, text: str) -> None:
    assert formatted(n, fmt) == text


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def _numbering(abstracts: dict[int, str], nums: dict[int, tuple[int, str]]) -> object:
    body = "".join(
        f'<w:abstractNum w:abstractNumId="{a}">{levels}</w:abstractNum>'
        for a, levels in abstracts.items()
    ) + "".join(
        f'<w:num w:numId="{n}"><w:abstractNumId w:val="{a}"/>{extra}</w:num>'
        for n, (a, extra) in nums.items()
    )
    return parse_xml(f"<w:numbering {nsdecls('w')}>{body}</w:numbering>")


def _p(num_id: int | None = None, ilvl: int = 0, style: str | None = None) -> object:
    num = (
        f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        if num_id is not None
        else ""
    )
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    return parse_xml(f"<w:p {nsdecls('w')}><w:pPr>{pstyle}{num}</w:pPr></w:p>")


def test_a_higher_level_restarts_the_levels_below_it() -> None:
    numbering = _numbering(
        {1: _lvl(0, "chineseCounting", "%1、") + _lvl(1, "decimal", "%2.")}, {5: (1, "")}
    )
    labels = Numbering(numbering, None)
    order = [(5, 0), (5, 1), (5, 1), (5, 0), (5, 1)]
    assert [labels.label(_p(n, lvl)) for n, lvl in order] == ["一、", "1.", "2.", "二、", "1."]


def test_a_level_may_print_the_numbers_of_the_levels_above() -> None:
    numbering = _numbering(
        {1: _lvl(0, "decimal", "%1.") + _lvl(1, "decimal", "%1.%2")}, {3: (1, "")}
    )
    labels = Numbering(numbering, None)
    order = [(3, 0), (3, 1), (3, 1), (3, 0), (3, 1)]
    assert [labels.label(_p(n, lvl)) for n, lvl in order] == ["1.", "1.1", "1.2", "2.", "2.1"]


def test_instances_of_one_definition_go_on_unless_one_restarts() -> None:
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    numbering = _numbering(
        {1: _lvl(0, "decimalEnclosedCircle", "%1")}, {1: (1, ""), 2: (1, ""), 3: (1, restart)}
    )
    labels = Numbering(numbering, None)
    assert [labels.label(_p(n)) for n in (1, 1, 2, 3, 3)] == ["①", "②", "③", "①", "②"]


def test_a_style_numbers_its_paragraphs_and_numid_0_switches_it_off() -> None:
    numbering = _numbering({1: _lvl(0, "decimal", "（%1）", start=1)}, {4: (1, "")})
    styles = parse_xml(
        f"<w:styles {nsdecls('w')}>"
        '<w:style w:type="paragraph" w:styleId="Task"><w:pPr><w:numPr><w:numId w:val="4"/>'
        "</w:numPr></w:pPr></w:style>"
        '<w:style w:type="paragraph" w:styleId="TaskBold"><w:basedOn w:val="Task"/></w:style>'
        "</w:styles>"
    )
    labels = Numbering(numbering, styles)
    got = [
        labels.label(_p(style="Task")),
        labels.label(_p(style="TaskBold")),
        labels.label(_p(0, style="Task")),
        labels.label(_p(style="Normal")),
        labels.label(_p(style="Task")),
    ]
    assert got == ["（1）", "（2）", "", "", "（3）"]


def test_bullets_and_unknown_lists_print_no_number() -> None:
    numbering = _numbering({1: _lvl(0, "bullet", "●")}, {1: (1, "")})
    labels = Numbering(numbering, None)
    assert labels.label(_p(1)) == ""
    assert labels.label(_p(9)) == ""  # no such w:num
    assert Numbering(None, None).label(_p(1)) == ""


def test_a_word_table_whose_number_column_word_numbers_reads_its_numbers() -> None:
    # 序号 drawn by the list button in each cell, the cells' text empty; the table goes on
    # from item 11 (its numbers are not its rows').
    import docx

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="900">'
            f"{_lvl(0, 'decimal', '%1', start=11)}</w:abstractNum>"
        ),
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="900"><w:abstractNumId w:val="900"/></w:num>')
    )
    document.add_paragraph("某区2024年重点任务")
    rows = [
        ("新建公共充电桩1000个。", "区发展改革委"),
        ("改造老旧小区12个。", "区住房城乡建设委"),
        ("新增养老床位300张。", "区民政局"),
    ]
    table = document.add_table(rows=1, cols=3)
    for cell, head in zip(table.rows[0].cells, ("序号", "重点任务", "牵头单位"), strict=True):
        cell.text = head
    for task, unit in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0]._p.get_or_add_pPr().insert(
            0,
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="900"/></w:numPr>'
            ),
        )
        cells[1].text, cells[2].text = task, unit
    out = io.BytesIO()
    document.save(out)
    doc = parse_bytes(out.getvalue(), "tasks.docx")
    assert [(t.number, t.content, t.lead_units) for t in doc.tasks] == [
        (11, "新建公共充电桩1000个。", ["区发展改革委"]),
        (12, "改造老旧小区12个。", ["区住房城乡建设委"]),
        (13, "新增养老床位300张。", ["区民政局"]),
    ]


def test_items_on_soft_line_breaks_of_one_paragraph_are_lines_of_their_own() -> None:
    # Shift+Enter, or a web page pasted into Word: one w:p, a <w:br/> after each item.
    import docx

    document = docx.Document()
    document.add_paragraph("某市2024年政府工作报告")
    document.add_paragraph("2024年十件民生实事")
    paragraph = document.add_paragraph()
    for n in range(1, 11):
        run = paragraph.add_run(f"{n}.新建公共充电桩{n}000个。（牵头单位：市发展改革委）")
        if n < 10:
            run.add_break()
    out = io.BytesIO()
    document.save(out)
    doc = parse_bytes(out.getvalue(), "report.docx")
    assert [t.content for t in doc.tasks] == [f"新建公共充电桩{n}000个。" for n in range(1, 11)]
    assert doc.tasks[9].lead_units == ["市发展改革委"]


def test_a_broken_notes_part_leaves_the_body_read() -> None:
    import zipfile

    from tests.shape_writers import docx_with_endnotes

    items = "".join(
        f"{n}.新建公共充电桩{n}000个。（牵头单位：市发展改革委）\n\n" for n in range(1, 11)
    )
    data = docx_with_endnotes(
        f"某市2024年政府工作报告\n\n2024年十件民生实事\n\n{items}注 释\n\n1．某：指某。\n"
    )
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            broken = info.filename == "word/endnotes.xml"
            z.writestr(info, b"<w:endnotes><broken" if broken else src.read(info))
    assert len(parse_bytes(out.getvalue(), "report.docx").tasks) == 10
