"""Turn a parsed document into a plan: atomically, idempotently, with history.

The same file twice changes nothing (no save, no history entry); a corrected file updates
just the tasks that changed, and their history says what changed and when. It changes only
what the document owns (models.Source): never what the office entered or a unit reported,
nor a task anyone worked on (removal.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from duban.audit.log import log_action
from duban.documents import (
    ParsedDocument,
    ParsedTask,
    ParseError,
    in_document_order,
    parse_bytes,
    parse_list,
    parse_tables,
    unique_numbers,
)
from duban.documents.model import Note, gettext_noop
from duban.quantities import annotate
from duban.quantities.assessment import Recorded

from . import adjusted, bulkwrite, import_units, numbers, positions, removal, search
from .models import Category, Plan, Source, Task, Unit
from .paste import read_deadline
from .positions import task_text
from .removal import ImportRefused
from .signals import public_document_imported

Progress = Callable[[int, int], None]
__all__ = [
    "ImportRefused",
    "ImportResult",
    "import_all_tables",
    "import_bytes",
    "import_document",
    "import_file",
    "preview",
]


@dataclass
class ImportResult:
    plan: Plan
    plan_created: bool
    rows: int
    tasks_created: int = 0
    tasks_updated: int = 0
    tasks_unchanged: int = 0
    tasks_removed: int = 0
    units_created: int = 0
    warnings: list[str] = field(default_factory=list)
    read_warnings: int = 0  # the first warnings are the reader's (shown in the preview)

    @property
    def changed(self) -> bool:
        return bool(
            self.plan_created or self.tasks_created or self.tasks_updated or self.tasks_removed
        )


def preview(
    data: bytes, name: str, *, all_tables: bool = False, list_number: int | None = None
) -> tuple[list[ParsedDocument], list[ParsedDocument], int | None]:
    """What import_file would write, read and annotated, nothing written: (the documents to
    import, every list of a long report in document order, the number of the one chosen
    — list_number if it is one, else the default). Raises ParseError."""
    docs = parse_tables(data, name)
    # A report's lists, with any task table beside them (a Word report: the table first).
    found = in_document_order(docs) if any(d.kind for d in docs) else []
    chosen = list_number if list_number and 1 <= list_number <= len(found) else None
    if chosen:
        docs = [found[chosen - 1]]
    elif found:
        chosen = next(i for i, d in enumerate(found, 1) if d is docs[0])
        docs = docs[:1]
    elif not all_tables:
        docs = docs[:1]
    for doc in docs:
        annotate(doc)
    return docs, found, chosen


def import_file(
    data: bytes,
    name: str,
    *,
    all_tables: bool = False,
    list_number: int | None = None,
    as_plan: bool = False,
    government: str | None = None,
    year: int | None = None,
    public: bool | None = None,
    actor: object = None,
    progress: Progress | None = None,
) -> list[ImportResult]:
    """The one entry point of an import, for the command, the upload screen and the API:
    every table as its own plan (all_tables), or the document's default list (or list
    list_number). Reads, annotates and writes in one transaction; raises ParseError or
    ImportRefused and writes nothing then. year: for a document that does not give its own."""
    if all_tables:
        return import_all_tables(data, name, government=government, public=public, actor=actor)
    return [
        import_bytes(
            data,
            name,
            government=government,
            public=public,
            progress=progress,
            list_number=list_number,
            actor=actor,
            as_plan=as_plan,
            year=year,
        )
    ]


def import_bytes(
    data: bytes,
    name: str,
    *,
    government: str | None = None,
    public: bool | None = None,
    progress: Progress | None = None,
    list_number: int | None = None,
    actor: object = None,
    as_plan: bool = False,
    year: int | None = None,
) -> ImportResult:
    """Parse and import one file (its default list, or the list numbered list_number in
    document order). as_plan: the list is the year's plan, whatever the reader took it for.
    Raises ParseError or ImportRefused; writes nothing then."""
    doc = parse_list(data, name, list_number) if list_number else parse_bytes(data, name)
    if as_plan:
        read_as_plan(doc)
    if year and not doc.year:  # given by the person importing: the document says none
        doc.year = year
    return import_document(
        doc,
        source_name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        government=government,
        public=public,
        progress=progress,
        actor=actor,
    )


def import_all_tables(
    data: bytes,
    name: str,
    *,
    government: str | None = None,
    public: bool | None = None,
    actor: object = None,
) -> list[ImportResult]:
    """Each table of the document as its own plan (a report with this year's completion and
    next year's plan, say), all or none of them."""
    docs = parse_tables(data, name)
    sha = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        results = []
        for doc in docs:
            if len(docs) > 1 and doc.caption and doc.caption != doc.title:
                doc.title = f"{doc.title} · {doc.caption}" if doc.title else doc.caption
            results.append(
                import_document(
                    doc,
                    source_name=name,
                    sha256=sha,
                    government=government,
                    public=public,
                    actor=actor,
                )
            )
    return results


def import_document(
    doc: ParsedDocument,
    *,
    source_name: str,
    sha256: str = "",
    government: str | None = None,
    public: bool | None = None,
    progress: Progress | None = None,
    remove_missing: bool = True,
    owner: str = Source.DOCUMENT,
    actor: object = None,
) -> ImportResult:
    """Build or update the plan the document describes. With remove_missing (the default, a
    whole publication), tasks the document no longer lists are removed where they may be;
    pasted rows that add to a plan pass False, and owner OFFICE: the office typed them.
    actor: who imports (None: a command or a job), for the audit log."""
    unique_numbers(doc)
    if any(t.status is None for t in doc.tasks):
        annotate(doc)
    government = government or doc.government
    if not government:
        raise ParseError(
            Note(gettext_noop("the document does not name its government; pass --government"))
        )
    if not doc.year:
        raise ParseError(Note(gettext_noop("the document does not give its year")))
    title = plan_title(doc, government)
    with transaction.atomic():
        wanted = _plan_fields(doc, source_name, sha256, public)
        plan, created = _plan_for(government, doc.year, title, wanted)
        if not created:  # a new plan has them already: no second save and history row
            _update_plan(plan, wanted)
        result = ImportResult(
            plan,
            created,
            rows=len(doc.tasks),
            warnings=list(doc.warnings),
            read_warnings=len(doc.warnings),
        )
        if positions.by_place(doc):
            positions.renumber(doc, list(plan.tasks.values_list("number", "content", "completion")))
        categories = _categories(plan, doc)
        units, result.units_created = import_units.resolve(doc, plan.government)
        _tasks(plan, doc, categories, units, result, progress, remove_missing, owner)
        if remove_missing:
            Category.objects.filter(plan=plan, tasks__isnull=True).delete()
        log_action(
            "duban.plan.imported" if owner == Source.DOCUMENT else "duban.plan.rows_added",
            actor,
            plan,
            {
                "plan": plan.pk,
                "source": source_name,
                "sha256": sha256,
                "created": created,
                "rows": result.rows,
                "tasks_created": result.tasks_created,
                "tasks_updated": result.tasks_updated,
                "tasks_removed": result.tasks_removed,
            },
        )
        # The job worker indexes the new text for search once this commits (search.py).
        transaction.on_commit(search.index_soon)
        if public and (result.changed or not plan.publications.exists()):
            # The document was published by its government: what it says is what the
            # public sees, as a publication of its own (made by the disclosure app, in
            # this transaction).
            public_document_imported.send(Plan, plan=plan)
    return result


def read_as_plan(doc: ParsedDocument) -> None:
    """A list the office imports as the year's plan although the reader took it for a
    completion list (云南 2003's "今年要再办8件…实事：一是…" reads as last year's): its items
    are the tasks' content, and its year the report's own."""
    if doc.kind != "completion":
        return
    for task in doc.tasks:
        if not task.content:
            task.content, task.completion = task.completion, ""
        task.status = None
    if doc.year:
        doc.year += 1  # a completion list is dated the year before its report
    doc.kind, doc.document_claim = "plan", None


def plan_title(doc: ParsedDocument, government: str) -> str:
    """The document's title, or the table's caption when the title names a whole report
    ("2024年政府工作报告") and the caption names the table in it ("2023年…完成情况汇总表")."""
    title, caption = doc.title or "", doc.caption or ""
    if caption and (not title or ("完成情况" in caption and "完成情况" not in title)):
        return caption[:200]
    return (title or f"{government} {doc.year}")[:200]


def _plan_for(government: str, year: int, title: str, wanted: dict[str, Any]) -> tuple[Plan, bool]:
    """The plan this document is, locked: the one of its title, else the one first imported
    from a document of that title (renamed since by the office), else a new one."""
    plans = Plan.objects.select_for_update().filter(government=government, year=year)
    plan = plans.filter(title=title).first() or plans.filter(document_title=title).first()
    if plan is not None:
        return plan, False
    plan, created = plans.get_or_create(
        government=government, year=year, title=title, defaults=wanted | {"document_title": title}
    )
    return plan, created


def _plan_fields(
    doc: ParsedDocument, source_name: str, sha256: str, public: bool | None
) -> dict[str, Any]:
    """The plan's fields the document gives."""
    wanted: dict[str, Any] = {
        "caption": doc.caption or "",
        "source_name": source_name,
        "source_sha256": sha256,
        "published_on": doc.published,
    }
    if public is not None:
        wanted["is_public"] = public
    return wanted


def _update_plan(plan: Plan, wanted: dict[str, Any]) -> None:
    changed = [k for k, v in wanted.items() if str(getattr(plan, k) or "") != str(v or "")]
    if changed:
        for key in changed:
            setattr(plan, key, wanted[key])
        plan.save()


def _categories(plan: Plan, doc: ParsedDocument) -> dict[str, Category]:
    names = list(dict.fromkeys(t.category for t in doc.tasks if t.category))
    existing = {c.name: c for c in Category.objects.filter(plan=plan)}
    new = []
    for order, name in enumerate(names, start=1):
        cat = existing.get(name)
        if cat is None:
            new.append(Category(plan=plan, name=name, order=order))
        elif cat.order != order:
            cat.order = order
            cat.save(update_fields=["order"])
    if new:
        for cat in bulk_create_with_history(new, Category):
            existing[cat.name] = cat
    return existing


@dataclass
class _Rows:
    """What a document's rows change in the plan's tasks, written in bulk after the last row."""

    new_tasks: list[Task] = field(default_factory=list)
    updated: set[int] = field(default_factory=set)
    reported: set[int] = field(default_factory=set)  # an accepted year-end report's completion kept
    office_kept: set[int] = field(default_factory=set)  # the office's own text, category or units
    rewritten: list[Task] = field(default_factory=list)
    rewritten_fields: set[str] = field(default_factory=set)
    moved: list[Task] = field(default_factory=list)
    # The targets the office adjusted, by task id: a row's status is judged against them.
    adjusted: dict[int, list[Recorded]] = field(default_factory=dict)


def _tasks(
    plan: Plan,
    doc: ParsedDocument,
    categories: dict[str, Category],
    units: dict[str, Unit],
    result: ImportResult,
    progress: Progress | None,
    remove_missing: bool = True,
    owner: str = Source.DOCUMENT,
) -> None:
    # A plan created by this import has no tasks yet: nothing to read.
    existing = {} if result.plan_created else {t.number: t for t in Task.objects.filter(plan=plan)}
    seen_numbers: set[int] = set()
    rows = _Rows(adjusted={} if result.plan_created else adjusted.by_task(plan))
    for i, parsed in enumerate(doc.tasks, start=1):
        if parsed.number in seen_numbers:
            result.warnings.append(
                Note(
                    gettext_noop("line {line}: row number {n} repeated; row skipped"),
                    line=parsed.source_line,
                    n=parsed.number,
                )
            )
            continue
        seen_numbers.add(parsed.number)
        category = categories.get(parsed.category) if parsed.category else None
        task = existing.get(parsed.number)
        if task is None:
            rows.new_tasks.append(_new_task(plan, parsed, category, units, owner))
        else:
            _update_task(task, _fields(parsed, category), owner, rows, result)
        if progress:
            progress(i, len(doc.tasks))

    _write_tasks(plan, rows, result)
    new_tasks = rows.new_tasks
    # What the database now holds: the tasks read above, as updated, and the new ones.
    by_number = existing | {t.number: t for t in new_tasks}
    created = {t.number for t in new_tasks}
    figures = numbers.sync(doc, by_number, created)
    result.warnings.extend(figures.warnings)
    _kept(
        result,
        rows.reported | figures.reported,
        gettext_noop(
            "tasks {numbers}: the file differs from the accepted year-end report, "
            "whose completion and figures are kept"
        ),
    )
    assigned, units_kept = import_units.assignments(doc, by_number, units, owner, plan, created)
    touched = assigned | figures.changed
    _kept(
        result,
        rows.office_kept | units_kept,
        gettext_noop("tasks {numbers}: the office's own edits are kept; the file reads otherwise"),
    )
    reassigned = touched - rows.updated - created
    result.tasks_updated += len(reassigned)
    result.tasks_unchanged -= len(reassigned)

    if remove_missing:
        missing = [t for n, t in existing.items() if n not in seen_numbers]
        result.tasks_removed = removal.remove_missing(missing, skipped_rows(doc), result.warnings)
    search.refresh(
        [t.id for t in by_number.values() if t.number in seen_numbers and t.number not in created]
    )


def _fields(parsed: ParsedTask, category: Category | None) -> dict[str, Any]:
    """A task's fields as the document's row gives them."""
    return {
        "category_id": category.id if category else None,
        "content": task_text(parsed),
        "completion": parsed.completion,
        "source_line": parsed.source_line,
        "extra": parsed.extra,
        "proposed_status": parsed.status or "",
        "status_evidence": parsed.status_evidence or "",
        "status_confidence": parsed.status_confidence or "",
        "flags": parsed.flags,
    }


def _new_task(
    plan: Plan, parsed: ParsedTask, category: Category | None, units: dict[str, Unit], owner: str
) -> Task:
    # A new task carries its search text from the start (no second pass to write it).
    # (In the order search.refresh reads them: Assignment's ordering, role then order.)
    rows = sorted(import_units.assignment_rows(parsed, units), key=lambda r: (r[1], r[2]))
    names = [units[norm].name for norm, *_ in rows]
    text = search.compose(
        category.name if category else "", task_text(parsed), parsed.completion, names
    )
    # A printed deadline (完成时限) dates a new task; later the office owns the date.
    deadline = read_deadline(parsed.deadline, plan.year) if parsed.deadline else None
    return Task(
        plan=plan,
        number=parsed.number,
        search_text=text,
        source=owner,
        deadline=deadline,
        **_fields(parsed, category),
    )


def _update_task(
    task: Task, fields: dict[str, Any], owner: str, rows: _Rows, result: ImportResult
) -> None:
    """The row's fields set on the task, except what others own: a report's or the
    completion list's completion, the office's own text and category."""
    kept = task.completion_source != Source.DOCUMENT
    if (
        kept
        and fields.pop("completion") != task.completion
        and task.completion_source == Source.REPORT
    ):
        rows.reported.add(task.number)
    if task.completion_source == Source.COMPLETION:
        # The completion list, not this document, assessed the task.
        for name in ("proposed_status", "status_evidence", "status_confidence", "flags"):
            fields.pop(name)
    elif (recorded := rows.adjusted.get(task.pk)) and fields["completion"]:
        # Judged against the targets as the office adjusted them (adjusted.reassess).
        fields |= adjusted.status_fields(fields["content"], fields["completion"], recorded)
    for name in import_units.office_owned(task, owner) & {"content", "category"}:
        # What the office wrote by hand stays; the file's other reading is reported.
        key = "category_id" if name == "category" else name
        if fields.pop(key) != getattr(task, key):
            rows.office_kept.add(task.number)
    changed = [k for k, v in fields.items() if getattr(task, k) != v]
    for key in changed:
        setattr(task, key, fields[key])
    if [k for k in changed if k != "source_line"]:
        rows.rewritten.append(task)
        rows.rewritten_fields.update(changed)
        rows.updated.add(task.number)
        result.tasks_updated += 1
    else:
        if changed:  # the row moved in the file, nothing else: no history entry
            rows.moved.append(task)
        result.tasks_unchanged += 1


def _write_tasks(plan: Plan, rows: _Rows, result: ImportResult) -> None:
    # In bulk, a few queries whatever the number of tasks; search text is refreshed later.
    if rows.rewritten:
        bulk_update_with_history(
            rows.rewritten, Task, sorted(rows.rewritten_fields), batch_size=500
        )
    if rows.moved:
        Task.objects.bulk_update(rows.moved, ["source_line"], batch_size=500)
    if rows.new_tasks:
        bulkwrite.create_with_history(
            Task, rows.new_tasks, key=("number",), scope={"plan_id": plan.id}
        )
        result.tasks_created = len(rows.new_tasks)


def _kept(result: ImportResult, numbers_kept: set[int], message: str) -> None:
    """A warning naming the tasks whose other owner's reading was kept over the file's."""
    if numbers_kept:
        result.warnings.append(
            Note(message, numbers=", ".join(str(n) for n in sorted(numbers_kept)))
        )


def skipped_rows(doc: ParsedDocument) -> list[str]:
    """What the reader left out of the rows. Until every reader fills doc.skipped, its
    warnings that end in "skipped" count too (grid and flat-table readers word them so)."""
    return [*map(str, doc.skipped), *(w for w in doc.warnings if w.endswith("skipped"))]
