"""Figures as reporters type and paste them into an indicator's field, read into its unit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from duban.quantities.typed import may_be_negative, plain, read_typed


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("150", "亿元", "150"),
        ("150亿元", "亿元", "150"),
        ("约150", "亿元", "150"),
        ("150左右", "亿元", "150"),
        ("150余亿元", "亿元", "150"),
        ("１５０", "亿元", "150"),  # full-width, as a Chinese input method types it
        (" 150 亿元 ", "亿元", "150"),
        ("2000万元", "亿元", "0.2"),  # a unit written out: converted, nothing guessed
        ("1.5亿", "亿元", "1.5"),  # the unit's own multiplier
        ("1.5万", "个", "15000"),
        ("1.5万", "人", "15000"),
        ("1.5万", "户", "15000"),
        ("1.5万", "万人", "1.5"),
        ("15,000", "户", "15000"),
        ("１５，０００", "户", "15000"),
        ("15000户", "户", "15000"),
        ("十五", "个", "15"),
        ("十五万", "人", "150000"),
        ("0.94", "%", "0.94"),
        ("0.94%", "%", "0.94"),
        ("０．９４％", "%", "0.94"),
        ("12公里", "千米", "12"),
        ("3平方公里", "万平方米", "300"),
        ("+5", "个", "5"),
    ],
)
def test_typed_figures_are_read_into_the_indicators_unit(text: str, unit: str, value: str) -> None:
    typed = read_typed(text, unit)
    assert typed.refused == ""
    assert typed.value == Decimal(value)


def test_an_empty_field_is_no_figure_and_no_refusal() -> None:
    assert read_typed("  ", "亿元").value is None
    assert read_typed("", "亿元").refused == ""


def test_a_multiplier_the_unit_does_not_have_is_refused_with_what_it_would_mean() -> None:
    typed = read_typed("1.5万", "亿元")
    assert (typed.value, typed.refused) == (None, "multiplier")
    assert (typed.reading, typed.assumed) == (Decimal("0.00015"), "元")
    assert plain(typed.reading) == "0.00015"
    chinese = read_typed("十五万", "亿元")
    assert (chinese.refused, chinese.reading) == ("multiplier", Decimal("0.0015"))
    assert read_typed("1.5万", "%").refused == "multiplier"  # no rate is 15000%


@pytest.mark.parametrize("text", ["abc", "1,5", "1.5e3", "--5", "150吨吨", "一点五", "."])
def test_what_cannot_be_read_is_refused_and_kept_as_typed(text: str) -> None:
    typed = read_typed(text, "亿元")
    assert (typed.value, typed.refused) == (None, "unreadable")
    assert typed.text == text


def test_a_unit_of_another_kind_is_refused() -> None:
    assert read_typed("150平方米", "亿元").refused == "other_unit"
    assert read_typed("150人", "亿元").refused == "other_unit"


def test_a_figure_is_never_rounded_to_fit() -> None:
    typed = read_typed("1.5万元", "亿元")  # 0.00015 亿元: four decimals are kept
    assert (typed.value, typed.refused, typed.reading) == (None, "precision", Decimal("0.00015"))
    assert read_typed("1" + "0" * 16, "元").refused == "too_large"


def test_a_negative_figure_only_where_the_indicator_may_fall_below_zero() -> None:
    assert read_typed("-5", "亿元").refused == "negative"
    assert read_typed("－5", "个").refused == "negative"
    assert read_typed("-1.1", "%", signed=True).value == Decimal("-1.1")
    assert read_typed("-1.1%", "%", signed=True).value == Decimal("-1.1")


@pytest.mark.parametrize(
    ("metric", "unit", "signed"),
    [
        ("固定资产投资", "亿元", False),
        ("新增市场主体", "户", False),
        ("城镇登记失业率", "%", False),
        ("地区生产总值增长", "%", True),
        ("一般公共预算收入同比增长", "%", True),
        ("PM2.5年均浓度下降", "%", True),
        ("城镇调查失业率", "个百分点", True),
    ],
)
def test_which_indicators_may_be_negative(metric: str, unit: str, signed: bool) -> None:
    assert may_be_negative(metric, unit) is signed


def test_plain_writes_a_figure_as_a_person_would() -> None:
    assert [plain(Decimal(v)) for v in ("150.0000", "0.9400", "15000", "-1.10", "0.0000")] == [
        "150",
        "0.94",
        "15000",
        "-1.1",
        "0",
    ]
