"""What an import would do, said before it is done: the import itself, run in a transaction
that is then rolled back. The upload preview shows it, so that the clerk knows whether the file
builds a new plan or updates one, and how many tasks it adds, changes and removes — or why it
would be refused — before pressing 导入."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from duban.documents import ParseError
from duban.documents.model import Note

from .importing import ImportResult, import_file
from .removal import ImportRefused


@dataclass
class WouldImport:
    results: list[ImportResult] = field(default_factory=list)
    refused: Note | str | None = None  # why the import would write nothing

    @property
    def needs_year(self) -> bool:
        """Refused only for the year the document does not give: the preview asks for it."""
        return getattr(self.refused, "template", "") == "the document does not give its year"

    @property
    def notes(self) -> list[str]:
        """What the import itself would notice (tasks kept, the office's edits kept …)."""
        return [w for r in self.results for w in r.warnings[r.read_warnings :]]


class _Undone(Exception):
    pass


def would_import(data: bytes, name: str, **options: Any) -> WouldImport:
    try:
        with transaction.atomic():
            results = import_file(data, name, **options)
            raise _Undone(results)
    except _Undone as done:
        return WouldImport(results=done.args[0])
    except (ImportRefused, ParseError) as exc:
        return WouldImport(refused=exc.args[0] if exc.args else str(exc))
