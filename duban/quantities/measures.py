"""Units of measure as printed (个, 万平方米, %, 亿元 …) and how they compare."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

MAGNITUDES = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1000)}

# Base units by dimension. A value compares with another only within one dimension.
DIMENSIONS: dict[str, dict[str, Decimal]] = {
    "area": {"平方米": Decimal(1), "平米": Decimal(1), "平方公里": Decimal(1_000_000),
             "公顷": Decimal(10_000), "亩": Decimal("666.6667")},
    "length": {"米": Decimal(1), "延长米": Decimal(1), "公里": Decimal(1000),
               "千米": Decimal(1000)},
    "volume": {"立方米": Decimal(1)},
    "money": {"元": Decimal(1)},
    "weight": {"吨": Decimal(1), "公斤": Decimal("0.001")},
    "percent": {"%": Decimal(1), "％": Decimal(1)},
    "points": {"个百分点": Decimal(1), "百分点": Decimal(1)},
    "person_times": {"人次": Decimal(1)},
    "hours": {"小时": Decimal(1)},
    "concentration": {"微克/立方米": Decimal(1)},
}
# Counters: one dimension each, except these generic ones, which count places and bodies
# interchangeably ("百姓生活服务中心5个" is reported as "5家").
GENERIC_COUNTERS = ("个", "家", "处", "所", "座", "项", "间")
COUNTERS = (
    "个", "家", "处", "所", "座", "项", "间", "部", "条", "户", "人", "栋", "块", "片", "辆",
    "台", "套", "张", "份", "件", "种", "批", "名", "位", "支", "株", "棵", "篇", "场", "次",
    "场次", "班", "类", "本", "册", "所", "轮", "组", "宗", "节", "门", "盏", "根", "眼",
)

# All printed units, longest first so that 万平方米 wins over 万 and 平方米 over 米.
_BASE = sorted(
    {u for units in DIMENSIONS.values() for u in units} | set(COUNTERS),
    key=len, reverse=True,
)
UNITS: tuple[str, ...] = tuple(
    sorted(
        {m + u for m in ("万", "亿", "千") for u in _BASE if u not in {"%", "％", "个百分点"}}
        | set(_BASE)
        | {"万", "亿"},
        key=len, reverse=True,
    )
)


class Measure(NamedTuple):
    dimension: str
    factor: Decimal  # to the dimension's base unit
    base: str


def measure(unit: str) -> Measure | None:
    """The dimension of a printed unit and its factor; None when unknown."""
    factor = Decimal(1)
    rest = unit
    if len(unit) > 1 and unit[0] in MAGNITUDES and unit[1:] not in ("个百分点",):
        factor = MAGNITUDES[unit[0]]
        rest = unit[1:]
    for dimension, units in DIMENSIONS.items():
        if rest in units:
            return Measure(dimension, factor * units[rest], rest)
    if rest in COUNTERS:
        dimension = "count" if rest in GENERIC_COUNTERS else f"count:{rest}"
        return Measure(dimension, factor, rest)
    if unit in MAGNITUDES:
        return Measure("number", MAGNITUDES[unit], "")
    return None


def convert(value: Decimal, unit: str, to_unit: str) -> Decimal | None:
    """value in unit, expressed in to_unit; None when the two do not compare."""
    a, b = measure(unit), measure(to_unit)
    if a is None or b is None or a.dimension != b.dimension:
        return None
    return value * a.factor / b.factor


def comparable(unit: str, other: str) -> bool:
    a, b = measure(unit), measure(other)
    return a is not None and b is not None and a.dimension == b.dimension
