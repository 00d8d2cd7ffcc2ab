"""How the report reader agrees with hand-labelled lists of real reports (documents/real).

A row is exact when every text field agrees: number (or position, for unnumbered lists),
category, item title, content, completion, lead and co-units as printed and normalised. An
empty field and null are the same. Pure Python: no database.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from duban.documents import ParsedDocument, ParseError, parse_tables_all

FIELDS = (
    "number",
    "category",
    "item_title",
    "content",
    "completion",
    "lead_units_raw",
    "lead_units",
    "co_units_raw",
    "co_units",
)


@dataclass
class ListScore:
    name: str
    rows: int
    exact: int = 0
    kind_right: bool = False
    fields: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


def _norm(value: Any) -> Any:
    return None if value in (None, "", []) else value


def pick(labels: dict[str, Any], docs: list[ParsedDocument]) -> ParsedDocument | None:
    """The list read from the labelled rows: most rows on the labels' lines or with their
    text (a document rewritten in another shape has other line numbers)."""
    lines = {t["source_line"] for t in labels["tasks"]}
    texts = {t.get("content") or t.get("completion") for t in labels["tasks"]} - {None, ""}

    def agreement(d: ParsedDocument) -> int:
        return len(lines & {t.source_line for t in d.tasks}) + len(
            texts & {t.content or t.completion for t in d.tasks}
        )

    best = max(docs, key=agreement, default=None)
    return best if best is not None and agreement(best) else None


def score(name: str, labels: dict[str, Any], docs: list[ParsedDocument]) -> ListScore:
    result = ListScore(name, len(labels["tasks"]), fields=dict.fromkeys(FIELDS, 0))
    doc = pick(labels, docs)
    if doc is None:
        result.misses.append("list not found")
        return result
    result.kind_right = doc.kind == labels["kind"]
    for i, gold in enumerate(labels["tasks"]):
        task = doc.tasks[i] if i < len(doc.tasks) else None
        if task is None:
            result.misses.append(f"row {i + 1}: not read")
            continue
        wrong = []
        for f in FIELDS:
            want = gold.get(f)
            if f == "number" and want is None:
                want = gold.get("seq")
            if f == "item_title" and f not in gold:
                want = None
            if _norm(getattr(task, f)) == _norm(want):
                result.fields[f] += 1
            else:
                wrong.append(f"{f}: {getattr(task, f)!r} != {want!r}")
        if wrong:
            result.misses.append(f"row {i + 1}: " + "; ".join(wrong))
        else:
            result.exact += 1
    if len(doc.tasks) > len(labels["tasks"]):
        result.misses.append(f"{len(doc.tasks) - len(labels['tasks'])} rows more than labelled")
    return result


def fold_run_in_titles(labels: dict[str, Any]) -> dict[str, Any]:
    """Labels that put a title sentence run into the item's text ("1．提高养老金待遇。全面落实…")
    in item_title, as the reader does not (titles on lines of their own only, as the 16 of
    documents/real label them): the title put back in front of the text."""
    if "added_run_in_title" not in labels.get("annotation_conventions", {}):
        return labels
    tasks = []
    for t in labels["tasks"]:
        t = dict(t)
        if t.get("item_title"):
            key = "content" if t.get("content") else "completion"
            t[key] = f"{t['item_title']}。{t.get(key) or ''}"
            t["item_title"] = None
        tasks.append(t)
    return {**labels, "tasks": tasks}


def run(
    folder: Path,
    shape: Callable[[str], str] | None = None,
    write: Callable[[str], bytes] | None = None,
    suffix: str = ".txt",
) -> list[ListScore]:
    """Each labelled list of `folder`; `shape` rewrites each document's text first, or
    `write` makes a file of it (a web page, a Word document) read as a file named `suffix`."""
    out = []
    for path in sorted(folder.glob("*.labels.json")):
        labels = fold_run_in_titles(json.loads(path.read_text("utf-8")))
        source = path.with_name(path.name.replace(".labels.json", ".txt"))
        data = source.read_bytes()
        if shape is not None:
            data = shape(data.decode("utf-8")).encode("utf-8")
        if write is not None:
            data = write(data.decode("utf-8"))
        try:
            docs = parse_tables_all(data, source.stem + suffix)
        except ParseError:
            docs = []  # no list read: every row a miss
        out.append(score(path.name.removesuffix(".labels.json"), labels, docs))
    return out


@dataclass
class TargetScore:
    """The numeric targets read from labelled lists against the labels' (value and unit),
    and how near the names read are to the labels' for the targets found."""

    labelled: int = 0
    read: int = 0
    found: int = 0
    names_near: int = 0
    far: list[str] = field(default_factory=list)


NEAR = 0.5  # difflib's ratio of the name read to the label's


def score_targets(folder: Path) -> TargetScore:
    from difflib import SequenceMatcher

    from duban.quantities import annotate

    out = TargetScore()
    for path in sorted(folder.glob("*.labels.json")):
        name = path.name.removesuffix(".labels.json")
        labels = json.loads(path.read_text(encoding="utf-8"))
        if not any("targets" in t for t in labels["tasks"]):
            continue  # labelled for their text fields only
        doc = pick(labels, parse_tables_all((folder / f"{name}.txt").read_bytes(), name))
        if doc is None:
            continue
        annotate(doc)
        for got, want in zip(doc.tasks, labels["tasks"], strict=False):
            wanted = {_figure(t): t["metric"] for t in want.get("targets") or []}
            read = {_figure(t): t["metric"] for t in got.targets}
            out.labelled, out.read = out.labelled + len(wanted), out.read + len(read)
            for key in read.keys() & wanted.keys():
                out.found += 1
                if SequenceMatcher(None, read[key], wanted[key]).ratio() >= NEAR:
                    out.names_near += 1
                else:
                    out.far.append(f"{name} {got.number}: {read[key]!r}, labelled {wanted[key]!r}")
    return out


def _figure(target: dict[str, Any]) -> tuple[Decimal, str]:
    return Decimal(str(target["value"])).normalize(), target["unit"]
