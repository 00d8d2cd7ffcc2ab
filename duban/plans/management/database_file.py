"""The shared shape of `backup` and `restore`: one file argument, one operation, one line
said (or, refused, one line of why)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.defaultfilters import filesizeformat

from duban import backup as backups


class DatabaseFileCommand(BaseCommand):
    verb = ""
    operation: Callable[[Path], backups.Summary]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            done = type(self).operation(options["file"])
        except backups.BackupError as exc:
            raise CommandError(f"{self.verb}: {exc}") from None
        except (subprocess.CalledProcessError, OSError) as exc:
            detail = (getattr(exc, "stderr", b"") or b"").decode(errors="replace")
            raise CommandError(f"{self.verb} failed: {exc} {detail}".strip()) from None
        self.stdout.write(
            f"{self.verb}: {options['file']} ({done.vendor} database, "
            f"{done.files} stored files, {filesizeformat(done.bytes)})"
        )
