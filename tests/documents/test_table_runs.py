"""A task table printed as a table per category, each under its heading (Word): one list,
the headings its categories — not three lists without categories."""

from __future__ import annotations

import io

import pytest

from duban.documents import parse_tables_all, unique_numbers

CATEGORIES = {
    "一、经济发展": ["推进重点项目建设，全年完成固定资产投资150亿元。", "优化营商环境。"],
    "二、民生保障": ["新增城镇就业1.2万人。", "新建养老服务驿站10个。", "改造老旧小区30个。"],
    "三、城市治理": ["完成背街小巷整治100条。"],
}

# The tasks of CATEGORIES read as one list: numbered through, each under its heading.
NUMBERED = [
    (1, "经济发展"),
    (2, "经济发展"),
    (3, "民生保障"),
    (4, "民生保障"),
    (5, "民生保障"),
    (6, "城市治理"),
]


def _word(categories: dict[str, list[str]], restart: bool = False, between: str = "") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("2024年区政府重点工作任务分解表")
    n = 0
    for heading, items in categories.items():
        if between and n:
            document.add_paragraph(between)
        document.add_paragraph(heading)
        table = document.add_table(rows=1, cols=4)
        for cell, h in zip(
            table.rows[0].cells, ["序号", "工作任务", "牵头单位", "责任单位"], strict=True
        ):
            cell.text = h
        for k, item in enumerate(items, start=1):
            n += 1
            cells = table.add_row().cells
            cells[0].text, cells[1].text = str(k if restart else n), item
            cells[2].text, cells[3].text = "区发展改革委", "区财政局、区商务局"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_table_per_category_is_one_list_with_its_categories() -> None:
    (doc,) = parse_tables_all(_word(CATEGORIES), "分解表.docx")
    assert [(t.number, t.category) for t in doc.tasks] == NUMBERED
    assert doc.tasks[0].lead_units == ["区发展改革委"]
    assert doc.tasks[0].co_units == ["区财政局", "区商务局"]
    assert doc.title == "2024年区政府重点工作任务分解表" and doc.year == 2024
    assert doc.warnings == []


def test_numbers_starting_again_in_each_table_are_numbered_by_place_and_said() -> None:
    (doc,) = parse_tables_all(_word(CATEGORIES, restart=True), "分解表.docx")
    assert [t.number for t in doc.tasks] == [1, 2, 1, 2, 3, 1]
    assert [str(w) for w in doc.warnings] == [
        "row numbers repeat in the table: the tasks are numbered 1–6 by their place, each "
        "printed number kept beside it"
    ]
    unique_numbers(doc)  # as the import and the preview number them
    assert [t.number for t in doc.tasks] == [1, 2, 3, 4, 5, 6]
    assert [t.extra["原序号"] for t in doc.tasks] == ["1", "2", "1", "2", "3", "1"]


@pytest.mark.parametrize(
    "between",
    [
        "上述任务由区政府办公室统筹推进，各单位要按月报送进展情况。",  # prose, not a heading
    ],
)
def test_tables_with_prose_between_stay_apart(between: str) -> None:
    docs = parse_tables_all(_word(CATEGORIES, between=between), "分解表.docx")
    assert len(docs) == 3


def test_unnumbered_headings_are_categories_too() -> None:
    plain = {k.split("、", 1)[1]: v for k, v in CATEGORIES.items()}
    (doc,) = parse_tables_all(_word(plain), "分解表.docx")
    assert [t.category for t in doc.tasks] == ["经济发展"] * 2 + ["民生保障"] * 3 + ["城市治理"]
    assert doc.title == "2024年区政府重点工作任务分解表"


def _page(categories: dict[str, list[str]], minified: bool = False) -> bytes:
    parts = [
        "<html><head><title>重点工作任务分解表_区人民政府</title></head><body>",
        "<h1>2024年区政府重点工作任务分解表</h1>",
    ]
    n = 0
    for heading, items in categories.items():
        parts.append(f"<p><strong>{heading}</strong></p><table border=1>")
        parts.append("<tr><td>序号</td><td>工作任务</td><td>牵头单位</td></tr>")
        for item in items:
            n += 1
            parts.append(f"<tr><td>{n}</td><td>{item}</td><td>区发展改革委</td></tr>")
        parts.append("</table>")
    parts.append("<div>主办单位：区人民政府办公室</div></body></html>")
    return ("" if minified else "\n").join(parts).encode()


@pytest.mark.parametrize("minified", [False, True])
def test_a_web_page_of_a_table_per_category_is_one_list(minified: bool) -> None:
    # A page minified into one line of HTML kept no title: the text above a table was cut at
    # the table's line in the HTML source (line 1).
    (doc,) = parse_tables_all(_page(CATEGORIES, minified), "page.html")
    assert [t.category for t in doc.tasks] == ["经济发展"] * 2 + ["民生保障"] * 3 + ["城市治理"]
    assert (doc.title, doc.year) == ("2024年区政府重点工作任务分解表", 2024)


def _workbook(sheets: dict[str, list[str]], title: str | None = None) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    n = 0
    for name, items in sheets.items():
        sheet = book.create_sheet(name)
        sheet.append([title or "2024年区政府重点工作任务分解表"])
        sheet.append(["序号", "工作任务", "牵头单位"])
        for item in items:
            n += 1
            sheet.append([n, item, "区发展改革委"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_sheet_per_category_is_one_list_with_the_sheets_as_categories() -> None:
    plain = {k.split("、", 1)[1]: v for k, v in CATEGORIES.items()}
    (doc,) = parse_tables_all(_workbook(plain), "分解表.xlsx")
    assert [(t.number, t.category) for t in doc.tasks] == NUMBERED
    assert doc.title == "2024年区政府重点工作任务分解表"


@pytest.mark.parametrize("names", [["2019年", "2020年"], ["Sheet1", "Sheet2"]])
def test_sheets_named_as_years_or_by_default_stay_apart(names: list[str]) -> None:
    items = list(CATEGORIES.values())
    assert len(parse_tables_all(_workbook(dict(zip(names, items, strict=False))), "t.xlsx")) == 2
