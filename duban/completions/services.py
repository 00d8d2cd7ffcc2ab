"""A government's completion list imported into the plan it completes.

`propose` reads the document and pairs its items with the plan's tasks (duban.pairing) and
writes nothing; the office reviews the pairing; `import_completion` then writes it in one
transaction: each paired task's year-end completion (owned by the completion report, so a
re-import of the plan keeps it), its targets assessed against the item's figures and a status
proposed with the evidence; the tasks no item reports on marked as not reported on. The same
file with the same pairing again changes nothing. What the supervision cycle wrote is never
overwritten: where a unit's accepted year-end report holds the completion, the document's is
kept beside it and the office chooses (`choose_completion`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from duban.audit.log import log_action
from duban.documents import ParsedDocument, ParsedTask, ParseError, parse_tables_all
from duban.documents.model import Note, gettext_noop
from duban.pairing import Outcome as Item
from duban.pairing import Pairing, Promise, pair
from duban.pairing.reading import outcomes_of
from duban.plans import adjusted
from duban.plans.access import is_office, require
from duban.plans.models import Plan, Source, Task
from duban.plans.removal import ImportRefused
from duban.quantities import annotate_task
from duban.reporting.periods import YEAR_END_SUFFIX

from . import figures
from .models import CompletionImport, Outcome

# item seq -> the task numbers it reports on (empty: left over)
Pairs = dict[int, list[int]]


@dataclass
class Proposal:
    """What the document says and how the machine pairs it; nothing written."""

    plan: Plan
    doc: ParsedDocument
    list_number: int  # in document order, as `duban parse --all` numbers the lists
    items: list[Item]
    pairing: Pairing
    tasks: dict[int, Task]
    sha256: str
    name: str

    def machine_pairs(self) -> Pairs:
        out: Pairs = {i.seq: [] for i in self.items}
        for p in self.pairing.pairs:
            out[p.outcome].append(p.promise)
        return out

    def label(self, seq: int) -> int:
        """How the JSON and the screens name an item: its printed number, else its place."""
        item = self.item(seq)
        return item.number if item.number is not None else item.seq

    def item(self, seq: int) -> Item:
        return next(i for i in self.items if i.seq == seq)

    def parsed(self, seq: int) -> ParsedTask:
        return self.doc.tasks[[i.seq for i in self.items].index(seq)]


@dataclass
class CompletionResult:
    plan: Plan
    pairs: list[dict[str, Any]]
    unmatched_items: list[int]
    unmatched_tasks: list[int]
    warnings: list[str] = field(default_factory=list)
    changed: bool = False
    dry_run: bool = False
    conflicts: list[int] = field(default_factory=list)  # the office chooses
    tasks_added: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "plan": self.plan.pk,
            "pairs": self.pairs,
            "unmatched_items": self.unmatched_items,
            "unmatched_tasks": self.unmatched_tasks,
            "warnings": [str(w) for w in self.warnings],
            "changed": self.changed,
            "dry_run": self.dry_run,
            "conflicts": self.conflicts,
            "tasks_added": self.tasks_added,
        }


def completion_lists(data: bytes, name: str) -> list[tuple[int, ParsedDocument]]:
    """The completion lists of a document, with their numbers in document order."""
    return [
        (n, d)
        for n, d in enumerate(parse_tables_all(data, name), 1)
        if d.kind == "completion" or not d.kind
    ]


def propose(plan: Plan, data: bytes, name: str, list_number: int | None = None) -> Proposal:
    """Read the document's completion list (or list list_number) and pair it with the plan.
    Raises ParseError (one line) when there is none."""
    docs = parse_tables_all(data, name)
    if list_number is not None:
        if not 1 <= list_number <= len(docs):
            raise ParseError(Note(gettext_noop("the document has no list {n}"), n=list_number))
        number, doc = list_number, docs[list_number - 1]
    else:
        found = completion_lists(data, name)
        if not found:
            raise ParseError(Note(gettext_noop("the document holds no completion list")))
        number, doc = found[0]
    tasks = {t.number: t for t in plan.tasks.order_by("number")}
    items = outcomes_of(doc)
    pairing = pair([Promise(t.number, t.content) for t in tasks.values()], items)
    return Proposal(
        plan, doc, number, items, pairing, tasks, hashlib.sha256(data).hexdigest(), name
    )


def import_completion(
    plan: Plan,
    data: bytes,
    name: str,
    *,
    actor: Any = None,
    list_number: int | None = None,
    pairs: Mapping[int, Iterable[int]] | None = None,
    new_tasks: Iterable[int] = (),
    dry_run: bool = False,
) -> CompletionResult:
    """Write the pairing (the machine's, or the office's `pairs`: item seq -> task numbers;
    `new_tasks`: items added to the plan as tasks of their own). actor None: a command.
    Raises ParseError or ImportRefused with one line, and writes nothing then."""
    if actor is not None:
        require(is_office(actor), _("Only the supervision office imports plans."))
    proposal = propose(plan, data, name, list_number)
    chosen = _checked(proposal, pairs, set(new_tasks))
    if dry_run:
        return _result(proposal, chosen, dry_run=True)
    with transaction.atomic():
        Plan.objects.select_for_update().get(pk=plan.pk)
        record = _record(proposal, actor)
        added = [add_item_as_task(proposal, seq, actor) for seq in sorted(set(new_tasks))]
        for seq, number in added:
            chosen[seq] = [number]
            proposal.tasks[number] = Task.objects.get(plan=plan, number=number)
        by_task: dict[int, list[int]] = {n: [] for n in proposal.tasks}
        for seq, numbers in sorted(chosen.items()):
            for number in numbers:
                by_task[number].append(seq)
        machine = proposal.machine_pairs()
        changed = [
            number
            for number, seqs in by_task.items()
            if _apply(proposal, record, proposal.tasks[number], seqs, machine)
        ]
        result = _result(proposal, chosen)
        result.tasks_added = [n for _s, n in added]
        result.conflicts = list(
            Outcome.objects.filter(
                completion_import__plan=plan, choice=Outcome.Choice.PENDING
            ).values_list("task__number", flat=True)
        )
        result.changed = bool(changed or added or record.pk is None)
        if record.pk is None or changed or added:
            record.left_over = [
                _item_json(proposal, s) for s, ns in sorted(chosen.items()) if not ns
            ]
            record.save()
            log_action(
                "duban.completion.imported",
                actor,
                plan,
                {
                    "plan": plan.pk,
                    "source": name,
                    "sha256": proposal.sha256,
                    "pairs": result.pairs,
                    "unmatched_items": result.unmatched_items,
                    "unmatched_tasks": result.unmatched_tasks,
                    "tasks_changed": changed,
                    "conflicts": result.conflicts,
                },
            )
    return result


def _checked(
    proposal: Proposal, pairs: Mapping[int, Iterable[int]] | None, new_tasks: set[int]
) -> Pairs:
    if pairs is None:
        chosen = proposal.machine_pairs()
    else:
        chosen = {i.seq: [] for i in proposal.items}
        for seq, numbers in pairs.items():
            if seq not in chosen:
                raise ImportRefused(_("the document has no item %(n)s") % {"n": seq})
            for number in numbers:
                if number not in proposal.tasks:
                    raise ImportRefused(_("the plan has no task %(n)s") % {"n": number})
            chosen[seq] = list(dict.fromkeys(numbers))
    for seq in new_tasks:
        if seq not in chosen:
            raise ImportRefused(_("the document has no item %(n)s") % {"n": seq})
        chosen[seq] = []
    return chosen


def _result(proposal: Proposal, chosen: Pairs, dry_run: bool = False) -> CompletionResult:
    scores = {(p.outcome, p.promise): p for p in proposal.pairing.pairs}
    rows = []
    for seq, numbers in sorted(chosen.items()):
        for number in numbers:
            p = scores.get((seq, number))
            rows.append(
                {
                    "task": number,
                    "item": proposal.label(seq),
                    "score": p.score if p else None,
                    "how": p.how if p else "office",
                    "reason": p.reason if p else "",
                }
            )
    taken = {n for ns in chosen.values() for n in ns}
    return CompletionResult(
        proposal.plan,
        rows,
        unmatched_items=[proposal.label(s) for s, ns in sorted(chosen.items()) if not ns],
        unmatched_tasks=[n for n in proposal.tasks if n not in taken],
        warnings=[*proposal.doc.warnings, *proposal.pairing.warnings],
        dry_run=dry_run,
    )


def _record(proposal: Proposal, actor: Any) -> CompletionImport:
    """The document's record: the same file into the same plan is the same record."""
    doc = proposal.doc
    existing = CompletionImport.objects.filter(plan=proposal.plan, sha256=proposal.sha256).first()
    if existing is not None:
        return existing
    return CompletionImport(
        plan=proposal.plan,
        source_name=proposal.name[:255],
        sha256=proposal.sha256,
        title=(doc.title or "")[:200],
        year=doc.year,
        document_claim=(doc.document_claim or "")[:200],
        imported_by=actor if getattr(actor, "pk", None) else None,
    )


def _item_json(proposal: Proposal, seq: int) -> dict[str, Any]:
    parsed = proposal.parsed(seq)
    return {
        "seq": seq,
        "number": proposal.label(seq),
        "text": proposal.item(seq).text,
        "line": parsed.source_line,
    }


def _apply(
    proposal: Proposal, record: CompletionImport, task: Task, seqs: list[int], machine: Pairs
) -> bool:
    """Make the task's outcome what the pairing says; True if anything changed."""
    if record.pk is None:
        record.save()
    scores = {(p.outcome, p.promise): p for p in proposal.pairing.pairs}
    items = []
    for seq in seqs:
        p = scores.get((seq, task.number))
        items.append(
            {
                **_item_json(proposal, seq),
                "score": p.score if p else None,
                "how": p.how if p else "office",
                "reason": p.reason if p else "",
            }
        )
    text = "；".join(proposal.item(s).text.rstrip("。；;") for s in seqs)
    if text:
        text += "。"
    state = Outcome.State.REPORTED if seqs else Outcome.State.NOT_REPORTED
    by_office = any(task.number not in machine.get(s, []) for s in seqs) or (
        not seqs and any(task.number in ns for ns in machine.values())
    )
    wanted = {
        "completion_import": record,
        "state": state,
        "text": text,
        "items": items,
        "score": min((i["score"] for i in items if i["score"] is not None), default=None),
        "reason": "; ".join(i["reason"] for i in items if i["reason"]),
        "paired_by_office": by_office,
    }
    outcome = Outcome.objects.filter(task=task).first()
    if outcome is not None and all(getattr(outcome, k) == v for k, v in wanted.items()):
        return False
    if outcome is None:
        outcome = Outcome(task=task, **wanted)
    else:
        for key, value in wanted.items():
            setattr(outcome, key, value)
    if task.completion_source == Source.REPORT:
        # A unit's accepted year-end report wrote the completion: both stand, the office
        # chooses (a choice already made for this very text stays).
        if seqs and outcome.choice != Outcome.Choice.REPORT:
            outcome.choice = Outcome.Choice.PENDING
    else:
        outcome.choice = Outcome.Choice.NONE
        write_completion(
            task, text if seqs else "", proposal.doc, proposal.parsed(seqs[0]) if seqs else None
        )
    outcome.save()
    return True


def write_completion(
    task: Task, text: str, doc: ParsedDocument | None, item: ParsedTask | None
) -> None:
    """The task's year-end completion from the government's report: the text, the plan's
    targets against its figures and the proposed status with its evidence."""
    if not text:
        if task.completion_source != Source.COMPLETION:
            return
        task.completion, task.completion_source = "", Source.DOCUMENT
        task.proposed_status = task.status_evidence = task.status_confidence = ""
        task.flags = []
        task._change_reason = "completion report: not reported on"
        task.save()
        return
    parsed = ParsedTask(
        category=item.category if item else None,
        number=task.number,
        content=task.content,
        lead_units_raw=[],
        lead_units=[],
        completion=text,
        source_line=item.source_line if item else 0,
        listed_status=item.listed_status if item else None,
    )
    shell = ParsedDocument(
        title=None,
        published=None,
        year=None,
        tasks=[parsed],
        document_claim=doc.document_claim if doc else None,
    )
    recorded = adjusted.by_task(task.plan, task).get(task.pk, [])  # the office's adjustments
    annotate_task(shell, parsed, promise=task.content, recorded=recorded)
    wanted = {
        "completion": text,
        "completion_source": Source.COMPLETION,
        "proposed_status": parsed.status or "",
        "status_evidence": parsed.status_evidence or "",
        "status_confidence": parsed.status_confidence or "",
        "flags": parsed.flags,
    }
    task.save_changed(wanted, "completion report imported")
    figures.sync(task, parsed)


def add_item_as_task(proposal: Proposal, seq: int, actor: Any) -> tuple[int, int]:
    """A left-over completion item becomes a task of the plan (the office's: a re-import of
    the plan does not remove it). Returns (seq, the new task's number)."""
    plan = proposal.plan
    number = (plan.tasks.aggregate(n=Max("number"))["n"] or 0) + 1
    text = proposal.item(seq).text
    task = Task.objects.create(plan=plan, number=number, content=text, source=Source.OFFICE)
    log_action(
        "duban.completion.task_added",
        actor,
        task,
        {"plan": plan.pk, "task": number, "item": proposal.label(seq)},
    )
    return seq, number


def choose_completion(outcome: Outcome, use: str, actor: Any) -> Outcome:
    """The office decides which completion stands where a unit's accepted year-end report
    and the government's report both gave one: "document" or "report". Both are kept."""
    require(is_office(actor), _("Only the supervision office decides this."))
    if use not in (Outcome.Choice.DOCUMENT, Outcome.Choice.REPORT):
        raise ValueError(use)
    with transaction.atomic():
        outcome = Outcome.objects.select_for_update().select_related("task").get(pk=outcome.pk)
        task = outcome.task
        if use == Outcome.Choice.DOCUMENT:
            report_text = task.completion
            write_completion(task, outcome.text, None, None)
        else:
            report_text = ""
            from duban.reporting.models import ProgressReport

            accepted = (
                ProgressReport.objects.filter(
                    task=task, period__endswith=YEAR_END_SUFFIX, state=ProgressReport.State.ACCEPTED
                )
                .order_by("-accepted_at")
                .first()
            )
            if accepted is not None and task.completion_source != Source.REPORT:
                task.completion, task.completion_source = accepted.text, Source.REPORT
                task._change_reason = "year-end report chosen"
                task.save()
        outcome.choice = use
        outcome.save()
        log_action(
            "duban.completion.chosen",
            actor,
            task,
            {"plan": task.plan_id, "task": task.number, "use": use, "replaced": report_text[:200]},
        )
    return outcome
