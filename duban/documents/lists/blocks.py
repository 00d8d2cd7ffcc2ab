"""Stage 1 of the report reader: a text becomes blocks, one paragraph each, with its line.

Markdown emphasis and heading marks are furniture, not text ("**附件1**" is the block
"附件1"); a block's text is otherwise kept exactly, so that every span the later stages cut
is a substring of the printed paragraph. A text wrapped at a fixed width (copied out of a PDF,
a page printed with hard line breaks) has its paragraphs joined first: each paragraph is then
one block, as in a Word file or a web page, its line the first of its lines.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..units import trim

_MARKUP_RE = re.compile(r"^(?:#{1,6}\s+|>\s*)|\*\*|__")


@dataclass(frozen=True)
class Block:
    line: int  # 1-based line of the paragraph in the document
    text: str

    @property
    def short(self) -> bool:
        """A line that can be a heading: short and without a sentence end inside."""
        return len(self.text) <= 40 and "。" not in self.text[:-1]


def blocks(lines: list[str]) -> list[Block]:
    out = []
    for number, line in _paragraphs(lines):
        text = trim(_MARKUP_RE.sub("", line))
        if text and not set(text) <= set("-*=_|"):
            out.append(Block(number, text))
    return out


# A page's number between two lines of one paragraph: "- 3 -", "— 12 —", "第3页", "3".
_PAGE_NUMBER_RE = re.compile(r"^\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页|\d{1,3})\s*$")
# A line that starts a paragraph whatever the line before: indented, or Markdown structure.
_STARTS_RE = re.compile(r"^(?:\u3000|\s{2,}|#|\||>)")


# A full line may fall short of the width by a Chinese character and a digit (the character
# did not fit), or pass it by a punctuation mark kept off the next line's start (避头尾).
_SLACK = 3


def width(text: str) -> int:
    """Printed width: a Chinese character (or full-width form) counts two, ASCII one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_width(lines: list[str]) -> int | None:
    """The width a text is wrapped at, or None if it is not wrapped. Wrapped, most lines of a
    paragraph fill the width, within a character, and none is much longer; unwrapped, lines
    are paragraphs of every length. (A Markdown report: the most common width holds a few
    lines of a hundred; a page copied out of a PDF: three lines of four.)"""
    wrapped = _wrapping(lines)
    return wrapped[0] if wrapped else None


def _wrapping(lines: list[str]) -> tuple[int, int] | None:
    """The width, and the width from which a line is full. A justified line of a PDF holds
    more or fewer characters as its figures and commas are set: full lines are the peak of
    widths and its shoulder, down to where the widths become as rare as paragraphs' last
    lines are (a twentieth of the peak)."""
    sample = [line.rstrip("\r\n") for line in lines if len(trim(line)) >= 10][:400]
    widths = [width(line) for line in sample]  # 400 lines tell (and cost little)
    if len(widths) < 12:
        return None
    top = max(widths)
    counts = Counter(widths)
    full = max(range(20, top + 1), key=lambda w: sum(counts[w - k] for k in range(_SLACK + 1)))
    near = sum(counts[full - k] for k in range(_SLACK + 1))
    longer = sum(n for w, n in counts.items() if w > full + 2)
    if full < 30 or near * 2 < len(widths) or longer * 20 > len(widths):
        return None
    peak = max(range(full - _SLACK, full + 1), key=lambda w: counts[w])
    edge = peak
    while edge > full - full // 6 and counts[edge - 1] * 20 >= counts[peak]:
        edge -= 1
    return full, min(edge, full - _SLACK)


# Where no indent marks paragraphs, a line after a sentence's (or a parenthesis') end opens
# one with an item's number or a units label: "1．新建改扩建幼儿园…" and the group heading
# "四、扶贫解困" (成都 2021), "（一）…" (the report's sections), "主办单位：市水务局"
# (普洱 2022). "一是", "（1）" and "①" open items inside a paragraph too: not these (a
# paragraph they join is split again where the run reads it: locate._run_into).
_ORDINAL_START_RE = re.compile(
    r"^\s*(?:\d{1,3}\s*[．.、](?!\d)|[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}、|"
    r"(?:牵头|主办|责任|配合|协办|承办)单位\s*[:：])"
)
_ENDS = ("。", "：", ":", "；", "！", "？", "）", ")")
# A line that cannot open a paragraph: the item's units in their parenthesis, set on a line of
# their own ("27.有意愿且符合条件的特困人员集中供养率达100%。" / "（牵头单位：市民政局）", 成都
# 2021 printed justified), or a closing mark.
_GOES_ON_RE = re.compile(r"^(?:[（(]\s*(?:牵头|主办|责任|配合|协办|承办)|[，。；、）)”’])")
_SENTENCE_ENDS = ("。", "：", ":", "；", "！", "？", "”", "*")


def _starts_a_paragraph(line: str, before: str, indented: bool) -> bool:
    """Where paragraphs are indented, the indent says it (an item's number may begin a line
    inside a paragraph: "…要办好10件为民实事：1.城镇新增就业1.5万人。2.整治…"); where none
    is, an item's number at the start after a sentence's end."""
    if _STARTS_RE.match(line):
        return True
    return not indented and before.rstrip().endswith(_ENDS) and bool(_ORDINAL_START_RE.match(line))


def _without_page_numbers(numbered: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A wrapped text without its page numbers, and the blank lines around each (a page's
    foot), which are no paragraph's end: a paragraph goes on over the page break."""
    drop = set()
    for i, (_number, line) in enumerate(numbered):
        if line.strip() and _PAGE_NUMBER_RE.match(line):
            drop.add(i)
            for step in (-1, 1):
                k = i + step
                while 0 <= k < len(numbered) and not numbered[k][1].strip():
                    drop.add(k)
                    k += step
    return [pair for i, pair in enumerate(numbered) if i not in drop]


def _continued(line: str, spaced_ends: bool) -> str:
    """A wrapped paragraph's next line as it goes on: without its margin, but a single space
    it opens or ends with is the text's, wrapped there ("…临时公交线路 12 " / "条，优化调整了
    35 条…", 清远 2014 copied out of its PDF) — unless most lines end with one (the viewer's)."""
    text = trim(line)
    if not text:
        return text
    if line.startswith(" ") and not line.startswith("  "):
        text = " " + text
    return text + _space_at_end(line, spaced_ends)


def _space_at_end(line: str, spaced_ends: bool) -> str:
    """The single space a line ends with, where it is the text's (see _continued)."""
    return " " if not spaced_ends and line.endswith(" ") and not line.endswith("  ") else ""


def _paragraphs(lines: list[str]) -> list[tuple[int, str]]:
    """(line, text) per paragraph: a line each, or the lines of a wrapped paragraph joined. A
    line that fills the width goes on in the next, unless that one is blank, indented or a
    heading, or the line ends a sentence and the next opens with an item's number. Page
    numbers, on lines of their own, are dropped."""
    numbered = list(enumerate(lines, start=1))
    wrapped = _wrapping(lines)
    if wrapped is None:
        return numbered
    short_of = wrapped[1]
    starts = sum(1 for line in lines[:400] if line.startswith(("\u3000", "  ")))
    indented = starts * 20 >= min(len(lines), 400)
    sample = [line for line in lines[:400] if line.strip()]
    spaced_ends = sum(1 for line in sample if line.endswith(" ")) * 2 > len(sample)
    out: list[tuple[int, str]] = []
    going_on = False
    for number, line in _without_page_numbers(numbered):
        goes_on = going_on or (indented and out and bool(_GOES_ON_RE.match(line)))
        if goes_on and line.strip() and not _starts_a_paragraph(line, out[-1][1], indented):
            out[-1] = (out[-1][0], out[-1][1] + _continued(line, spaced_ends))
        else:
            # A space the next line may go on after: _continued.
            out.append((number, line.rstrip() + _space_at_end(line, spaced_ends)))
        text = line.rstrip()
        going_on = bool(text) and (
            width(text) >= short_of
            # Indented paragraphs: a line that stops short inside a sentence goes on (a
            # justified PDF as pypdf lays it out: "…提供法律服务事项20万件以" / "上，“12348”…",
            # 昆明 2021; "…开发（度假）区管委" / "会").
            or (indented and not text.endswith(_SENTENCE_ENDS))
        )
    return out
