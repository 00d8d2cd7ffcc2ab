"""Targets from the task, actuals from the completion, and a proposed status with evidence.

The rules are in docs/status-rules.md. Every function here is pure: text in, facts out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from .adjust import Adjustment, adjustments
from .extract import quantities
from .matching import Actual, Target, actuals_of, stated_targets, targets_of
from .measures import comparable, convert

STATUSES = (
    "exceeded",
    "completed",
    "completed_after_adjustment",
    "not_met_after_adjustment",
    "partial",
    "not_completed",
    "delayed",
    "ongoing",
)
NOT_COMPLETED_RE = re.compile(
    r"无法完成|未能完成|不能完成|难以完成|未完成(?:全年|年度)?(?:目标)?任务(?![的之])"
)
DELAYED_RE = re.compile(r"延期|推迟至(?:明年|20\d\d年)|顺延至|未能按(?:计划|期)|暂缓")
TERMINATED_RE = re.compile(r"项目终止|终止实施|取消实施|暂停实施")
# A done word after 可/将/确保/力争… is a forecast or a pledge, not a result: "剩余18万人到今年
# 3月底可全部完成" (云南 2004), "…化学需氧量、二氧化硫排放量可全部完成预期目标", "确保全面完成任务".
_NOT_YET = "".join(f"(?<!{w})" for w in ("可", "将", "确保", "力争", "争取", "预计", "有望"))
EXPLICIT_DONE_RE = re.compile(
    _NOT_YET + r"(?:(?:顺利|圆满|如期|提前|全面)完成|超额完成"
    r"|完成(?:了)?(?:全年|年度|本年度)(?:工作)?(?:任务|目标)"
    r"|全部(?:完成|达标|通过验收|建成|落实到位)|已全部(?:完成|建成|通过验收)|任务已完成"
    r"|(?:已)?完成(?:既定|预期)?目标任务"
    # "已完成" that ends its clause says the whole is done ("…1000个。（已完成）", "目前已完成。");
    # followed by what it counts, it is a part ("已完成80%", "已完成投资5亿元").
    r"|(?:均|全部|现)?已(?:经)?(?:完成|办结)(?=\s*(?:[）)。；;，,]|$)))"
)
AFTER_ADJUSTMENT_DONE_RE = re.compile(r"完成调整后(?:的)?(?:方案)?(?:目标|任务)")
# Beyond the target in words: "超额完成年初目标" (湖北 2005, 2), "超过年初计划" (湖北 2005, 8),
# "城镇新增就业人数超过年初目标15万人" (湖北 2005, 1).
EXCEEDED_RE = re.compile(
    r"超额完成|超过(?:了)?(?:年初|全年|年度|既定|预期)(?:的)?(?:目标|计划|任务)"
)
# The rest is under way: a shortfall that is still being worked on is ongoing, not failed
# ("绿地建设完成12万平方米，朱家村立交绿地建设正在抓紧进行", "基本完成县乡油路近300公里，
# 剩余路段正在抓紧施工", 昆明 2006, 3 and 9).
REST_UNDER_WAY_RE = re.compile(
    r"(?:剩余|其余|余下)?[^，,。；;]{0,12}(?:正在(?:抓紧)?|抓紧|加快)(?:进行|施工|推进|建设|实施)"
)
# A completion that opens by stating a deliverable done ("已完成《…》", "完成并发布《…》"); a
# clause that goes on with a figure says how much ("已完成总工程量的80%", "已完成投资5亿元").
LEAD_DONE_RE = re.compile(
    r"^(?:截至目前|目前|全年|20\d\d年)?[,，]?(?:已经?|全面)?"
    r"(?:完成(?!率)|建成|出台|印发|颁布|制定并(?:印发|发布)|发布)(?![^，,。；;]*\d)"
)
# Verbs that promise a concrete deliverable; echoed as done in the completion, they show it.
RESULT_VERBS = ("升级为", "建成", "出台", "印发", "发布", "成立", "开通", "投入使用", "挂牌")


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
        out: dict[str, Any] = {
            "from": a.from_text,
            "to": a.to_text,
            "approved_by": a.approved_by,
            "date": a.date,
        }
        if a.also:
            out["also_adjusted"] = [{"from": f, "to": t} for f, t in a.also]
        return out


def meets(comparator: str, target: Decimal, unit: str, value: Decimal) -> tuple[bool, bool]:
    """(met, clearly above) for a target and an actual in the target's unit.

    'About' targets allow 10% (half a point for percentages) either way; 'clearly above'
    is more than 1% over an exact or minimum target, beyond the tolerance for 'about'.
    """
    if comparator == "<=":
        return value <= target, False
    if comparator == ">":  # a floor: a result printed as the same floor meets it
        return value >= target, value > target * Decimal("1.01")
    if comparator == "approx":
        tolerance = max(abs(target) * Decimal("0.1"), Decimal("0.5") if unit == "%" else 0)
        return value >= target - tolerance, value > target + tolerance
    return value >= target, value > target * Decimal("1.01")


def _meets(target: Target, value: Decimal) -> tuple[bool, bool]:
    return meets(target.comparator, target.value, target.unit, value)


def _adjusted_met(adjustment: Adjustment, actual: Actual) -> bool | None:
    return met_adjusted(adjustment.to_text, actual.value, actual.unit)


def adjusted_target(to: str, unit: str) -> tuple[str, Decimal] | None:
    """(comparator, value in unit) of a target as adjusted ("调整为300万元" against a target in
    万元 or 亿元); None when it is no figure in a unit of the same measure."""
    qs = quantities(to)
    if not qs:
        return None
    value = convert(qs[0].value, qs[0].unit, unit) if qs[0].unit != unit else qs[0].value
    return (qs[0].comparator, value) if value is not None else None


def met_adjusted(to: str, value: Decimal, unit: str) -> bool | None:
    """Whether an actual meets a target as adjusted ("调整为300万元", "正增长"); None when the
    adjusted target is no figure the actual compares with."""
    if "正增长" in to:
        return value > 0
    if "零增长" in to or "持平" in to:
        return value >= 0
    qs = quantities(to)
    if not qs or not comparable(qs[0].unit, unit):
        return None
    converted = convert(value, unit, qs[0].unit)
    if converted is None:
        return None
    fake = Target("", qs[0].comparator, qs[0].value, qs[0].unit, to, qs[0])
    return _meets(fake, converted)[0]


def assess(content: str, completion: str, recorded: Sequence[Recorded] = ()) -> Assessment:
    """Propose a status for one task from its text and its completion report. recorded: the
    targets the office adjusted and to what ("45个"): judged against those."""
    result = Assessment()
    result.targets = targets_of(content)
    result.targets += stated_targets(completion, quantities(completion), result.targets)
    adjusts = adjustments(completion)
    result.actuals = actuals_of(completion, result.targets, adjusts)
    if adjusts:
        main = _main_adjustment(adjusts, result.targets)
        main.also = [(a.from_text, a.to_text) for a in adjusts if a is not main]
        result.adjustment = main
    printed = result.targets
    result.targets, moved = _as_recorded(printed, recorded)
    _decide(result, content, completion)
    result.targets = printed  # the targets as the text prints them are what is stored
    if moved:
        _after_recorded(result, moved)
    return result


@dataclass(frozen=True)
class Recorded:
    """A target the office adjusted: the indicator's metric, value and unit, and the target
    it now is ("45个")."""

    metric: str
    value: Decimal
    unit: str
    to_text: str


def _as_recorded(
    targets: list[Target], recorded: Sequence[Recorded]
) -> tuple[list[Target], set[int]]:
    """The targets to judge by: those the office adjusted at their adjusted value (in their
    unit), with the indices moved. The last recorded of a target wins; a target is known by
    its metric, or by its value and unit (its name read otherwise since)."""
    judged, moved = [], set()
    for i, t in enumerate(targets):
        to = next(
            (
                r.to_text
                for r in reversed(recorded)
                if r.metric == t.metric or (r.value == t.value and r.unit == t.unit)
            ),
            "",
        )
        if to and (target := adjusted_target(to, t.unit)):
            judged.append(replace(t, comparator=target[0], value=target[1]))
            moved.add(i)
        else:
            judged.append(t)
    return judged, moved


def _after_recorded(r: Assessment, moved: set[int]) -> None:
    """A status reached against an adjusted target says so: kept after the adjustment, or
    missed even the adjusted target (a 40 raised to 45 and 42 done is not exceeded)."""
    if r.status in ("exceeded", "completed"):
        r.status = "completed_after_adjustment"
    elif r.status in ("not_completed", "partial") and any(
        a.matches_target and a.target_index in moved for a in r.actuals
    ):
        r.status = "not_met_after_adjustment"
        if "target_missed_after_adjustment" not in r.flags:
            r.flags.append("target_missed_after_adjustment")


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
                "completed_after_adjustment",
                done.group(0),
                "high",
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
    for ti, target in enumerate(r.targets):  # a total: the sum of its parts' results
        if target.parts and all(results[j] is not None for j in target.parts):
            total = sum(
                (
                    (matched[j].value_in_target_unit or Decimal(0)) * _factor(r, j, ti)
                    for j in target.parts
                ),
                Decimal(0),
            )
            results[ti] = _meets(target, total)
    known = [x for x in results if x is not None]
    first = next(a for a in r.actuals if a.matches_target)
    r.evidence = first.span
    guessed = any(a.by_elimination for a in matched.values())
    r.confidence = "high" if len(known) == len(r.targets) and not guessed else "low"
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
    under_way = REST_UNDER_WAY_RE.search(completion)
    if under_way:  # short of target, the rest still being done
        r.status, r.confidence = "ongoing", "low"
        r.evidence = _sentence(completion, under_way)
    if EXPLICIT_DONE_RE.search(completion):
        r.flags.append("claimed_done_but_numbers_short")
    return True


def _factor(r: Assessment, part: int, total: int) -> Decimal:
    """A part's target unit in the total's unit (1 when they are the same)."""
    return convert(Decimal(1), r.targets[part].unit, r.targets[total].unit) or Decimal(1)


def _decide_words(r: Assessment, content: str, completion: str) -> None:
    stopped = TERMINATED_RE.search(completion)
    delayed = DELAYED_RE.search(completion)
    done = EXPLICIT_DONE_RE.search(completion)
    beyond = EXCEEDED_RE.search(completion)
    echo = echo_of_deliverable(content, completion)
    if echo and not done and not beyond:
        r.status, r.evidence, r.confidence = "completed", echo, "low"
        return
    lead = LEAD_DONE_RE.match(completion)
    if lead and not done and not beyond and not delayed:
        r.status, r.evidence, r.confidence = "completed", _first_sentence(completion), "low"
        return
    if stopped and done:
        r.status, r.evidence, r.confidence = "partial", _sentence(completion, stopped), "low"
    elif delayed and not done:
        r.status, r.evidence, r.confidence = "delayed", _sentence(completion, delayed), "low"
    elif found := beyond or done:
        status = "exceeded" if beyond else "completed"
        r.status, r.evidence, r.confidence = status, _sentence(completion, found), "high"
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
