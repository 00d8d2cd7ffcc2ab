"""A PDF's text, as lines laid out as printed (pypdf's layout mode): each line as the page
sets it, a paragraph's first line indented, page numbers on their own lines. The report
reader then joins each paragraph's lines (lists/blocks.py) and reads it as any text.

Only a PDF that holds its text is read: a scan (images of pages) or an encrypted file is
refused with a message. pypdf bounds what a stream may decompress to; the pages and the text
read, and what one page may hold, are bounded here as well.
"""

from __future__ import annotations

import io
import logging
from functools import lru_cache

from .model import Note, ParseError, gettext_noop

MAX_PAGES = 500
MAX_CHARACTERS = 5_000_000
# A page of a report is tens of KB of drawing instructions; a page of megabytes (a hostile file
# repeating a text operator) would keep the text extraction busy for seconds each.
MAX_PAGE_CONTENT = 2_000_000


def lines(data: bytes) -> list[str]:
    """The PDF's text lines, page after page. Raises ParseError and nothing else."""
    return [line for page in _pages(data) for line in page]


def pages(data: bytes) -> list[tuple[str, ...]]:
    """The text lines of each page (as lines() gives them, cut at the pages)."""
    return list(_pages(data))


# The upload's preview reads a file twice (the lists, then what importing them would do), and
# taking a PDF's text out is most of its reading (540 ms of 32 pages): the last two are kept.
@lru_cache(maxsize=2)
def _pages(data: bytes) -> tuple[tuple[str, ...], ...]:
    import pypdf  # imported here: the command line starts without it

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are about the file
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ParseError(
                Note(
                    gettext_noop("an encrypted PDF: save it without a password, or paste its text")
                )
            )
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            raise ParseError(
                Note(
                    gettext_noop("a PDF of {n} pages; the limit is {max}"),
                    n=len(pages),
                    max=MAX_PAGES,
                )
            )
        out: list[tuple[str, ...]] = []
        size = 0
        for page in pages:
            contents = page.get_contents()
            if contents is not None and len(contents.get_data()) > MAX_PAGE_CONTENT:
                raise ParseError(Note(gettext_noop("a PDF with a page too heavy to read")))
            text = page.extract_text(extraction_mode="layout")
            size += len(text)
            if size > MAX_CHARACTERS:
                raise ParseError(Note(gettext_noop("a PDF with more text than a report holds")))
            # A page's blank lines at its head and foot are no paragraph's end: a paragraph
            # goes on over the page break.
            out.append(tuple(text.strip("\n").split("\n")))
    except ParseError:
        raise
    except Exception:  # a damaged or hostile file: pypdf's errors are many and unlisted
        raise ParseError(
            Note(gettext_noop("a PDF that cannot be read: it may be damaged"))
        ) from None
    if sum(len(line.strip()) for page in out for line in page) < 20:
        raise ParseError(
            Note(gettext_noop("a PDF without text (a scan?): upload the text, DOCX or web page"))
        )
    return tuple(out)
