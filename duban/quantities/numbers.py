"""Chinese and Arabic numbers as printed in government reports, read into Decimal."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import cn2an

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
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        if text[0] not in "百千万":
            return None
        return to_decimal("一" + text)  # "百所", "千户": one hundred, one thousand
    return Decimal(str(value))


def is_chinese(text: str) -> bool:
    return bool(text) and all(ch in CN_DIGITS for ch in text)
