"""What a target's figure is named by: the words before it, or, after a verb of works, what
it counts after it. Measured on the labelled lists by `make corpus` (names near the label's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from duban.evaluate_lists import score_targets
from duban.quantities.matching import targets_of


@pytest.mark.parametrize(
    ("content", "metric"),
    [
        ("改造建设5个街道（乡镇）养老服务中心", "改造建设街道（乡镇）养老服务中心"),  # 普洱 2022
        ("全面开工3506户老旧小区改造", "全面开工老旧小区改造"),  # 景德镇 2023
        ("打通中心城区“断头路”20条", "打通中心城区“断头路”"),  # 成都 2021: nothing after
        # A verb of works, then where: 云南 2004, 景德镇 2023.
        ("解决全省247个行政村通公路的问题", "解决全省行政村通公路"),
        ("启动中心城区3566套保障性租赁住房建设", "启动中心城区保障性租赁住房建设"),
        ("新增城镇就业5.4万人", "新增城镇就业"),
    ],
)
def test_a_figure_is_named_by_what_it_counts(content: str, metric: str) -> None:
    (target,) = targets_of(content)
    assert target.metric == metric


def test_the_labelled_lists_targets_are_read_with_their_names() -> None:
    # The 16 labelled lists (tests/fixtures/real): 294 targets labelled; a floor, not a goal.
    s = score_targets(Path(__file__).resolve().parents[1] / "fixtures" / "real")
    assert s.labelled == 294
    assert s.found / s.read >= 0.98 and s.found / s.labelled >= 0.98
    assert s.names_near >= 259, s.far
