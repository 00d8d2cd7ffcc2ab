"""A report copied out of its PDF: lines wrapped at the page's width, page numbers between
them. The reader joins each paragraph's lines first (documents/lists/blocks.py), then reads
the lists as from the report itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from duban.documents import parse_bytes, parse_tables_all
from duban.documents.lists.blocks import blocks, wrap_width
from duban.evaluate_lists import score
from tests.shape_writers import pdf_copy

REAL = Path(__file__).resolve().parent.parent / "fixtures" / "real"
XICHENG = Path(__file__).resolve().parents[2] / "duban" / "demo" / "xicheng-2020-key-tasks.txt"
NAMES = sorted(p.name.removesuffix(".labels.json") for p in REAL.glob("*.labels.json"))
MORE = REAL.parent / "real-more"
# The second labelled set, but for the two test_real_lists reads not exact from the report.
MORE_EXACT = [
    (MORE, p.name.removesuffix(".labels.json"))
    for p in sorted(MORE.glob("*.labels.json"))
    if not p.name.startswith(("benxi_2023_done", "lanzhou_2009_done"))
]


@pytest.mark.parametrize("indent", ["\u3000\u3000", ""], ids=["indented", "not indented"])
@pytest.mark.parametrize(("folder", "name"), [(REAL, n) for n in NAMES] + MORE_EXACT)
def test_every_labelled_list_reads_exact_from_its_pdf_copy(
    folder: Path, name: str, indent: str
) -> None:
    # 清远 2014 wraps at the space of "12 条": the space stays (blocks._continued).
    from duban.evaluate_lists import fold_run_in_titles

    labels = fold_run_in_titles(json.loads((folder / f"{name}.labels.json").read_text("utf-8")))
    text = pdf_copy((folder / f"{name}.txt").read_text("utf-8"), indent=indent)
    result = score(name, labels, parse_tables_all(text.encode(), f"{name}.txt"))
    assert result.misses == []
    assert result.exact == result.rows


@pytest.mark.parametrize("name", NAMES)
def test_a_text_that_is_not_wrapped_is_read_a_line_a_paragraph(name: str) -> None:
    lines = (REAL / f"{name}.txt").read_text("utf-8").split("\n")
    assert wrap_width(lines) is None
    # Wrapped at 76: full lines run from 75 (a character did not fit) to 78 (a comma kept).
    assert 76 <= (wrap_width(pdf_copy("\n".join(lines)).split("\n")) or 0) <= 79


def test_the_xicheng_page_is_not_wrapped() -> None:
    assert wrap_width(XICHENG.read_text("utf-8").split("\n")) is None


# 昆明 2021's first item as its PDF would print it, 38 characters a line.
KUNMING = [
    "　　2021年昆明市十件惠民实事",
    *[
        "　　这是一段用来凑足行数的正文，说明报告的背景、过去一年的工作和今年的安排，共计三",
        "十八个汉字左右一行，这一行也是满的，再往下还有一行满的正文内容在这里继续写下去吧。",
        "写到这里结束。",
    ]
    * 5,
    "　　1.继续加大扶贫小额到户贷款扶持力度，实现农村低收入人口享受扶贫小额到户贷款12",
    "— 3 —",
    "亿元。（牵头单位：市扶贫办；配合单位：各县（市）区人民政府）",
    "　　2.新增城镇就业10万人。（牵头单位：市人力资源社会保障局）",
]


def test_a_wrapped_paragraph_is_one_block_on_its_first_line_without_the_page_number() -> None:
    got = {b.line: b.text for b in blocks(KUNMING)}
    assert got[17] == (
        "1.继续加大扶贫小额到户贷款扶持力度，实现农村低收入人口享受扶贫小额到户贷款12亿元。"
        "（牵头单位：市扶贫办；配合单位：各县（市）区人民政府）"
    )
    assert 18 not in got and 19 not in got  # the page number and the line it split
    # Indented, the next item is a paragraph of its own.
    assert got[20] == "2.新增城镇就业10万人。（牵头单位：市人力资源社会保障局）"


def test_an_item_number_after_a_sentence_opens_a_paragraph_where_none_is_indented() -> None:
    full = "正" * 19  # 38 wide: the page's width
    lines = [*[full + "文"] * 12, full + "。", "2.新增城镇就业10万人。", full + "增", "1.5万人。"]
    assert wrap_width(lines) == 40
    texts = [b.text for b in blocks(lines)]
    assert texts[-3].endswith("文" + full + "。")  # twelve lines and the thirteenth: one
    assert texts[-2] == "2.新增城镇就业10万人。"  # after "。", a number opens an item
    assert texts[-1] == full + "增1.5万人。"  # "1.5" is a figure, not an item's number


def test_the_list_of_a_pdf_copy_is_read_with_its_units() -> None:
    text = pdf_copy((REAL / "kunming_2021_plan.txt").read_text("utf-8"))
    doc = parse_bytes(text.encode(), "昆明.txt")
    assert len(doc.tasks) == 10
    assert "实现农村低收入人口享受扶贫小额到户贷款12亿元，新增贷款户5000户" in doc.tasks[0].content
    assert doc.tasks[0].lead_units == ["市扶贫办"]
    assert doc.tasks[0].co_units == ["各县（市）区人民政府"]


def test_justified_lines_of_a_pdf_are_full_though_their_widths_differ() -> None:
    # 昆明 2021's item 7 as pypdf took it out of a PDF WeasyPrint set justified: full lines of
    # 46 to 54 (figures and quotes set narrower or wider), the item's last line short.
    # Most lines hold 27 characters (54 wide); some, with figures, 46 to 53.
    filler = ["正" * 26 + "文"] * 20 + ["正" * 22 + "文" + "1" * k for k in range(8)]
    filler.append("正" * 10 + "。")
    lines = [
        *filler,
        "7．开展公共法律服务工作，全市公共法律服务实体、网",
        "络、热线平台为人民群众提供法律服务事项20万件以",
        "上，“12348”法律服务咨询热线24小时在线提供服务，全市",
        "办理法律援助案件8000件以上。",
        "牵头单位：市司法局",
    ]
    texts = [b.text for b in blocks(lines)]
    assert texts[-2] == (
        "7．开展公共法律服务工作，全市公共法律服务实体、网络、热线平台为人民群众提供法律服务事项"
        "20万件以上，“12348”法律服务咨询热线24小时在线提供服务，全市办理法律援助案件8000件以上。"
    )
    assert texts[-1] == "牵头单位：市司法局"
