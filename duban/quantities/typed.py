"""A figure as a reporter types or pastes it into an indicator's field, read into the
indicator's unit: "1.5万", "15,000", "１５０", "150亿元", "约150".

Pure Python, no Django: `read_typed` returns the value or why it was refused, and the form
words the refusal. Nothing is guessed: a multiplier that does not match the indicator's unit
("1.5万" where the unit is 亿元: 1.5万元? 1.5万亿元?) is refused with what it would mean, a
unit of another dimension is refused, and a value is never rounded to fit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from .measures import MAGNITUDES, convert, measure
from .numbers import CHINESE, is_chinese, to_decimal

# What people put around a figure they are not sure of to the unit ("约150", "150左右",
# "1.5万余"): the figure is what they report, the hedge is dropped.
_BEFORE = ("大约", "约为", "约", "近", "共计", "共", "累计", "合计")
_AFTER = ("左右", "余", "多")
DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"  # numbers.ARABIC without its sign: "--5" is no figure
_MULTIPLIERS = {"万亿": Decimal(10**12), **MAGNITUDES}
_TYPED_RE = re.compile(rf"(?P<sign>[-+]?)(?P<num>{DIGITS}|{CHINESE})(?P<rest>.*)")
# What an IndicatorValue holds (max_digits=20, decimal_places=4).
PLACES = 4
INTEGER_DIGITS = 16
# A change can fall below zero: a growth rate (-1.1%, 西城 2020), a difference from last
# year, a number of percentage points. Counts, amounts, areas and rates of a state (失业率,
# 覆盖率) cannot, and their metrics name none of these.
CHANGE_WORDS = (
    "增长",
    "增速",
    "增幅",
    "涨幅",
    "增减",
    "升降",
    "变化",
    "变动",
    "同比",
    "环比",
    "比上年",
    "较上年",
    "下降",
    "降低",
    "降幅",
)


@dataclass(frozen=True)
class Typed:
    """A typed figure: value in the indicator's unit, or refused ("unreadable", "other_unit",
    "multiplier", "negative", "precision", "too_large") with what it would have been."""

    value: Decimal | None
    refused: str = ""
    text: str = ""  # the typed text, tidied (full-width digits, spaces)
    reading: Decimal | None = None  # in the indicator's unit, when it could be computed
    assumed: str = ""  # the unit a bare multiplier was read with ("元" for "1.5万")


def may_be_negative(metric: str, unit: str) -> bool:
    """Whether an indicator's figure may be below zero: a change (its metric says so, or it
    is counted in percentage points); never a count, an amount or a rate of a state."""
    m = measure(unit) if unit else None
    if m is not None and m.dimension == "points":
        return True
    return any(word in metric for word in CHANGE_WORDS)


def tidy(text: str) -> str:
    """Full-width digits and signs as ASCII ("１５０" -> "150", "－5" -> "-5"), no spaces."""
    text = unicodedata.normalize("NFKC", text).replace("−", "-").replace("－", "-")
    return re.sub(r"\s+", "", text)


def plain(value: Decimal) -> str:
    """150.0000 -> "150", 0.9400 -> "0.94": as a person writes it, never 1.5E+2."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def read_typed(text: str, unit: str, *, signed: bool = False) -> Typed:
    """The figure in text, in unit; Typed(None) for an empty field.

    "150", "150亿元", "约150" in a 亿元 field: 150. "1.5万" in a 个 or 人 field: 15000 (the
    unit is counted one by one, the multiplier multiplies it); in a 万人 field, 1.5. "1.5万"
    in a 亿元 field is refused (reading 0.00015, assumed 元), so is "150平方米" there
    (other_unit), "-5" unless signed, and anything with more than PLACES decimals in unit."""
    shown = tidy(text)
    if not shown:
        return Typed(None)
    parts = _unhedged(shown)
    if parts is None:
        return Typed(None, "unreadable", shown)
    sign, num, rest = parts
    number = to_decimal(num)
    if number is None or (sign and is_chinese(num)):
        return Typed(None, "unreadable", shown)
    if sign == "-":
        number = -number
    # A Chinese numeral that holds its multiplier ("十五万") reads as a bare one ("15万").
    embedded = is_chinese(num) and ("万" in num or "亿" in num)
    typed = _in_unit(number, rest, unit, embedded)
    if typed.refused or typed.value is None:
        return Typed(None, typed.refused, shown, typed.reading, typed.assumed)
    value = typed.value
    if value < 0 and not signed:
        return Typed(None, "negative", shown, value)
    if abs(value) >= Decimal(10) ** INTEGER_DIGITS:
        return Typed(None, "too_large", shown, value)
    if value != value.quantize(Decimal(1).scaleb(-PLACES)):
        return Typed(None, "precision", shown, value)
    return Typed(value, "", shown)


def _unhedged(text: str) -> tuple[str, str, str] | None:
    """The sign, the number and what follows it (a multiplier, a unit), hedges dropped."""
    for word in _BEFORE:
        if text.startswith(word):
            text = text[len(word) :]
            break
    match = _TYPED_RE.fullmatch(text)
    if match is None:
        return None
    rest = match["rest"]
    for word in _AFTER:  # "150左右", "150亿元左右", "1.5万余"
        if rest.endswith(word):
            rest = rest[: -len(word)]
            break
    if rest[:1] in ("余", "多"):  # "150余亿元"
        rest = rest[1:]
    elif rest[:1] in ("万", "亿") and rest[1:2] in ("余", "多"):  # "1.5万余人"
        rest = rest[:1] + rest[2:]
    return match["sign"], match["num"], rest


def _in_unit(number: Decimal, rest: str, unit: str, embedded: bool) -> Typed:
    """number followed by rest (a multiplier, a unit or nothing), in unit."""
    if rest == "" and not embedded:
        return Typed(number)
    if rest == unit:
        return Typed(number)
    if rest in _MULTIPLIERS or (rest == "" and embedded):
        return _multiplied(number * _MULTIPLIERS.get(rest, Decimal(1)), rest, unit, embedded)
    if measure(rest) is None:
        return Typed(None, "unreadable")
    converted = convert(number, rest, unit)
    if converted is None:
        return Typed(None, "other_unit")
    return Typed(converted)


def _multiplied(count: Decimal, multiplier: str, unit: str, embedded: bool) -> Typed:
    """A figure with a multiplier and no unit (count is the figure multiplied out)."""
    m = measure(unit) if unit else None
    own = unit[:1] if len(unit) > 1 and unit[:1] in ("万", "亿") else ""
    if m is not None and m.dimension in ("percent", "points"):
        return Typed(None, "multiplier", reading=count)  # 1.5万%: no rate is written so
    if own and multiplier == own and not embedded:
        return Typed(count / _MULTIPLIERS[own])  # "1.5万" in a 万人 field: 1.5
    if not own:
        return Typed(count)  # "1.5万" in a 个 field: 15000个
    # "1.5万" in a 亿元 field: 1.5万元 or 1.5万亿元? Say what it would be, take neither.
    reading = count / _MULTIPLIERS[own]
    return Typed(None, "multiplier", reading=reading, assumed=m.base if m else "")
