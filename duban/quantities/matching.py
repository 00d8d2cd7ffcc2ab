"""Targets from the task, and the actuals of the completion matched to them (same metric,
object and unit). assessment decides the status from these. Pure: text in, facts out; the
rules are in docs/status-rules.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .adjust import Adjustment
from .extract import Quantity, quantities
from .measures import comparable, convert, measure
from .numbers import CN_DIGITS, is_chinese

GROWTH_WORDS = ("同比增长", "增长", "增幅", "增速", "提高", "提升")
FALL_WORDS = ("同比下降", "下降", "降低", "减少", "降幅", "下降率", "降低率")
# An actual said to be under way, planned or added is not a result to compare.
NOT_A_RESULT = re.compile(
    r"正在|在施|在建|施工中|推进中|计划|拟|将于|预计|待|增加了|原定|剩余|尚有"
)
# Steps on the way to a result: a figure counting them is not the result itself
# ("已完成22部电梯加装的审批工作,建成19部": 19 were built, 22 only approved).
PROCESS_WORDS = re.compile(r"审批|立项|批复|备案|招标|签约|设计|征集|申报|受理|摸排|排查|前期")
# The figure after such words is the margin, not the result: "超过年初目标15万人" against a
# target of 45万人 (湖北 2005, 1), "超过年初目标4万多人" beside "解决了…24万多人" (湖北 2005, 4).
MARGIN_RE = re.compile(
    r"超(?:过|出)(?:了)?(?:年初|全年|年度|既定|预期)?(?:的)?(?:目标|计划|任务)(?:任务)?$"
)
# A baseline: in "由A增加到B" only B is a target or a result ("使参加新型合作医疗的农民由去年
# 240万人增加到440万人", 湖北 2005 plan 5; "由上年240万人增加到467万多人", 湖北 2005, 5).
BASELINE_AFTER_RE = re.compile(
    r"^(?:[^，,。；;]{0,12}?)(?:增加|提高|提升|扩大|下降|降低|减少|增长)(?:到|至)"
)
BASELINE_BEFORE_RE = re.compile(r"(?:由|从)(?:去年|上年|年初|原来|原)?(?:的)?$")
# The target restated before the result: "新建（改造）100座公交候车亭已完成25座" (景德镇 2016,
# 9); "计划新增的60万农村人口用电，2003年已完成42万人" (云南 2004, 7: the first says 计划).
RESTATED_RE = re.compile(r"^[^，,。；;\d]{0,12}?(?:已完成|已建成|完成了)")
RESULT_VERBS_RE = re.compile(
    r"已|累计|共|全年|完成|建成|实现|解决|新增|改造|建设|开工|实施|增速|降幅"
)
# A result verb right before a figure ("完成16886户", "2003年已完成42万人").
RESULT_BEFORE_RE = re.compile(r"(?:完成|建成|实现|解决|新增|改造|培训|救助|资助)(?:了)?$")
# Values listed in order after 分别 ("…分别完成12423户、1150户、3061户", 杭州 2019, 2;
# "…覆盖率分别达98.5%和96%", 昆明 2006, 4) go to the targets in the order they are named.
RESPECTIVELY = "分别"
# A target printed only in the completion ("查处排放超标车5584辆,超额完成5165辆任务指标",
# Xicheng 63; "完成年度任务（6万名）的195.5%"; "超额完成80个的目标任务").
STATED_TARGET_RE = re.compile(
    r"(?:超额)?完成(?:了)?(?:全年|年度|本年度|年初)?(?:目标)?(?:任务)?[（(]?$"
)
STATED_TARGET_AFTER_RE = re.compile(
    r"^(?:[）)]的(?P<pct>\d+(?:\.\d+)?)%|的?(?:年度|全年)?(?:目标)?任务(?:指标)?|的?目标)"
)
GENERIC_HEADS = ("工程", "工作", "任务", "建设", "升级", "落户", "改造", "行动", "提升")


@dataclass
class Target:
    metric: str
    comparator: str
    value: Decimal
    unit: str
    span: str
    quantity: Quantity
    parts: list[int] = field(default_factory=list)  # a total, and the targets it sums
    stated_in: str = "content"  # or "completion": a target only the completion prints

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "metric": self.metric,
            "comparator": self.comparator,
            "value": _num(self.value),
            "unit": self.unit,
            "span": self.span,
        }
        if self.stated_in != "content":
            out["stated_in"] = self.stated_in
        return out


@dataclass
class Actual:
    metric: str
    value: Decimal
    unit: str
    span: str
    matches_target: bool = False
    target_index: int | None = None
    value_in_target_unit: Decimal | None = None
    approx: bool = False
    floor: bool = False  # "超1.74万人", "7.6万多个": more than the printed value
    by_elimination: bool = False  # the only figure left that could measure the target

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "metric": self.metric,
            "value": _num(self.value),
            "unit": self.unit,
            "span": self.span,
            "matches_target": self.matches_target,
        }
        if self.value_in_target_unit is not None and self.value_in_target_unit != self.value:
            out["value_in_target_unit"] = _num(self.value_in_target_unit)
        if self.approx:
            out["approx"] = True
        if self.target_index is not None:
            out["target_index"] = self.target_index
        return out


def _num(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


# Words of aim and time that open a clause and name nothing measured: "争取今年达到15亿元",
# "力争参保人数达到260万" (江西 2008), "年内完成改造100个".
_AIM_RE = re.compile(r"^(?:(?:争取|力争|确保|今年|年内|年底前|到年底|当年)[，,]?)+")
_RESULT_VERB_RE = re.compile(r"(?:增加|增长|提高|提升|扩大|达到|达|为|到|由|从)$")


def _subject_before(q: Quantity) -> str:
    pieces = re.split(r"[，,、；;]", q.sentence[: q.clause_start].rstrip("，,、；;"))
    # Back over figures alone ("由3400元、2400元提高到4200元、2800元": 2800元's subject is the
    # clause's, 城乡低保标准) to the words that name something.
    for previous in reversed(pieces):
        head = _without_baseline(re.split(r"[\d０-９]", previous, maxsplit=1)[0])
        if head := _RESULT_VERB_RE.sub("", head):
            return head
    return ""


_FIGURE_RE = re.compile(r"[\d０-９]+(?:\.\d+)?(?:万|亿|千)?[个项类件所座条处家户名套张部台辆元人]")


# The verbs that open a clause of works: what an enumeration "A、B等N个X" does to its X.
_WORKS_VERB_RE = re.compile(
    r"^(?:[新续改扩]建|建成|建设|改造|实施|完成|开工|开通|打造|创建|培育|引进|推进|整治|开展)"
)


def _words_after(q: Quantity, stops: str = "的,，。；;、") -> str:
    """The words after the figure, to a stop or to 和/及/与 before the next figure. A figure
    run into this one names nothing: "实现14类230项涉税事项全城办" (成都 2023, 83) counts 涉税
    事项 twice, in 类 and in 项."""
    after = re.split(rf"[{stops}]|[和及与](?=[\d０-９])", q.after, maxsplit=1)[0]
    return _FIGURE_RE.sub("", after)


def _counted_after_examples(q: Quantity) -> str | None:
    """ "A、B及C等N个X": the examples are named before the figure, what is counted after it —
    the clause's verb and X ("续建地铁10号线三期…及轨道交通资阳线等9个项目" → 续建项目, 成都 2021;
    "改造黄泥头、中华北路等3个农贸市场" → 改造农贸市场, 景德镇 2023)."""
    if not q.before.rstrip().endswith("等"):
        return None
    noun = _words_after(q, "的,，。；;、（(").strip()
    if len(noun) < 2:
        return None
    at = q.sentence.find(q.span)
    opening = re.split(r"[，,；;：:]", q.sentence[: max(at, 0)])[-1]  # the enumeration's clause
    verb = _WORKS_VERB_RE.match(_AIM_RE.sub("", opening.strip()))
    return (verb.group(0) if verb else "") + noun


# Words after a figure that are no noun of their own: its comparator, a particle, a verb.
_NOT_A_NOUN_RE = re.compile(
    r"^(?:以上|以下|以内|左右|上下|之内|余|多|的|等|以|用于|其中|分别|同比|增长|比|较|达|到|在|"
    r"为|是|并|和|及|与|后|前|内|次|人次|年|月|日|天|小时|元|亿|万)"
)


# A clause of works that ends on its verb before the figure.
_WORKS_END_RE = re.compile(
    r"(?:[新续改扩]建|建成|建设|改造|实施|完成|开工|开通|打造|创建|培育|引进|推进|整治|开展|新增)$"
)


def _name(before: str, after: str, unit: str) -> str:
    """The words before the figure, if they name it; else with the words after it."""
    works = _WORKS_END_RE.search(before) or _WORKS_THEN_PLACE_RE.match(before)
    if len(before) >= 4 and not (works and _names_what_is_counted(after)):
        return before
    return (before + after).strip() or unit


# A verb of works, then where (a place, not what is counted): "解决全省247个行政村通公路的问题"
# (云南 2004), "启动中心城区3566套保障性租赁住房建设" (景德镇 2023), "完成二环路4个立交桥区示范公园"
# (成都 2021).
_WORKS_THEN_PLACE_RE = re.compile(
    r"^(?:再|全面|积极)?(?:解决|启动|完成|扶持|新建|建设|改造)"
    r"(?:全省|全市|全区|全州|全县|中心城区|城区|主城区|[\u4e00-\u9fff]{1,6}(?:区|县|路|地区))$"
)


def _names_what_is_counted(after: str) -> bool:
    """A verb of works, a figure and what it counts: "改造建设5个街道（乡镇）养老服务中心",
    "全面开工3506户老旧小区改造" (普洱 2022, 景德镇 2023) name the 养老服务中心 and the 老旧
    小区改造 after the figure, not before it ("打通中心城区“断头路”20条": nothing after)."""
    words = after.strip()
    return len(re.sub(r"[^\u4e00-\u9fff]", "", words)) >= 2 and not _NOT_A_NOUN_RE.match(words)


def metric_of(q: Quantity) -> str:
    """A name for what the number measures, from the words around it."""
    if named := _counted_after_examples(q):
        return named
    before = _without_baseline(q.before.strip())
    if re.search(r"\d", before):
        # Another figure earlier in the clause: the name starts after it ("开工建设县乡公路
        # 4500公里和恩施州180公里县际公路" → 恩施州县际公路, 湖北 2005 plan 2; "完成路基2838公里、
        # 路面3126公里" → 路面, 湖北 2005, 2).
        before = re.split(r"\d[^\d和及与、]*[和及与、]", before)[-1]
    before = _FIGURE_RE.sub("", before)
    if not before.strip("和及与、") and re.search(r"\d", q.before):
        # The second of a run: its subject opens the run ("覆盖率分别达98.5%和96%", 昆明 2006).
        head = _without_baseline(re.split(r"[\d０-９]", q.before, maxsplit=1)[0])
        before = _RESULT_VERB_RE.sub("", re.sub(r"分别?(?:达到|达|为)?$", "", head))
    for word in ("并", "和", "及", "其中", "累计", "全年", "共", "已"):
        if before.startswith(word) and len(before) > len(word) + 1:
            before = before[len(word) :]
    before = re.sub(r"分别$", "", _AIM_RE.sub("", before))
    if not before and q.clause_start > 0:
        # "…的小额贷款增加50%，争取今年达到15亿元": what the clause before names (江西 2008).
        before = _subject_before(q)
    rate = q.unit in ("%", "％", "个百分点", "百分点")
    for word in GROWTH_WORDS if rate else ():
        if before.endswith(word):
            return before[: -len(word)] + "增速"
    for word in FALL_WORDS if rate else ():
        if before.endswith(word):
            return before[: -len(word)] + "降幅"
    name = _name(before, _words_after(q), q.unit)
    if q.basis and name.endswith(q.basis) and len(name) > len(q.basis):
        name = f"{name[: -len(q.basis)]}（{q.basis}）"
    return name


def targets_of(content: str) -> list[Target]:
    """Numeric promises in a task's text. Chinese numerals are left out: in task texts they
    name slogans and fixed phrases (三条红线, 四个中心) far more often than targets."""
    found: list[Target] = []
    qs = quantities(content)
    for i, q in enumerate(qs):
        m = measure(q.unit)
        if m is None or (m.dimension == "number" and not _people_counted(q)):
            continue
        if is_chinese(_number_text(q)) and not q.counted:
            continue
        if _threshold(content, q) or _baseline(content, q, qs, i):
            continue
        found.append(Target(metric_of(q), q.comparator, q.value, q.unit, q.span, q))
    _totals(content, found)
    return found


# A bare 万 after the people it counts: "新增受益人口40万" (杭州 2019, 3 and 4); "培训人数达到
# 40万", "覆盖贫困人口43万" (江西 2008). "投资41.9亿" names no people: not a count.
_PEOPLE_BEFORE_RE = re.compile(r"(?:人口|人数|人次|户数|劳动力)$")


def _people_counted(q: Quantity) -> bool:
    return q.unit in ("万", "亿") and bool(_PEOPLE_BEFORE_RE.search(_without_baseline(q.before)))


# "由A提高到B": what is measured is named before the baseline ("补助标准由280元提高到320元";
# "农村低保人数由100万扩大到150万", 江西 2008).
_BASELINE_START_RE = re.compile(r"(?:由|从)(?:去年|上年|年初|原来|原)?的?[\d０-９]")


def _without_baseline(before: str) -> str:
    m = _BASELINE_START_RE.search(before)
    return before[: m.start()] if m else before


def _threshold(text: str, q: Quantity) -> bool:
    """A bound that says who or what is covered, not a promise: "对医保个人账户每月低于40元的
    市属国有企业退休人员实行补助" (昆明 2006 plan 10), "符合条件的医保个人帐户每月低于40元的
    7万余名…退休人员" (昆明 2006, 10). ("8000家以上企业" is a target: 以上 alone says nothing.)"""
    return q.span.startswith(("低于", "不足", "高于")) and text[q.end : q.end + 1] == "的"


def _baseline(text: str, q: Quantity, qs: list[Quantity], i: int) -> bool:
    """The A of "由A增加到B" when B follows, and each of a run of them: "由3400元、2400元提高
    到4200元、2800元" (吉林 2014, 22: the old standards of two groups)."""
    first = i
    while first > 0 and text[qs[first - 1].end : q.start if first == i else qs[first].start] in (
        "、",
        "和",
    ):
        first -= 1
    if not BASELINE_BEFORE_RE.search(text[max(0, qs[first].start - 4) : qs[first].start]):
        return False
    last = i
    while last + 1 < len(qs) and text[qs[last].end : qs[last + 1].start] in ("、", "和"):
        last += 1
    return last + 1 < len(qs) and bool(
        BASELINE_AFTER_RE.match(text[qs[last].end : qs[last + 1].end])
    )


def _totals(content: str, targets: list[Target]) -> None:
    """A total broken down in brackets: "新建改造提升750座公共厕所（其中：城区公厕100座、涉旅游
    厕所150座、农村公厕500座）" (杭州 2018 plan 8). The total is met when its parts' results add
    up to it; no single figure measures it."""
    for i, total in enumerate(targets):
        tail = content[total.quantity.end : total.quantity.end + 16]
        if not re.match(r"^[^，,。；;（(]{0,10}[（(]其中", tail):
            continue
        close = content.find("）", total.quantity.end)
        parts = [
            j
            for j, t in enumerate(targets)
            if j > i and t.quantity.start < close and comparable(t.unit, total.unit)
        ]
        values = [convert(targets[j].value, targets[j].unit, total.unit) for j in parts]
        if len(parts) >= 2 and None not in values and sum(v for v in values if v) == total.value:
            total.parts = parts


def _number_text(q: Quantity) -> str:
    m = re.search(r"[-−\d.,]+|[" + CN_DIGITS + "]+", q.span)
    return m.group(0) if m else ""


def _normalize(text: str) -> str:
    for word in GROWTH_WORDS:
        text = text.replace(word, "增速")
    for word in FALL_WORDS:
        text = text.replace(word, "降幅")
    return text


def _lcs(a: str, b: str) -> int:
    """Length of the longest common substring (short strings: quadratic is fine)."""
    best = 0
    prev = [0] * (len(b) + 1)
    for ch in a:
        cur = [0] * (len(b) + 1)
        for j, other in enumerate(b, start=1):
            if ch == other:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _head(metric: str) -> str:
    core = metric
    for word in GENERIC_HEADS:
        if core.endswith(word) and len(core) > len(word) + 1:
            core = core[: -len(word)]
    return core[-2:]


def _score(target: Target, q: Quantity) -> int | None:
    """How well an actual measures the target; None when it cannot be the same quantity."""
    if not comparable(target.unit, q.unit):
        return None
    basis = target.quantity.basis
    if (q.basis or basis) and q.basis != basis and not (basis and "标准" in q.clause):
        return None  # a rate per person and month is not a total, nor a rate per year
    metric = _normalize(target.metric)
    clause = _normalize(q.before + q.after).replace("了", "")
    if len(RESULT_VERBS_RE.sub("", clause)) < 2:
        # "…审批工作,建成19部": the subject is in the clause before; read the sentence. (Not
        # in "完成路基2838公里" or "解决了6.2万多人就业": they name their own.)
        clause = _normalize(q.sentence)
    lcs = _lcs(metric, clause)
    grams = _bigrams(metric)
    # Words shared with the figure's own clause: in "解决了6.2万多人就业，其中3.2万多名下岗失业
    # 人员实现再就业" (昆明 2006, 1) the sentence names both metrics, each clause one.
    overlap = len(grams & _bigrams(clause))
    ratio = overlap / len(grams) if grams else 0.0
    same_unit = q.unit == target.unit
    same_value = q.value == target.value and same_unit
    head = _head(target.metric)
    has_head = len(head) == 2 and head in q.clause
    if not (lcs >= 4 or same_value or has_head or ratio >= 0.3):
        return None
    if lcs < 2 and not same_value:
        return None
    if _other_object(target, q):
        return None
    mine, theirs = measure(q.unit), measure(target.unit)
    if mine and theirs and mine.dimension == "count" and mine.base != theirs.base and lcs < 4:
        return None  # 个 against 家: only for the same object ("百姓生活服务中心", Xicheng 16)
    process = 3 if PROCESS_WORDS.search(q.clause) else 0
    # A count in the target's counter, whatever its multiplier, beats one in another counter:
    # "建设30000个家庭和公共生态卫生旱厕" is measured by "家庭式生态卫生旱厕5.3万多个", not by
    # "公共生态卫生旱厕180多座" (昆明 2006, 6), though the latter shares more words.
    counter = 0
    if mine and theirs and mine.dimension == theirs.dimension == "count" and not same_unit:
        counter = 2 if mine.base == theirs.base else -3
    return lcs + overlap + 2 * same_unit + 2 * same_value + 2 * has_head - process + counter


def _object(q: Quantity) -> str:
    """What a count counts when it is printed after it: "建设3个汽车加气站" → 汽车加气站."""
    m = re.match(r"[\u4e00-\u9fff]{2,12}", q.after)
    return m.group(0) if m else ""


def _other_object(target: Target, q: Quantity) -> bool:
    """A target that names what it counts after the number is not measured by a figure whose
    words share none of it: "在中心城区建设3个汽车加气站" against "中心城区新建和改造公厕15座"
    (the place alone is shared); "新建3个停车场" is by "建成停车场3个", "建设500个温饱村和
    安居村" (云南 2003) by "建设了500个温饱村和安居村"."""
    kind = measure(target.unit)
    if kind is None or kind.dimension != "count":
        return False
    wanted = _object(target.quantity)
    if len(wanted) < 2:
        return False
    return not (_bigrams(wanted) & _bigrams(q.before + q.unit + q.after))


def _actual_span(text: str, q: Quantity) -> str:
    """The figure with the words that name it, when they are close: "增幅-1.1%"."""
    if q.start - q.clause_start <= 12:
        return text[q.clause_start : q.end].strip()
    return q.span


def _outside(adjusts: list[Adjustment], q: Quantity) -> bool:
    return not any(a.start <= q.start < a.end for a in adjusts)


def _not_results(completion: str, qs: list[Quantity]) -> set[int]:
    """Figures of the completion that are not results: margins over the target, baselines,
    targets restated before their result, plans and forecasts."""
    out = set()
    for i, q in enumerate(qs):
        before = completion[max(0, q.start - 12) : q.start]
        restated = (
            i + 1 < len(qs)
            and comparable(q.unit, qs[i + 1].unit)
            and bool(RESTATED_RE.match(completion[q.end : qs[i + 1].start]))
        )
        if (
            MARGIN_RE.search(before)
            or NOT_A_RESULT.search(q.clause)
            or restated
            or _baseline(completion, q, qs, i)
        ):
            out.add(i)
    return out


def stated_targets(completion: str, qs: list[Quantity], have: list[Target]) -> list[Target]:
    """Targets only the completion prints, where the task text gives none of that measure."""
    found = []
    for q in qs:
        if not STATED_TARGET_RE.search(completion[max(0, q.start - 14) : q.start]):
            continue
        if not STATED_TARGET_AFTER_RE.match(completion[q.end : q.end + 12]):
            continue
        if any(comparable(t.unit, q.unit) for t in have):
            continue
        found.append(Target(metric_of(q), ">=", q.value, q.unit, q.span, q, stated_in="completion"))
    return found


def actuals_of(completion: str, targets: list[Target], adjusts: list[Adjustment]) -> list[Actual]:
    all_qs = quantities(completion)
    stated = [t.quantity for t in targets if t.stated_in == "completion"]
    found = [q for q in all_qs if _outside(adjusts, q) and q not in stated]
    skip = _not_results(completion, found)
    actuals = [
        Actual(
            metric_of(q),
            q.value,
            q.unit,
            _actual_span(completion, q),
            approx=q.approx,
            floor=q.comparator == ">" or (q.approx and q.comparator != "approx"),
        )
        for q in found
    ]
    wholes = {ti for ti, t in enumerate(targets) if t.parts}
    ordered = _respectively(completion, found, targets, skip, wholes)
    # Best pairs first, across all targets: a figure goes to the target it fits best.
    pairs = sorted(
        (
            ((score or 0) + (100 if ordered.get(qi) == ti else 0), -qi, ti, qi)
            for ti, target in enumerate(targets)
            if ti not in wholes
            for qi, q in enumerate(found)
            if qi not in skip
            and ((score := _score(target, q)) is not None or ordered.get(qi) == ti)
        ),
        reverse=True,
    )
    taken: set[int] = set()
    done: set[int] = set()
    for _score_value, _order, ti, qi in pairs:
        if ti in done or qi in taken:
            continue
        taken.add(qi)
        done.add(ti)
        _pair(actuals[qi], targets, ti)
    _by_elimination(found, actuals, targets, skip | taken, done | wholes)
    _pair_stated(completion, found, actuals, targets, skip | taken)
    return actuals


def _pair_stated(
    completion: str,
    found: list[Quantity],
    actuals: list[Actual],
    targets: list[Target],
    used: set[int],
) -> None:
    """A target the completion prints takes the result printed with it: the figure of the
    same measure just before it in the sentence ("查处排放超标车5584辆,超额完成5165辆任务指标",
    Xicheng 63; "新建养老服务驿站96个，超额完成80个的目标任务"), else the share after it
    ("完成年度任务（6万名）的195.5%" is 11.73万名)."""
    for ti, target in enumerate(targets):
        if target.stated_in != "completion":
            continue
        tq = target.quantity
        share = next(
            (
                qi
                for qi, q in enumerate(found)
                if q.unit == "%" and qi not in used and 0 <= q.start - tq.end <= 3
            ),
            None,
        )
        before = [
            qi
            for qi, q in enumerate(found)
            if qi not in used
            and q.end <= tq.start
            and q.sentence == tq.sentence
            and comparable(q.unit, target.unit)
        ]
        if before:
            target.metric = metric_of(found[before[-1]])
            _pair(actuals[before[-1]], targets, ti)
            used.add(before[-1])
        elif share is not None:
            _pair(actuals[share], targets, ti)
            actuals[share].value_in_target_unit = target.value * found[share].value / 100
            used.add(share)


def _pair(actual: Actual, targets: list[Target], ti: int) -> None:
    actual.matches_target = True
    actual.target_index = ti
    actual.metric = targets[ti].metric
    actual.value_in_target_unit = convert(actual.value, actual.unit, targets[ti].unit)


def _respectively(
    completion: str, found: list[Quantity], targets: list[Target], skip: set[int], wholes: set[int]
) -> dict[int, int]:
    """Figure index -> target index for the values listed after 分别, in the targets' order."""
    out: dict[int, int] = {}
    start = completion.find(RESPECTIVELY)
    while start >= 0:
        run = [
            qi
            for qi, q in enumerate(found)
            if q.start > start
            and qi not in skip
            and q.sentence == found[qi].sentence
            and RESPECTIVELY in q.sentence
            and completion.find(RESPECTIVELY, start + 1, q.start) < 0
        ]
        if run:
            fitting = [
                ti
                for ti, t in enumerate(targets)
                if ti not in wholes and comparable(t.unit, found[run[0]].unit)
            ]
            if len(fitting) == len(run):
                out.update(zip(run, fitting, strict=True))
        start = completion.find(RESPECTIVELY, start + 1)
    return out


def _by_elimination(
    found: list[Quantity],
    actuals: list[Actual],
    targets: list[Target],
    used: set[int],
    done: set[int],
) -> None:
    """A target left without a figure takes the one result figure left that measures the same
    (and no other target left could take it): "实施卫星直播户户通工程，让7.2万户边远群众接收到
    广播电视" ← "完成16886户" (景德镇 2016, 10); "新增城乡用电人口60万人" ← "2003年已完成
    42万人" (云南 2004, 7). The proposal then has low confidence."""
    for ti, target in enumerate(targets):
        if ti in done or target.stated_in != "content":
            continue
        left = [
            qi
            for qi, q in enumerate(found)
            if qi not in used
            and comparable(target.unit, q.unit)
            and RESULT_BEFORE_RE.search(q.before)
            and not PROCESS_WORDS.search(q.clause)
        ]
        rivals = [
            tj
            for tj, t in enumerate(targets)
            if tj not in done and tj != ti and left and comparable(t.unit, found[left[0]].unit)
        ]
        if len(left) == 1 and not rivals:
            _pair(actuals[left[0]], targets, ti)
            actuals[left[0]].by_elimination = True
            used.add(left[0])
            done.add(ti)
