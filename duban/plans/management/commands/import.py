from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from duban.documents import ParseError, check_size
from duban.plans.importing import ImportRefused, ImportResult, import_file


class Command(BaseCommand):
    help = "Build or update a plan from a published key-task report (atomic, idempotent)."
    # The system checks (URLs, admin, templates…) are the server's: a fifth of an import's
    # time from the command line. `manage.py check` and migrate run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--government", help="the government, when the file does not say")
        parser.add_argument("--public", action="store_true", help="show the plan on the site")
        parser.add_argument(
            "--all-tables",
            action="store_true",
            help="import every table of the document as its own plan (default: the "
            "completion table only)",
        )
        parser.add_argument(
            "--list",
            type=int,
            metavar="N",
            dest="list_number",
            help="import list N of a long report (as `duban parse --all` numbers them); "
            "default: the completion list if there is one, else the plan list",
        )
        parser.add_argument(
            "--as-plan",
            action="store_true",
            help="read the list as the year's plan, whatever the reader took it for",
        )
        parser.add_argument(
            "--into",
            type=int,
            metavar="PLAN_ID",
            help="import the document's completion list into this plan: each item paired "
            "with the task it reports on",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="with --into: print the proposed pairing, write nothing",
        )
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            check_size(path.stat().st_size)
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from None
        except ParseError as exc:
            raise CommandError(f"{path}: {exc}; nothing was imported") from None
        if options["into"] is not None:
            self._into(path, data, options)
            return
        if options["dry_run"]:
            raise CommandError("--dry-run goes with --into")
        public = True if options["public"] else None
        try:
            results = import_file(
                data,
                path.name,
                all_tables=options["all_tables"],
                list_number=options["list_number"],
                as_plan=options["as_plan"],
                government=options["government"],
                public=public,
                progress=self._progress if len(data) > 1_000_000 else None,
            )
        except (ParseError, ImportRefused) as exc:
            raise CommandError(f"{path}: {exc}; nothing was imported") from None
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    [self._json(r) for r in results]
                    if len(results) > 1
                    else self._json(results[0]),
                    ensure_ascii=False,
                )
            )
            return
        for result in results:
            self._summary(result)

    def _json(self, r: ImportResult) -> dict[str, Any]:
        return {
            "plan": r.plan.pk,
            "tasks": r.plan.tasks.count(),
            "created": r.plan_created,
            "tasks_created": r.tasks_created,
            "tasks_updated": r.tasks_updated,
            "tasks_unchanged": r.tasks_unchanged,
            "tasks_removed": r.tasks_removed,
            "warnings": [str(w) for w in r.warnings],
        }

    def _into(self, path: Path, data: bytes, options: dict[str, Any]) -> None:
        from duban.completions.services import import_completion
        from duban.plans.models import Plan

        plan = Plan.objects.filter(pk=options["into"]).first()
        if plan is None:
            raise CommandError(f"there is no plan {options['into']}; nothing was imported")
        try:
            result = import_completion(
                plan,
                data,
                path.name,
                list_number=options["list_number"],
                dry_run=options["dry_run"],
            )
        except (ParseError, ImportRefused) as exc:
            raise CommandError(f"{path}: {exc}; nothing was imported") from None
        if options["json"]:
            self.stdout.write(json.dumps(result.to_json(), ensure_ascii=False))
            return
        verb = (
            "proposed (dry run, nothing written)"
            if result.dry_run
            else "imported"
            if result.changed
            else "unchanged"
        )
        self.stdout.write(f"{plan.title} ({plan.government}, {plan.year}): completion {verb}")
        for p in result.pairs:
            score = "office" if p["score"] is None else f"{p['score']:.2f}"
            self.stdout.write(
                f"  task {p['task']:>3} <- item {p['item']:>3}  {score}  {p['reason']}"
            )
        self.stdout.write(f"  items left over: {result.unmatched_items or '-'}")
        self.stdout.write(f"  tasks not reported on: {result.unmatched_tasks or '-'}")
        if result.conflicts:
            self.stdout.write(
                f"  tasks whose unit reported its year-end (the office chooses): {result.conflicts}"
            )
        for warning in result.warnings:
            self.stderr.write(f"  warning: {warning}")

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
