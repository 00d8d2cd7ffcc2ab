"""A task table printed to PDF, read by its ruled cells (duban.documents.pdf_tables).

The PDFs are made here with WeasyPrint and Noto CJK, as an office prints its Word or web table:
ruled cells, the category once per block, the header repeated on each page, rows cut by the
page breaks.
"""

from __future__ import annotations

import copy
import re

import pytest

from duban.documents import ParsedDocument, parse_bytes
from tests.shape_writers import pdf_table


def _same(want: ParsedDocument, got: ParsedDocument) -> None:
    assert len(got.tasks) == len(want.tasks), got.warnings[:3]
    for w, g in zip(want.tasks, got.tasks, strict=True):
        assert (g.number, g.category, g.lead_units, g.content) == (
            w.number,
            w.category,
            w.lead_units,
            w.content,
        ), w.number
        # A printed page cannot tell a run of spaces (or a no-break space) from one space.
        assert re.sub(r"[ \xa0]+", " ", g.completion) == re.sub(r"[ \xa0]+", " ", w.completion)


@pytest.mark.slow
def test_the_136_xicheng_rows_printed_to_pdf_read_back(xicheng_doc: ParsedDocument) -> None:
    # 30 pages; rows cut by page breaks, their category's block too ("首都功能核心区控制性详规" /
    # "落地落实"), and cells whose text wraps at their edge ("区城" / "管委").
    got = parse_bytes(pdf_table(xicheng_doc), "tasks.pdf")
    assert got.format == "pdf" and got.title == xicheng_doc.title
    _same(xicheng_doc, got)


def test_forty_rows_on_landscape_pages_read_back(xicheng_doc: ParsedDocument) -> None:
    part = copy.copy(xicheng_doc)
    part.tasks = xicheng_doc.tasks[:40]
    _same(part, parse_bytes(pdf_table(part, landscape=True), "tasks.pdf"))


def test_units_on_lines_of_their_own_stay_apart_and_a_wrapped_one_is_joined() -> None:
    from weasyprint import HTML

    rows = [
        ("1", "新建公共充电桩1000个。", "区发展改革委<br>区财政局", "区城市管理委员会"),
        ("2", "改造老旧小区12个，同步推进加装电梯和停车设施建设。", "区住房城乡建设委", ""),
    ]
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    page = (
        "<html><head><style>body { font-family: 'Noto Sans CJK SC' } table { border-collapse:"
        " collapse } td, th { border: 0.5pt solid #000; padding: 3pt }"
        " td:nth-child(3) { width: 12em } td:nth-child(4) { width: 3em }</style></head><body>"
        "<h1>某区2024年重点任务</h1><table><tr><th>序号</th><th>重点任务</th><th>牵头单位</th>"
        f"<th>配合单位</th></tr>{cells}</table></body></html>"
    )
    doc = parse_bytes(bytes(HTML(string=page).write_pdf()), "tasks.pdf")
    assert [(t.lead_units, t.co_units) for t in doc.tasks] == [
        (["区发展改革委", "区财政局"], ["区城市管理委员会"]),
        (["区住房城乡建设委"], []),
    ]


def test_a_report_of_prose_is_read_as_text_whatever_its_unit_labels(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Pages that name 牵头单位 are looked at for ruling lines; there are none: the text stands.
    from weasyprint import HTML

    items = "".join(
        f"<p>{n}．新建公共充电桩{n}000个。（牵头单位：市发展改革委）</p>" for n in range(1, 11)
    )
    page = (
        "<html><head><style>body { font-family: 'Noto Sans CJK SC' }</style></head><body>"
        f"<p>2024年某市政府工作报告</p><p>2024年十件民生实事</p>{items}</body></html>"
    )
    doc = parse_bytes(bytes(HTML(string=page).write_pdf()), "report.pdf")
    assert len(doc.tasks) == 10 and doc.tasks[9].lead_units == ["市发展改革委"]
