"""The shared shape of `backup` and `restore`: one file argument, one operation."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from duban import backup as backups


class DatabaseFileCommand(BaseCommand):
    verb = ""
    operation: Callable[[Path], None]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            type(self).operation(options["file"])
        except (backups.BackupError, subprocess.CalledProcessError, OSError) as exc:
            detail = (getattr(exc, "stderr", b"") or b"").decode(errors="replace")
            raise CommandError(f"{self.verb} failed: {exc} {detail}".strip()) from None
        self.stdout.write(f"{self.verb}: {options['file']}")
