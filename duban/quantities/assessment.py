"""Targets from the task, actuals from the completion, and a proposed status with evidence.

The rules are in docs/status-rules.md. Every function here is pure: text in, facts out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .adjust import Adjustment, adjustments
from .extract import Quantity, quantities
from .measures import comparable, convert, measure
from .numbers import CN_DIGITS, is_chinese

STATUSES = (
    "exceeded", "completed", "completed_after_adjustment", "not_met_after_adjustment",
    "partial", "not_completed", "delayed", "ongoing",
)
GROWTH_WORDS = ("同比增长", "增长", "增幅", "增速", "提高", "提升")
FALL_WORDS = ("同比下降", "下降", "降低", "减少", "降幅", "下降率", "降低率")
# An actual said to be under way, planned or added is not a result to compare.
NOT_A_RESULT = re.compile(
    r"正在|在施|在建|施工中|推进中|计划|拟|将于|预计|待|增加了|原定|剩余|尚有"
)
NOT_COMPLETED_RE = re.compile(
    r"无法完成|未能完成|不能完成|难以完成|未完成(?:全年|年度)?(?:目标)?任务(?![的之])"
)
# Steps on the way to a result: a figure counting them is not the result itself
# ("已完成22部电梯加装的审批工作,建成19部": 19 were built, 22 only approved).
PROCESS_WORDS = re.compile(r"审批|立项|批复|备案|招标|签约|设计|征集|申报|受理|摸排|排查|前期")
DELAYED_RE = re.compile(r"延期|推迟至(?:明年|20\d\d年)|顺延至|未能按(?:计划|期)|暂缓")
TERMINATED_RE = re.compile(r"项目终止|终止实施|取消实施|暂停实施")
EXPLICIT_DONE_RE = re.compile(
    r"(?:顺利|圆满|如期|提前|全面)完成|超额完成|完成(?:了)?(?:全年|年度|本年度)(?:工作)?(?:任务|目标)"
    r"|全部(?:完成|达标|通过验收|建成|落实到位)|已全部(?:完成|建成|通过验收)|任务已完成"
    r"|(?:已)?完成(?:既定|预期)?目标任务"
)
AFTER_ADJUSTMENT_DONE_RE = re.compile(r"完成调整后(?:的)?(?:方案)?(?:目标|任务)")
EXCEEDED_RE = re.compile(r"超额完成")
# A completion that opens by stating a deliverable done ("已完成《…》", "完成并发布《…》").
LEAD_DONE_RE = re.compile(
    r"^(?:截至目前|目前|全年|20\d\d年)?[,，]?(?:已经?|全面)?"
    r"(?:完成(?!率)|建成|出台|印发|颁布|制定并(?:印发|发布)|发布)"
)
# Verbs that promise a concrete deliverable; echoed as done in the completion, they show it.
RESULT_VERBS = ("升级为", "建成", "出台", "印发", "发布", "成立", "开通", "投入使用", "挂牌")
GENERIC_HEADS = ("工程", "工作", "任务", "建设", "升级", "落户", "改造", "行动", "提升")


@dataclass
class Target:
    metric: str
    comparator: str
    value: Decimal
    unit: str
    span: str
    quantity: Quantity

    def to_json(self) -> dict[str, Any]:
        return {"metric": self.metric, "comparator": self.comparator,
                "value": _num(self.value), "unit": self.unit, "span": self.span}


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

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"metric": self.metric, "value": _num(self.value),
                               "unit": self.unit, "span": self.span,
                               "matches_target": self.matches_target}
        if self.value_in_target_unit is not None and self.value_in_target_unit != self.value:
            out["value_in_target_unit"] = _num(self.value_in_target_unit)
        if self.approx:
            out["approx"] = True
        if self.target_index is not None:
            out["target_index"] = self.target_index
        return out


@dataclass
class Assessment:
    targets: list[Target] = field(default_factory=list)
    actuals: list[Actual] = field(default_factory=list)
    adjustment: Adjustment | None = None
    status: str = "ongoing"
    evidence: str = ""
    confidence: str = "low"
    flags: list[str] = field(default_factory=list)

    def adjusted_target_json(self) -> dict[str, Any] | None:
        a = self.adjustment
        if a is None:
            return None
        out: dict[str, Any] = {"from": a.from_text, "to": a.to_text,
                               "approved_by": a.approved_by, "date": a.date}
        if a.also:
            out["also_adjusted"] = [{"from": f, "to": t} for f, t in a.also]
        return out


def _num(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def metric_of(q: Quantity) -> str:
    """A name for what the number measures, from the words around it."""
    before = q.before.strip()
    for word in ("并", "和", "及", "其中", "累计", "全年", "共", "已"):
        if before.startswith(word) and len(before) > len(word) + 1:
            before = before[len(word):]
    for word in GROWTH_WORDS:
        if before.endswith(word):
            return before[: -len(word)] + "增速"
    for word in FALL_WORDS:
        if before.endswith(word):
            return before[: -len(word)] + "降幅"
    after = re.split(r"[的,，。；;、]", q.after, maxsplit=1)[0]
    if len(before) >= 4:
        return before
    return (before + after).strip() or q.unit


def targets_of(content: str) -> list[Target]:
    """Numeric promises in a task's text. Chinese numerals are left out: in task texts they
    name slogans and fixed phrases (三条红线, 四个中心) far more often than targets."""
    found = []
    for q in quantities(content):
        m = measure(q.unit)
        if m is None or m.dimension == "number" or is_chinese(q.span.rstrip(q.unit)):
            continue
        if is_chinese(_number_text(q)):
            continue
        found.append(Target(metric_of(q), q.comparator, q.value, q.unit, q.span, q))
    return found


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
    metric = _normalize(target.metric)
    clause = _normalize(q.before + q.after)
    if len(clause) <= 4:
        # "…审批工作,建成19部": the subject is in the clause before; read the sentence.
        clause = _normalize(q.sentence)
    sentence = _normalize(q.sentence)
    lcs = _lcs(metric, clause)
    grams = _bigrams(metric)
    overlap = len(grams & _bigrams(sentence))
    ratio = overlap / len(grams) if grams else 0.0
    same_unit = q.unit == target.unit
    same_value = q.value == target.value and same_unit
    head = _head(target.metric)
    has_head = len(head) == 2 and head in q.clause
    if not (lcs >= 4 or same_value or has_head or ratio >= 0.3):
        return None
    if lcs < 2 and not same_value:
        return None
    process = 3 if PROCESS_WORDS.search(q.clause) else 0
    return lcs + overlap + 2 * same_unit + 2 * same_value + 2 * has_head - process


def _actual_span(text: str, q: Quantity) -> str:
    """The figure with the words that name it, when they are close: "增幅-1.1%"."""
    if q.start - q.clause_start <= 12:
        return text[q.clause_start : q.end].strip()
    return q.span


def _outside(adjusts: list[Adjustment], q: Quantity) -> bool:
    return not any(a.start <= q.start < a.end for a in adjusts)


def actuals_of(completion: str, targets: list[Target], adjusts: list[Adjustment]) -> list[Actual]:
    found = [q for q in quantities(completion) if _outside(adjusts, q)]
    actuals = [
        Actual(metric_of(q), q.value, q.unit, _actual_span(completion, q), approx=q.approx)
        for q in found
    ]
    # Best pairs first, across all targets: a figure goes to the target it fits best.
    pairs = sorted(
        (
            (score, -qi, ti, qi)
            for ti, target in enumerate(targets)
            for qi, q in enumerate(found)
            if not NOT_A_RESULT.search(q.clause)
            and (score := _score(target, q)) is not None
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
        actual = actuals[qi]
        actual.matches_target = True
        actual.target_index = ti
        actual.metric = targets[ti].metric
        actual.value_in_target_unit = convert(actual.value, actual.unit, targets[ti].unit)
    return actuals


def meets(comparator: str, target: Decimal, unit: str, value: Decimal) -> tuple[bool, bool]:
    """(met, clearly above) for a target and an actual in the target's unit.

    'About' targets allow 10% (half a point for percentages) either way; 'clearly above'
    is more than 1% over an exact or minimum target, beyond the tolerance for 'about'.
    """
    if comparator == "<=":
        return value <= target, False
    if comparator == "approx":
        tolerance = max(abs(target) * Decimal("0.1"), Decimal("0.5") if unit == "%" else 0)
        return value >= target - tolerance, value > target + tolerance
    return value >= target, value > target * Decimal("1.01")


def _meets(target: Target, value: Decimal) -> tuple[bool, bool]:
    return meets(target.comparator, target.value, target.unit, value)


def _adjusted_met(adjustment: Adjustment, actual: Actual) -> bool | None:
    to = adjustment.to_text
    if "正增长" in to:
        return actual.value > 0
    if "零增长" in to or "持平" in to:
        return actual.value >= 0
    qs = quantities(to)
    if not qs or not comparable(qs[0].unit, actual.unit):
        return None
    value = convert(actual.value, actual.unit, qs[0].unit)
    if value is None:
        return None
    fake = Target("", qs[0].comparator, qs[0].value, qs[0].unit, to, qs[0])
    return _meets(fake, value)[0]


def assess(content: str, completion: str) -> Assessment:
    """Propose a status for one task from its text and its completion report."""
    result = Assessment()
    result.targets = targets_of(content)
    adjusts = adjustments(completion)
    result.actuals = actuals_of(completion, result.targets, adjusts)
    if adjusts:
        main = _main_adjustment(adjusts, result.targets)
        main.also = [(a.from_text, a.to_text) for a in adjusts if a is not main]
        result.adjustment = main
    _decide(result, content, completion)
    return result


def _main_adjustment(adjusts: list[Adjustment], targets: list[Target]) -> Adjustment:
    """The adjustment of the target's own quantity (the growth rate, not the amount)."""
    for a in adjusts:
        for t in targets:
            if any(comparable(q.unit, t.unit) for q in quantities(a.from_text)):
                # Reuse the first approving body and date of the sentence for the others.
                return _with_approval(a, adjusts)
    return _with_approval(adjusts[0], adjusts)


def _with_approval(main: Adjustment, adjusts: list[Adjustment]) -> Adjustment:
    for a in adjusts:
        main.approved_by = main.approved_by or a.approved_by
        main.date = main.date or a.date
    return main


def _decide(r: Assessment, content: str, completion: str) -> None:
    matched = {a.target_index: a for a in r.actuals if a.matches_target}
    m = NOT_COMPLETED_RE.search(completion)
    if m:
        r.status, r.evidence, r.confidence = "not_completed", _sentence(completion, m), "high"
        return
    if r.adjustment is not None:
        done = AFTER_ADJUSTMENT_DONE_RE.search(completion)
        if done:
            r.status, r.evidence, r.confidence = (
                "completed_after_adjustment", done.group(0), "high"
            )
            return
        verdicts = [(_adjusted_met(r.adjustment, a), a) for a in matched.values()]
        known = [(v, a) for v, a in verdicts if v is not None]
        if known:
            met = all(v for v, _ in known)
            r.status = "completed_after_adjustment" if met else "not_met_after_adjustment"
            r.evidence, r.confidence = known[0][1].span, "high"
            if not met:
                r.flags.append("target_missed_after_adjustment")
            return
    if r.targets and _decide_numbers(r, matched, completion):
        return
    _decide_words(r, content, completion)


def _decide_numbers(r: Assessment, matched: dict[int | None, Actual], completion: str) -> bool:
    if not matched:
        r.flags.append("no_figure_reported")
        return False
    results: list[tuple[bool, bool] | None] = []
    for ti, target in enumerate(r.targets):
        actual = matched.get(ti)
        if actual is None or actual.value_in_target_unit is None:
            results.append(None)
            continue
        results.append(_meets(target, actual.value_in_target_unit))
    known = [x for x in results if x is not None]
    first = next(a for a in r.actuals if a.matches_target)
    r.evidence = first.span
    r.confidence = "high" if len(known) == len(r.targets) else "low"
    if all(met for met, _ in known):
        above = any(a for _, a in known) or bool(EXCEEDED_RE.search(completion))
        r.status = "exceeded" if above else "completed"
        if len(known) < len(r.targets):
            r.flags.append("no_figure_reported")
        return True
    if any(met for met, _ in known):
        r.status = "partial"
    else:
        r.status = "not_completed"
    if EXPLICIT_DONE_RE.search(completion):
        r.flags.append("claimed_done_but_numbers_short")
    return True


def _decide_words(r: Assessment, content: str, completion: str) -> None:
    stopped = TERMINATED_RE.search(completion)
    delayed = DELAYED_RE.search(completion)
    done = EXPLICIT_DONE_RE.search(completion)
    echo = echo_of_deliverable(content, completion)
    if echo and not done:
        r.status, r.evidence, r.confidence = "completed", echo, "low"
        return
    lead = LEAD_DONE_RE.match(completion)
    if lead and not done and not delayed:
        r.status, r.evidence, r.confidence = "completed", _first_sentence(completion), "low"
        return
    if stopped and done:
        r.status, r.evidence, r.confidence = "partial", _sentence(completion, stopped), "low"
    elif delayed and not done:
        r.status, r.evidence, r.confidence = "delayed", _sentence(completion, delayed), "low"
    elif done:
        status = "exceeded" if EXCEEDED_RE.search(done.group(0)) else "completed"
        r.status, r.evidence, r.confidence = status, _sentence(completion, done), "high"
    else:
        r.status, r.confidence = "ongoing", "low"
        r.evidence = _first_sentence(completion)


def echo_of_deliverable(content: str, completion: str) -> str | None:
    """A deliverable promised in the content and reported in the same words as done."""
    for verb in RESULT_VERBS:
        for m in re.finditer(re.escape(verb) + r"[^,，。；;、]{2,12}", content):
            phrase = m.group(0)
            for size in range(len(phrase), len(verb) + 3, -1):
                if phrase[:size] in completion:
                    return phrase[:size]
    return None


def _sentence(text: str, m: re.Match[str]) -> str:
    start = max(text.rfind(c, 0, m.start()) for c in "。；;,，") + 1
    ends = [i for i in (text.find(c, m.end()) for c in "。；;,，") if i >= 0]
    return text[start : min(ends) if ends else len(text)].strip()


def _first_sentence(text: str) -> str:
    return re.split(r"[。；;]", text, maxsplit=1)[0][:120]
