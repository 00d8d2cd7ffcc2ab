"""Which task of a plan a row is, for a list that prints no numbers.

A list of clauses or sentences ("着力办好5件实事：…；…", 江西 2008), or one whose numbering
restarts in each group (景德镇 2016 "7件已完成：（1）…" then "3件正在办理：（1）…"), is
numbered by place. When a corrected copy drops or adds an item, every later place moves: keyed
by number, task 3 would take item 4's text, its reports and history then belonging to another
promise. Such rows are matched to the plan's tasks by their text instead — the same text first,
then, for a corrected item, the most alike (difflib) — and keep that task's number; a row no
task answers is numbered after the last. A task no row answers is then missing from the file,
as in any re-import.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from duban.documents import ParsedDocument, ParsedTask

ALIKE = 0.6  # a corrected item: most of its text the same
MAX_COMPARISONS = 20_000  # beyond, rows no exact text answers are new (a different list)


def task_text(row: ParsedTask) -> str:
    """The task's text: an item's own title line over its body ("一、农村公路建设" over "目标
    任务：…", 普洱 2022; a table's 实事项目 over its 目标任务), the title first."""
    return f"{row.item_title}\n{row.content}" if row.item_title else row.content


def by_place(doc: ParsedDocument) -> bool:
    return not doc.numbered or any("原序号" in t.extra for t in doc.tasks)


def renumber(doc: ParsedDocument, existing: list[tuple[int, str, str]]) -> None:
    """Give each row of a list numbered by place the number of the plan's task it is
    (existing: the plan's (number, content, completion)). A row of a list that prints
    outcomes only (no task text: 云南 2004 "…8件实事完成情况如下：建设了500个温饱村和安居
    村；…") is known by its completion: by an empty text, every row would be every task."""
    if not existing or not by_place(doc):  # (the importer reads existing only when by place)
        return
    free = {n: _known_by(content, completion) for n, content, completion in existing}
    first: dict[str, int] = {}
    for number, text in free.items():
        first.setdefault(text, number)
    found: dict[int, int] = {}
    for i, row in enumerate(doc.tasks):
        same = first.get(_known_by(task_text(row), row.completion))
        if same is not None and same in free:
            found[i] = same
            del free[same]
    rest = [i for i in range(len(doc.tasks)) if i not in found]
    if rest and len(rest) * len(free) <= MAX_COMPARISONS:
        for i in rest:
            text = _known_by(task_text(doc.tasks[i]), doc.tasks[i].completion)
            scored = [(_alike(text, c), -n) for n, c in free.items()]  # ties: the first task
            if scored and (best := max(scored))[0] >= ALIKE:
                found[i] = -best[1]
                del free[-best[1]]
    top = max([n for n, *_ in existing], default=0)
    for i, row in enumerate(doc.tasks):
        if i in found:
            row.number = found[i]
        else:
            top += 1
            row.number = top


def _known_by(content: str, completion: str | None) -> str:
    return content.strip() or (completion or "").strip()


def _alike(text: str, other: str) -> float:
    """How alike two tasks' texts are; two empty texts say nothing (difflib calls them equal)."""
    return SequenceMatcher(None, text, other).ratio() if text and other else 0.0
