"""The numbers Word prints before a paragraph of a list, which are not in the paragraph's text.

An office that types its tasks in Word numbers them with the list button: "1." "（一）" "①" are
drawn from the numbering definitions (word/numbering.xml), the paragraph holds only its words,
and python-docx's `paragraph.text` gives "新建公共充电桩1000个" for the line a reader sees as
"1.新建公共充电桩1000个". This module counts the paragraphs as Word does and gives each its
label, so the reader sees what was printed.

Counting, as Word does: a list level counts up from its start; a higher level's item restarts
the levels below it; numbering instances (w:num) that share a definition (w:abstractNum)
continue one another unless one restarts a level (w:startOverride). A paragraph is numbered by
its own w:numPr or by its style's (basedOn followed); numId 0 switches numbering off. Bullets
and levels of format "none" have no number to print.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .lists.ordinals import CIRCLED, chinese

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEVELS = 9

_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"
_LEGAL = "壹贰叁肆伍陆柒捌玖"
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


@dataclass(frozen=True)
class Level:
    start: int
    fmt: str
    text: str


def _val(el: Any, path: str, default: str | None = None) -> str | None:
    found = el.find(path)
    return found.get(f"{W}val", default) if found is not None else default


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # a … z, then aa … zz, as Word goes on
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _chinese(n: int) -> str:
    return chinese(n) if n < 100 else str(n)


def _table(signs: str) -> Callable[[int], str]:
    return lambda n: signs[n - 1] if n <= len(signs) else str(n)


def _full_width(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))


_FORMATS: dict[str, Callable[[int], str]] = {
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "taiwanCounting": _chinese,
    "japaneseCounting": _chinese,
    "ideographDigital": lambda n: "".join("〇一二三四五六七八九"[int(d)] for d in str(n)),
    "decimalEnclosedCircle": _table(CIRCLED),
    "decimalEnclosedCircleChinese": _table(CIRCLED),
    "decimalEnclosedParen": _table("".join(chr(0x2474 + i) for i in range(20))),
    "decimalEnclosedFullstop": _table("".join(chr(0x2488 + i) for i in range(20))),
    "decimalFullWidth": _full_width,
    "decimalFullWidth2": _full_width,
    "decimalZero": lambda n: f"{n:02d}",
    "ideographTraditional": _table(_TRADITIONAL),
    "chineseLegalSimplified": _table(_LEGAL),
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
}


def formatted(n: int, fmt: str) -> str:
    """The number n in a numbering format of Word's (w:numFmt); decimal for any other."""
    if n < 1:
        return str(n)
    return _FORMATS.get(fmt, str)(n)


class Numbering:
    """Labels for a document's paragraphs, asked for in document order."""

    def __init__(self, numbering: Any | None, styles: Any | None) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._styles: dict[str, tuple[str | None, int | None, str | None]] = {}
        self._counters: dict[str, list[int | None]] = {}
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            self._read_styles(styles)

    def _read_numbering(self, root: Any) -> None:
        for a in root.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in a.iter(f"{W}lvl"):
                levels[_int(lvl.get(f"{W}ilvl"), 0)] = Level(
                    _int(_val(lvl, f"{W}start"), 1),
                    _val(lvl, f"{W}numFmt", "decimal") or "decimal",
                    _val(lvl, f"{W}lvlText", "") or "",
                )
            self._abstract[a.get(f"{W}abstractNumId", "")] = levels
        for num in root.iter(f"{W}num"):
            overrides = {
                _int(o.get(f"{W}ilvl"), 0): _int(_val(o, f"{W}startOverride"), 1)
                for o in num.iter(f"{W}lvlOverride")
                if o.find(f"{W}startOverride") is not None
            }
            abstract = _val(num, f"{W}abstractNumId", "") or ""
            self._nums[num.get(f"{W}numId", "")] = (abstract, overrides)

    def _read_styles(self, root: Any) -> None:
        for style in root.iter(f"{W}style"):
            num_pr = style.find(f"{W}pPr/{W}numPr")
            num_id = _val(num_pr, f"{W}numId") if num_pr is not None else None
            ilvl = _val(num_pr, f"{W}ilvl") if num_pr is not None else None
            based = _val(style, f"{W}basedOn")
            self._styles[style.get(f"{W}styleId", "")] = (
                num_id,
                _int(ilvl, 0) if ilvl is not None else None,
                based,
            )

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen = set()
        num_id, ilvl = None, None
        while style_id and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            own_num, own_lvl, based = self._styles[style_id]
            num_id = num_id or own_num
            ilvl = ilvl if ilvl is not None else own_lvl
            if num_id:
                break
            style_id = based
        return num_id, ilvl

    def label(self, paragraph: Any) -> str:
        """The label Word prints before this w:p ("1." "（一）" "①"), counting it; "" for none."""
        p_pr = paragraph.find(f"{W}pPr")
        num_pr = p_pr.find(f"{W}numPr") if p_pr is not None else None
        num_id = _val(num_pr, f"{W}numId") if num_pr is not None else None
        ilvl_text = _val(num_pr, f"{W}ilvl") if num_pr is not None else None
        if num_id is None:
            style = _val(p_pr, f"{W}pStyle") if p_pr is not None else None
            num_id, style_lvl = self._style_numbering(style)
            ilvl = style_lvl or 0
        else:
            ilvl = _int(ilvl_text, 0)
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        abstract, overrides = self._nums[num_id]
        levels = self._abstract.get(abstract, {})
        ilvl = min(max(ilvl, 0), LEVELS - 1)
        level = levels.get(ilvl)
        if level is None:
            return ""
        key = num_id if overrides else f"abstract:{abstract}"
        counters = self._counters.setdefault(key, [None] * LEVELS)
        current = counters[ilvl]
        counters[ilvl] = overrides.get(ilvl, level.start) if current is None else current + 1
        for deeper in range(ilvl + 1, LEVELS):
            counters[deeper] = None
        if level.fmt in ("bullet", "none"):
            return ""
        text = level.text
        for k in range(ilvl + 1, 0, -1):
            placeholder = f"%{k}"
            if placeholder not in text:
                continue
            upper = levels.get(k - 1, Level(1, "decimal", ""))
            value = counters[k - 1]
            text = text.replace(placeholder, formatted(value or upper.start, upper.fmt))
        return text
