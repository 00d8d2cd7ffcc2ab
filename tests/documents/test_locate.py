"""The locator on single paragraphs of real reports (tests/fixtures/snippets, sources listed
in SOURCES.md): which enumerations are task lists and which are work areas."""

from __future__ import annotations

from pathlib import Path

import pytest

from duban.documents import ParseError, parse_bytes, parse_tables_all

SNIPPETS = Path(__file__).resolve().parent.parent / "fixtures" / "snippets"


def _lists(name: str) -> list:  # type: ignore[type-arg]
    try:
        return parse_tables_all((SNIPPETS / name).read_bytes(), name)
    except ParseError:
        return []


def test_a_run_in_heading_that_names_the_list_opens_it() -> None:
    # "认真办好民生重点实事。一是新增城镇就业11.4万人…十是…": no colon, no count, ten items.
    (doc,) = _lists("zhengzhou_2020_l158.txt")
    assert len(doc.tasks) == 10
    assert doc.tasks[0].content.startswith("新增城镇就业11.4万人")


@pytest.mark.parametrize("name", ["suzhou_2021_l96.txt", "gansu_1997_l72.txt"])
def test_work_areas_after_a_sentence_mentioning_shishi_are_not_a_list(name: str) -> None:
    # 苏州 2021 "扎实办好各项民生实事，不断提高…安全感。一是实施就业优先政策。…";
    # 甘肃 1997 "为群众多办实事，办好实事。一是要集中精力抓好经济建设…" (four areas).
    assert _lists(name) == []


def test_titled_items_with_their_body_and_unit_lines() -> None:
    # 附件1 "**一、 实施脱贫攻坚工程**" / body paragraph / "牵头单位：…" / "责任单位：…", ten times.
    (doc,) = _lists("kunming_2018_l190-274.md")
    assert [t.item_title for t in doc.tasks][:2] == ["实施脱贫攻坚工程", "实施交通基础设施建设"]
    assert len(doc.tasks) == doc.stated_count == 10
    first = doc.tasks[0]
    assert first.content.startswith("全面完成重点县区农村危房改造工程")
    assert first.lead_units[0] == "市扶贫办" and first.co_units[0] == "各县（市）区政府"
    assert doc.tasks[-1].item_title == "优化政务服务环境"  # the text after the list stays out
    assert "附件2" not in doc.tasks[-1].content


def test_items_opening_yishi_one_per_paragraph() -> None:
    # "扎实办好10方面民生实事。" then "一是促进高质量充分就业。城镇新增就业3.5万人…" … "十是…".
    (doc,) = _lists("jilin_2023_l153-175.md")
    assert len(doc.tasks) == doc.stated_count == 10
    assert doc.tasks[0].content.startswith("促进高质量充分就业。城镇新增就业3.5万人")


def test_a_count_of_areas_is_not_the_count_of_a_list() -> None:
    # "2017年…着重抓了八个方面的工作" then "一是以创新为动力着力提升发展质量。…": a review.
    assert _lists("hunan_2018_l36-52.md") == []


def test_items_opening_with_a_headline_under_a_heading_that_names_the_list() -> None:
    # "西安市2025年为民实事" then "1．提高养老金待遇。全面落实…" … "30．推进全民健身。…": each
    # item opens with a short headline, as work areas do, but the heading names the list.
    (doc,) = _lists("xian_2025_l173-259.md")
    assert doc.title == "西安市2025年为民实事" and len(doc.tasks) == 30
    assert doc.tasks[0].content.startswith("提高养老金待遇。")


def test_clauses_after_a_lead_in_that_names_the_list_without_a_count() -> None:
    # "…办好以下民生实事：为公益性岗位…提高生活补贴每人每月300元；提高铁路护路队员…；…"
    (doc,) = _lists("naqu_2023_l77.txt")
    assert len(doc.tasks) == 9 and doc.stated_count is None
    assert doc.tasks[1].content == "提高铁路护路队员社会保险补贴标准"


@pytest.mark.parametrize("name", ["shenzhen_2019_l88.txt", "zhanjiang_2021_l83.txt"])
def test_a_run_that_is_not_the_list_its_lead_in_counts(name: str) -> None:
    # 深圳 2019 "全年计划完成十个方面40项民生实事…" then 一是…六是 by area (neither 10 nor 40);
    # 湛江 2021 "…十件民生实事全部完成，经济实现了正增长…" then 一是…五是: the year's review.
    assert _lists(name) == []


def test_the_count_of_the_list_this_one_comes_on_top_of_is_not_its_count() -> None:
    # "在全面承接、认真办好省政府确定的11件民生实事基础上，再增加4件：" then four items.
    (doc,) = _lists("yuncheng_2021_l105.txt")
    assert len(doc.tasks) == doc.stated_count == 4


def test_a_colon_alone_does_not_open_a_list() -> None:
    # "…全面完成省政府规定的十二件实事的同时，今年市政府要着力解决…热点、难点问题：一是…"
    assert _lists("taiyuan_2006_l178.txt") == []


def test_yishi_items_run_together_with_commas() -> None:
    # "…集中力量办好十件民生实事。一是巩固提升底线民生保障水平，二是加大对困难弱势群体帮扶
    # 力度，…十是抓好防灾减灾。"
    (doc,) = _lists("guangdong_2016_l175.txt")
    assert len(doc.tasks) == doc.stated_count == 10
    first, second = doc.tasks[0].content, doc.tasks[1].content
    assert (first, second) == ("巩固提升底线民生保障水平", "加大对困难弱势群体帮扶力度")
    assert doc.tasks[-1].content == "抓好防灾减灾"


def test_a_short_claim_of_the_list_is_its_heading_and_the_documents_claim() -> None:
    # "实事项目全面完成。一是市区开工建设廉租房20.4万平方米…": ten outcomes, no count stated.
    (doc,) = _lists("hangzhou_2009_l58.txt")
    assert (doc.kind, len(doc.tasks), doc.document_claim) == ("completion", 10, "实事项目全面完成")


@pytest.mark.parametrize(
    "name", ["kezhou_2021_l23.txt", "yulin_2014_l13.txt", "yunfu_2014_l111.txt"]
)
def test_the_review_telling_what_was_done_by_area_is_not_a_list(name: str) -> None:
    # 克孜勒苏 2021 "…办成了许多惠民利民的实事。一是始终坚持多渠道扩大就业。累计实现…";
    # 榆林 2014 "特别是我们做了一些…大事、难事和实事：一是兑现了…"; 云浮 2014 "…“十件民生实事”…
    # 主要体现在：" then six areas.
    assert _lists(name) == []


def test_a_list_says_whether_it_prints_its_numbers() -> None:
    (clauses,) = _lists("naqu_2023_l77.txt")  # "办好以下民生实事：为…；提高…；…"
    (numbered,) = _lists("guangdong_2016_l175.txt")  # "一是…，二是…"
    assert (clauses.numbered, numbered.numbered) == (False, True)
    assert clauses.to_json()["numbered"] is False


def test_units_named_by_their_department_label() -> None:
    # 附件 "2013年为民办10件实事": "一、实施道路畅通工程" / "主要内容：…" / "实施部门：市建设局".
    (doc,) = _lists("yinchuan_2013_l146-206.md")
    assert len(doc.tasks) == doc.stated_count == 10
    first = doc.tasks[0]
    assert first.item_title == "实施道路畅通工程"
    assert first.content.startswith("实施新华西街、湖滨西街向西延伸")
    assert first.lead_units == ["市建设局"]
    assert doc.tasks[1].lead_units == ["市卫生局", "民政局"]  # as printed


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("guiyang_2005_l63-83.md", "市委、市政府为民办好的十件实事"),
        ("binzhou_2018_l73-93.md", "民生实事"),
    ],
)
def test_titled_items_of_an_introduced_list_are_not_a_glossary(name: str, title: str) -> None:
    # 贵阳 2005 "十件实事是：" then "1、关心困难群众：（1）…"; 滨州 2018 under "民生实事":
    # "1.开工建设滨州黄河四桥：积极推进前期工作…". "X：" is each item's title, not a term.
    (doc,) = _lists(name)
    assert len(doc.tasks) == 10
    assert doc.title == title


def test_a_run_in_heading_then_a_short_lead_in() -> None:
    # "着重推进民生实事项目。今年的重点是：" then "1、危旧房和城中村改造。改造危旧房65万平方米…".
    (doc,) = _lists("nanjing_2013_l107-127.md")
    assert len(doc.tasks) == 10
    assert doc.title == "着重推进民生实事项目"
    assert doc.tasks[9].content.startswith("公交都市建设。")


def test_minsheng_shixiang_counted_in_jian_is_a_list() -> None:
    # "组织实施十个方面80件民生事项：" then "（一）就业增收方面。…" ten times.
    (doc,) = _lists("jilinshi_2015_l111-131.md")
    assert len(doc.tasks) == 10
    assert doc.tasks[0].content.startswith("就业增收方面。")


def test_sections_after_a_paragraph_of_prose_are_not_a_list() -> None:
    # Under "一、五次会议确定任务的完成情况和五年工作回顾", a paragraph of the year's figures
    # ending "…分别削减2.1%、1.5%、2.3%和1%。", then "（一）切实加大经济运行调节力度…".
    assert _lists("shaanxi_2013_l10-32.md") == []


def test_a_report_with_tables_of_figures_reads_its_list_not_the_figures() -> None:
    # "确定10件为民办实事项目：一是…十是" in a paragraph, then 附录二 "| 序号 | 指标 | 单位 |
    # 2011年 | 2016年 | …" (the five years' figures): the list is read, the table is no task.
    docs = _lists("wuxi_2017_l138-140_l214-237.md")
    assert [(d.kind, len(d.tasks)) for d in docs] == [("plan", 10)]
    assert docs[0].tasks[0].content.startswith("经济薄弱村脱困致富项目。")
    assert docs[0].format == "markdown"


def test_a_markdown_report_reads_its_task_table_and_its_paragraph_list() -> None:
    # Both shapes in one report: a table whose header names its columns, and a list in the
    # paragraphs after it; `--all` gives both in document order.
    table = (SNIPPETS / "yinchuan_2013_l146-206.md").read_text(encoding="utf-8")
    text = (
        "附件1\n\n| 序号 | 任务 | 牵头单位 |\n| --- | --- | --- |\n"
        "| 1 | 新建公办幼儿园10所 | 市教育局 |\n| 2 | 改造老旧小区30个 | 市住建局 |\n\n" + table
    )
    docs = parse_tables_all(text.encode(), "report.md")
    assert [len(d.tasks) for d in docs] == [2, 10]
    assert docs[0].tasks[1].lead_units == ["市住建局"]
    assert docs[1].tasks[0].lead_units == ["市建设局"]


def test_a_word_report_reads_its_task_table_and_its_paragraph_list() -> None:
    from tests.word import word_file

    lines = (SNIPPETS / "nanjing_2013_l107-127.md").read_text(encoding="utf-8").split("\n")
    data = word_file("附件1 重点工作任务", lines)
    docs = parse_tables_all(data, "report.docx")
    assert [(d.kind, len(d.tasks)) for d in docs] == [(None, 2), ("plan", 10)]
    assert docs[1].title == "着重推进民生实事项目"
    assert docs[0].caption == "附件1 重点工作任务"  # the paragraph above the table, not "table 1"
    # Read alone, the table; the list is named, as a list (not "the table … not the completion").
    (note,) = parse_bytes(data, "report.docx").warnings
    assert str(note).startswith("line 2: another list, “着重推进民生实事项目” (10 items)")


def test_a_web_page_reads_its_task_table_once_and_its_paragraph_list() -> None:
    # The cells are numbered and name their units as a paragraph list would: read once, as the
    # table; the paragraphs around it give the report's own list.
    paragraphs = (SNIPPETS / "nanjing_2013_l107-127.md").read_text(encoding="utf-8")
    rows = "".join(
        f"<tr><td>{n}</td><td>{n}．{text}（牵头单位：{unit}）</td><td>{unit}</td></tr>"
        for n, text, unit in (
            (1, "新建公办幼儿园10所", "市教育局"),
            (2, "改造老旧小区30个", "市住建局"),
        )
    )
    page = (
        "<html><body><p>附件1 重点工作任务</p><table><tr><th>序号</th><th>任务</th>"
        f"<th>牵头单位</th></tr>{rows}</table>"
        + "".join(f"<p>{p}</p>" for p in paragraphs.split("\n") if p.strip())
        + "</body></html>"
    )
    docs = parse_tables_all(page.encode(), "report.html")
    assert [(d.kind, len(d.tasks)) for d in docs] == [(None, 2), ("plan", 10)]


@pytest.mark.parametrize(
    ("name", "n"), [("zhejiang_2008_l106.txt", 10), ("dongying_2025_l107.txt", 15)]
)
def test_many_short_items_after_a_sentence_that_speaks_of_the_list(name: str, n: int) -> None:
    # 浙江 2008 "…把为民办实事摆在更加突出的位置。一是在就业方面，帮助25万名…" (ten);
    # 东营 2025 "…扎实办好民生实事，让…惠及全市人民。" then fifteen titles
    # "开展校园周边安全整治行动。".
    (doc,) = _lists(name)
    assert len(doc.tasks) == n


def test_the_review_by_area_with_a_slogan_each_is_not_a_list() -> None:
    # "（六）按照兜底补短要求办好民生实事，…成果。一是就业基本稳定。城镇新增就业43.6万人…".
    assert _lists("shaanxi_2015_l24.txt") == []


@pytest.mark.parametrize(
    ("name", "n", "claim", "first"),
    [
        ("kunming_2007_l60.txt", 10, "十件实事全面完成", "开发有效就业岗位8.9万个"),
        ("hangzhou_2010_l72.txt", 10, "为民办实事项目全面完成", "主城区的老社区全部达到"),
    ],
)
def test_outcome_clauses_after_the_claim_of_the_list(
    name: str, n: int, claim: str, first: str
) -> None:
    # 昆明 2007 "十件实事全面完成。开发有效就业岗位8.9万个…；对1万名…进行救助…；…";
    # 杭州 2010 "为民办实事项目全面完成。主城区的老社区全部达到充分就业社区标准…；…".
    (doc,) = _lists(name)
    assert doc.kind == "completion" and len(doc.tasks) == n
    assert doc.document_claim == claim
    # The outcome only, no task text printed.
    assert doc.tasks[0].content == "" and doc.tasks[0].completion.startswith(first)


def test_more_clauses_than_the_claim_counts_are_not_the_list() -> None:
    # "十件民生实事全面完成。整治城区黑臭水体88处；…" goes on for twelve clauses of results.
    assert _lists("changsha_2018_l48.txt") == []


@pytest.mark.parametrize(
    ("name", "n", "title"),
    [
        ("chongqing_2024_l147.txt", 15, "接续实施一批重点民生实事"),
        ("guangxi_2006_l156.txt", 8, "继续集中财力办好一批实事"),
    ],
)
def test_a_bare_opener_after_the_clause_that_names_the_list(name: str, n: int, title: str) -> None:
    # 重庆 2024 "…接续实施一批重点民生实事，包括：新开工改造城镇老旧小区…；…";
    # 广西 2006 "…继续集中财力办好一批实事，主要是：在已有15个…试点县的基础上…；…".
    (doc,) = _lists(name)
    assert (doc.kind, len(doc.tasks), doc.title) == ("plan", n, title)


@pytest.mark.parametrize(
    ("name", "first", "sixth"),
    [
        ("hainan_2015_l146-150.md", "建设省级食品检验检测中心", "改善艰苦边远地区学校教师"),
        ("yongzhou_2020_l89-91.md", "新增城区学位6万个", "投资13亿元，推进农村自来水"),
    ],
)
def test_an_inline_run_goes_on_in_the_paragraph_that_opens_with_its_next_number(
    name: str, first: str, sixth: str
) -> None:
    # "继续办好十件民生实事。一是…五是…。" then a paragraph "六是…十是…" (海南 2015);
    # "（1）…（5）…" then "（6）…" (永州 2020): one list of ten, not five.
    (doc,) = _lists(name)
    assert len(doc.tasks) == doc.stated_count == 10
    assert doc.tasks[0].content.startswith(first)
    assert doc.tasks[5].content.startswith(sixth)
    assert doc.warnings == []


def test_areas_that_each_count_their_items_are_one_list_in_groups() -> None:
    # "今年重点抓好八个方面60件实事。" then "一是把就业作为民生之本来抓。着力办好5件实事：…；…。"
    # … "八是…着力办好9件实事：…" (江西 2008): 60 tasks, the area of each its category.
    (doc,) = _lists("jiangxi_2008_l76-94.md")
    assert len(doc.tasks) == doc.stated_count == 60
    assert doc.title == "今年重点抓好八个方面60件实事"
    areas = list(dict.fromkeys(t.category for t in doc.tasks))
    assert areas[0] == "把就业作为民生之本来抓" and len(areas) == 8
    assert [t.number for t in doc.tasks][:6] == [1, 2, 3, 4, 5, 6]
    assert doc.tasks[5].category == "进一步完善社会保障制度"
    assert doc.tasks[5].content.startswith("城镇职工养老保险参保人数扩大到510万")
    assert doc.warnings == []


def test_a_group_that_prints_fewer_items_than_it_counts_says_so() -> None:
    # 南昌 2009: nine areas of "重点办好N件实事：", 62 in all; "重点办好13件实事：" prints ten
    # and "重点办好11件实事：" ten: each said at its line, and the import removes no task.
    (doc,) = _lists("nanchang_2009_l108-130.md")
    assert len(doc.tasks) == 58 and doc.stated_count == 62
    assert len({t.category for t in doc.tasks}) == 9
    assert [str(w) for w in doc.warnings] == [  # in line order
        "line 3: the text states 62, 58 items were read",
        "line 9: the text states 11件, 10 items were read",
        "line 11: the text states 13件, 10 items were read",
    ]
    assert doc.skipped


def test_the_part_of_the_report_says_a_list_is_this_years_plan() -> None:
    # Under "二、2019年主要目标和重点工作": "在全面完成省政府民生实事的同时，…集中力量办好10件实事。
    # （1）…" is the plan, whatever the clause about the province's list says (天水 2019).
    (doc,) = _lists("tianshui_2019_l1-4_l37_l133.md")
    assert (doc.kind, doc.year, len(doc.tasks)) == ("plan", 2019, 10)


def test_a_part_heading_of_the_review_makes_its_list_last_years() -> None:
    # Under "一、2022年工作回顾": "十方面民生实事高质量完成。①…⑩" is the 2022 list's
    # completion (杭州 2023), though "高质量完成" is no word of a claim.
    (doc,) = _lists("hangzhou_2023_l1-4_l14_l40.md")
    assert (doc.kind, doc.year, len(doc.tasks)) == ("completion", 2022, 10)


@pytest.mark.parametrize(
    ("first_line", "year"),
    [
        ("title: 张家界市政府工作报告（2024年12月25日 王洪斌）", 2025),
        ("——2021年12月30日在永州市第六届人民代表大会第一次会议上", 2022),
        ("title: 天水市政府工作报告（2019年1月15日 王军）", 2019),
        ("2020年政府工作报告", 2020),
    ],
)
def test_a_report_delivered_in_december_plans_the_next_year(first_line: str, year: int) -> None:
    from duban.documents.header import report_year

    assert report_year(first_line) == year


@pytest.mark.parametrize(
    ("name", "n", "title", "areas", "second_area_first"),
    [
        ("jilin_2014_l64.txt", 42, "完成42项民生实事", ("富民工程", "就业创业工程"), 3),
        (
            "daqing_2016_l57.txt",
            41,
            "着重抓好9个方面41件民生实事",
            ("扶贫脱贫方面", "全民创业方面"),
            5,
        ),
    ],
)
def test_items_numbered_through_under_areas_inside_one_paragraph(
    name: str, n: int, title: str, areas: tuple[str, str], second_area_first: int
) -> None:
    # "…完成42项民生实事…。一是富民工程。（1）…（2）…。二是就业创业工程。（3）…" (吉林 2014);
    # "…9个方面41件民生实事。一是扶贫脱贫方面。落实…。（1）…（4）…。二是全民创业方面。…（5）"
    # (大庆 2016): each area its items' category, and no item ends with the next area.
    (doc,) = _lists(name)
    assert len(doc.tasks) == doc.stated_count == n and doc.title == title
    assert doc.tasks[0].category == areas[0]
    assert doc.tasks[second_area_first - 1].category == areas[1]
    assert doc.tasks[second_area_first - 2].category == areas[0]
    assert not any("二是" in t.content for t in doc.tasks[: second_area_first - 1])
    assert doc.warnings == []


def test_areas_read_as_tasks_where_the_text_counts_areas_and_items_say_so() -> None:
    # "继续办好8个方面20件民生实事。一是实施交通畅通工程，…；…。二是…" (海口 2013): eight areas,
    # the twenty items inside them; no row is lost, and the warning says what was read.
    (doc,) = _lists("haikou_2013_l96.txt")
    assert len(doc.tasks) == 8 and doc.stated_count == 20
    assert [str(w) for w in doc.warnings] == [
        "line 1: the text states 20件 in 8 areas; each area was read as one task, with its "
        "items in its text"
    ]
    assert not doc.skipped


@pytest.mark.parametrize(
    ("name", "title", "n", "title_line"),
    [
        # "…全面完成省定12件重点民生实事。扎实办好市定10件重点民生实事：" (邵阳 2020): the lead-in
        # that counts is the title, not the sentence about the province's list before it.
        ("shaoyang_2020_l79.txt", "扎实办好市定10件重点民生实事", 10, 1),
        # "继续实施十大民生工程，办好十六件民生实事" (贵州 2012): of its two counts, the items'.
        ("guizhou_2012_l96.txt", "继续实施十大民生工程，办好十六件民生实事", 16, 1),
        # "三、扎实办好民生十件实事" over "1."–"10." (襄阳 2023), after a paragraph of prose: the
        # one heading over the run is its title, not a category of all ten.
        ("xiangyang_2023_l165-191.md", "扎实办好民生十件实事", 10, 5),
    ],
)
def test_the_title_and_count_are_the_lists_own(
    name: str, title: str, n: int, title_line: int
) -> None:
    (doc,) = _lists(name)
    assert (doc.title, doc.stated_count, len(doc.tasks), doc.title_line) == (
        title,
        n,
        n,
        title_line,
    )
    assert doc.warnings == [] and not any(t.category for t in doc.tasks)


@pytest.mark.parametrize(
    ("lines", "title", "government"),
    [
        # A Word copy of a report has no title line; its dateline and byline name the government.
        (
            ["——2009年2月3日在南昌市第十三届人民代表大会第四次会议上", "南昌市人民政府市长 胡 宪"],
            None,
            "南昌市人民政府",
        ),
        (["——2021年12月30日在永州市第六届人民代表大会第一次会议上"], None, "永州市人民政府"),
        # The title's date is no part of the name ("日广东省人民政府" before).
        (["在自治州第十五届人民代表大会"], "2022年1月18日广东省政府工作报告", "广东省人民政府"),
    ],
)
def test_the_government_of_a_report_from_its_dateline(
    lines: list[str], title: str | None, government: str
) -> None:
    from duban.documents.header import government_name

    assert government_name(lines, title) == government


def test_areas_counted_without_a_lists_noun_are_not_a_list() -> None:
    # "…10件民生实事全部办结。一年工作中，三个方面倾心最重、用力最大：" then "一是坚决有力防疫情。
    # …" (甘肃 2023): the areas of the year's review; the 实事 are another list's.
    assert _lists("gansu_2023_l72-78.md") == []


@pytest.mark.parametrize(
    ("note", "lead", "co"),
    [
        # Units printed under one label stay in that label's field (the labels' convention),
        # in a parenthesis as on separate lines ("牵头单位：…" / "责任单位：…", 昆明 2021).
        (
            "（牵头单位：市教育局，配合单位：市住建局、市自然资源局）",
            ["市教育局"],
            ["市住建局", "市自然资源局"],
        ),
        ("（牵头责任单位：市城管局；责任单位：各区人民政府）", ["市城管局"], ["各区人民政府"]),
        ("（牵头单位：市商务局）（配合单位：市市场监管局）", ["市商务局"], ["市市场监管局"]),
        ("（市住建局牵头，各区政府配合）", ["市住建局"], ["各区政府"]),
        ("牵头单位：市发改委）", ["市发改委"], []),
        # 部门 as 单位, and the other words of the roles; square brackets.
        ("（责任部门：市教育局；配合部门：市财政局）", ["市教育局"], ["市财政局"]),
        ("（牵头部门：市教育局；参与单位：市财政局）", ["市教育局"], ["市财政局"]),
        ("（承办单位：市教育局，协助单位：市财政局）", ["市教育局"], ["市财政局"]),
        ("【牵头单位：市教育局】", ["市教育局"], []),
    ],
)
def test_every_unit_notation_keeps_lead_and_co_units_apart(
    note: str, lead: list[str], co: list[str]
) -> None:
    items = "".join(f"{n}.新建公共充电桩{n}000个。{note}\n\n" for n in range(1, 11))
    text = f"2024年某市政府工作报告\n\n2024年十件民生实事\n\n{items}"
    (doc,) = parse_tables_all(text.encode(), "report.md")
    assert [(t.lead_units, t.co_units) for t in doc.tasks] == [(lead, co)] * 10
    assert doc.tasks[0].content == "新建公共充电桩1000个。"


@pytest.mark.parametrize(
    ("name", "n"),
    [
        # "在全面完成省重点民生实事的基础上，突出抓好十项重点民生实事。" (常德 2019): the clause
        # about the province's list does not make this one last year's.
        ("changde_2019_l175.txt", 10),
        # "…围绕解决…问题，办好12件实事。" (甘肃 2007), after a paragraph that spoke of 去年.
        ("gansu_2007_l84.txt", 12),
        # "我们不仅要确保圆满完成当年的奋斗目标和任务…为人民群众办好十二件实事：" (山西 2006).
        ("shanxi_2006_l167-191.md", 12),
    ],
)
def test_a_plan_list_whose_lead_in_speaks_of_completing_is_a_plan(name: str, n: int) -> None:
    (doc,) = _lists(name)
    assert (doc.kind, len(doc.tasks)) == ("plan", n)


@pytest.mark.parametrize("name", ["hebei_2015_l126.txt", "urumqi_2021_l292-310.md"])
def test_work_areas_after_a_sentence_that_names_shishi_in_passing_are_not_a_list(
    name: str,
) -> None:
    # 河北 2015 "…但我们要千方百计增加民生投入，办好民生实事。一是积极扩大就业规模。…";
    # 乌鲁木齐 2021 "…健全基本公共服务体系，持续办好利民惠民实事。" then "（一）坚持就业优先战略。…"
    # — the chapter's sections, one of them "（八）持续办好民生实事。".
    assert _lists(name) == []


def test_items_that_name_themselves_with_the_lists_noun_are_a_list() -> None:
    # 乌兰察布 2022 "…突出群众有感、普遍受益，计划实施“五位”惠民行动。一是“岗位”惠民行动。…"
    (doc,) = _lists("ulanqab_2022_l135.txt")
    assert len(doc.tasks) == 5
    assert doc.tasks[0].content.startswith("“岗位”惠民行动。")


@pytest.mark.parametrize("name", ["nanchang_2010_l142-162.md", "erdos_2015_l77-79.md"])
def test_the_areas_of_a_programme_are_not_a_list(name: str) -> None:
    # 南昌 2010 "…实施好八个方面的民生工程。" then "一是千方百计扩大就业促进创业。…"; 鄂尔多斯 2015
    # "…重点实施六个方面民生工程：一是扎实推进创业就业，…".
    assert _lists(name) == []


def test_the_reviews_sections_after_the_years_claim_are_no_list() -> None:
    # 贵阳 2005 "…市委、市政府年初确定的10件实事基本完成，各项社会事业都取得了新的成绩。" then
    # "（一）固定资产投资规模稳步增长，投资结构进一步优化。" over a paragraph of figures, to （八）.
    assert _lists("guiyang_2005_l1-4_15-50.md") == []


@pytest.mark.parametrize("name", ["urumqi_2018_l136-158.md", "heilongjiang_2009_l86-106.md"])
def test_programmes_told_in_long_narratives_are_work_areas(name: str) -> None:
    # 乌鲁木齐 2018 "（一）继续实施安全惠民工程。深化…" (five sentences an item); 黑龙江 2009
    # "（一）坚持优先发展教育，努力解决教育公平问题。…" (eight).
    assert _lists(name) == []


@pytest.mark.parametrize(
    ("name", "n", "first"),
    [
        # One paragraph each, a sentence or two: "一是就业促进工程。实施积极的就业政策，…"
        # (the tenth run into the ninth's paragraph: "…卫生室建设。十是生态环境改善工程。").
        ("xingtai_2014_l167-187.md", 10, "就业促进工程。"),
        # Run into one paragraph, however long: "集中实施十大民生工程…实施就业保障工程。".
        ("shijiazhuang_2012_l64.txt", 10, "实施就业保障工程。"),
    ],
)
def test_a_list_of_programmes_is_a_list(name: str, n: int, first: str) -> None:
    (doc,) = _lists(name)
    assert len(doc.tasks) == n
    assert doc.tasks[0].content.startswith(first)


def test_a_leader_beside_the_units_is_kept_apart_not_read_as_a_unit() -> None:
    # "（责任领导：张三；牵头单位：市教育局）": a person; the task keeps the name under its label.
    items = "".join(
        f"{n}.新建公共充电桩{n}000个。（责任领导：张三；牵头单位：市教育局）\n\n"
        for n in range(1, 11)
    )
    lines = "".join(
        f"{n}.新建公共充电桩{n}000个。\n\n【牵头单位】市发展改革委\n\n分管领导：李四\n\n"
        for n in range(1, 11)
    )
    for body, lead, person in (
        (items, "市教育局", ("责任领导", "张三")),
        (lines, "市发展改革委", ("分管领导", "李四")),
    ):
        text = f"2024年某市政府工作报告\n\n2024年十件民生实事\n\n{body}"
        (doc,) = parse_tables_all(text.encode(), "report.md")
        assert len(doc.tasks) == 10
        first = doc.tasks[0]
        assert (first.content, first.lead_units, first.co_units) == (
            "新建公共充电桩1000个。",
            [lead],
            [],
        )
        assert first.extra == dict([person])


def test_units_named_without_a_label_in_a_parenthesis_closing_the_item() -> None:
    # 西安 2025 "1．提高养老金待遇。…城乡居民基础养老金。（市人社局、市财政局）": every item.
    (doc,) = _lists("xian_2025_l176-188.md")
    assert [(t.category, t.lead_units) for t in doc.tasks] == [
        ("提高民生保障标准", ["市人社局", "市财政局"]),
        ("提高民生保障标准", ["市医疗保障局"]),
        ("提高民生保障标准", ["市医疗保障局", "市卫生健康委", "市民政局", "市教育局", "市财政局"]),
    ]
    assert doc.tasks[0].content.endswith("城乡居民基础养老金。")
    # Brackets of anything else stay in the text: "（中心城区11所、新增学位0.36万个）" (昭通 2023).
    (zhaotong,) = _lists("zhaotong_2023_l211-233.md")
    assert "（中心城区11所、新增学位0.36万个）" in zhaotong.tasks[1].content


def test_an_items_body_under_its_title_labelled_annual_goal() -> None:
    # 昭通 2023 附件1 "一、稳定扩大就业" / "年度目标：实现城镇新增就业…" / "主办单位：…".
    (doc,) = _lists("zhaotong_2023_l211-233.md")
    first = doc.tasks[0]
    assert first.item_title == "稳定扩大就业"
    assert first.content.startswith("实现城镇新增就业4.05万人以上")
    assert first.lead_units[:2] == ["市人社局", "市教体局"]


@pytest.mark.parametrize(
    ("year", "review", "plan"),
    [
        (2009, "**2008年工作回顾**", "**2009年工作总体部署**"),  # 东莞 2009, 甘肃 2009
        (2015, "**2014年工作回顾**", "**2015年总体要求和目标任务**"),  # 南京 2015
        (2025, "2024年工作回顾", "决胜“十四五”收官之年的重点任务"),  # 定西 2025
        (2021, "“十三五”期间及2020年工作回顾", "2021年政府工作重点"),  # 那曲 2021
    ],
)
def test_unnumbered_part_headings_say_which_year_a_list_is_of(
    year: int, review: str, plan: str
) -> None:
    items = "".join(
        f"{'一二三四五六七八九十'[n - 1]}是新建公共充电桩{n}000个。" for n in range(1, 11)
    )
    text = (
        f"某市{year}年政府工作报告\n\n{review}\n\n过去一年，我们做了以下工作。\n\n"
        f"七、坚持办好民生实事。以办好十件实事为重点，推进民生工程建设。{items}\n\n"
        f"{plan}\n\n今年的工作安排如下。\n\n今年办好十件民生实事：{items}\n"
    )
    docs = parse_tables_all(text.encode(), "report.md")
    assert sorted(d.kind for d in docs) == ["completion", "plan"]


def test_a_list_under_a_chapter_heading_of_the_years_tasks_is_the_plan() -> None:
    # 贵州 2005: "**2005年政府工作主要任务**", then "**二、加大力度实施西部大开发战略…**", then
    # "全面完成“十件实事”。（1）确保…": the year's goal, not last year's completion.
    (doc,) = _lists("guizhou_2005_l1-3_39-61.md")
    assert (doc.kind, doc.year, len(doc.tasks)) == ("plan", 2005, 10)


def test_a_note_on_last_years_list_after_the_tasks_part_is_a_completion() -> None:
    # 清远 2015 (its 2014 report): "**2014 年工作安排**" … "**名词解释及有关情况的说明**" …
    # "﹝15﹞十件民生实事：即2013年市政府确定的十件民生实事。…已全面完成。其中，…".
    (doc,) = _lists("qingyuan_2015_l1-3_87_183-215.md")
    assert (doc.kind, doc.year, len(doc.tasks)) == ("completion", 2013, 10)
    # "…已全面完成。其中，城镇低保…": "其中，" opens the clauses, no part of the first.
    assert doc.tasks[0].completion.startswith("城镇低保平均补贴水平")


def test_one_clause_more_than_the_count_stays_as_printed_unless_one_pair_shares_words() -> None:
    # The shape of 云南 2004 (tests/documents/test_real_lists.py), with clauses that share
    # nothing: the five stay five, and the count note says the text states four.
    text = "今年办好4件实事：新建公园5个；改造道路10条；新增学位2000个；建设公厕50座；开通公交3条。"
    (doc,) = parse_tables_all(("# 示例\n\n" + text + "\n").encode(), "report.txt")
    assert len(doc.tasks) == 5 and doc.stated_count == 4
    assert [w for w in doc.warnings if "clause" in w] == []
    assert any("states 4件, 5 items were read" in w for w in doc.warnings)
    # Two pairs sharing as much: nothing says which is the one item.
    tied = "今年办好3件实事：新建城市公园5个；改造城市公园10个；新增农村学校20所；扩建农村学校3所。"
    (doc,) = parse_tables_all(("# 示例\n\n" + tied + "\n").encode(), "report.txt")
    assert len(doc.tasks) == 4


def test_fields_the_lead_in_counts_are_areas_whatever_the_heading_names() -> None:
    # 深圳 2009 "（八）实现十大工作突破，办好十件民生实事": first "…确定了10个重点领域或关键
    # 环节…" and ten "…要有新突破。" (areas), then the 实事 themselves; 淮安 2014 "今年，重点在
    # 三大领域取得突破：" then three areas.
    (doc,) = _lists("shenzhen_2009_l116-160.md")
    assert (doc.title, doc.title_line, len(doc.tasks)) == ("全力做好十件民生实事", 25, 10)
    assert _lists("huaian_2014_l49-55.md") == []


def test_headlines_not_as_many_as_either_list_the_lead_in_counts_are_areas() -> None:
    # 深圳 2017 "…完成12项重大民生工程投资300亿元，办好119件年度民生实事…" then eleven
    # areas "一是扩大基础教育学位供给。…"; 邢台 2014's "十大民生工程" stay a list.
    assert _lists("shenzhen_2017_l76.txt") == []
    (doc,) = _lists("xingtai_2014_l167-187.md")
    assert [t.number for t in doc.tasks] == list(range(1, 11))
    assert doc.tasks[9].content.startswith("生态环境改善工程。深入开展市区大气")
    assert doc.tasks[8].content.endswith("加快697个空白村卫生室建设。")
    assert [w for w in doc.warnings if "opens inside" in w] == [
        "line 21: item 10 opens inside the paragraph of the item before; it was read as a row "
        "of its own — check it"
    ]


@pytest.mark.parametrize(
    ("name", "n", "rest"),
    [
        ("hebei_2011_l104.txt", 10, "继续做好人口计生工作"),
        ("jinchang_2019_l115.txt", 10, "扎实推进城市困难职工解困脱困工作"),
        ("loudi_2021_l115.txt", 5, "新增七件："),
    ],
)
def test_text_the_run_leaves_unread_that_may_hold_rows_is_a_warning(
    name: str, n: int, rest: str
) -> None:
    # 河北 2011 "重点办好十个方面的实事：" then twelve sentences (two items told in two); 金昌
    # 2019 numbers "1。实施…；2。…", read as ten sentences; 娄底 2021 "续推五件：…。新增七件：…".
    # The rows read are kept, the rest is said, and a re-import removes no task for it.
    (doc,) = _lists(name)
    assert len(doc.tasks) == n
    assert doc.year is None  # no title: asked for, not read off "完成2016年以前的…" (娄底)
    (said,) = [w for w in doc.warnings if "goes on" in w]
    assert said.startswith("line 1: the text goes on after the") and f"“{rest}" in said
    assert doc.skipped == [1]


def test_ten_undertakings_under_a_chapter_of_programmes_are_a_list() -> None:
    # 辽宁 2012 "（七）全力抓好民生工程" … "与此同时，还要抓好以下几件事：" then "一是今年要全面
    # 完成城区内集中连片棚户区改造。…" … "十是推进农村便民畅通工程，改造维修农村公路5000公里；…":
    # ten concrete tasks with their figures. The corpus survey marks them "areas"; read
    # carefully, they are the chapter's list (its README: the reading wins).
    (doc,) = _lists("liaoning_2012_l252-276.md")
    assert (doc.kind, len(doc.tasks), doc.stated_count) == ("plan", 10, None)
    assert doc.tasks[9].content.startswith("推进农村便民畅通工程，改造维修农村公路5000公里")


def test_a_list_pasted_over_and_over_says_its_rows_repeat() -> None:
    # 金昌 2019's paragraph of ten 实事, pasted three times (a clerk's paste gone wrong): the
    # rows are read, and one warning says how many repeat an earlier one word for word.
    paragraph = (SNIPPETS / "jinchang_2019_l115.txt").read_text("utf-8").strip()
    text = "# 示例\n\n" + "\n\n".join([paragraph] * 3) + "\n"
    docs = parse_tables_all(text.encode(), "pasted.txt")
    said = [w for d in docs for w in d.warnings if "repeat an earlier row" in w]
    assert said and "rows repeat an earlier row word for word" in said[0]


def test_the_last_item_of_a_run_keeps_its_works_up_to_the_runs_close() -> None:
    # 白城 2023 "一是实施“十大民生行动”。①留工扩岗行动。…⑩路网提升行动。建设“四好”农村路71公里，
    # …竣工通车。这些民生事项，全部实行清单管理，…二是发展社会事业。"; 聊城 2014 "…保障食品药品安全
    # 。完善…放心市。各位代表，…". The last item was cut at its title sentence.
    (doc,) = _lists("baicheng_2023_l75.txt")
    assert len(doc.tasks) == 10 and doc.tasks[0].content.startswith("留工扩岗行动。")
    assert doc.tasks[9].content.startswith("路网提升行动。建设“四好”农村路71公里")
    assert doc.tasks[9].content.endswith("竣工通车。")
    (doc,) = _lists("liaocheng_2014_l71.txt")
    assert doc.tasks[9].content.endswith("争创食品安全放心市。")


def test_a_list_between_the_reviews_heading_and_the_plans_is_last_years() -> None:
    # 梅州 2014: "2013年工作回顾" … "三、民生和社会事业有新进步" … "全力办好十件32项惠民实事：
    # 全年培训劳动力13.8万人次…；…" … "2014年工作安排" … "我们将全力办好以下十件民生实事：…".
    # The chapter heading names no year; the parts around it do.
    review, plan = _lists("meizhou_2014_l1-4_13_33_35_45_131.md")
    assert (review.kind, len(review.tasks), review.year) == ("completion", 10, 2013)
    assert (plan.kind, len(plan.tasks), plan.year) == ("plan", 10, 2014)


def test_great_livelihood_matters_counted_and_opened_with_a_colon_are_a_list() -> None:
    # 四川 2014 "要突出办好20件民生大事：改善农村通村公路1.5万公里；…"; 黔南 2022 "聚力抓好教育、
    # 健康、就业三件民生大事" names three areas and opens nothing.
    (doc,) = _lists("sichuan_2014_l115.txt")
    assert len(doc.tasks) == doc.stated_count == 20
    assert doc.tasks[0].content == "改善农村通村公路1.5万公里"
    assert _lists("qiannan_2022_l77.txt") == []
