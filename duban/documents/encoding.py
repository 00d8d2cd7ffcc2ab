"""Turn the bytes Chinese government sites publish into text."""

from __future__ import annotations

import codecs

# Checked in this order: a BOM wins; strict UTF-8 next (GB18030 would accept most UTF-8 byte
# strings as mojibake, so it must not be tried first); GB18030 is a superset of GBK and GB2312.
_FALLBACKS = ("utf-8", "gb18030")


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name); ValueError with a readable message when nothing fits."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    for name in _FALLBACKS:
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    raise ValueError("the file is neither UTF-8 nor GB18030/GBK text")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters: not a text document."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) // 20
