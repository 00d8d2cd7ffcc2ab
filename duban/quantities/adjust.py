"""Target adjustments, as in

由年初设定的6%左右调整为正增长(此调整方案已于2020年12月22日经区第十六届人大常委会第42次会议审议通过)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ADJUST_RE = re.compile(
    r"由(?:年初|原)?(?:设定的|预算|计划|确定的|的)?(?P<from>[^,，。;；()（）由]{1,24}?)"
    r"调整为(?P<to>[^,，。;；()（）]{1,24})"
)
BODY_RE = re.compile(
    r"经(?P<body>[^,，。;；()（）经]{2,40}?(?:会议|常委会|常务会|人代会|人民代表大会))"
    r"(?:审议|审查|研究)?(?:通过|批准|同意)"
)
DATE_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


@dataclass
class Adjustment:
    from_text: str
    to_text: str
    start: int
    end: int
    approved_by: str | None = None
    date: str | None = None
    also: list[tuple[str, str]] = field(default_factory=list)


def adjustments(text: str) -> list[Adjustment]:
    """Each 由…调整为… with the approving body and date stated in the same sentence."""
    found = []
    for m in ADJUST_RE.finditer(text):
        sentence_end = min(
            [i for i in (text.find(c, m.end()) for c in "。；;") if i >= 0] or [len(text)]
        )
        sentence_start = max(text.rfind(c, 0, m.start()) for c in "。；;") + 1
        sentence = text[sentence_start:sentence_end]
        body = BODY_RE.search(sentence)
        date = DATE_RE.search(sentence)
        found.append(
            Adjustment(
                from_text=m.group("from").strip(),
                to_text=m.group("to").strip(),
                start=m.start(),
                end=sentence_end,
                approved_by=body.group("body") if body else None,
                date=(
                    f"{int(date.group(1)):04d}-{int(date.group(2)):02d}-{int(date.group(3)):02d}"
                    if date
                    else None
                ),
            )
        )
    return found
