"""Text at bracket depth 0: the one walker the readers share.

"各县（市、区）人民政府" is one unit and "（牵头单位：市住建局。）" no sentence end, because the
"、" and the "。" stand inside brackets. The brackets are the full-width and CJK ones and the
round ASCII pair; ASCII "<" and "[" are left out, as figures use them ("PM2.5<35").
"""

from __future__ import annotations

from collections.abc import Iterator

OPEN = "（(〈《【「『“"
CLOSE = "）)〉》】」』”"


def top_level(text: str, start: int = 0) -> Iterator[tuple[int, str]]:
    """(index, character) of every character of text from start that stands outside brackets.
    A closing bracket without its opening one is ignored, as in "市教育局）"."""
    depth = 0
    for i in range(start, len(text)):
        ch = text[i]
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            yield i, ch


def spans(text: str, seps: str) -> list[tuple[int, int]]:
    """(start, end) of the parts of text between separators at depth 0; each part keeps the
    separator that ends it."""
    parts, start = [], 0
    for i, ch in top_level(text):
        if ch in seps:
            parts.append((start, i + 1))
            start = i + 1
    if start < len(text):
        parts.append((start, len(text)))
    return parts


def split(text: str, seps: str) -> list[str]:
    """The parts of text between separators at depth 0, without the separators."""
    return [
        text[s:e].rstrip(seps) if text[s:e][-1:] in seps else text[s:e]
        for s, e in spans(text, seps)
    ]


def sentence_end(text: str, start: int = 0) -> int:
    """Index just past the first "。" at depth 0 from start (or the end of text)."""
    return next((i + 1 for i, ch in top_level(text, start) if ch == "。"), len(text))
