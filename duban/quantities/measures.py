"""Units of measure as printed (个, 万平方米, %, 亿元 …) and how they compare."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

MAGNITUDES = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1000)}

# Base units by dimension. A value compares with another only within one dimension.
DIMENSIONS: dict[str, dict[str, Decimal]] = {
    "area": {
        "平方米": Decimal(1),
        "平米": Decimal(1),
        "平方公里": Decimal(1_000_000),
        "公顷": Decimal(10_000),
        "亩": Decimal("666.6667"),
    },
    "length": {
        "米": Decimal(1),
        "延长米": Decimal(1),
        "公里": Decimal(1000),
        "千米": Decimal(1000),
    },
    "volume": {"立方米": Decimal(1)},
    "money": {"元": Decimal(1)},
    "weight": {"吨": Decimal(1), "公斤": Decimal("0.001")},
    "percent": {"%": Decimal(1), "％": Decimal(1)},
    "points": {"个百分点": Decimal(1), "百分点": Decimal(1)},
    "person_times": {"人次": Decimal(1)},
    # People counted with any measure word: 45万人, 13.5万名, 107.6万人口 count alike.
    "persons": {"人": Decimal(1), "名": Decimal(1), "位": Decimal(1), "人口": Decimal(1)},
    "hours": {"小时": Decimal(1)},
    "concentration": {"微克/立方米": Decimal(1)},
}
# Counters: one dimension each, except the places and bodies. 个 counts anything, so it
# compares with 家, 处, 所 … ("百姓生活服务中心5个" is reported as "百姓生活服务中心5家",
# Xicheng 16); the matcher then asks for the same object. Two different ones of these never
# compare: a 家 is not a 所 ("140家中小学和幼儿园" is not measured by "5所医院", Xicheng 76).
GENERIC_COUNTERS = ("个", "家", "处", "所", "座", "项", "间")
ANY_COUNTER = "个"
COUNTERS = (
    "个",
    "家",
    "处",
    "所",
    "座",
    "项",
    "间",
    "部",
    "条",
    "户",
    "栋",
    "块",
    "片",
    "辆",
    "台",
    "套",
    "张",
    "份",
    "件",
    "种",
    "批",
    "支",
    "株",
    "棵",
    "篇",
    "场",
    "次",
    "场次",
    "班",
    "类",
    "本",
    "册",
    "所",
    "轮",
    "组",
    "宗",
    "节",
    "门",
    "盏",
    "根",
    "眼",
)
# The last words of a counted noun printed straight after 万 ("30万农村特困人口",
# "12万下岗失业人员", "80万贫困中小学生"): the printed unit is 万 and the noun, a count of people.
PERSON_NOUNS = (
    "人口",
    "人员",
    "学生",
    "群众",
    "农民",
    "职工",
    "老人",
    "儿童",
    "居民",
    "患者",
    "劳动力",
    "妇女",
    "残疾人",
    "毕业生",
    "家庭",
)

# All printed units, longest first so that 万平方米 wins over 万 and 平方米 over 米.
_BASE = sorted(
    {u for units in DIMENSIONS.values() for u in units} | set(COUNTERS),
    key=len,
    reverse=True,
)
UNITS: tuple[str, ...] = tuple(
    sorted(
        {m + u for m in ("万", "亿", "千") for u in _BASE if u not in {"%", "％", "个百分点"}}
        | set(_BASE)
        | {"万", "亿"},
        key=len,
        reverse=True,
    )
)


class Measure(NamedTuple):
    dimension: str
    factor: Decimal  # to the dimension's base unit
    base: str


@lru_cache(maxsize=1024)  # a report prints a few dozen units, each compared many times
def measure(unit: str) -> Measure | None:
    """The dimension of a printed unit and its factor; None when unknown."""
    factor = Decimal(1)
    # "4801套（户）", "964套（间）": a counter with its alternative in brackets counts as the first.
    rest = unit.split("（", 1)[0] if unit.endswith("）") else unit
    unit = rest
    if len(unit) > 1 and unit[0] in MAGNITUDES and unit[1:] not in ("个百分点",):
        factor = MAGNITUDES[unit[0]]
        rest = unit[1:]
    for dimension, units in DIMENSIONS.items():
        if rest in units:
            return Measure(dimension, factor * units[rest], rest)
    if rest in COUNTERS:
        dimension = "count" if rest in GENERIC_COUNTERS else f"count:{rest}"
        return Measure(dimension, factor, rest)
    if factor != 1 and rest.endswith(PERSON_NOUNS):
        return Measure("persons", factor, "人")
    if unit in MAGNITUDES:
        return Measure("number", MAGNITUDES[unit], "")
    return None


def _same(a: Measure | None, b: Measure | None) -> bool:
    if a is None or b is None or a.dimension != b.dimension:
        return False
    return a.dimension != "count" or a.base == b.base or ANY_COUNTER in (a.base, b.base)


def convert(value: Decimal, unit: str, to_unit: str) -> Decimal | None:
    """value in unit, expressed in to_unit; None when the two do not compare."""
    a, b = measure(unit), measure(to_unit)
    if a is None or b is None or not _same(a, b):
        return None
    return value * a.factor / b.factor


def comparable(unit: str, other: str) -> bool:
    return _same(measure(unit), measure(other))
