"""The two sides of a pairing, from the lists the report reader found."""

from __future__ import annotations

from pathlib import Path

from duban.documents import ParsedDocument

from .core import Outcome, Promise


def read_report(path: Path) -> bytes:
    """A fixture's bytes, without the `# source:` line the labelled files open with."""
    data = path.read_bytes()
    return data.split(b"\n", 1)[1] if data.startswith(b"# source:") else data


def promises_of(doc: ParsedDocument) -> list[Promise]:
    # A plan list read as a completion list prints its items as completion text (云南 2003).
    return [Promise(t.number, t.content or t.completion) for t in doc.tasks]


def outcomes_of(doc: ParsedDocument, use_numbers: bool = True) -> list[Outcome]:
    numbered = use_numbers and prints_numbers(doc)
    return [
        Outcome(
            t.seq or i,
            t.completion or t.content,
            t.number if numbered else None,
            said=t.content if t.completion else "",
        )
        for i, t in enumerate(doc.tasks, start=1)
    ]


def prints_numbers(doc: ParsedDocument) -> bool:
    """Whether the list numbers its items (①…, 一是…, 1.…), as far as the reader tells: a
    list read from unnumbered clauses is numbered 1..N by position only."""
    return doc.numbered
