from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from duban.documents import MAX_BYTES, ParseError
from duban.plans.importing import ImportRefused, ImportResult, import_all_tables, import_bytes


class Command(BaseCommand):
    help = "Build or update a plan from a published key-task report (atomic, idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--government", help="the government, when the file does not say")
        parser.add_argument("--public", action="store_true", help="show the plan on the site")
        parser.add_argument(
            "--all-tables", action="store_true",
            help="import every table of the document as its own plan (default: the "
            "completion table only)",
        )
        parser.add_argument(
            "--list", type=int, metavar="N", dest="list_number",
            help="import list N of a long report (as `duban parse --all` numbers them); "
            "default: the completion list if there is one, else the plan list",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            if path.stat().st_size > MAX_BYTES:
                raise CommandError(f"{path}: the file is over the 20 MB limit")
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from None
        public = True if options["public"] else None
        try:
            if options["all_tables"]:
                results = import_all_tables(
                    data, path.name, government=options["government"], public=public
                )
            else:
                results = [import_bytes(
                    data,
                    path.name,
                    government=options["government"],
                    public=public,
                    progress=self._progress if len(data) > 1_000_000 else None,
                    list_number=options["list_number"],
                )]
        except (ParseError, ImportRefused) as exc:
            raise CommandError(f"{path}: {exc}; nothing was imported") from None
        for result in results:
            self._summary(result)

    def _summary(self, result: ImportResult) -> None:
        plan = result.plan
        verb = "created" if result.plan_created else "updated" if result.changed else "unchanged"
        self.stdout.write(
            f"{plan.title} ({plan.government}, {plan.year}): {verb}\n"
            f"  rows read: {result.rows}\n"
            f"  tasks: {result.tasks_created} new, {result.tasks_updated} changed, "
            f"{result.tasks_unchanged} unchanged, {result.tasks_removed} removed\n"
            f"  units created: {result.units_created}\n"
            f"  warnings: {len(result.warnings)}"
        )
        for warning in result.warnings:
            self.stderr.write(f"  warning: {warning}")

    def _progress(self, done: int, total: int) -> None:
        if sys.stderr.isatty() and (done % 50 == 0 or done == total):
            width = 30
            filled = width * done // total
            sys.stderr.write(f"\r  [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done == total:
                sys.stderr.write("\n")
