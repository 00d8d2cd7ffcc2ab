"""Word files the tests upload: a task table, with a caption above it and paragraphs after it
when asked (a report with its 附件 table and its paragraph list, as offices receive them)."""

from __future__ import annotations

import io
from collections.abc import Iterable

HEADER = ["序号", "任务", "牵头单位"]
ROWS = (["1", "新建公办幼儿园10所", "市教育局"], ["2", "改造老旧小区30个", "市住建局"])


def word_file(caption: str | None = None, paragraphs: Iterable[str] = ()) -> bytes:
    import docx

    document = docx.Document()
    if caption:
        document.add_paragraph(caption)
    table = document.add_table(rows=1, cols=len(HEADER))
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for row in ROWS:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    for line in paragraphs:
        if line.strip():
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
