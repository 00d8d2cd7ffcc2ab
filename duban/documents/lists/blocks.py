"""Stage 1 of the report reader: a text becomes blocks, one paragraph each, with its line.

Markdown emphasis and heading marks are furniture, not text ("**附件1**" is the block
"附件1"); a block's text is otherwise kept exactly, so that every span the later stages cut
is a substring of the printed paragraph.
"""

from __future__ import annotations

import re
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
    for number, line in enumerate(lines, start=1):
        text = trim(_MARKUP_RE.sub("", line))
        if text and not set(text) <= set("-*=_|"):
            out.append(Block(number, text))
    return out
