"""Whole numbers read from what a request carries (query, form fields, URL parts).

Digits only — str.isdigit() also accepts "²" and "٣", which int() then refuses or reads —
and within a database integer (a 20-digit id is no row, not an OverflowError). Anything else
is None: the view then chooses nothing, or says what is wrong.
"""

from __future__ import annotations

LIMIT = 2**62


def whole(value: object) -> int | None:
    text = value if isinstance(value, str) else str(value) if value is not None else ""
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    number = int(text)
    return number if number < LIMIT else None
