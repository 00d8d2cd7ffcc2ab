"""The pairing measured against hand labels: completion lists whose labelled items carry
`plan_reference` (the plan item each reports on), and the plan reports they refer to.

Pure Python; `bench/pairing.py` prints the table, `tests/pairing/` pins it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from duban.documents import ParsedDocument, parse_tables_all

from .core import Pairing, bigrams, normalize, pair
from .reading import outcomes_of, promises_of, read_report

# Each completion list (tests/fixtures/real/NAME) with the plan report it completes
# (tests/fixtures/reports/FILE).
PAIRS = (
    ("hangzhou_2019_done", "hangzhou_2018.md"),
    ("hubei_2005_done", "hubei_2004.md"),
    ("jingdezhen_2023_done", "jingdezhen_2022.md"),
    ("kunming_2006_done", "kunming_2005.md"),
    ("yunnan_2004_done", "yunnan_2003.md"),
)


@dataclass
class Score:
    name: str
    items: int = 0
    right: int = 0
    wrong: int = 0
    left_over: int = 0
    tasks_left_over: int = 0  # plan tasks the labels pair and the pairing left alone
    by_number: bool = False
    mistakes: list[str] = field(default_factory=list)


def evaluate(
    real: Path, reports: Path, name: str, plan_file: str, use_numbers: bool = True
) -> tuple[Score, Pairing]:
    """Pair one labelled completion list with its plan; use_numbers=False pairs by what the
    items say alone, as an unnumbered list would be."""
    labels: dict[str, Any] = json.loads((real / f"{name}.labels.json").read_text(encoding="utf-8"))
    lines = {t["plan_reference"]["line"] for t in labels["tasks"] if t.get("plan_reference")}
    plan_docs = parse_tables_all(read_report(reports / plan_file), plan_file)
    plan = next(d for d in plan_docs if {t.source_line for t in d.tasks} & lines)
    done_docs = parse_tables_all(read_report(real / f"{name}.txt"), f"{name}.txt")
    done = next(d for d in done_docs if d.kind == "completion")
    pairing = pair(promises_of(plan), outcomes_of(done, use_numbers))
    return score(name, labels, done, pairing), pairing


def score(name: str, labels: dict[str, Any], done: ParsedDocument, pairing: Pairing) -> Score:
    gold: list[dict[str, Any]] = labels["tasks"]
    out = Score(name, items=len(done.tasks), by_number=pairing.by_number)
    expected_tasks: set[int] = set()
    for i, task in enumerate(done.tasks, start=1):
        seq = task.seq or i
        label = _label_of(task.completion or task.content, gold)
        want = label["plan_reference"]["number"] if label and label.get("plan_reference") else None
        if want is not None:
            expected_tasks.add(want)
        got = {p.promise for p in pairing.for_outcome(seq)}
        if not got:
            out.left_over += 1
            out.mistakes.append(f"item {seq}: left over (labelled task {want})")
        elif want in got:
            out.right += 1
        else:
            out.wrong += 1
            out.mistakes.append(f"item {seq}: paired with {sorted(got)}, labelled {want}")
    out.tasks_left_over = len(expected_tasks & set(pairing.unmatched_promises))
    return out


def _label_of(text: str, gold: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The labelled item a parsed item is (or is part of: 云南 2004's item 7 is two clauses)."""
    mine = normalize(text)
    for g in gold:
        theirs = normalize(str(g.get("completion") or ""))
        if mine and (mine in theirs or theirs in mine):
            return g
    grams = bigrams(mine)
    best = max(
        gold,
        key=lambda g: len(grams & bigrams(normalize(str(g.get("completion") or "")))),
        default=None,
    )
    return best


def table(real: Path, reports: Path, use_numbers: bool = True) -> list[Score]:
    return [evaluate(real, reports, name, plan, use_numbers)[0] for name, plan in PAIRS]
