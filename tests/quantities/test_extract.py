"""Quantities in real sentences from published key-task reports."""

from __future__ import annotations

from decimal import Decimal

import pytest

from duban.quantities import quantities
from duban.quantities.measures import comparable, convert
from duban.quantities.numbers import to_decimal


def _read(text: str) -> list[tuple[str, str, str]]:
    return [(str(q.value), q.unit, q.comparator) for q in quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("地区生产总值增长6%左右。", [("6", "%", "approx")]),
        ("城镇登记失业率控制在1.5%以内。", [("1.5", "%", "<=")]),
        ("拆除违法建设10万平方米以上", [("10", "万平方米", ">=")]),
        (
            "新建和提升便民商业服务网点40个、百姓生活服务中心5个",
            [("40", "个", "="), ("5", "个", "=")],
        ),
        ("完成不少于4个老旧小区综合整治提升。", [("4", "个", ">=")]),
        ("每个街道至少建成1片健身活动场地。", [("1", "片", ">=")]),
        ("全区全年通报不少于3万次。", [("3", "万次", ">=")]),
        ("增幅-1.1%。", [("-1.1", "%", "=")]),
        ("全年一般公共预算收入完成413.84亿元", [("413.84", "亿元", "=")]),
        ("完成四项任务", [("4", "项", "=")]),
        ("举办4-5场活动", [("4", "场", ">=")]),
        ("铺设高低压电缆2.98万米", [("2.98", "万米", "=")]),
        ("累计受益人数2.4万人次", [("2.4", "万人次", "=")]),
        ("平均浓度为40微克/立方米", [("40", "微克/立方米", "=")]),
    ],
)
def test_quantities(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _read(text) == expected


def test_numbers_run_together_are_read_as_two() -> None:
    assert _read("已拆除违法建筑1559处111876.67平方米") == [
        ("1559", "处", "="),
        ("111876.67", "平方米", "="),
    ]


def test_approximations_are_marked() -> None:
    (q,) = quantities("收到问卷3000余份")
    assert q.approx and q.value == 3000 and q.unit == "份"
    (q,) = quantities("约1200人参加")
    assert q.approx and q.comparator == "approx"


@pytest.mark.parametrize(
    "text",
    [
        "要开展好第七次全国人口普查工作。",  # ordinal
        "推进地铁12号线、16号线和19号线建设。",  # names
        "完善12345市民热线办理机制",  # a hotline
        "推动5G、区块链等技术应用",  # 5G
        "细颗粒物(PM2.5)年均浓度",  # pollutant
        "深入实施“一店一策”",  # slogan in quotes
        "研究推出一批改革创新政策",  # 一批
        "千家万户",  # idiom
        "抓好大栅栏西街、地外大街、百万庄小区等重点项目",  # a place name
        "力推动五道庙等文物修缮",  # a place name
        "2020年10月23日,成功举办",  # dates
        "推进水务集中管理平台二期建设",  # phase
        "逐步推动公园绿地500米服务半径覆盖率的提升",  # parameter of a metric
        "一是完善机制,二要加强管理",  # enumerations
    ],
)
def test_not_quantities(text: str) -> None:
    assert _read(text) == []


def test_chinese_numerals() -> None:
    assert to_decimal("十三") == 13
    assert to_decimal("两") == 2
    assert to_decimal("1,234.5") == Decimal("1234.5")
    assert to_decimal("abc") is None


def test_conversion_between_printed_units() -> None:
    assert convert(Decimal("111876.67"), "平方米", "万平方米") == Decimal("11.187667")
    assert convert(Decimal(5), "家", "个") == 5
    assert convert(Decimal(2), "公里", "米") == 2000
    assert convert(Decimal(1), "条", "个") is None
    assert comparable("万元", "亿元") and not comparable("%", "个百分点")
