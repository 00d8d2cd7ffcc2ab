"""Builders for binary fixtures: XLSX and DOCX made with the same libraries offices use."""

from __future__ import annotations

import io
import zipfile

import pytest

ROWS = [
    ("经济发展", "1", "新增市场主体5000户。", "区市场监管局", "区商务局", "新增5628户。"),
    ("经济发展", "2", "完成固定资产投资120亿元。", "区发展改革委", "", "完成118.6亿元。"),
    ("民生保障", "3", "新建社区卫生服务站5个。", "区卫生健康委、各街道", "", "已建成5个。"),
]


def make_xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "说明"
    notes["A1"] = "本表由区政府督查室汇总。"
    sheet = book.create_sheet("完成情况")
    sheet["A1"] = "2023年某某区政府工作报告重点工作完成情况"
    sheet.merge_cells("A1:F1")
    sheet["A2"] = "发布时间：2024-02-01"
    sheet.append(["类别", "序号", "重点工作任务", "牵头单位", "配合单位", "完成情况"])
    for row in ROWS:
        sheet.append([row[0], int(row[1]), *row[2:]])
    # The category is printed once for its two rows (a merged cell).
    sheet["A5"] = None
    sheet.merge_cells("A4:A5")
    hidden = book.create_sheet("旧表")
    hidden.append(["序号", "任务", "牵头单位", "完成情况"])
    hidden.append([1, "不应读取", "某局", "不应读取"])
    hidden.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def make_docx_table() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("2023年某某区政府工作报告重点工作完成情况", level=1)
    document.add_paragraph("发布时间：2024-02-01")
    table = document.add_table(rows=1 + len(ROWS), cols=6)
    for j, text in enumerate(["类别", "序号", "重点工作任务", "牵头单位", "配合单位", "完成情况"]):
        table.cell(0, j).text = text
    for i, row in enumerate(ROWS, start=1):
        for j, text in enumerate(row):
            if not (i == 2 and j == 0):
                table.cell(i, j).text = text
    table.cell(1, 0).merge(table.cell(2, 0))  # category printed once for two rows
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_docx_paragraphs() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("某某市2023年民生实事项目完成情况")
    document.add_paragraph("一、新建改扩建幼儿园30所。（市教育局负责）")
    document.add_paragraph("完成情况：新建改扩建幼儿园32所。")
    document.add_paragraph("二、新开工保障性住房5000套。（市住房保障管理局负责）")
    document.add_paragraph("完成情况：新开工5210套。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_with(parts: dict[str, bytes], compress: bool = True) -> bytes:
    out = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.fixture(scope="session")
def xlsx_bytes() -> bytes:
    return make_xlsx()


@pytest.fixture(scope="session")
def docx_table_bytes() -> bytes:
    return make_docx_table()


@pytest.fixture(scope="session")
def docx_paragraph_bytes() -> bytes:
    return make_docx_paragraphs()
