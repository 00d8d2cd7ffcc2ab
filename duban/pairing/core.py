"""Pair the items of a completion list with the plan tasks they report on.

A government prints its plan in year N's work report and, in year N+1's, how each item went:
often numbered like the plan, often as unnumbered clauses in the plan's order, sometimes one
plan item reported in two adjacent clauses (云南 2004: water, then electricity, both plan item
7) or two items in one clause. The completion rarely repeats the plan's words; it repeats
its nouns and its measures ("改造农村公路1万公里" → "新改建农村公路1.2万公里").

So: by number where both lists number the same items the same way (checked against what they
say, not assumed); otherwise by what they say — shared words weighted by how rare they are in
the plan, and figures against targets (same measure, same words around them, a value near the
target) — in the assignment that maximises the total score; then the clause that continues
its neighbour's task, and the clause that reports two tasks at once. Every pair carries its
score and its reasons; items and tasks left over are returned as such.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from duban.documents.model import Note, gettext_noop
from duban.quantities.extract import Quantity, quantities
from duban.quantities.measures import measure

from .assign import best_assignment

# Below this a pair is a guess the office should make, not the machine.
MIN_SCORE = 0.12
# A left-over clause joins its neighbour's task when it says at least this much of that task.
SPLIT_MIN = 0.15
# By number only when the numbered pairing says nearly as much as the best one by content.
NUMBER_AGREEMENT = 0.85

CJK = re.compile(r"[\u4e00-\u9fff]+")
# A shared run that starts with the measure word or particle after a number ("个重点社区…").
LEADING = "个万亿名户座处所项条套台的和及与"
CLAUSE_BREAK = re.compile(r"[，,；;。、]")
# Words of every item of every list: they say nothing about which item is which.
COMMON = frozenset(
    {
        "完成",
        "实现",
        "建设",
        "推进",
        "开展",
        "全市",
        "全省",
        "全区",
        "加快",
        "加强",
        "实施",
        "进一步",
        "积极",
        "继续",
        "新增",
        "提升",
        "改造",
        "筹措",
        "资金",
        "安排",
        "万元",
        "亿元",
    }
)


@dataclass(frozen=True)
class Promise:
    """A plan task: its number in the plan and its text (the plan item)."""

    number: int
    text: str


@dataclass(frozen=True)
class Outcome:
    """A completion item: its position in the list (seq, from 1), its printed number if the
    list numbers its items, and its text."""

    seq: int
    text: str
    number: int | None = None
    # The task text the item prints beside its outcome (景德镇 2016 "3件正在办理：（1）开工建设1座
    # 老城区跨江大桥（签订了…）"): read for the pairing, never stored as the outcome.
    said: str = ""


@dataclass
class Pair:
    promise: int  # the task's number
    outcome: int  # the item's seq
    score: float
    how: str  # number, content, split (two clauses, one task), joint (one clause, two tasks)
    reasons: list[Note] = field(default_factory=list)

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


@dataclass
class Pairing:
    pairs: list[Pair]
    unmatched_outcomes: list[int]  # seqs
    unmatched_promises: list[int]  # task numbers
    by_number: bool
    warnings: list[Note] = field(default_factory=list)

    def for_promise(self, number: int) -> list[Pair]:
        return [p for p in self.pairs if p.promise == number]

    def for_outcome(self, seq: int) -> list[Pair]:
        return [p for p in self.pairs if p.outcome == seq]


def normalize(text: str) -> str:
    """Full-width digits and signs as ASCII, spaces out ("超 1.74 万人" → "超1.74万人")."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def bigrams(text: str) -> set[str]:
    out: set[str] = set()
    for run in CJK.findall(text):
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    return out - COMMON


@dataclass(frozen=True)
class _Figure:
    value: Decimal  # in the dimension's base unit
    dimension: str
    base: str
    printed: str
    words: frozenset[str]


def figures(text: str) -> list[_Figure]:
    """The measured quantities of a text (counts, lengths, areas, people; not bare numbers)."""
    out = []
    for q in quantities(text):
        m = measure(q.unit)
        if m is None or m.dimension == "number":
            continue
        out.append(
            _Figure(
                q.value * m.factor,
                m.dimension,
                m.base,
                q.span.strip(),
                frozenset(bigrams(_context(q))),
            )
        )
    return out


def _context(q: Quantity) -> str:
    return q.before[-12:] + q.after[:12]


def _same_measure(a: _Figure, b: _Figure) -> bool:
    if a.dimension != b.dimension:
        return False
    return a.dimension != "count" or a.base == b.base or "个" in (a.base, b.base)


@dataclass
class _Text:
    grams: set[str]
    figures: list[_Figure]
    plain: str


class Scorer:
    """Scores of every item against every task, with the words weighted by how few of the
    plan's tasks use them."""

    def __init__(self, promises: list[Promise], outcomes: list[Outcome]) -> None:
        self.p = [_read(p.text) for p in promises]
        self.o = [_read(f"{o.said}\n{o.text}" if o.said else o.text) for o in outcomes]
        df: dict[str, int] = {}
        for t in self.p:
            for g in t.grams:
                df[g] = df.get(g, 0) + 1
        n = max(len(self.p), 1)
        self.idf = {g: math.log(1 + n / d) for g, d in df.items()}
        self.rare = math.log(1 + n)  # a word no task uses

    def weight(self, grams: set[str]) -> float:
        return sum(self.idf.get(g, self.rare) for g in grams)

    def words(self, o: _Text, p: _Text) -> float:
        shared = o.grams & p.grams
        if not shared:
            return 0.0
        w = self.weight(shared)
        return 0.6 * w / max(self.weight(o.grams), 1e-9) + 0.4 * w / max(self.weight(p.grams), 1e-9)

    def measures(self, o: _Text, p: _Text) -> tuple[float, tuple[_Figure, _Figure] | None]:
        """How well the item's figures answer the task's: the same measure, the same words
        around the number, a value near the target. Also the best figure and its target."""
        best_pair = None
        total = 0.0
        best_one = 0.0
        for f in o.figures:
            best = 0.0
            for t in p.figures:
                if not _same_measure(f, t):
                    continue
                near = _nearness(f.value, t.value)
                shared = len(f.words & t.words) / max(min(len(f.words), len(t.words)), 1)
                score = (0.35 + 0.65 * min(shared, 1.0)) * (0.4 + 0.6 * near)
                if score > best:
                    best = score
                    if score > best_one:
                        best_one, best_pair = score, (f, t)
            total += best
        if not o.figures:
            return 0.0, None
        return total / len(o.figures), best_pair

    def score(self, i: int, j: int) -> float:
        o, p = self.o[i], self.p[j]
        words = self.words(o, p)
        if o.figures and p.figures:
            m, _ = self.measures(o, p)
            return min(1.0, 0.7 * words + 0.3 * m + 0.1 * m * words)
        return words

    def explain(self, i: int, j: int) -> list[Note]:
        o, p = self.o[i], self.p[j]
        notes = []
        common = shared_phrases(o.plain, p.plain)
        if common:
            notes.append(Note(gettext_noop("shared words: {words}"), words="、".join(common)))
        m, pair = self.measures(o, p)
        if pair and m > 0.2:
            notes.append(
                Note(
                    gettext_noop("figure {actual} against the target {target}"),
                    actual=pair[0].printed,
                    target=pair[1].printed,
                )
            )
        return notes


def _read(text: str) -> _Text:
    plain = normalize(text)
    return _Text(bigrams(plain), figures(plain), plain)


def _nearness(actual: Decimal, target: Decimal) -> float:
    if target == 0 or actual == 0:
        return 0.0
    ratio = float(actual / target)
    if 0.98 <= ratio <= 1.02:
        return 1.0
    if 0.5 <= ratio <= 3:
        return 0.7
    if 0.2 <= ratio <= 6:
        return 0.3
    return 0.0


def shared_phrases(a: str, b: str, most: int = 3) -> list[str]:
    """The longest runs of Chinese text the two share (two characters at least), longest
    first, for a person to see why a pair was made."""
    found: list[str] = []
    i = 0
    while i < len(a):
        start, best = i, ""
        for j in range(i + 2, len(a) + 1):
            piece = a[i:j]
            if not CJK.fullmatch(piece) or piece not in b:
                break
            best = piece
        phrase = best.lstrip(LEADING)
        if len(phrase) >= 2 and phrase not in COMMON:
            found.append(phrase)
            i = start + len(best)
        else:
            i += 1
    unique = list(dict.fromkeys(found))
    unique.sort(key=len, reverse=True)
    return unique[:most]


def pair(promises: list[Promise], outcomes: list[Outcome]) -> Pairing:
    """Pair each completion item with the task it reports on (see the module's docstring)."""
    if not promises or not outcomes:
        return Pairing([], [o.seq for o in outcomes], [p.number for p in promises], False)
    scorer = Scorer(promises, outcomes)
    matrix = [[scorer.score(i, j) for j in range(len(promises))] for i in range(len(outcomes))]
    chosen = best_assignment(matrix)
    by_number = _numbered_alike(promises, outcomes, matrix, chosen)
    pairs: list[Pair] = []
    if by_number is not None:
        for i, j in by_number:
            notes = [
                Note(gettext_noop("the same number, {number}"), number=promises[j].number),
                *scorer.explain(i, j),
            ]
            pairs.append(
                Pair(promises[j].number, outcomes[i].seq, round(matrix[i][j], 2), "number", notes)
            )
    else:
        for i, j in chosen:
            if matrix[i][j] >= MIN_SCORE:
                pairs.append(
                    Pair(
                        promises[j].number,
                        outcomes[i].seq,
                        round(matrix[i][j], 2),
                        "content",
                        scorer.explain(i, j),
                    )
                )
        _splits(promises, outcomes, matrix, scorer, pairs)
        _joints(promises, outcomes, matrix, scorer, pairs)
    pairs.sort(key=lambda p: (p.outcome, p.promise))
    used_o = {p.outcome for p in pairs}
    used_p = {p.promise for p in pairs}
    result = Pairing(
        pairs,
        [o.seq for o in outcomes if o.seq not in used_o],
        [p.number for p in promises if p.number not in used_p],
        by_number is not None,
    )
    if len(pairs) < max(1, min(len(promises), len(outcomes)) // 2):
        result.warnings.append(
            Note(
                gettext_noop(
                    "only {n} of {items} items pair with a task: is this the plan the document "
                    "reports on?"
                ),
                n=len(pairs),
                items=len(outcomes),
            )
        )
    return result


def _numbered_alike(
    promises: list[Promise],
    outcomes: list[Outcome],
    matrix: list[list[float]],
    chosen: list[tuple[int, int]],
) -> list[tuple[int, int]] | None:
    """The pairs by printed number, if both lists number their items and the numbered
    pairing says nearly as much as the best pairing by content (景德镇 2022's list is numbered
    ①–⑩ like its plan, but a list may well be numbered in its own order)."""
    numbers = [o.number for o in outcomes]
    if any(n is None for n in numbers) or len(set(numbers)) != len(numbers):
        return None
    index = {p.number: j for j, p in enumerate(promises)}
    if not all(n in index for n in numbers):
        return None
    pairs = [(i, index[n]) for i, n in enumerate(numbers) if n is not None]
    numbered = sum(matrix[i][j] for i, j in pairs)
    best = sum(matrix[i][j] for i, j in chosen)
    return pairs if numbered >= NUMBER_AGREEMENT * best else None


def _splits(
    promises: list[Promise],
    outcomes: list[Outcome],
    matrix: list[list[float]],
    scorer: Scorer,
    pairs: list[Pair],
) -> None:
    """A left-over clause next to a clause of the task it speaks of continues that task's
    report (云南 2004: "解决了农村107.6万人口的饮水困难；计划新增的60万农村人口用电…")."""
    task_of = {p.outcome: p.promise for p in pairs}
    for i, o in enumerate(outcomes):
        if o.seq in task_of:
            continue
        j = max(range(len(promises)), key=lambda k: matrix[i][k])
        number = promises[j].number
        for neighbour in (o.seq - 1, o.seq + 1):
            if task_of.get(neighbour) == number and matrix[i][j] >= SPLIT_MIN:
                notes = [
                    Note(
                        gettext_noop("continues item {item}, which reports on the same task"),
                        item=neighbour,
                    ),
                    *scorer.explain(i, j),
                ]
                pairs.append(Pair(number, o.seq, round(matrix[i][j], 2), "split", notes))
                task_of[o.seq] = number
                break


def _joints(
    promises: list[Promise],
    outcomes: list[Outcome],
    matrix: list[list[float]],
    scorer: Scorer,
    pairs: list[Pair],
) -> None:
    """A task left over whose best item is paired with another task: if the item's clauses
    split between the two tasks, it reports on both ("解决了100多万人口的饮水困难，扶持18万农户
    兴建了沼气池")."""
    used = {p.promise for p in pairs}
    for j, p in enumerate(promises):
        if p.number in used:
            continue
        i = max(range(len(outcomes)), key=lambda k: matrix[k][j])
        others = [q for q in pairs if q.outcome == outcomes[i].seq]
        if not others or matrix[i][j] < MIN_SCORE:
            continue
        other_j = next(k for k, q in enumerate(promises) if q.number == others[0].promise)
        clauses = [c for c in CLAUSE_BREAK.split(normalize(outcomes[i].text)) if len(c) > 3]
        if len(clauses) < 2:
            continue
        mine = [
            c for c in clauses if _clause_score(scorer, c, j) > _clause_score(scorer, c, other_j)
        ]
        if mine and len(mine) < len(clauses):
            notes = [
                Note(
                    gettext_noop(
                        "item {item} reports on two tasks in one clause; this part: {part}"
                    ),
                    item=outcomes[i].seq,
                    part="，".join(mine),
                ),
                *scorer.explain(i, j),
            ]
            pairs.append(Pair(p.number, outcomes[i].seq, round(matrix[i][j], 2), "joint", notes))
            used.add(p.number)


def _clause_score(scorer: Scorer, clause: str, j: int) -> float:
    text = _read(clause)
    p = scorer.p[j]
    words = scorer.words(text, p)
    if text.figures and p.figures:
        return 0.7 * words + 0.3 * scorer.measures(text, p)[0]
    return words
