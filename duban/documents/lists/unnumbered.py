"""Stage 2, runs without numbers: the clauses ("；") or sentences after a lead-in that states
the count or names the list, or after the report's claim of the list (see locate.py for the
other shapes, and the Candidate and Piece they all make)."""

from __future__ import annotations

import re
from itertools import pairwise

from .. import brackets
from .blocks import Block
from .locate import (
    CLAIM_RE,
    LEAD_IN_RE,
    LIST_WORD_RE,
    Candidate,
    Piece,
    inline_markers,
)
from .ordinals import INLINE_STYLES, stated_count


def unnumbered_runs(bs: list[Block]) -> list[Candidate]:
    out = []
    for index, b in enumerate(bs):
        claimed = _after_a_claim(b, index)
        if claimed:
            out.append(claimed)
            continue
        for m in re.finditer(r"[：:]", b.text):
            lead = b.text[: m.end()]
            sentence = re.split(r"[。！？]", lead)[-1]
            stated = stated_count(sentence)
            if stated and LEAD_IN_RE.search(sentence):
                expected = stated[0]
            elif LIST_WORD_RE.search(opened_clause(sentence)):
                # No count, but the lead-in names the list it opens: 那曲 2023 "今年，我们要尽力
                # 而为、量力而行，办好以下民生实事：为公益性岗位…；提高…；…"; 株洲 2021 "重点办好
                # 以下民生实事：推广“门前三小”经验…；…". Five clauses at least.
                expected = 0
            else:
                continue
            body_start = m.end()
            if any(len(inline_markers(b.text, s, body_start)) >= 2 for s in INLINE_STYLES):
                continue  # numbered: an inline run
            run = unnumbered_items(b, body_start, expected)
            if run:
                pieces, breaks = told_in_two(b, run[1], expected)
                breaks += _left_over(b, run[0], pieces)
                out.append(Candidate(run[0], pieces, lead, b.line, index, index, breaks=breaks))
            break
    return out


_OPENER_RE = re.compile(r"^(?:主要)?(?:包括|是|有|为|如下)[：:]$")


def opened_clause(sentence: str) -> str:
    """The clause a colon opens the items with, or the one before a bare opener: 重庆 2024
    "…接续实施一批重点民生实事，包括："; 广西 2006 "…继续集中财力办好一批实事，主要是："."""
    clauses = [c for c in re.split(r"[，,；;]", sentence) if c.strip()]
    if len(clauses) >= 2 and _OPENER_RE.match(clauses[-1].strip()):
        return clauses[-2]
    return clauses[-1] if clauses else ""


def _after_a_claim(b: Block, index: int) -> Candidate | None:
    """The outcomes in "；" clauses after the report's claim of the list, a sentence of its
    own: 昆明 2007 "十件实事全面完成。开发有效就业岗位8.9万个…；对1万名…进行救助…；…"; 重庆
    2019 "…15件重点民生实事年度任务全面完成。重庆籍农村建卡贫困家庭大学生资助政策惠及12万人
    次；…"; 杭州 2010 "为民办实事项目全面完成。主城区的老社区全部达到…；…" (no count: five
    clauses at least), as many as it counts. Only clauses count: sentences after a claim are
    its review."""
    for m in re.finditer("。", b.text):
        sentence = re.split(r"[。！？]", b.text[: m.start()])[-1]
        last = re.split(r"[，,；;]", sentence)[-1]
        if not CLAIM_RE.search(last) or "了" in last:
            continue
        stated = stated_count(last)
        if not (stated or (len(last) <= 20 and LIST_WORD_RE.search(last))):
            continue
        run = unnumbered_items(b, m.end(), stated[0] if stated else 0, clauses_only=True)
        if run is None or (stated and abs(len(run[1]) - stated[0]) > 1):
            # More clauses than the claim counts mix the list with other results: 长沙 2018
            # "十件民生实事全面完成。整治城区黑臭水体88处；…" goes on for twelve.
            return None
        pieces, breaks = told_in_two(b, run[1], stated[0] if stated else 0)
        return Candidate(run[0], pieces, b.text[: m.end()], b.line, index, index, breaks=breaks)
    return None


def told_in_two(
    b: Block, pieces: list[Piece], stated: int
) -> tuple[list[Piece], list[tuple[int, str, int, str]]]:
    """One clause more than the text counts, and two neighbours that share more words than
    any other pair: one item told in two clauses, read as one (with a warning). 云南 2004
    "8件实事完成情况如下：…；解决了农村107.6万人口的饮水困难；计划新增的60万农村人口用电，…；…"
    prints nine: the plan's seventh item is water and power (农村、万人、人口); 本溪 2023
    "…凤凰山公园具备形象进度，南芬西山体育公园建成开放；东芬体育场早晚时段免费开放；…" tells
    its plan's 七是 in two (体育、开放) — but states no count, and its eleven clauses stay
    eleven. With no one pair ahead, or fewer than two words shared, they stay as printed."""
    if not stated or len(pieces) != stated + 1 or any(p.number for p in pieces):
        return pieces, []
    shared = [_words(a.text) & _words(z.text) for a, z in pairwise(pieces)]
    best = max(range(len(shared)), key=lambda i: len(shared[i]))
    runners = sorted((len(s) for s in shared), reverse=True)
    if runners[0] < 2 or runners[0] == runners[1]:
        return pieces, []
    first, second = pieces[best], pieces[best + 1]
    end = second.char_start + len(second.text)
    joined = Piece(first.line, first.char_start, b.text[first.char_start : end], None)
    words = "、".join(sorted(shared[best], key=first.text.find))
    return [*pieces[:best], joined, *pieces[best + 2 :]], [(b.line, "joined", best + 1, words)]


# Another group of the list, counted, after the run: 娄底 2021 "…续推五件：…；老旧小区改造26526户。
# 新增七件：完成农村中小学教师周转房建设1470套；…".
_COUNTED_GROUP_RE = re.compile(
    r"^[^。；;：:]{0,10}?(?:\d{1,2}|[一二三四五六七八九十两]{1,3})\s*[件项][^。；;：:]{0,10}[：:]"
)


def _left_over(b: Block, shape: str, pieces: list[Piece]) -> list[tuple[int, str, int, str]]:
    """The text of the paragraph the run leaves unread, where it may hold rows: sentences past
    the count stated (河北 2011 "重点办好十个方面的实事：" then twelve sentences, the last
    "切实抓好安全生产和食品药品安全，…"; 金昌 2019 "…10件民生实事：1。实施…；2。…" numbered
    with "。", read as ten sentences short of its tenth), or another counted group after a
    clause run. A closing pledge after clauses ("这些民生实事，我们将实行清单式管理，…", 张掖
    2025) is no row."""
    end = pieces[-1].char_start + len(pieces[-1].text)
    rest = b.text[end:].lstrip("；;。 \u3000")
    if rest and (shape == "sentences" or _COUNTED_GROUP_RE.match(rest)):
        return [(b.line, "rest", len(pieces), rest[:24])]
    return []


def _words(text: str) -> set[str]:
    """The two-character words of a clause, figures and punctuation left out."""
    parts = re.split(r"[\d.%％\W_]+", text)
    return {p[i : i + 2] for p in parts for i in range(len(p) - 1)}


# "其中，" opens the clauses after a claim and is no part of the first: 清远 2014 "十件民生实事
# 已全面完成。其中，城镇低保平均补贴水平…达到每人每月254.5元…；…"; 青海 2012 "…承诺办好的
# 十件实事已全面完成。其中，城乡居民养老保险待遇…走在西部省区前列；…".
_OPENS_CLAUSES_RE = re.compile(r"\s*其中\s*[，,：:]\s*")


def unnumbered_items(
    b: Block, start: int, stated: int, clauses_only: bool = False, least: int = 0
) -> tuple[str, list[Piece]] | None:
    if opener := _OPENS_CLAUSES_RE.match(b.text, start):
        start = opener.end()
    first_end = brackets.sentence_end(b.text, start)
    sentence = b.text[start:first_end]
    clauses = [
        (s, e)
        for s, e in brackets.spans(sentence, "；;")
        if b.text[start + s : start + e].strip("；;。 ")
    ]
    if len(clauses) >= (least or (max(3, stated - 1) if stated else 5)):
        pieces = [
            Piece(b.line, start + s, b.text[start + s : start + e].rstrip("；;。"), None)
            for s, e in clauses
        ]
        return "clauses", pieces
    if clauses_only:
        return None
    sentences = brackets.spans(b.text[start:], "。")
    if len(sentences) >= stated >= 3:
        pieces = [
            Piece(b.line, start + s, b.text[start + s : start + e], None)
            for s, e in sentences[:stated]
        ]
        return "sentences", pieces
    return None
