"""Stage 2, one more shape: a list in groups — paragraphs that each name an area, then count
and list its items (江西 2008 "一是…。着力办好5件实事：…；…", 南昌 2009 "…。重点办好5件实事：…").
The areas are the items' categories, the sum of the groups' counts the list's."""

from __future__ import annotations

import re

from .blocks import Block
from .locate import LEAD_IN_RE, Candidate, Piece
from .ordinals import list_counts, stated_count
from .unnumbered import unnumbered_items


def grouped_runs(bs: list[Block]) -> list[Candidate]:
    """Paragraphs that each open with a work area and then count and list its items, one
    list in groups: 江西 2008 "今年重点抓好八个方面60件实事。" then "一是把就业作为民生之本来
    抓。着力办好5件实事：…；…。" … "八是…。着力办好9件实事：…"; 南昌 2009 "推动以62项民生工程
    实事为重点的…" then "继续完善社会保障体系。重点办好5件实事：…；…。" and eight more. Three
    such paragraphs in a row at least; each area is its items' category. A group may print fewer
    items than it counts (南昌 2009 "重点办好13件实事：" then ten): the count says so."""
    out: list[Candidate] = []
    run: list[tuple[int, str, tuple[int, str], list[Piece]]] = []
    for index, b in enumerate([*bs, None]):
        group = _group(b) if b is not None else None
        if group and (not run or run[-1][0] == index - 1):
            run.append((index, *group))
            continue
        if len(run) >= 3:
            out.append(_grouped(bs, run))
        run = [(index, *group)] if group else []
    return out


_CN = "一二三四五六七八九十"
_RUN_IN_AREA_RE = re.compile(rf"^(?:[{_CN}]{{1,3}}是|[（(][{_CN}]{{1,3}}[)）])")


def _group(b: Block) -> tuple[str, tuple[int, str], list[Piece]] | None:
    """(area, count, items) of a paragraph "<area>。…<lead-in with its count>：<items>"."""
    for m in re.finditer(r"[：:]", b.text):
        before = b.text[: m.start()]
        sentence = re.split(r"[。！？]", before)[-1]
        stated = stated_count(sentence)
        if not (stated and LEAD_IN_RE.search(sentence + "：")):
            continue
        area = re.split(r"(?<=[。！？])", before)[0]
        if area == before or len(area) > 60:
            return None  # no area of its own before the count
        found = unnumbered_items(b, m.end(), stated[0], least=min(3, stated[0]))
        if found is None:
            return None
        area = _RUN_IN_AREA_RE.sub("", area)
        return area.strip().rstrip("。！？"), stated, found[1]
    return None


def _grouped(
    bs: list[Block], run: list[tuple[int, str, tuple[int, str], list[Piece]]]
) -> Candidate:
    pieces: list[Piece] = []
    for _index, area, _n, items in run:
        for p in items:
            p.category = area
        pieces += items
    first, last = run[0][0], run[-1][0]
    lead, lead_line = bs[first].text[: run[0][3][0].char_start], bs[first].line
    total = sum(n for _i, _a, (n, _s), _p in run)
    if first and (counts := list_counts(bs[first - 1].text)) and total in counts:
        lead, lead_line = bs[first - 1].text, bs[first - 1].line  # it states their sum
    c = Candidate("groups", pieces, lead, lead_line, first, last, stated=total)
    for index, _a, (n, span), items in run:
        if len(items) != n:  # the count as printed, and the items read
            c.breaks.append((bs[index].line, "count", len(items), span))
    c.reasons.append(f"{len(run)} paragraphs, each an area with the count of its items")
    return c
