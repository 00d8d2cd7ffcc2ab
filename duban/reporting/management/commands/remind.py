from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from duban.reporting.reminders import send_reminders


class Command(BaseCommand):
    help = "Run the reminder round now (the huey job runs it daily at 8:00)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", type=dt.date.fromisoformat, help="act as if today were this date (YYYY-MM-DD)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_reminders(options["date"])
        self.stdout.write(f"reminders sent: {sent.reminders}, already sent: {sent.skipped}")
