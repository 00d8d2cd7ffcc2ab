"""`duban evaluate LABELS.json`: how well the reader and the numbers agree with hand labels.

Targets count as found when value, unit and comparator all agree; matched actuals when value
and unit agree. Pure Python: no database.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from duban.documents import ParsedDocument, parse_file
from duban.quantities import annotate

TEXT_FIELDS = ("category", "number", "content", "lead_units_raw", "lead_units", "completion")


@dataclass
class Score:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    def line(self, name: str) -> str:
        return (f"{name:<18} precision {self.precision:6.1%} ({self.tp}/{self.predicted})   "
                f"recall {self.recall:6.1%} ({self.tp}/{self.gold})")


@dataclass
class Report:
    rows: int = 0
    fields: Counter[str] = field(default_factory=Counter)
    targets: Score = field(default_factory=Score)
    actuals: Score = field(default_factory=Score)
    adjustments: Score = field(default_factory=Score)
    status_all: list[bool] = field(default_factory=list)
    status_high: list[bool] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"rows labelled: {self.rows}"]
        out.append("fields exact: " + ", ".join(
            f"{f} {self.fields[f]}/{self.rows}" for f in TEXT_FIELDS))
        if not self.status_all:
            return out
        out.append(self.targets.line("targets"))
        out.append(self.actuals.line("matched actuals"))
        out.append(self.adjustments.line("adjustments"))
        high, every = self.status_high, self.status_all
        out.append(f"status agreement   {sum(every)}/{len(every)} all rows, "
                   f"{sum(high)}/{len(high)} rows not marked low-confidence")
        return out


def _key(value: Any) -> Decimal:
    return Decimal(str(value)).normalize()


def _multiset_tp(predicted: list[tuple[Any, ...]], gold: list[tuple[Any, ...]]) -> int:
    left = Counter(gold)
    tp = 0
    for item in predicted:
        if left[item] > 0:
            left[item] -= 1
            tp += 1
    return tp


def evaluate(labels: dict[str, Any], doc: ParsedDocument) -> Report:
    report = Report()
    by_number = {t.number: t for t in doc.tasks}
    for gold in labels["tasks"]:
        report.rows += 1
        n = gold["number"]
        task = by_number.get(n)
        if task is None:
            report.misses.append(f"row {n}: not read")
            continue
        for f in TEXT_FIELDS:
            report.fields[f] += getattr(task, f) == gold[f]
        if "targets" not in gold:
            continue  # labels of the cells only
        pred_t = [(_key(t["value"]), t["unit"], t["comparator"]) for t in task.targets]
        gold_t = [(_key(t["value"]), t["unit"], t["comparator"]) for t in gold["targets"]]
        _count(report.targets, pred_t, gold_t, report.misses, n, "target")
        pred_a = [(_key(a["value"]), a["unit"]) for a in task.actuals if a["matches_target"]]
        gold_a = [(_key(a["value"]), a["unit"]) for a in gold["actuals"] if a["matches_target"]]
        _count(report.actuals, pred_a, gold_a, report.misses, n, "actual")
        pred_adj = task.adjusted_target
        gold_adj = gold.get("adjusted_target")
        report.adjustments.predicted += pred_adj is not None
        report.adjustments.gold += gold_adj is not None
        if pred_adj and gold_adj and all(
            pred_adj.get(k) == gold_adj.get(k) for k in ("from", "to", "approved_by", "date")
        ):
            report.adjustments.tp += 1
        elif pred_adj or gold_adj:
            report.misses.append(f"row {n}: adjustment {pred_adj} != {gold_adj}")
        agree = task.status == gold["status"]
        report.status_all.append(agree)
        if gold.get("status_confidence") != "low":
            report.status_high.append(agree)
        if not agree:
            report.misses.append(
                f"row {n}: status {task.status} != {gold['status']}"
                f" ({gold.get('status_confidence', 'high')})"
            )
    return report


def _count(score: Score, pred: list[Any], gold: list[Any], misses: list[str], n: int,
           what: str) -> None:
    tp = _multiset_tp(pred, gold)
    score.tp += tp
    score.predicted += len(pred)
    score.gold += len(gold)
    if tp != len(pred) or tp != len(gold):
        misses.append(f"row {n}: {what}s {pred} != {gold}")


def source_for(labels_path: Path, labels: dict[str, Any]) -> Path:
    """The labelled document: beside the labels, or under the labels' folder, or the demo."""
    name = Path(labels["source"]).name
    for candidate in (
        labels_path.parent / name,
        labels_path.parent.parent / labels["source"],
        labels_path.parent.parent / "shapes" / name,
        Path(__file__).parent / "demo" / name,
    ):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"cannot find {labels['source']} for {labels_path}")


def run(labels_path: str, source: str | None = None, verbose: bool = False) -> list[str]:
    path = Path(labels_path)
    labels = json.loads(path.read_text("utf-8"))
    doc = annotate(parse_file(source or source_for(path, labels)))
    report = evaluate(labels, doc)
    lines = [f"== {path.name}", *report.lines()]
    if verbose:
        lines += [f"  {m}" for m in report.misses]
    return lines
