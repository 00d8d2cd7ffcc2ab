"""Item numbers as reports print them, read in sequence.

A number is only ever read as the one the list expects next: "62.20户以上农民集中居住区…"
(成都 2021, item 62) is item 62 followed by "20户", and "38.15分钟体育健身圈" (昆明 2021,
glossary entry 38) is entry 38 — a reader that takes the longest number sees 62.20 and 38.15.
"""

from __future__ import annotations

import re

from ..numerals import DIGITS

CN_DIGITS = DIGITS
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def chinese(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 35 -> 三十五 (up to 99)."""
    if n < 10:
        return CN_DIGITS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_DIGITS[tens - 1]
    return head + "十" + (CN_DIGITS[ones - 1] if ones else "")


def _arabic(n: int) -> str:
    full = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return f"(?:{n}|{full})"


# The marker patterns, by style, for the number n. Each matches at the position it is tried.
def marker(style: str, n: int) -> re.Pattern[str]:
    if style == "arabic":  # 1. 1． 1、 — and 62.20户: the number expected, whatever follows
        return re.compile(rf"{_arabic(n)}\s*[.．、]\s*")
    if style == "cn":  # 一、 一．
        return re.compile(rf"{chinese(n)}\s*[、．]\s*")
    if style == "paren_cn":  # （一）
        return re.compile(rf"[（(]\s*{chinese(n)}\s*[)）]\s*")
    if style == "paren_arabic":  # （1）
        return re.compile(rf"[（(]\s*{_arabic(n)}\s*[)）]\s*")
    if style == "circled":  # ①
        return re.compile(re.escape(CIRCLED[n - 1]) + r"\s*") if n <= len(CIRCLED) else _NEVER
    if style == "shi":  # 一是 (inside a paragraph only)
        return re.compile(rf"{chinese(n)}是")
    raise ValueError(style)


_NEVER = re.compile(r"(?!)")
PARAGRAPH_STYLES = ("arabic", "cn", "paren_cn", "paren_arabic", "circled", "shi")
INLINE_STYLES = ("shi", "circled", "paren_arabic", "arabic", "paren_cn")
# A heading style is one level above the item style when it heads groups of items.
LEVEL = {"cn": 0, "paren_cn": 1, "arabic": 2, "paren_arabic": 3, "circled": 4, "shi": 5}


def opening(style: str, n: int, text: str) -> int | None:
    """Length of the marker of item n at the start of text, or None."""
    m = marker(style, n).match(text)
    return m.end() if m else None


def any_opening(text: str) -> tuple[str, int] | None:
    """(style, number) of an ordinal opening a paragraph, whatever its number (1..99)."""
    m = re.match(r"[（(]\s*(\d{1,2}|[０-９]{1,2})\s*[)）]", text)
    if m:
        return "paren_arabic", int(m.group(1).translate(FULL_DIGITS))
    m = re.match(rf"[（(]\s*([{CN_DIGITS}十]{{1,3}})\s*[)）]", text)
    if m and (n := cn_value(m.group(1))):
        return "paren_cn", n
    m = re.match(rf"([{CN_DIGITS}十]{{1,3}})\s*[、．]", text)
    if m and (n := cn_value(m.group(1))):
        return "cn", n
    m = re.match(r"(\d{1,2}|[０-９]{1,2})\s*[.．、]", text)
    if m:
        return "arabic", int(m.group(1).translate(FULL_DIGITS))
    if text and text[0] in CIRCLED:
        return "circled", CIRCLED.index(text[0]) + 1
    return None


def cn_value(text: str) -> int | None:
    for n in range(1, 100):
        if chinese(n) == text:
            return n
    return None


STATED_RE = re.compile(
    rf"(\d{{1,3}}|[０-９]{{1,3}}|[{CN_DIGITS}十两]{{1,3}})\s*(件|项|个?方面的?|大类|大|类)"
)


# The noun a list's count goes with. A sentence may state two counts, and the list's is the
# one before it: 七台河 2014 "全年重点抓好六个方面工作，落实36 件惠民实事" (36, not 6); 深圳 2018
# "全年办好九大类40项民生实事" (40 items in 9 groups).
LIST_NOUN_RE = re.compile(
    r"^[^，,；;。：:]{0,10}?(?:实事|工程|项目|民生事项)"
)  # 事项: LIST_WORD_RE


def stated_count(text: str) -> tuple[int, str] | None:
    """The count a lead-in states ("十件", "１０件", "8件"), with its span. Of the groups and
    the items, the items': "着重抓好9个方面41件民生实事" (大庆 2016) states 41, "今年重点抓好八个
    方面60件实事" (江西 2008) 60."""
    found = _counts(text)
    for i, (value, span, named) in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        if named and nxt and nxt[2] and span.endswith(("方面", "大类")) and span + nxt[1] in text:
            continue
        if named:
            return value, span
    return (found[0][0], found[0][1]) if found else None


def list_count(text: str, grand: bool = True) -> int | None:
    """A count stated with a list's noun: "十件实事", "十个方面的实事", "10方面民生实事" — not
    the areas of "着重抓了八个方面的工作" (湖南 2018) or "研究部署了12项任务举措" (西安 2026).
    grand False leaves out "十大民生工程": a chapter's heading names programmes so, whose
    paragraphs are areas (乌鲁木齐 2017 "四、深入落实九大惠民工程…")."""
    return next(
        (
            value
            for value, span, named in _counts(text)
            if named and (grand or not span.endswith(("大", "类")))
        ),
        None,
    )


def list_counts(text: str) -> list[int]:
    """Every count stated with a list's noun: the groups and the items of "九大类40项民生实事"."""
    return [value for value, _span, named in _counts(text) if named]


# A count "on top of" which this list comes belongs to another list (the province's), and a
# count the list adds is its own: 运城 2021 "在全面承接、认真办好省政府确定的11件民生实事基础
# 上，再增加4件："; 池州 2020 "在实施省33项民生工程基础上，办好…8件民生实事"; 潍坊 2021 "其中，
# 接续去年28件；今年新增12件，分别是：".
OTHER_LIST_RE = re.compile(r"^[^，,；;。：:]{0,12}?(?:基础上|的同时|之外|以外)")
ADDED_RE = re.compile(r"(?:新增|再增加|增加|再办好|再新增|另办)[“\"]?$")


def _counts(text: str) -> list[tuple[int, str, bool]]:
    found = []
    for m in STATED_RE.finditer(text):
        if OTHER_LIST_RE.match(text[m.end() :]):
            continue
        raw = m.group(1)
        digits = raw.translate(FULL_DIGITS)
        value = int(digits) if digits.isdigit() else cn_value(raw.replace("两", "二"))
        if value and 2 <= value <= 99:
            named = bool(LIST_NOUN_RE.match(text[m.end() :]))
            # "十大民生工程" (邢台 2014, 贵州 2011), "十类民生项目" (黄冈 2025) count a list;
            # "三大攻坚战" does not.
            if named or m.group(2) not in ("大", "类"):
                found.append((value, m.group(0), named))
                if ADDED_RE.search(text[max(0, m.start() - 4) : m.start()]):
                    return [found[-1]]
    return found
