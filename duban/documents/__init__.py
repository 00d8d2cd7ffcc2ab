"""Read published key-task reports into rows. Pure Python: no Django, usable as a library.

    >>> from duban.documents import parse_bytes
    >>> doc = parse_bytes(open("report.txt", "rb").read(), "report.txt")
    >>> doc.tasks[0].lead_units
"""

from __future__ import annotations

from pathlib import Path

from . import flat_table
from .encoding import decode, looks_binary
from .model import ParsedDocument, ParsedTask, ParseError

__all__ = ["MAX_BYTES", "ParseError", "ParsedDocument", "ParsedTask", "parse_bytes", "parse_file"]

# Published reports are a few hundred kilobytes; anything this large is not one.
MAX_BYTES = 20 * 1024 * 1024


def parse_bytes(data: bytes, name: str = "") -> ParsedDocument:
    """Read one document. Raises ParseError (one line, for a person) and nothing else."""
    if len(data) > MAX_BYTES:
        raise ParseError(f"the file is {len(data) // (1024 * 1024)} MB; the limit is 20 MB")
    if not data.strip():
        raise ParseError("the file is empty")
    if looks_binary(data):
        raise ParseError("the file is binary, not a text document this reader knows")
    try:
        text, encoding = decode(data)
    except ValueError as exc:
        raise ParseError(str(exc)) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        doc = flat_table.read(text)
    except ParseError:
        raise
    except Exception as exc:
        raise ParseError(f"could not read {name or 'the file'}: {type(exc).__name__}") from exc
    doc.encoding = encoding
    return doc


def parse_file(path: str | Path) -> ParsedDocument:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ParseError(f"the file is {size // (1024 * 1024)} MB; the limit is 20 MB")
        data = p.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read {p}: {exc.strerror}") from None
    return parse_bytes(data, p.name)
