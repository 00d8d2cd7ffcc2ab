"""`make corpus`: the report reader on real work reports (figures, not pass/fail).

1. Each hand-labelled list of ../shared/documents/real: exact rows and field agreement; the
   numeric targets read from their tasks against the labels' (precision, recall, names).
2. The 705 reports of ../shared/corpus against its index of the lists a survey found: reports
   read, crashes, lists found (verdict list/list?/clist) and with the stated count, lists read
   where the index says areas/not/cnarr (false lists), glossary entries read as tasks, seconds.
3. The same, each report as copied out of its PDF (wrapped at a printed width, indented, page
   numbers, no blank lines: tests/shape_writers.pdf_copy), and the labelled lists so.
4. The labelled lists as government web pages (UTF-8, GBK) and Word documents.
"""

from __future__ import annotations

import csv
import re
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
LISTS = ("list", "list?", "clist")
NOT_LISTS = ("areas", "not", "cnarr")


def labelled(shape: Callable[[str], str] | None = None) -> None:
    from duban.evaluate_lists import FIELDS, run

    folder = SHARED / "documents" / "real"
    if not folder.exists():
        print(f"(no {folder}: labelled documents skipped)")
        return
    # The 16 of ../shared, then the 21 labelled here without the reader (fixtures/real-more).
    scores = run(folder, shape) + run(ROOT / "tests" / "fixtures" / "real-more", shape)
    print(f"{'document':<22} {'rows':>5} {'exact':>6}  kind  " + " ".join(f[:8] for f in FIELDS))
    total = exact = 0
    for s in scores:
        total, exact = total + s.rows, exact + s.exact
        cells = " ".join(f"{s.fields[f]:>8}" for f in FIELDS)
        print(
            f"{s.name:<22} {s.rows:>5} {s.exact:>6}  {'ok' if s.kind_right else 'NO':<4}  {cells}"
        )
        for miss in s.misses[:3] if "-v" in sys.argv else []:
            print(f"      {miss[:160]}")
    whole = sum(1 for s in scores if s.exact == s.rows)
    print(
        f"exact rows {exact}/{total} ({exact / total:.1%}); lists read exact {whole}/{len(scores)}"
    )


def targets() -> None:
    """The numbers read from the labelled lists' tasks against the labels' targets."""
    from duban.evaluate_lists import score_targets

    s = score_targets(ROOT / "tests" / "fixtures" / "real")
    print(
        f"targets labelled {s.labelled}, read {s.read}, found {s.found} "
        f"(precision {s.found / max(s.read, 1):.1%}, recall {s.found / max(s.labelled, 1):.1%}); "
        f"names near the label's {s.names_near}/{s.found} ({s.names_near / max(s.found, 1):.1%})"
    )
    for far in s.far if "-v" in sys.argv else []:
        print(f"    {far[:150]}")


def into_plans() -> None:
    """The completion lists as an office reads them, into their plan (`duban import --into`):
    the pairing joins what a report prints in several clauses where the reader could not (a
    list without a count), so the rows stored are compared with the labels here."""
    import json

    from duban.documents import parse_tables_all
    from duban.pairing.core import normalize
    from duban.pairing.evaluate import PAIRS, evaluate

    real, reports = ROOT / "tests" / "fixtures" / "real", ROOT / "tests" / "fixtures" / "reports"
    for name, plan_file in PAIRS:
        _, pairing = evaluate(real, reports, name, plan_file)
        labels = json.loads((real / f"{name}.labels.json").read_text(encoding="utf-8"))
        done_docs = parse_tables_all((real / f"{name}.txt").read_bytes(), f"{name}.txt")
        done = next(d for d in done_docs if d.kind == "completion")
        texts: dict[int, list[str]] = {}
        for seq, task in enumerate(done.tasks, start=1):
            for p in pairing.for_outcome(task.seq or seq):
                texts.setdefault(p.promise, []).append(
                    (task.completion or task.content).rstrip("。；;")
                )
        gold = {
            t["plan_reference"]["number"]: normalize(str(t.get("completion") or "")).rstrip("。")
            for t in labels["tasks"]
            if t.get("plan_reference")
        }
        exact = sum(1 for n, want in gold.items() if normalize("；".join(texts.get(n, []))) == want)
        print(
            f"{name:<22} {len(done.tasks):>3} items read -> {len(texts):>3} plan tasks; "
            f"completion exact {exact}/{len(gold)}"
        )


def _spans(docs: list) -> list[tuple[int, int, object]]:  # type: ignore[type-arg]
    out = []
    for d in docs:
        lines = [t.source_line for t in d.tasks]
        out.append((min([*lines, d.title_line or lines[0]]), max(lines), d))
    return out


def _judge(
    entry: dict[str, str],
    rel: str,
    spans: list[tuple[int, int, object]],
    counts: Counter[str],
    missed: list[str],
    false: list[str],
) -> set[int]:
    """One index entry against the lists read: found (and with which count) for a list,
    read as a list for a not-list. The lists it covers (their ids) are returned."""
    lo, hi = int(entry["line"]), int(entry["end"])
    hits = [(a, b, d) for a, b, d in spans if a <= hi and lo <= b]
    if entry["verdict"] in LISTS:
        counts["index lists"] += 1
        stated = int(entry["stated"] or entry["count"] or 0)
        if not hits:
            missed.append(f"{rel}:{lo} not found ({entry['shape']}, {entry['note'][:50]})")
            return set()
        counts["found"] += 1
        n = max(len(d.tasks) for _, _, d in hits)  # type: ignore[attr-defined]
        right = int(entry["count"]) if _other(entry) else stated
        if n != right and right in _levels([d for _, _, d in hits], lo, hi):
            # A list read in groups (江西 2008 "八个方面60件实事", each area "着力办好5件实事：…")
            # the survey indexed by its areas, or by one group (南昌 2009, each "重点办好N件实事").
            n = right
            counts["found, a level of a list in groups"] += 1
        if any(d.kind == entry["kind"] for _, _, d in hits):  # type: ignore[attr-defined]
            counts["found, kind right"] += 1
        else:
            kind = hits[0][2].kind  # type: ignore[attr-defined]
            missed.append(f"{rel}:{lo} read as a {kind} list, the index says {entry['kind']}")
        if n == int(entry["count"] or 0):
            counts["found, items counted"] += 1
        if n == stated:
            counts["found, stated count"] += 1
        # The survey checked by hand where the count the text states is not this
        # list's (成都 2017: "十个方面" over 70 items; 南昌 2019: 12 of "100件左右"):
        # then the right count is the items it counted.
        if n == right:
            counts["found, count right"] += 1
        else:
            missed.append(f"{rel}:{lo} count {n} != {stated}")
    elif entry["verdict"] in NOT_LISTS:
        counts["index not-lists"] += 1
        # A list inside the place, not the enumeration the survey judged: 齐齐哈尔 2016 lines
        # 67-89 "（一）…（十）" chapter sub-sections are not a list, and the "重点抓好25件民生
        # 实事。（1）…（25）" in the ninth of them (line 87) is one.
        hits = [h for h in hits if h[0] <= lo + 2 or (h[1] - h[0] + 1) * 2 >= hi - lo + 1]
        if hits:
            counts["false lists"] += 1
            false.append(f"{rel}:{lo} {entry['verdict']} read as a list")
    return {id(d) for _, _, d in hits}


def _read(path: Path, shape: Callable[[str], list[tuple[int, str]]] | None) -> tuple[list, float]:  # type: ignore[type-arg]
    """The lists of one report (rewritten by `shape` first, its lines then mapped back to the
    report's), and the seconds the reading took."""
    from duban.documents import ParseError, parse_tables_all

    data = path.read_bytes()
    origin: list[int] = []
    if shape is not None:
        shaped = shape(data.decode("utf-8"))
        origin = [line for line, _text in shaped]
        data = "\n".join(text for _line, text in shaped).encode("utf-8")
    started = time.perf_counter()
    try:
        docs = parse_tables_all(data, path.name)
    except ParseError:
        docs = []
    took = time.perf_counter() - started
    if origin:
        _back_to(origin, docs)
    return docs, took


def _back_to(origin: list[int], docs: list) -> None:  # type: ignore[type-arg]
    """Lines of a rewritten report back to the report's own, where the index counts them."""
    for d in docs:
        if d.title_line:
            d.title_line = origin[d.title_line - 1]
        for t in d.tasks:
            t.source_line = origin[t.source_line - 1]


def _other(entry: dict[str, str]) -> bool:
    return bool(entry["stated"] and entry["count"] and entry["stated"] != entry["count"])


def _levels(docs: list, lo: int, hi: int) -> set[int]:  # type: ignore[type-arg]
    """The counts of a list in groups other than its items': its groups, and the group at the
    index entry's lines."""
    out: set[int] = set()
    for d in docs:
        groups = Counter(t.category for t in d.tasks if t.category)
        if len(groups) < 2:
            continue
        out.add(len(groups))
        at = {t.category for t in d.tasks if t.category and lo <= t.source_line <= hi}
        if len(at) == 1:
            out.add(groups[at.pop()])
    return out


def corpus(shape: Callable[[str], list[tuple[int, str]]] | None = None) -> None:
    """The corpus against its index; `shape` rewrites each report's text first (a PDF copy:
    its lines, each with the line of the report it comes from, so that the lists read are
    judged against the index's lines; the rewriting is not timed)."""
    base = SHARED / "corpus"
    if not base.exists():
        print(f"(no {base}: corpus skipped)")
        return
    index: dict[str, list[dict[str, str]]] = {}
    with (base / "index.tsv").open(encoding="utf-8") as f:
        for entry in csv.DictReader(f, delimiter="\t"):
            index.setdefault(entry["path"], []).append(entry)
    reports = sorted((base / "reports").rglob("*.md"))
    size = sum(p.stat().st_size for p in reports)
    counts: Counter[str] = Counter()
    missed: list[str] = []
    false: list[str] = []
    unnamed: list[str] = []
    seconds = 0.0
    for path in reports:
        rel = str(path.relative_to(base / "reports"))
        try:
            docs, took = _read(path, shape)
            seconds += took
        except Exception:
            counts["crashes"] += 1
            print(f"CRASH {rel}\n{traceback.format_exc(limit=3)}")
            continue
        counts["reports"] += 1
        counts["lists read"] += len(docs)
        spans = _spans(docs)
        claimed: set[int] = set()
        for entry in index.get(rel, []):
            claimed |= _judge(entry, rel, spans, counts, missed, false)
        for _, _, d in spans:
            tasks = d.tasks  # type: ignore[attr-defined]
            if sum(1 for t in tasks if re.match(r"^[^，。；：]{1,30}[：:]指", t.content)) * 2 > len(
                tasks
            ):
                counts["glossaries read"] += 1
                false.append(f"{rel}:{tasks[0].source_line} glossary read as a list")
            if id(d) not in claimed:
                counts["lists not in the index"] += 1
                unnamed.append(
                    f"{rel}:{tasks[0].source_line} read, not in the index: "
                    f"{(d.title or '')[:30]} ({len(tasks)} items)"  # type: ignore[attr-defined]
                )
    baseline = _table_reader_rate()
    n_lists = counts["index lists"] or 1
    print(
        f"reports read {counts['reports']}/{len(reports)}, crashes {counts['crashes']}, "
        f"{seconds:.1f} s ({len(reports) / seconds:.0f} reports/s, "
        f"{size / 1024 / seconds:,.0f} KiB/s = {size / 1024 / seconds / baseline:.2f}x the "
        f"table reader's rate on the Xicheng page in this run, {baseline:,.0f} KiB/s)"
    )
    print(
        f"index lists found {counts['found']}/{counts['index lists']} "
        f"({counts['found'] / n_lists:.1%}); with the stated count "
        f"{counts['found, stated count']}/{counts['index lists']} "
        f"({counts['found, stated count'] / n_lists:.1%}); with the right count (the stated "
        f"one, or the survey's where it found the stated count another list's) "
        f"{counts['found, count right']}/{counts['index lists']} "
        f"({counts['found, count right'] / n_lists:.1%}); with the items the survey "
        f"counted {counts['found, items counted']}/{counts['index lists']} "
        f"({counts['found, items counted'] / n_lists:.1%}); of these, "
        f"{counts['found, a level of a list in groups']} are a level of a list read in groups "
        f"(the survey counted its areas, or one group); with the kind (plan or completion) "
        f"of the index {counts['found, kind right']}/{counts['found']}"
    )
    print(
        f"false lists (index areas/not/cnarr) {counts['false lists']}/{counts['index not-lists']}; "
        f"glossaries read {counts['glossaries read']}; lists read that the index does not "
        f"name {counts['lists not in the index']} (of {counts['lists read']} read)"
    )
    if "-v" in sys.argv:
        for line in false + missed + unnamed:
            print("   ", line)


def _table_reader_rate() -> float:
    """KiB/s of the table reader on the Xicheng page: the baseline of this run."""
    from duban.documents import parse_bytes

    data = (ROOT / "duban" / "demo" / "xicheng-2020-key-tasks.txt").read_bytes()
    started = time.perf_counter()
    for _ in range(10):
        parse_bytes(data, "xicheng.txt")
    return len(data) * 10 / 1024 / (time.perf_counter() - started)


def main() -> None:
    print("== labelled real lists")
    labelled()
    print("== targets of the labelled lists (value and unit; the name read)")
    targets()
    print("== completion lists into their plan (the pairing of duban import --into)")
    into_plans()
    print("== corpus")
    corpus()
    sys.path.insert(0, str(ROOT))
    from tests.shape_writers import pdf_copy, pdf_copy_lines

    print("== the labelled lists and the corpus as copied out of a PDF (wrapped, page numbers)")
    labelled(pdf_copy)
    corpus(pdf_copy_lines)
    print("== the labelled lists as their governments publish them")
    shapes()


def shapes() -> None:
    """Each labelled list in the shapes a report is published in (tests/shape_writers): a
    government web page in UTF-8 and in GBK, a Word document, a Word document whose item
    numbers are Word's numbering."""
    from functools import partial

    from duban.evaluate_lists import run
    from tests.shape_writers import docx_numbered, report_docx, report_page

    # (The 16 as copied into the project's fixtures: the same bytes as ../shared's.)
    folders = [ROOT / "tests" / "fixtures" / "real", ROOT / "tests" / "fixtures" / "real-more"]
    for name, write, suffix in (
        ("web page, UTF-8", report_page, ".html"),
        ("web page, GBK", partial(report_page, charset="gbk"), ".html"),
        ("Word", report_docx, ".docx"),
        ("Word, numbered by Word", docx_numbered, ".docx"),
    ):
        scores = [s for f in folders for s in run(f, write=write, suffix=suffix)]
        rows, exact = sum(s.rows for s in scores), sum(s.exact for s in scores)
        whole = [s for s in scores if s.exact == s.rows]
        worst = ", ".join(f"{s.name} {s.exact}/{s.rows}" for s in scores if s.exact != s.rows)
        print(
            f"{name:<24} exact rows {exact}/{rows} ({exact / rows:.1%}); lists read exact "
            f"{len(whole)}/{len(scores)}" + (f"; not: {worst}" if worst else "")
        )


if __name__ == "__main__":
    main()
