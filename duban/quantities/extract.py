"""Find the quantities in a sentence: value, unit as printed, comparator, and their context.

"拆除违法建设10万平方米以上" gives 10 万平方米 '>='; "已拆除违法建筑1559处111876.67平方米" gives
1559 处 and 111876.67 平方米. Ordinals (第七次), names and ids (12号线, 12345热线, PM2.5, 5G),
slogans in quotes (“一店一策”), idioms with Chinese numerals (千家万户, 一批) and dates are not
quantities.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .measures import PERSON_NOUNS, UNITS
from .numbers import ARABIC, CHINESE, CN_DIGITS, is_chinese, to_decimal

_UNIT_ALT = "|".join(re.escape(u) for u in UNITS)
# A space may stand between a number and its unit where a page was typeset
# ("新增城镇就业人数超 1.74 万人", "启动中心城区 3508 套保障性租赁住房建设", 景德镇 2023).
_GAP = "[ \u00a0]?"
QUANTITY_RE = re.compile(
    # The lookahead changes nothing that matches (every number starts with one of these) but
    # lets the engine reject most positions at once: a third faster over a report.
    rf"(?=[-−\d{CN_DIGITS}])"
    rf"(?P<num>{ARABIC}|{CHINESE})"
    rf"(?:\s*[—~～至到-]\s*(?P<upper>{ARABIC}|{CHINESE}))?"
    # 多/余 between the multiplier and the measure word: "7.6万多个", "126万多平方米".
    rf"(?:(?P<mag>[万亿])(?P<approx_mag>余|多))?"
    rf"(?P<approx_mid>余|多)?{_GAP}"
    rf"(?P<unit>{_UNIT_ALT})"
    # "4801套（户）", "964套（间）": the alternative counter is part of the printed unit.
    rf"(?P<alt>（[户间个处座所家套]）)?"
    rf"(?P<approx_after>余|多)?"
    rf"(?P<suffix>及以上|以上|以下|以内|左右)?"
)
# A counted noun printed straight after 万 or 亿, with no measure word: the unit is the
# multiplier and the noun ("3万农村人口", "14.8万下岗失业人员"; labels' convention).
_NOUN_UNIT_RE = re.compile("[\u4e00-\u9fff]{0,8}?(?:" + "|".join(PERSON_NOUNS) + ")")
_NOT_IN_NOUN = set("的了和及与是在对为将把被由从")
SENTENCE_BREAK = "。；;！!？?\n"
CLAUSE_BREAK = SENTENCE_BREAK + "，,：:、"
# Words just before a number that say how it compares. Longest first.
# "超过X"/"超X" are floors (more than X, '>'), as are "X余"/"X多" below; "达X", "提高到X" …
# are ">=" ("住院补偿比例提高到55%", 景德镇 2016; "覆盖率分别达98.5%和96%", 昆明 2006).
BEFORE_WORDS: tuple[tuple[str, str], ...] = (
    ("不少于", ">="),
    ("不低于", ">="),
    ("至少", ">="),
    ("不超过", "<="),
    ("超过", ">"),
    ("达到", ">="),
    ("提高到", ">="),
    ("增加到", ">="),
    ("扩大到", ">="),
    ("提升到", ">="),
    ("提高至", ">="),
    ("增加至", ">="),
    ("达", ">="),
    ("超", ">"),
    ("不高于", "<="),
    ("控制在", "<="),
    ("低于", "<="),
    ("约", "approx"),
    ("近", "approx"),
    ("大约", "approx"),
)
_BEFORE_ENDINGS = tuple(word for word, _ in BEFORE_WORDS)
# Words whose last character is a comparator's: "新建X波段相控阵雷达3部" (成都 2023, 74) counts
# radars, it does not promise "at least 3"; "直达2条", "附近2处".
_WORDS_ENDING_IN_A_COMPARATOR = (
    "雷达",
    "直达",
    "通达",
    "到达",
    "抵达",
    "送达",
    "下达",
    "附近",
    "邻近",
)
SUFFIX_COMPARATORS = {"以上": ">=", "及以上": ">=", "以下": "<=", "以内": "<=", "左右": "approx"}
# After the unit: these make the number part of a name, not a quantity.
NAME_AFTER = ("号线", "号", "届", "期", "周年", "热线", "工程")
# After the unit: these make the number a parameter of the metric ("500米服务半径覆盖率").
PARAMETER_AFTER = ("服务半径", "半径", "范围内", "见方")
# A comparator may stand a short verb away: "至少建成1片", "不少于4个".
BEFORE_VERB_RE = re.compile(r"(不少于|不低于|至少|力争达到|确保达到)([\u4e00-\u9fff]{1,3})$")


# The basis of a rate, just before it: "补助标准为小学每生每年1000元" (成都 2021, 40), "按每人每年
# 800元标准落实供养待遇" (湖北 2005 plan). A rate is compared only with a rate on that basis.
BASIS_RE = re.compile(r"(?:每[\u4e00-\u9fff]{1,2}?){1,2}(?:人|户|生|年|月|天|日|次)?$")


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    unit: str
    comparator: str
    start: int
    end: int
    span: str
    approx: bool
    before: str  # the clause before the number (comparator words removed)
    clause_start: int
    after: str  # the clause after the quantity
    clause: str
    sentence: str
    upper: Decimal | None = None
    counted: bool = False  # a Chinese numeral put to work by a verb ("新建两所")
    basis: str = ""  # a rate's basis: "每生每年" in "小学每生每年1000元"

    @property
    def context(self) -> str:
        return self.before + self.after


_BREAK_RES: dict[str, re.Pattern[str]] = {}


def _breaks(text: str, chars: str) -> list[int]:
    pattern = _BREAK_RES.get(chars)
    if pattern is None:
        pattern = _BREAK_RES[chars] = re.compile(f"[{re.escape(chars)}]")
    return [m.start() for m in pattern.finditer(text)]


def _bounds(breaks: list[int], pos: int, length: int) -> tuple[int, int]:
    """The span between the break before pos and the break after it."""
    i = bisect_left(breaks, pos)
    start = breaks[i - 1] + 1 if i > 0 else 0
    return start, breaks[i] if i < len(breaks) else length


def _inside_quotes(text: str, pos: int) -> bool:
    return text.count("“", 0, pos) > text.count("”", 0, pos) or text.count(
        "「", 0, pos
    ) > text.count("」", 0, pos)


# A Chinese numeral is a count when a verb of building or holding puts it to work and a
# counter follows: "新建两所优质高中", "新增两所高等院校", "改造百个以上重点自然村" (work
# reports of the corpus), "举办一场", "开展两次". Not "打造六个高地" (a slogan's verb) or
# "两个千亿级" (a figure follows).
CN_COUNT_VERBS = ("新建", "建成", "新增", "改造", "改扩建", "举办", "开展", "建设完成")
CN_COUNTERS = "所场次座家处条个项"


def counted_after_verb(text: str, m: re.Match[str]) -> bool:
    start, unit = m.start("num"), m.group("unit")
    if not text.endswith(CN_COUNT_VERBS, 0, start) or unit not in CN_COUNTERS:
        return False
    nxt = text[m.end("unit") : m.end("unit") + 1]
    return bool(nxt) and nxt not in CN_DIGITS and not nxt.isdigit() and nxt != "性"


def _excluded(text: str, m: re.Match[str]) -> bool:
    num = m.group("num")
    start = m.start("num")
    prev = text[start - 1] if start else ""
    if prev and (prev.isascii() and (prev.isalnum() or prev in "._/")):
        return True  # PM2.5, COVID-19, No.5
    if prev in ("第", "每"):
        return True  # ordinals; rates ("每千人") are read elsewhere
    if is_chinese(num):
        if counted_after_verb(text, m):
            return False
        if num in ("一", "两") or set(num) <= set("十百千万亿"):
            return True  # 一批, 两会, 千家万户: idioms, not counts
        nxt = text[m.end("num") : m.end("num") + 1]
        if prev and "\u4e00" <= prev <= "\u9fff" and prev in "一二三四五六七八九十":
            return True
        if nxt in "是要":
            return True  # 一是, 二要: enumerations
    if text.startswith(NAME_AFTER, m.end("unit")) and not m.group("suffix"):
        return True
    if text.startswith(PARAMETER_AFTER, m.end()):
        return True
    if _inside_quotes(text, start):
        return True
    return len(num) == 4 and num.isascii() and num.isdigit() and m.group("unit") in ("万", "亿")


def quantities(text: str) -> list[Quantity]:
    """Every quantity in text, in order."""
    return list(_quantities(text))


# The assessment reads a task's completion twice, one call after the other (its stated
# targets, then its actuals): the last few texts are remembered, not a document's worth.
@lru_cache(maxsize=4)
def _quantities(text: str) -> tuple[Quantity, ...]:
    found: list[Quantity] = []
    clause_breaks: list[int] | None = None
    sentence_breaks: list[int] = []
    for m in QUANTITY_RE.finditer(text):
        if _excluded(text, m):
            continue
        value = to_decimal(m.group("num"))
        if value is None:
            continue
        upper = to_decimal(m.group("upper")) if m.group("upper") else None
        if clause_breaks is None:
            clause_breaks = _breaks(text, CLAUSE_BREAK)
            sentence_breaks = _breaks(text, SENTENCE_BREAK)
        c_start, c_end = _bounds(clause_breaks, m.start(), len(text))
        s_start, s_end = _bounds(sentence_breaks, m.start(), len(text))
        before, span_start, comparator = _before(text, m, c_start)
        approx = bool(m.group("approx_mid") or m.group("approx_after"))
        unit, end, approx = _unit(text, m, approx)
        comparator, approx = _comparator(comparator, approx, m.group("suffix"), upper)
        found.append(
            Quantity(
                value=value,
                unit=unit,
                comparator=comparator,
                start=span_start,
                end=end,
                span=text[span_start:end],
                approx=approx,
                before=before,
                clause_start=c_start,
                after=text[end:c_end],
                clause=text[c_start:c_end],
                sentence=text[s_start:s_end],
                upper=upper,
                counted=is_chinese(m.group("num")) and counted_after_verb(text, m),
                basis=b.group(0) if (b := BASIS_RE.search(before)) else "",
            )
        )
    return tuple(found)


def _before(text: str, m: re.Match[str], c_start: int) -> tuple[str, int, str]:
    """The clause's text before the figure, where the figure's span starts, and the
    comparator that a word just before it gives ("超过", "不低于", "达到")."""
    before = text[c_start : m.start()]
    span_start = m.start()
    gap = len(before) - len(before.rstrip(" \u00a0"))
    if gap:
        before = before[:-gap]
    for word, comp in BEFORE_WORDS if before.endswith(_BEFORE_ENDINGS) else ():
        if before.endswith(word) and not before.endswith(_WORDS_ENDING_IN_A_COMPARATOR):
            return before[: -len(word)], span_start - (len(word) + gap), comp
    near = BEFORE_VERB_RE.search(before)
    if near:
        return before[: near.start()] + near.group(2), c_start + near.start(), ">="
    return before, span_start, "="


def _unit(text: str, m: re.Match[str], approx: bool) -> tuple[str, int, bool]:
    """The figure's unit as printed (a magnitude and an alternative unit joined to it, and
    the noun a bare 万 or 亿 counts), where the figure ends, and whether it is rounded."""
    unit, end = m.group("unit"), m.end()
    if m.group("mag"):
        unit = m.group("mag") + unit
        approx = True
    if m.group("alt"):
        unit += m.group("alt")
    if unit in ("万", "亿") and not m.group("suffix") and not approx:
        noun = _NOUN_UNIT_RE.match(text, m.end("unit"))
        if noun and not _NOT_IN_NOUN & set(noun.group(0)):
            unit += noun.group(0)
            end = noun.end()
    return unit, end, approx


def _comparator(
    comparator: str, approx: bool, suffix: str | None, upper: Decimal | None
) -> tuple[str, bool]:
    """The comparator once the words after the figure are read too, and whether it is rounded."""
    if approx and comparator in ("=", ">="):
        comparator = ">"  # "3000余份", "24万多人": more than the printed figure
    if suffix:
        comparator = SUFFIX_COMPARATORS[suffix]
    if comparator == "approx" or approx:
        approx = True
    if upper is not None and comparator == "=":
        comparator = ">="
    return comparator, approx
