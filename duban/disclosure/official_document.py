"""A plan as an official document, after GB/T 9704-2012 (党政机关公文格式): A4, margins of
37 mm top, 35 mm bottom, 28 mm left and 26 mm right; the title in 2号 小标宋 (22 pt), headings
in 3号 黑体, the body in 3号 仿宋_GB2312 (16 pt), page numbers "— 1 —" in 4号 宋体 at the foot.
Fonts fall back to what the reader has (Noto CJK, SimSun) when the official ones are absent."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from duban.plans.models import Plan, Status

from .models import Publication, PublishedTask

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
FALLBACK = "Noto Serif CJK SC"


def _font(run: Run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = FALLBACK
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)  # East Asian text takes the official font


def _page_number(paragraph: Paragraph) -> None:
    """ "— N —": a PAGE field between em dashes."""
    run = paragraph.add_run("— ")
    _font(run, "宋体", 14)
    field = paragraph.add_run()
    _font(field, "宋体", 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        field._element.append(element)
    tail = paragraph.add_run(" —")
    _font(tail, "宋体", 14)


def official_page() -> Any:
    """An empty document laid out as an official document: A4, its margins, the page number
    centred in the footer (also the supervision office's bulletin, reporting.ledger)."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(footer)
    return document


def build(plan: Plan, publication: Publication, rows: list[PublishedTask]) -> bytes:
    document = official_page()

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(plan.title), TITLE_FONT, 22)
    date = document.add_paragraph()
    date.alignment = WD_ALIGN_PARAGRAPH.CENTER
    from .exports import publication_day, unconfirmed_line

    day = publication_day(plan, publication)
    _font(date.add_run(f"（{day.year}年{day.month}月{day.day}日）"), BODY_FONT, 16)

    if line := unconfirmed_line(rows):
        note = document.add_paragraph()
        note.paragraph_format.first_line_indent = Pt(32)
        _font(note.add_run(line), BODY_FONT, 14)

    labels = dict(Status.choices)
    category = None
    for task in rows:
        if task.category and task.category != category:
            category = task.category
            heading = document.add_paragraph()
            _font(heading.add_run(category), HEADING_FONT, 16)
        body = document.add_paragraph()
        body.paragraph_format.first_line_indent = Pt(32)
        body.paragraph_format.line_spacing = Pt(28)
        _font(body.add_run(f"{task.number}. {task.content}"), BODY_FONT, 16, bold=True)
        units = "、".join(task.lead_units)
        if units:
            _font(body.add_run(f"（牵头单位：{units}）"), BODY_FONT, 16)
        if task.completion:
            done = document.add_paragraph()
            done.paragraph_format.first_line_indent = Pt(32)
            done.paragraph_format.line_spacing = Pt(28)
            _font(done.add_run(f"完成情况：{task.completion}"), BODY_FONT, 16)
        if task.status:
            status = document.add_paragraph()
            status.paragraph_format.first_line_indent = Pt(32)
            _font(
                status.add_run(
                    f"完成状态：{labels.get(task.status, task.status)}（{task.status_basis}）"
                ),
                BODY_FONT,
                16,
            )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
