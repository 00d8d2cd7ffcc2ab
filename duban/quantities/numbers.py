"""Chinese and Arabic numbers as printed in government reports, read into Decimal."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
ARABIC = r"[-−]?\d+(?:,\d{3})*(?:\.\d+)?"
CHINESE = f"[{CN_DIGITS}]+"
NUMBER_RE = re.compile(f"(?:{ARABIC}|{CHINESE})")


@lru_cache(maxsize=4096)  # the same few numerals recur; cn2an takes ~50 µs a call
def to_decimal(text: str) -> Decimal | None:
    """'1,234.5' -> 1234.5; '十三' -> 13; '两' -> 2; None when it is not a number."""
    text = text.strip().replace("−", "-").replace(",", "")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        pass
    plain = chinese_numeral(text)
    if plain is not None:
        return Decimal(plain)
    import cn2an  # the rest (三万五, 三百五: an abbreviated last unit); 0.2 s to import

    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        if text[0] not in "百千万":
            return None
        return to_decimal("一" + text)  # "百所", "千户": one hundred, one thousand
    return Decimal(str(value))


def is_chinese(text: str) -> bool:
    return bool(text) and all(ch in CN_DIGITS for ch in text)


_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_DIGIT |= {"八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_LARGE = {"万": 10**4, "亿": 10**8}


# C901: one pass over the characters, each branch a rule of the numeral's grammar (digits,
# 十百千 within a section, 万亿 between them, 零 for a skipped place), checked against cn2an.
def chinese_numeral(text: str) -> int | None:  # noqa: C901
    """A Chinese numeral written out in full ("一百零五", "二十五万五千", "十三", "两千") or digit
    by digit ("二〇二〇"), as cn2an's smart mode reads it; None for any other form, which
    to_decimal leaves to cn2an (tests/quantities/test_numerals.py compares the two)."""
    if not text:
        return None
    if all(ch in _DIGIT for ch in text):
        return int("".join(str(_DIGIT[ch]) for ch in text))
    if text[0] in ("零", "〇"):
        return None
    below = text.rsplit("亿", 1)[1] if "亿" in text else ""
    if below and ("零" in text or "〇" in text or "万" not in below):
        return None  # cn2an refuses most of these (一千零二亿五千万, 七亿六千); 一亿二千万 it reads
    total = section = 0
    digit: int | None = None
    zero = False
    small, large = 10**4, 10**12  # the units allowed next must be below these
    last = 0  # the last unit read
    for i, ch in enumerate(text):
        if ch in _DIGIT:
            if digit is not None or (_DIGIT[ch] == 0 and (zero or last == 10)):
                return None
            if _DIGIT[ch] == 0:
                zero = True
            else:
                digit = _DIGIT[ch]
        elif ch in _SMALL:
            unit = _SMALL[ch]
            if unit >= small or (digit is None and (i > 0 or ch != "十")):
                return None
            if zero and unit * 100 > (last if last < 10**4 else 10**4):
                return None  # a 零 stands for a skipped place: "四百零一十" is no numeral
            section += (digit or 1) * unit
            digit, zero, small, last = None, False, unit, unit
        elif ch in _LARGE:
            unit = _LARGE[ch]
            if digit is not None and last > 10 and not zero:
                return None  # "一百六亿", "七千九万": cn2an refuses them
            section += digit or 0
            if unit >= large or section == 0 or zero:
                return None
            total += section * unit
            section, digit, small, large, last = 0, None, 10**4, unit, unit
        else:
            return None
    if digit is not None:
        if last > 10 and not zero:
            return None  # "三百五" is 350, "三万五" 35,000: cn2an's reading
        section += digit
    elif zero:
        return None
    return total + section
