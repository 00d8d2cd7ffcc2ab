"""Milestones read from a plan's text (milestone_text.py): real sentences of work reports."""

from __future__ import annotations

import datetime as dt

import pytest

from duban.reporting.milestone_text import milestones

D = dt.date


def _read(text: str, year: int = 2020) -> list[tuple[dt.date, str]]:
    return [(m.due, m.text) for m in milestones(text, year)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "6月底前完成招标，12月底前建成",
            [(D(2020, 6, 30), "完成招标"), (D(2020, 12, 31), "建成")],
        ),
        (
            "新增中小学学位2000个，6月底前完成招标，12月底前建成。",
            [(D(2020, 6, 30), "完成招标"), (D(2020, 12, 31), "建成")],
        ),
        (
            "力争9月30日前完成主体结构封顶；年底前投入使用。",
            [(D(2020, 9, 30), "完成主体结构封顶"), (D(2020, 12, 31), "投入使用")],
        ),
        (
            "上半年完成方案编制，三季度末开工建设",
            [(D(2020, 6, 30), "完成方案编制"), (D(2020, 9, 30), "开工建设")],
        ),
        ("2021年3月底前完成验收", [(D(2021, 3, 31), "完成验收")]),
        ("确保十月底前全部交付", [(D(2020, 10, 31), "全部交付")]),
    ],
)
def test_dated_clauses_are_milestones(text: str, expected: list[tuple[dt.date, str]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "推进背街小巷环境精细化整治提升。",
        "完成2019年12月底前的欠款清理",  # a date inside a clause
        "6月底前",  # a date with nothing to do
        "13月底前完成",  # no such month
        "地区生产总值增长6%左右",
    ],
)
def test_other_text_is_not(text: str) -> None:
    assert _read(text) == []
