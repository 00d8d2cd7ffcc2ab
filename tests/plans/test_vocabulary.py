"""One vocabulary on both sides of the pure cores: the statuses, comparators and kept /
not-kept sets the cores write by value (they import no Django) are the models' own."""

from __future__ import annotations

import pytest

from duban.plans.models import NOT_KEPT, Indicator, Status
from duban.quantities import assess
from duban.quantities.assessment import STATUSES
from duban.reporting import lights


def test_the_assessments_statuses_are_the_models() -> None:
    assert tuple(Status.values) == STATUSES


def test_the_lights_promises_not_kept_are_the_models() -> None:
    assert {str(s) for s in NOT_KEPT} == lights.NOT_KEPT | lights.PARTLY


@pytest.mark.parametrize(
    "content",
    [
        "拆除违法建设10万平方米以上。",
        "PM2.5年均浓度控制在40微克/立方米以内。",
        "地区生产总值增长6%左右。",
        "新建便民商业网点40个。",
        "住院补偿比例提高到55%。",
        "城镇新增就业超1.74万人。",
    ],
)
def test_every_comparator_the_reader_gives_is_an_indicators(content: str) -> None:
    targets = assess(content, "").targets
    assert targets
    assert {t.comparator for t in targets} <= set(Indicator.Comparator.values)
