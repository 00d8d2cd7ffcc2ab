"""CSV (comma, semicolon or tab separated), in any encoding duban decodes."""

from __future__ import annotations

import csv
import io

from .grid import Grid


def grid(text: str) -> Grid:
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    width = max((len(r) for r in rows), default=0)
    return Grid(
        [r + [""] * (width - len(r)) for r in rows], list(range(1, len(rows) + 1)), "", where="row"
    )
