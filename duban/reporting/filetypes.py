"""Is an attachment what its name says? Plain functions of bytes: no Django.

The office opens attachments in Word, Excel and PDF readers, so an attachment is accepted
only when its content matches its extension: a renamed program (.exe as .xlsx) is refused.
"""

from __future__ import annotations

import zipfile
from typing import BinaryIO

MAX_BYTES = 20 * 1024 * 1024

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the legacy Office container (.doc, .xls)
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".doc": (OLE,),
    ".xls": (OLE,),
    ".zip": (b"PK\x03\x04", b"PK\x05\x06"),  # a zip, or an empty one
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
}
# An Office Open XML file is a zip with these members.
OOXML_PARTS = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
ALLOWED = (*SIGNATURES, ".txt")


def extension(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def problem(name: str, data: BinaryIO, size: int) -> str | None:
    """None when the file may be attached; else why not: "type" (an extension not on the
    list), "size" (over 20 MB), "content" (the bytes are not what the extension says)."""
    ext = extension(name)
    if ext not in ALLOWED:
        return "type"
    if size > MAX_BYTES:
        return "size"
    data.seek(0)
    try:
        ok = _text(data) if ext == ".txt" else _binary(ext, data)
    finally:
        data.seek(0)
    return None if ok else "content"


def _binary(ext: str, data: BinaryIO) -> bool:
    head = data.read(16)
    if not head.startswith(SIGNATURES[ext]):
        return False
    if ext != ".zip" and ext not in OOXML_PARTS:
        return True
    data.seek(0)
    try:
        with zipfile.ZipFile(data) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return ext == ".zip" or ("[Content_Types].xml" in names and OOXML_PARTS[ext] in names)


def _text(data: BinaryIO) -> bool:
    raw = data.read(MAX_BYTES + 1)
    if b"\x00" in raw:
        return False
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False
