"""The Xicheng 2020 publication: every row, every cell, character for character."""

from __future__ import annotations

import json

import pytest

from duban.documents import ParsedDocument
from tests.conftest import LABELS
from tests.conftest import XICHENG as DEMO

FIELDS = ("category", "number", "content", "lead_units_raw", "lead_units", "completion")
LABELLED = json.loads(LABELS.read_text("utf-8"))


@pytest.mark.parametrize("label", LABELLED["tasks"], ids=lambda t: f"row{t['number']}")
def test_labelled_rows_match_exactly(xicheng_doc: ParsedDocument, label: dict) -> None:
    task = xicheng_doc.tasks[label["number"] - 1]
    for field in FIELDS:
        assert getattr(task, field) == label[field], field


def test_document_facts(xicheng_doc: ParsedDocument) -> None:
    assert xicheng_doc.title == LABELLED["title"]
    assert xicheng_doc.caption == LABELLED["table_caption"]
    assert xicheng_doc.published == "2021-03-08"
    assert xicheng_doc.year == 2020
    assert xicheng_doc.government == "北京市西城区人民政府"
    assert xicheng_doc.warnings == []


def test_all_136_rows_in_sequence_with_a_unit_and_a_completion(xicheng_doc) -> None:
    assert [t.number for t in xicheng_doc.tasks] == list(range(1, 137))
    for task in xicheng_doc.tasks:
        assert task.content and task.completion and task.lead_units, task.number


def test_eight_categories_in_order(xicheng_doc) -> None:
    categories = list(dict.fromkeys(t.category for t in xicheng_doc.tasks))
    assert categories == [
        "经济社会发展主要预期目标",
        "首都功能核心区控制性详规落地落实",
        "经济高质量发展",
        "首都功能核心区治理",
        "城市环境品质提升",
        "增强老城文化魅力和影响力",
        "保障和改善民生",
        "政府自身建设",
    ]


def test_row_whose_content_starts_with_a_digit_keeps_its_number(xicheng_doc) -> None:
    row = xicheng_doc.tasks[64]
    assert row.number == 65
    assert row.content.startswith("1.围绕“七有”“五性”")
    assert row.lead_units == ["各街道办事处"]
    assert row.completion.startswith("1.各街道高度重视")


def test_units_spread_over_lines_and_truncated_names_completed(xicheng_doc) -> None:
    by_number = {t.number: t for t in xicheng_doc.tasks}
    assert by_number[40].lead_units_raw == ["区财政", "区税务局"]
    assert by_number[40].lead_units == ["区财政局", "区税务局"]
    assert by_number[84].lead_units == ["区园林绿化局", "和谐宜居示范区建设指挥部"]
    assert by_number[101].lead_units == ["区卫生健康委", "区民政局(区委社会工委)"]
    assert by_number[111].lead_units == ["区房管局", "区住房城市建设委(区重大办)"]
    assert by_number[132].lead_units == [
        "区生态环境局",
        "区市场监督管理局",
        "区城管执法局",
        "区文化和旅游局",
        "区应急局",
    ]
    assert by_number[84].content == "推动西单文化广场城市森林(二期)建设。"


def test_padded_units_keep_their_print_and_normalize(xicheng_doc) -> None:
    by_number = {t.number: t for t in xicheng_doc.tasks}
    assert by_number[123].lead_units_raw == ["区民政局\xa0 (区委社会工委)"]
    assert by_number[123].lead_units == ["区民政局(区委社会工委)"]
    assert by_number[70].lead_units == ["区环卫中心(环雅丽都)"]
    assert by_number[70].completion.startswith("一是针对影响扬尘治理")


def test_units_without_prefix_found_by_their_suffix(xicheng_doc) -> None:
    by_number = {t.number: t for t in xicheng_doc.tasks}
    assert by_number[29].lead_units == ["西城园管委会"]
    assert by_number[77].lead_units == ["北展指挥部"]
    assert by_number[76].lead_units == ["西城交通支队"]


def test_content_without_full_stop_still_splits(xicheng_doc) -> None:
    row = xicheng_doc.tasks[24]
    assert row.content.endswith("全面提升金融街配套设施国际化水平")
    assert row.lead_units == ["北京金融街服务局(区金融办)"]


def test_page_footer_is_not_part_of_the_last_row(xicheng_doc) -> None:
    last = xicheng_doc.tasks[-1]
    assert last.number == 136
    assert "回到顶部" not in last.completion
    assert "12345" not in last.completion


def test_no_character_of_a_row_is_lost(xicheng_doc) -> None:
    """Cells put back together give the row lines as printed, less white space."""
    from tests.conftest import XICHENG

    source = "".join(XICHENG.read_text("utf-8").split())
    for task in xicheng_doc.tasks:
        joined = "".join(
            (task.category or "")
            + str(task.number)
            + task.content
            + "".join(task.lead_units_raw)
            + task.completion
        )
        flat = "".join(joined.split()).replace("\xa0", "")
        assert flat in source.replace("\xa0", ""), task.number


def test_all_136_rows_as_checked_by_reading(xicheng_doc) -> None:
    """Every row's cells as read and checked when the reader was written (regression guard)."""
    from tests.conftest import LABELS

    checked = json.loads((LABELS.parent / "xicheng-2020-all-rows.json").read_text("utf-8"))
    for row, task in zip(checked["tasks"], xicheng_doc.tasks, strict=True):
        for field in FIELDS:
            assert getattr(task, field) == row[field], (row["number"], field)


def test_a_table_ten_times_as_long_reads_every_row_with_its_categories_again() -> None:
    # The 136 rows ten times over, numbered 1–1360: the categories come again at 137, 273 …
    from duban.documents import parse_bytes
    from tests.shape_writers import flat_page_repeated

    base = parse_bytes(DEMO.read_bytes(), DEMO.name)
    text = flat_page_repeated(DEMO.read_text("utf-8"), base, 10)
    doc = parse_bytes(text.encode(), "long.txt")
    assert [t.number for t in doc.tasks] == list(range(1, 1361))
    for k in range(10):
        copy = doc.tasks[136 * k : 136 * (k + 1)]
        assert [(t.content, t.lead_units, t.completion) for t in copy] == [
            (t.content, t.lead_units, t.completion) for t in base.tasks
        ]
    again = [w for w in doc.warnings if "comes again" in w]
    assert len(again) == 8 and again[0].startswith("line ")
    assert sum("the table's header again" in w for w in doc.warnings) == 10
