"""The `duban` command.

duban parse FILE [--json]     read a published report; needs no database
            [--all]           every list of a long report, in document order
duban evaluate LABELS|DIR...  one table: targets, actuals, status against hand labels
duban import FILE [...]       build or update a plan from it (same as manage.py import)
duban demo [--scale N]        load the Xicheng 2020 demo plan and demo accounts
                              (--scale N: N synthetic plans too, for benchmarks)
duban backup FILE             save the database and the attachments
                              (duban restore FILE puts them back)
duban manage ARGS...          any Django management command
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time


def _parse(args: argparse.Namespace) -> int:
    from duban.documents import ParseError, parse_file, parse_tables_all
    from duban.quantities import annotate

    started = time.perf_counter()
    try:
        if args.all:
            with open(args.file, "rb") as f:
                docs = [annotate(d) for d in parse_tables_all(f.read(), args.file)]
        else:
            doc = annotate(parse_file(args.file))
    except OSError as exc:
        print(f"duban parse: {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    except ParseError as exc:
        print(f"duban parse: {args.file}: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    if args.all:
        if args.json:
            json.dump(
                {"lists": [d.to_json() for d in docs]}, sys.stdout, ensure_ascii=False, indent=2
            )
            sys.stdout.write("\n")
        else:
            for n, d in enumerate(docs, 1):
                print(
                    f"list {n}: line {d.title_line or d.tasks[0].source_line} · "
                    f"{d.kind or 'table'} · {len(d.tasks)} items · {d.title or '(no title)'}"
                )
        return 0
    if args.json:
        json.dump(doc.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(f"{doc.title or '(no title)'} · {doc.government or '?'} · {doc.year or '?'}")
        for task in doc.tasks:
            units = "、".join(task.lead_units) or "?"
            print(f"{task.number:>4}  {task.content[:40]:<40}  {units}")
        print(f"{len(doc.tasks)} tasks, {len(doc.warnings)} warnings, {elapsed * 1000:.1f} ms")
        for warning in doc.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    return 0


def _django(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError, ProgrammingError

    try:
        execute_from_command_line(["duban", *argv])
    except (OperationalError, ProgrammingError) as exc:
        if argv[:1] == ["migrate"] or not _never_migrated(str(exc)):
            raise
        # A database never migrated (a new DUBAN_VAR_DIR, a fresh DATABASE_URL): one line.
        print(
            "duban: the database is not set up; run `duban manage migrate` first", file=sys.stderr
        )
        return 1
    return 0


def _never_migrated(error: str) -> bool:
    """SQLite's and PostgreSQL's words for a table that is not there."""
    return "no such table" in error or bool(re.search(r'relation "\w+" does not exist', error))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(
        prog="duban", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="read a published key-task report")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print the rows as JSON")
    p.add_argument(
        "--all", action="store_true", help="every list of a long report, in document order"
    )
    e = sub.add_parser("evaluate", help="compare the parser with hand labels")
    e.add_argument("labels", nargs="+", help="labels files, or folders of NAME.labels*.json")
    e.add_argument("--source", help="the labelled document, if not beside the labels")
    e.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    sub.add_parser("import", help="import a report into a plan (see --help)", add_help=False)
    sub.add_parser("demo", help="load the demo plan and accounts", add_help=False)
    sub.add_parser("manage", help="run a Django management command", add_help=False)
    if argv and argv[0] in {"import", "demo", "backup", "restore", "remind"}:
        return _django(argv)
    if argv and argv[0] == "manage":
        return _django(argv[1:])
    args = parser.parse_args(argv)
    if args.command == "evaluate":
        return _evaluate(args)
    return _parse(args)


def _evaluate(args: argparse.Namespace) -> int:
    from duban.evaluate import run_table

    print("\n".join(run_table(args.labels, args.source, args.verbose)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
