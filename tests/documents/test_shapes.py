"""Every shape in which governments publish key-task tables, read into the same rows."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from duban.documents import ParsedDocument, parse_bytes, parse_file, parse_tables

SHAPES = Path(__file__).resolve().parents[1] / "fixtures" / "shapes"


def rows(doc: ParsedDocument) -> list[tuple]:
    return [
        (t.number, t.category, t.content, t.lead_units, t.co_units, t.completion) for t in doc.tasks
    ]


def test_pipe_rows_with_section_rows_and_repeated_header() -> None:
    doc = parse_file(SHAPES / "pipe-rows.txt")
    assert doc.format == "pipe-text"
    assert rows(doc) == [
        (
            1,
            "稳增长",
            "全年新增就业岗位1.2万个。",
            ["区人力社保局"],
            [],
            "全年新增就业岗位12560个，完成年度目标。",
        ),
        (
            2,
            "稳增长",
            "新建改扩建幼儿园3所。",
            ["区教委", "区住房城乡建设委"],
            [],
            "已建成2所，1所因规划调整延期至2024年。",
        ),
        (
            3,
            "惠民生",
            "完成老旧小区综合整治10个。",
            ["区住房城乡建设委"],
            [],
            "已完成10个小区整治，全部通过验收。",
        ),
        (
            4,
            "惠民生",
            "新增养老床位300张。",
            ["区民政局", "区卫生健康委"],
            [],
            "新增养老床位326张，超额完成全年任务。",
        ),
        (5, "惠民生", "建设社区食堂20个。", ["各街道办事处"], [], "已建成社区食堂21个。"),
    ]
    assert (doc.title, doc.published, doc.year) == (
        "某某区2023年政府工作报告重点任务推进情况",
        "2024-01-10",
        2023,
    )
    # The page's footer line is a row without a task: named in a warning, not lost.
    assert doc.warnings == ["line 14: no task text in this row; skipped"]


@pytest.mark.parametrize("name", ["cell-per-line.txt", "cell-per-paragraph.txt"])
def test_one_cell_per_line_or_paragraph(name: str) -> None:
    doc = parse_file(SHAPES / name)
    assert [r[:4] for r in rows(doc)][:3] == [
        (1, "产业发展", "培育规模以上工业企业10家。", ["县工信局"]),
        (2, "产业发展", "完成农村公路改造50公里。", ["县交通运输局"]),
        (3, "社会事业", "新建乡镇卫生院2所。", ["县卫生健康局"]),
    ]
    assert doc.tasks[2].completion == "1所已投入使用，1所主体完工。"
    assert doc.year == 2022


def test_paragraph_cells_with_a_merged_category_and_a_last_row() -> None:
    doc = parse_file(SHAPES / "cell-per-paragraph.txt")
    assert len(doc.tasks) == 4
    assert doc.tasks[3].category == "社会事业"
    assert doc.tasks[3].completion == "改造薄弱学校6所，完成年度任务。"


def test_two_level_header_keeps_both_sub_columns() -> None:
    doc = parse_file(SHAPES / "two-level-header.txt")
    first = doc.tasks[0]
    assert first.content == "区第二实验学校改扩建工程"
    assert first.completion == "前期手续：已取得建设工程规划许可证\n在建形象进度：主体结构完成60%"
    assert first.extra == {"备注": "计划年底竣工"}
    assert [t.number for t in doc.tasks] == [1, 2, 3]
    assert doc.warnings == []


def test_markdown_report_takes_the_completion_table() -> None:
    doc = parse_file(SHAPES / "report.md")
    assert doc.format == "markdown"
    assert doc.caption == "2023年市政府重点事项完成情况汇总表"
    assert rows(doc)[0] == (
        1,
        None,
        "新建改扩建中小学12所，新增学位1.5万个",
        ["市教育局"],
        [],
        "已建成13所，新增学位16200个。\n超额完成年度任务。",
    )
    assert [t.number for t in doc.tasks] == [1, 2, 3, 4]
    assert doc.tasks[1].lead_units == ["市住建局", "市房管局"]
    assert doc.tasks[2].content == "改造城镇老旧小区150个"
    assert doc.tasks[2].lead_units == ["市住建局", "各区政府"]
    assert any("not the completion table" in w for w in doc.warnings)


def test_markdown_report_all_tables_on_request() -> None:
    tables = parse_tables((SHAPES / "report.md").read_bytes(), "report.md")
    assert [len(t.tasks) for t in tables] == [4, 2]
    plan = tables[1]
    assert plan.caption == "2024年市政府重点事项安排"
    assert plan.tasks[0].extra == {"年度目标": "新增学位1.2万个"}


def test_numbered_paragraphs_with_units_in_brackets() -> None:
    doc = parse_file(SHAPES / "numbered-paragraphs.txt")
    assert doc.format == "paragraphs"
    assert rows(doc) == [
        (
            1,
            None,
            "新建改扩建幼儿园30所，新增学位1万个。",
            ["市教育局"],
            [],
            "全年新建改扩建幼儿园32所，新增学位10860个，超额完成年度任务。",
        ),
        (
            2,
            None,
            "新开工保障性住房5000套。",
            ["市住房保障管理局"],
            [],
            "全年新开工保障性住房5210套，完成年度目标。",
        ),
        (
            3,
            None,
            "改造农贸市场20个。",
            ["市商务局", "各区政府"],
            [],
            "已完成改造18个，2个因拆迁原因延期至2024年上半年。",
        ),
        (
            4,
            None,
            "为60岁以上老年人免费接种流感疫苗。",
            ["市卫生健康委"],
            ["市财政局"],
            "累计接种23.6万人次。",
        ),
    ]
    assert doc.published == "2024-01-05"


def test_numbered_paragraphs_under_category_headings() -> None:
    text = (
        "2023年某某县重点工作完成情况\n"
        "一、产业发展\n"
        "1.新建标准厂房5万平方米。（县工信局负责）完成5.2万平方米。\n"
        "2.招引亿元以上项目10个。（县投资促进局负责）招引12个。\n"
        "二、民生保障\n"
        "1.新增城镇就业3000人。（县人社局负责）新增3150人。\n"
    )
    doc = parse_bytes(text.encode())
    # The number as printed (it restarts in each group); seq is the place in the whole list.
    assert [(t.number, t.seq, t.category, t.lead_units) for t in doc.tasks] == [
        (1, 1, "产业发展", ["县工信局"]),
        (2, 2, "产业发展", ["县投资促进局"]),
        (1, 3, "民生保障", ["县人社局"]),
    ]
    assert doc.tasks[2].completion == "新增3150人。"


def test_html_page_with_rowspan_colspan_repeated_header_and_navigation() -> None:
    doc = parse_file(SHAPES / "page.html")
    assert doc.format == "html"
    assert (doc.title, doc.published, doc.year) == (
        "2023年某某区政府工作报告重点工作完成情况",
        "2024-02-01",
        2023,
    )
    assert rows(doc) == [
        (
            1,
            "经济发展",
            "新增市场主体5000户。",
            ["区市场监管局"],
            ["区商务局", "区科信局"],
            "全年新增市场主体5628户，超额完成。",
        ),
        (
            2,
            "经济发展",
            "完成固定资产投资120亿元。",
            ["区发展改革委"],
            [],
            "完成固定资产投资\n118.6亿元。",
        ),
        (
            3,
            "民生保障",
            "新建 社区卫生服务站 5个。",
            ["区卫生健康委"],
            ["各街道"],
            "已建成5个，均已开诊。<注>",
        ),
        (
            4,
            "民生保障",
            "改造雨污分流管网10公里。",
            ["区水务局"],
            [],
            "完成改造6.5公里，因施工条件限制，剩余工程延期至2024年。",
        ),
    ]
    assert "alert" not in str(rows(doc))


def test_xlsx_with_title_rows_merged_cells_and_several_sheets(xlsx_bytes: bytes) -> None:
    doc = parse_bytes(xlsx_bytes, "report.xlsx")
    assert doc.format == "xlsx"
    assert [(t.number, t.category, t.lead_units, t.co_units) for t in doc.tasks] == [
        (1, "经济发展", ["区市场监管局"], ["区商务局"]),
        (2, "经济发展", ["区发展改革委"], []),
        (3, "民生保障", ["区卫生健康委", "各街道"], []),
    ]
    assert doc.tasks[0].source_line == 4  # the spreadsheet row
    assert doc.title == "2023年某某区政府工作报告重点工作完成情况"
    assert doc.published == "2024-02-01"
    assert "不应读取" not in str(rows(doc))  # hidden sheets are not read


def test_docx_table_with_merged_cells(docx_table_bytes: bytes) -> None:
    doc = parse_bytes(docx_table_bytes, "report.docx")
    assert doc.format == "docx"
    assert [(t.number, t.category, t.content) for t in doc.tasks] == [
        (1, "经济发展", "新增市场主体5000户。"),
        (2, "经济发展", "完成固定资产投资120亿元。"),
        (3, "民生保障", "新建社区卫生服务站5个。"),
    ]
    assert doc.published == "2024-02-01"


def test_docx_numbered_paragraphs(docx_paragraph_bytes: bytes) -> None:
    doc = parse_bytes(docx_paragraph_bytes, "report.docx")
    assert [(t.number, t.lead_units, t.completion) for t in doc.tasks] == [
        (1, ["市教育局"], "新建改扩建幼儿园32所。"),
        (2, ["市住房保障管理局"], "新开工5210套。"),
    ]


CSV = (
    "序号,重点任务,责任单位,完成情况\n"
    '1,新增绿地7000平方米,区园林绿化局,"新增绿地8200平方米,超额完成"\n'
    "2,建设口袋公园5个,区园林绿化局；区城管委,建成5个\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_every_encoding(encoding: str) -> None:
    doc = parse_bytes(CSV.encode(encoding), "report.csv")
    assert doc.format == "csv"
    assert [(t.number, t.content, t.lead_units, t.completion) for t in doc.tasks] == [
        (1, "新增绿地7000平方米", ["区园林绿化局"], "新增绿地8200平方米,超额完成"),
        (2, "建设口袋公园5个", ["区园林绿化局", "区城管委"], "建成5个"),
    ]


def test_semicolon_and_tab_csv() -> None:
    for sep in (";", "\t"):
        text = CSV.replace(",", sep).replace(
            '"新增绿地8200平方米' + sep + '超额完成"', "新增绿地8200平方米，超额完成"
        )
        doc = parse_bytes(text.encode(), "report.csv")
        assert [t.number for t in doc.tasks] == [1, 2]


def test_full_width_and_ascii_punctuation_mixed() -> None:
    text = "序号｜任务｜牵头单位｜完成情况\n".replace("｜", "|") + (
        "1|新建公园（一期）3个|区园林局,区住建委|已建成3个(含一期)\n"
    )
    doc = parse_bytes(text.encode())
    assert doc.tasks[0].lead_units == ["区园林局", "区住建委"]
    assert doc.tasks[0].content == "新建公园（一期）3个"


def test_every_shape_gives_numbers_and_status() -> None:
    from duban.quantities import annotate

    for path in sorted(SHAPES.iterdir()):
        doc = annotate(parse_file(path))
        assert doc.tasks, path.name
        assert all(t.status for t in doc.tasks), path.name


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "rows.txt",
            "某区2023年重点工作完成情况\n"
            "| 1 | 新建公园3个 | 区园林绿化局 | 已建成3个，全部开放。 |\n"
            "| 2 | 改造老旧小区10个 | 区住建委、区房管局 | 完成改造10个。 |\n",
        ),
        (
            "rows.csv",
            "1,新建公园3个,区园林绿化局,已建成3个，全部开放。\n"
            "2,改造老旧小区10个,区住建委、区房管局,完成改造10个。\n",
        ),
    ],
)
def test_table_without_header_reads_roles_from_cells(name: str, text: str) -> None:
    doc = parse_bytes(text.encode(), name)
    assert [(t.number, t.content, t.lead_units, t.completion) for t in doc.tasks] == [
        (1, "新建公园3个", ["区园林绿化局"], "已建成3个，全部开放。"),
        (2, "改造老旧小区10个", ["区住建委", "区房管局"], "完成改造10个。"),
    ]
    assert any("no header row" in w for w in doc.warnings)


def test_a_target_column_is_read_for_targets() -> None:
    # "| 序号 | 重点事项 | 牵头单位 | 年度目标 |": "新建改扩建中小学10所" promises 10所, and its
    # 年度目标 "新增学位1.2万个" 1.2万个 more.
    from duban.quantities import annotate

    plan = annotate(parse_tables((SHAPES / "report.md").read_bytes(), "report.md")[1])
    assert [t["span"] for t in plan.tasks[0].targets] == ["10所", "1.2万个"]


def test_a_table_of_names_over_targets_and_two_unit_columns() -> None:
    # A plan table whose task column names each item and whose target column says it, and the
    # co-units in a 责任单位 column beside the 牵头单位 one (the labels' conventions).
    text = (
        "2024年某某市十件民生实事\n\n"
        "| 序号 | 实事项目 | 目标任务 | 牵头单位 | 责任单位 |\n| --- | --- | --- | --- | --- |\n"
        "| 1 | 城区学位扩容 | 新增学位6000个 | 市教育局 | 各区政府 |\n"
        "| 2 | 老旧小区改造 | 改造老旧小区30个 | 市住建局 | 各区政府 |\n"
        "| 3 | 养老服务 | 新增养老床位500张 | 市民政局 | 市财政局、各区政府 |\n"
    )
    doc = parse_bytes(text.encode(), "plan.md")
    first = doc.tasks[0]
    assert (first.item_title, first.content, first.extra) == ("城区学位扩容", "新增学位6000个", {})
    assert [(t.lead_units, t.co_units) for t in doc.tasks] == [
        (["市教育局"], ["各区政府"]),
        (["市住建局"], ["各区政府"]),
        (["市民政局"], ["市财政局", "各区政府"]),
    ]


def test_a_target_column_that_repeats_the_tasks_figure_gives_one_target() -> None:
    # "| 改造老旧小区30个 | 30个 |": one target of 30个, not two (walk with an XLSX copy).
    from duban.quantities import annotate

    text = (
        "2024年某某市十件民生实事\n\n| 序号 | 重点任务 | 年度目标 | 牵头单位 |\n"
        "| --- | --- | --- | --- |\n"
        "| 1 | 改造老旧小区30个 | 30个 | 市住建局 |\n"
        "| 2 | 新建学校5所 | 新增学位6000个 | 市教育局 |\n"
    )
    doc = annotate(parse_bytes(text.encode(), "plan.md"))
    assert [t["span"] for t in doc.tasks[0].targets] == ["30个"]
    assert [t["span"] for t in doc.tasks[1].targets] == ["5所", "6000个"]


@pytest.mark.parametrize("name", ["notes.html", "notes.xlsx", "notes.md"])
def test_a_note_under_the_table_is_a_warning_not_a_task(name: str) -> None:
    # "注：…" merged across the table's last row (a web page's colspan, a spreadsheet's merged
    # cells, a Markdown row with one cell filled), and a footer "填报单位：…".
    header = ["序号", "重点任务", "牵头单位", "配合单位"]
    body = [
        ["1", "新建公共充电桩1000个。", "区发展改革委", "区城管委"],
        ["2", "改造老旧小区12个。", "区住房城乡建设委", ""],
    ]
    notes = ["注：各牵头单位为第一责任单位，配合单位按职责分工推进。", "填报单位：区政府督查室"]
    if name.endswith(".html"):
        cells = "".join(
            "<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in [header, *body]
        )
        foot = "".join(f'<tr><td colspan="4">{n}</td></tr>' for n in notes)
        data = f"<html><body><table>{cells}{foot}</table></body></html>".encode()
    elif name.endswith(".xlsx"):
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        for r in [header, *body]:
            sheet.append(r)
        for n in notes:
            sheet.append([n])
            sheet.merge_cells(
                start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=4
            )
        out = io.BytesIO()
        book.save(out)
        data = out.getvalue()
    else:
        lines = [header, ["---"] * 4, *body, *([n, "", "", ""] for n in notes)]
        data = "\n".join("| " + " | ".join(r) + " |" for r in lines).encode()
    doc = parse_bytes(data, name)
    assert [t.content for t in doc.tasks] == ["新建公共充电桩1000个。", "改造老旧小区12个。"]
    said = " ".join(str(w) for w in doc.warnings)
    assert "a note under the table, not a task: “注：各牵头单位为第一责任单位" in said
    assert "“填报单位：区政府督查室”" in said
