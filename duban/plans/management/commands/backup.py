from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from duban import backup as backups


class Command(BaseCommand):
    help = "Backup the whole database (SQLite online backup, or pg_dump/pg_restore)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            backups.backup(options["file"])
        except (backups.BackupError, subprocess.CalledProcessError, OSError) as exc:
            detail = getattr(exc, "stderr", b"") or b""
            raise CommandError(f"backup failed: {exc} {detail.decode(errors='replace')}") from None
        self.stdout.write(f"backup: {options['file']}")
