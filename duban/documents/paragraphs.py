"""Numbered paragraphs: "一、新开工保障性住房5000套。（市住房保障管理局负责）全年新开工…".

Reports of 民生实事 and key tasks often have no table: each task is a numbered paragraph, the
responsible unit in brackets ("（…负责）", "（…牵头）") or on a labelled line ("牵头单位："),
followed by the result ("完成情况：…"). One level of numbering may head categories
(一、 over 1.).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import unit_labels
from .grid import responsible_units, split_units, to_int
from .header import COMPLETION_LABELS
from .model import ParsedTask
from .numerals import DIGITS, HUNDRED, TEN, TWO, ZERO
from .units import trim

CN = DIGITS + TEN + HUNDRED + ZERO[0] + TWO  # not 〇, which a printed paragraph number is not
STYLES = {
    "cn": re.compile(rf"^\s*([{CN}]{{1,4}})\s*[、.．]\s*"),
    "paren_cn": re.compile(rf"^\s*[（(]\s*([{CN}]{{1,4}})\s*[)）]\s*"),
    "arabic": re.compile(r"^\s*(\d{1,3})\s*(?:[、．]|\.(?!\d))\s*"),
    "paren_arabic": re.compile(r"^\s*[（(]\s*(\d{1,3})\s*[)）]\s*"),
}
RESPONSIBLE_RE = re.compile(
    r"[（(]\s*(?:责任单位[:：]|牵头单位[:：])?"
    r"([^（）()]{2,80}?(?:负责|牵头|承办|落实|主责)[^（）()]{0,40}?)\s*[)）]"
)
LABEL_RE = re.compile(
    rf"^\s*({unit_labels.alternation(unit_labels.UNITS)}|完成情况|进展情况|推进情况|"
    r"落实情况|实际进度)\s*[:：]\s*"
)
CO_LABELS = unit_labels.CO


@dataclass
class _Item:
    number: int
    line: int
    lines: list[str]
    category: str | None


def _numbered(lines: list[str], style: str) -> list[tuple[int, int, str]]:
    """(line index, number, rest of line) for lines opening with this numbering style."""
    found = []
    pattern = STYLES[style]
    for i, line in enumerate(lines):
        m = pattern.match(line)
        if m:
            value = to_int(m.group(1))
            if value is not None:
                found.append((i, value, line[m.end() :]))
    return found


def _sequence(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The longest run 1, 2, 3 … among the numbered lines (restarting runs: take all)."""
    out: list[tuple[int, int, str]] = []
    expected = 1
    for item in found:
        if item[1] == expected:
            out.append(item)
            expected += 1
        elif item[1] == 1 and out:
            out.append(item)  # numbering restarts under a new category
            expected = 2
    return out


def read(lines: list[str]) -> list[ParsedTask] | None:
    """Tasks from numbered paragraphs; None when the text is not of this shape."""
    runs = {style: _sequence(_numbered(lines, style)) for style in STYLES}
    marked = {
        style: sum(1 for i, _, _ in run if _has_unit(lines, i, run)) for style, run in runs.items()
    }
    task_style = max(runs, key=lambda s: (marked[s], len(runs[s])))
    tasks_run = runs[task_style]
    if len(tasks_run) < 2 or marked[task_style] == 0:
        return None
    heads = _category_heads(lines, runs, task_style)
    items: list[_Item] = []
    ends = [*[i for i, _, _ in tasks_run][1:], len(lines)]
    for (i, _value, _rest), end in zip(tasks_run, ends, strict=True):
        stop = min([h for h in heads if i < h < end] or [end])
        category = _category_for(heads, lines, i)
        items.append(_Item(len(items) + 1, i + 1, lines[i:stop], category))
    values = [v for _, v, _ in tasks_run]
    printed = values == sorted(set(values))  # numbering does not restart: keep it
    tasks = [_task(item, task_style) for item in items]
    if printed:
        for task, value in zip(tasks, values, strict=True):
            task.number = value
    return tasks


def _has_unit(lines: list[str], i: int, run: list[tuple[int, int, str]]) -> bool:
    nxt = [j for j, _, _ in run if j > i]
    end = nxt[0] if nxt else min(len(lines), i + 8)
    block = "\n".join(lines[i:end])
    return bool(RESPONSIBLE_RE.search(block) or re.search(r"(牵头单位|责任单位)[:：]", block))


def _category_heads(
    lines: list[str], runs: dict[str, list[tuple[int, int, str]]], task_style: str
) -> list[int]:
    """Lines of a higher numbering level that head groups of tasks (一、 over 1.)."""
    order = ["cn", "paren_cn", "arabic", "paren_arabic"]
    higher = order[: order.index(task_style)]
    heads: list[int] = []
    for style in higher:
        for i, _, rest in runs[style]:
            if len(trim(rest)) <= 40 and not RESPONSIBLE_RE.search(rest):
                heads.append(i)
    return sorted(heads)


def _category_for(heads: list[int], lines: list[str], i: int) -> str | None:
    above = [h for h in heads if h < i]
    if not above:
        return None
    line = lines[above[-1]]
    for pattern in STYLES.values():
        m = pattern.match(line)
        if m:
            return trim(line[m.end() :]).rstrip("。")
    return trim(line)


def _task(item: _Item, style: str) -> ParsedTask:
    first = STYLES[style].sub("", item.lines[0], count=1)
    body = [first, *item.lines[1:]]
    content_parts: list[str] = []
    completion_parts: list[str] = []
    lead: list[str] = []
    co: list[str] = []
    target = content_parts
    for raw in body:
        line = trim(raw)
        if not line:
            continue
        label = LABEL_RE.match(line)
        if label:
            name, rest = label.group(1), trim(line[label.end() :])
            if name in COMPLETION_LABELS:
                target = completion_parts
                if rest:
                    completion_parts.append(rest)
            elif name in CO_LABELS:
                co += split_units(rest)[0]
            else:
                more_lead, more_co = split_units(rest)
                lead += more_lead
                co += more_co
                target = completion_parts
            continue
        m = RESPONSIBLE_RE.search(line) if not lead else None
        if m and target is content_parts:
            before, after = trim(line[: m.start()]), trim(line[m.end() :])
            if before:
                content_parts.append(before)
            more_lead, more_co = responsible_units(m.group(1))
            lead += more_lead
            co += more_co
            target = completion_parts
            if after:
                completion_parts.append(after)
            continue
        target.append(line)
    return ParsedTask(
        category=item.category,
        number=item.number,
        content="\n".join(content_parts),
        lead_units_raw=lead,
        lead_units=list(lead),
        completion="\n".join(completion_parts),
        source_line=item.line,
        co_units_raw=co,
        co_units=list(co),
    )
