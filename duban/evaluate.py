"""`duban evaluate LABELS.json|FOLDER ...`: how well the reader and the numbers agree with hand
labels, one table for all the documents given.

Per document: targets found (value, unit and comparator agree), matched actuals (value and
unit agree), the proposed status on the rows the labeller was confident about, and the
confusion of statuses. A completion list that prints no task text (the labels' content is
null) is assessed against the plan item each row answers (`plan_reference`), as an import
into that plan pairs them; its targets are still scored against the row's own text.
Pure Python: no database.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from duban.documents import ParsedDocument, ParsedTask, parse_file, parse_tables_all
from duban.quantities import STATUSES, annotate, annotate_task

TEXT_FIELDS = ("category", "number", "content", "lead_units_raw", "lead_units", "completion")
SHORT = {
    "exceeded": "exc",
    "completed": "com",
    "completed_after_adjustment": "c-adj",
    "not_met_after_adjustment": "n-adj",
    "partial": "par",
    "not_completed": "not",
    "delayed": "del",
    "ongoing": "ong",
    None: "none",
}


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

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    def line(self, name: str) -> str:
        return (
            f"{name:<18} precision {self.precision:6.1%} ({self.tp}/{self.predicted})   "
            f"recall {self.recall:6.1%} ({self.tp}/{self.gold})"
        )

    def cell(self) -> str:
        if not self.predicted and not self.gold:
            return "—"
        return f"{self.f1:.2f} ({self.tp}/{self.predicted}/{self.gold})"


@dataclass
class Report:
    name: str = ""
    rows: int = 0
    fields: Counter[str] = field(default_factory=Counter)
    targets: Score = field(default_factory=Score)
    actuals: Score = field(default_factory=Score)
    adjustments: Score = field(default_factory=Score)
    status_all: list[bool] = field(default_factory=list)
    status_high: list[bool] = field(default_factory=list)
    # (labelled, proposed) of the confident rows
    confusion: Counter[tuple[str | None, str | None]] = field(default_factory=Counter)
    paired: int = 0  # rows assessed against their plan item
    joined: int = 0  # labelled rows the reader split in two or more, assessed joined
    misses: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"rows labelled: {self.rows}"]
        out.append(
            "fields exact: " + ", ".join(f"{f} {self.fields[f]}/{self.rows}" for f in TEXT_FIELDS)
        )
        if not self.status_all:
            return out
        out.append(self.targets.line("targets"))
        out.append(self.actuals.line("matched actuals"))
        out.append(self.adjustments.line("adjustments"))
        high, every = self.status_high, self.status_all
        out.append(
            f"status agreement   {sum(every)}/{len(every)} all rows, "
            f"{sum(high)}/{len(high)} rows not marked low-confidence"
        )
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


def _text(value: str | None) -> str:
    return (value or "").strip()


def _align(labels: dict[str, Any], doc: ParsedDocument) -> list[ParsedTask | None]:
    """The row read for each labelled row: by number (by position in an unnumbered list), and
    where the text disagrees, the row whose text it is. A labelled row the reader split into
    consecutive rows is given as one row with their texts joined."""
    tasks = doc.tasks
    by_number: dict[int, ParsedTask] = {}
    for t in tasks:
        by_number.setdefault(t.number, t)
    out: list[ParsedTask | None] = []
    for i, gold in enumerate(labels["tasks"]):
        want_c, want_k = _text(gold.get("completion")), _text(gold.get("content"))
        if gold.get("seq") is not None:  # the position in the whole list
            task = tasks[gold["seq"] - 1] if gold["seq"] <= len(tasks) else None
        elif gold["number"] is not None:
            task = by_number.get(gold["number"])
        else:
            task = tasks[i] if i < len(tasks) else None
        if task is not None and (_text(task.completion), _text(task.content)) == (want_c, want_k):
            out.append(task)
            continue
        out.append(_by_text(tasks, want_k, want_c) or task)
    return out


def _by_text(tasks: list[ParsedTask], content: str, completion: str) -> ParsedTask | None:
    key = completion or content
    if not key:
        return None
    for i, t in enumerate(tasks):
        own = _text(t.completion) if completion else _text(t.content)
        if own == key:
            return t
        if own and key.startswith(own):
            parts = [t]
            for nxt in tasks[i + 1 :]:
                joined = "；".join(_text(p.completion if completion else p.content) for p in parts)
                if len(joined) >= len(key):
                    break
                parts.append(nxt)
            joined_task = copy.deepcopy(t)
            if completion:
                joined_task.completion = key
            else:
                joined_task.content = key
            joined_task.extra = {**t.extra, "_joined": str(len(parts))}
            return joined_task
    return None


def evaluate(labels: dict[str, Any], doc: ParsedDocument, name: str = "") -> Report:
    """The document as read against its hand labels, row by row: cells, targets, and for a
    completion list the actuals, adjustments and status."""
    report = Report(name=name)
    for gold, task in zip(labels["tasks"], _align(labels, doc), strict=True):
        report.rows += 1
        n = gold["number"] if gold["number"] is not None else f"#{gold.get('seq')}"
        if task is None:
            _not_read(report, gold, n)
            continue
        for f in TEXT_FIELDS:
            report.fields[f] += _same(getattr(task, f), gold.get(f))
        if "targets" not in gold:
            continue  # labels of the cells only
        if "_joined" in task.extra:
            report.joined += 1
            annotate_task(doc, task)
        pred_t = [
            (_key(t["value"]), t["unit"], t["comparator"])
            for t in task.targets
            if t.get("stated_in") != "completion"
        ]
        gold_t = [(_key(t["value"]), t["unit"], t["comparator"]) for t in gold["targets"]]
        _count(report.targets, pred_t, gold_t, report.misses, n, "target")
        if "status" not in gold:
            continue  # a plan list: targets only
        promise = (gold.get("plan_reference") or {}).get("text")
        if not _text(gold.get("content")) and promise:
            task = copy.deepcopy(task)
            annotate_task(doc, task, promise=promise)
            report.paired += 1
        pred_a = [(_key(a["value"]), a["unit"]) for a in task.actuals if a["matches_target"]]
        gold_a = [(_key(a["value"]), a["unit"]) for a in gold["actuals"] if a["matches_target"]]
        _count(report.actuals, pred_a, gold_a, report.misses, n, "actual")
        _adjustment(report, task, gold, n)
        _status(report, task, gold, n)
    return report


def _not_read(report: Report, gold: dict[str, Any], n: object) -> None:
    report.misses.append(f"row {n}: not read")
    if "status" in gold:
        report.status_all.append(False)
        if gold.get("status_confidence") != "low":
            report.status_high.append(False)
            report.confusion[gold["status"], None] += 1


def _adjustment(report: Report, task: ParsedTask, gold: dict[str, Any], n: object) -> None:
    pred_adj = task.adjusted_target
    gold_adj = gold.get("adjusted_target")
    report.adjustments.predicted += pred_adj is not None
    report.adjustments.gold += gold_adj is not None
    if (
        pred_adj
        and gold_adj
        and all(pred_adj.get(k) == gold_adj.get(k) for k in ("from", "to", "approved_by", "date"))
    ):
        report.adjustments.tp += 1
    elif pred_adj or gold_adj:
        report.misses.append(f"row {n}: adjustment {pred_adj} != {gold_adj}")


def _status(report: Report, task: ParsedTask, gold: dict[str, Any], n: object) -> None:
    agree = task.status == gold["status"]
    report.status_all.append(agree)
    if gold.get("status_confidence") != "low":
        report.status_high.append(agree)
        report.confusion[gold["status"], task.status] += 1
    if not agree:
        report.misses.append(
            f"row {n}: status {task.status} ({task.status_confidence}) != {gold['status']}"
            f" ({gold.get('status_confidence', 'high')}) — {task.status_evidence!r}"
        )


def _same(value: Any, want: Any) -> bool:
    empty: tuple[object, ...] = (None, "", [])
    return value == want or (value in empty and want in empty)


def _count(
    score: Score, pred: list[Any], gold: list[Any], misses: list[str], n: object, what: str
) -> None:
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


def _document(path: Path, labels: dict[str, Any], source: str | None) -> ParsedDocument:
    """The list the labels describe: in a long report, the one read from the labelled lines."""
    src = Path(source) if source else source_for(path, labels)
    if "title_line" not in labels:
        return annotate(parse_file(src))
    from duban.evaluate_lists import pick

    docs = parse_tables_all(src.read_bytes(), src.name)
    doc = pick(labels, docs) or (docs[0] if docs else parse_file(src))
    return annotate(doc)


def report_for(labels_path: str | Path, source: str | None = None) -> Report:
    path = Path(labels_path)
    labels = json.loads(path.read_text("utf-8"))
    name = path.name.removesuffix(".json").replace(".labels", "")
    return evaluate(labels, _document(path, labels, source), name)


def label_files(paths: list[str]) -> list[Path]:
    """The labels files given, and those in the folders given (NAME.labels*.json)."""
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.glob("*.labels*.json")) if p.is_dir() else [p])
    return out


def _pct(hits: list[bool]) -> str:
    return f"{sum(hits) / len(hits):.2f} ({sum(hits)}/{len(hits)})" if hits else "—"


def table(reports: list[Report]) -> list[str]:
    """One table: a line per document and the total, then the confusion of the statuses on
    the confident rows (labelled status down, proposed across)."""
    head = (
        f"{'document':<34} {'rows':>4}  {'targets F1':<17} {'matched actuals F1':<19} "
        f"{'status, confident':<18} {'status, all':<14}"
    )
    out = [head, "-" * len(head)]
    total = Report(name="all")
    for r in reports:
        out.append(_row(r))
        total.rows += r.rows
        total.targets.add(r.targets)
        total.actuals.add(r.actuals)
        total.status_high += r.status_high
        total.status_all += r.status_all
        total.confusion += r.confusion
        total.paired += r.paired
        total.joined += r.joined
    out += ["-" * len(head), _row(total)]
    out.append("targets, actuals: F1 (agreeing/proposed/labelled); status: share (agreeing/rows)")
    if total.paired or total.joined:
        out.append(
            f"{total.paired} completion rows assessed against their plan item; "
            f"{total.joined} labelled rows the reader split, assessed joined"
        )
    for r in [*reports, total] if len(reports) > 1 else reports:
        if r.confusion:
            out += [
                "",
                f"confusion, confident rows: {r.name} (labelled ↓, proposed →)",
                *_confusion(r.confusion),
            ]
    return out


def _row(r: Report) -> str:
    return (
        f"{r.name:<34} {r.rows:>4}  {r.targets.cell():<17} {r.actuals.cell():<19} "
        f"{_pct(r.status_high):<18} {_pct(r.status_all):<14}"
    )


def _confusion(matrix: Counter[tuple[str | None, str | None]]) -> list[str]:
    order = [*STATUSES, None]
    gold = [s for s in order if any(g == s for g, _p in matrix)]
    pred = [s for s in order if any(p == s for _g, p in matrix)]
    lines = [" " * 8 + "".join(f"{SHORT[p]:>6}" for p in pred)]
    for g in gold:
        lines.append(f"{SHORT[g]:<8}" + "".join(f"{matrix[g, p] or '.':>6}" for p in pred))
    return lines


def run(labels_path: str, source: str | None = None, verbose: bool = False) -> list[str]:
    """The detailed lines of one labels file (make bench, `duban evaluate FILE -v`)."""
    report = report_for(labels_path, source)
    lines = [f"== {Path(labels_path).name}", *report.lines()]
    if verbose:
        lines += [f"  {m}" for m in report.misses]
    return lines


def run_table(paths: list[str], source: str | None = None, verbose: bool = False) -> list[str]:
    reports = [report_for(p, source) for p in label_files(paths)]
    lines = table(reports)
    if verbose:
        for r in reports:
            if r.misses:
                lines += ["", f"== {r.name}", *(f"  {m}" for m in r.misses)]
    return lines
