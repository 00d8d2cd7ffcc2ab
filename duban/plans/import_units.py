"""The units of an import: each name the document prints resolved to a unit (an alias, a
short form) or created, and each task's assignments made what the document says — except what
the office set by hand (office_owned: the fields of a task the office owns)."""

from __future__ import annotations

from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from duban.documents import ParsedDocument, ParsedTask
from duban.documents.units import COLLECTIVE, STRONG_SUFFIXES, canonical, spellings, strip_ws

from . import bulkwrite
from .models import Assignment, Plan, Source, Task, Unit


def unit_kind(name: str) -> str:
    if COLLECTIVE.match(name):
        return Unit.Kind.COLLECTIVE
    if name.endswith(STRONG_SUFFIXES[:2]):  # 指挥部, 管委会
        return Unit.Kind.COMMAND
    return Unit.Kind.DEPARTMENT


def resolve(doc: ParsedDocument, government: str) -> tuple[dict[str, Unit], int]:
    """Each unit name the document prints (normalised) to its unit of the plan's government,
    and how many were new: another government's 市教育局 is another unit."""
    printed: dict[str, set[str]] = {}
    for task in doc.tasks:
        pairs = [
            *zip(task.lead_units, task.lead_units_raw, strict=True),
            *zip(task.co_units, task.co_units_raw, strict=True),
        ]
        for norm, raw in pairs:
            printed.setdefault(norm, set()).add(strip_ws(raw))
    theirs = Unit.objects.filter(government=government)
    found = {u.name: u for u in theirs.filter(name__in=printed)}
    if len(found) < len(printed):
        # A name printed differently (an alias the office recorded, or a short form in the
        # shipped alias table: 区发改委 = 区发展改革委) resolves to the unit already there.
        # Only the units that could match are read: those under another spelling of a
        # missing name, and those with recorded aliases (few), not every unit.
        forms = set().union(*(spellings(n) for n in printed if n not in found))
        by_form: dict[str, Unit] = {}
        for unit in theirs.filter(Q(name__in=forms) | ~Q(aliases=[])):
            for form in (unit.name, *unit.aliases):
                by_form.setdefault(canonical(form), unit)
        for name in printed:
            if name not in found and canonical(name) in by_form:
                found[name] = by_form[canonical(name)]
    new = [
        Unit(government=government, name=n, kind=unit_kind(n), aliases=sorted(printed[n] - {n}))
        for n in printed
        if n not in found
    ]
    if new:
        bulk_create_with_history(new, Unit)
        for unit in theirs.filter(name__in=[u.name for u in new]):
            found[unit.name] = unit
    return found, len(new)


def office_owned(task: Task, writer: str) -> set[str]:
    """The fields of a task a document's import leaves: all of a task the office added, and
    those of a document's task the office changed by hand (save_task records them). Rows the
    office pastes itself (writer OFFICE) change its own tasks."""
    if writer != Source.DOCUMENT:
        return set()
    if task.source == Source.OFFICE:
        return {"content", "category", "units"}
    return set(task.office_fields)


def assignments(
    doc: ParsedDocument,
    tasks: dict[int, Task],
    units: dict[str, Unit],
    writer: str,
    plan: Plan,
    created: set[int] | None = None,
) -> tuple[set[int], set[int]]:
    """Make each task's assignments what the document says, except where the office set
    them; return the tasks that changed and those whose office-set units differ from the
    file. created: the numbers of the tasks just created (none assigned yet: when all are,
    nothing is read)."""
    current: dict[int, list[tuple[int, str, int, str]]] = {}
    if set(tasks) - (created or set()):
        rows = Assignment.objects.filter(task__plan=plan).order_by("task", "role", "order")
        values = rows.values_list("task_id", "unit_id", "role", "order", "printed_name")
        for task_id, *row in values:
            current.setdefault(task_id, []).append(tuple(row))  # type: ignore[arg-type]
    create: list[Assignment] = []
    changed: set[int] = set()
    kept: set[int] = set()
    rewritten: list[int] = []  # tasks whose assignments are replaced
    for parsed in doc.tasks:
        task = tasks[parsed.number]
        wanted = wanted_assignments(parsed, units)
        if sorted(current.get(task.id, [])) == sorted(wanted):
            continue
        if "units" in office_owned(task, writer) and task.id in current:
            if {(u, r) for u, r, *_ in current[task.id]} != {(u, r) for u, r, *_ in wanted}:
                kept.add(task.number)
            continue
        if task.id in current:
            changed.add(task.number)
            rewritten.append(task.id)
        create.extend(
            Assignment(task=task, unit_id=u, role=r, order=o, printed_name=p)
            for u, r, o, p in wanted
        )
        current[task.id] = wanted
    # Each removal with its history row, in bulk: the import refreshes the search text of
    # every task it read and its audit entry forgets the plan's lights (what the delete
    # signals would do, a query or three per row: 1,556 queries for 200 tasks' units).
    bulkwrite.delete_with_history(Assignment, Assignment.objects.filter(task_id__in=rewritten))
    bulkwrite.create_with_history(
        Assignment, create, key=("task_id", "unit_id", "role"), scope={"task__plan_id": plan.id}
    )
    return changed, kept


def assignment_rows(parsed: ParsedTask, units: dict[str, Unit]) -> list[tuple[str, str, int, str]]:
    rows: list[tuple[str, str, int, str]] = []
    seen: set[tuple[int, str]] = set()
    for role, norms, raws in (
        (Assignment.Role.LEAD, parsed.lead_units, parsed.lead_units_raw),
        (Assignment.Role.CO, parsed.co_units, parsed.co_units_raw),
    ):
        for order, (norm, raw) in enumerate(zip(norms, raws, strict=True)):
            unit = units[norm]
            if (unit.id, role) in seen:
                continue
            seen.add((unit.id, role))
            rows.append((norm, str(role), order, raw))
    return rows


def wanted_assignments(
    parsed: ParsedTask, units: dict[str, Unit]
) -> list[tuple[int, str, int, str]]:
    return [
        (units[norm].id, role, order, raw)
        for norm, role, order, raw in assignment_rows(parsed, units)
    ]
