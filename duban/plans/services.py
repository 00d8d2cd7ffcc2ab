"""State changes of plans and tasks. Each checks permission, runs in a transaction and leaves
a history entry; the screens, the API and the command line call these and nothing else."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duban.accounts.models import User
from duban.audit.log import log_action

from .access import is_office, require
from .models import Assignment, Category, Indicator, Plan, Source, Status, Task, Unit

if TYPE_CHECKING:
    from duban.documents import ParsedTask


def confirm_status(task: Task, user: User, status: str, note: str = "") -> Task:
    """The office confirms the machine's proposal or sets another status; both are kept."""
    require(is_office(user), _("Only the supervision office confirms a status."))
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        locked.status = status
        locked.status_note = note.strip()
        locked.status_confirmed_by = user
        locked.status_confirmed_at = timezone.now()
        locked._change_reason = (
            "status confirmed" if status == locked.proposed_status else "status corrected"
        )
        locked.save(
            update_fields=[
                "status",
                "status_note",
                "status_confirmed_by",
                "status_confirmed_at",
            ]
        )
        log_action(
            "duban.task.status_confirmed",
            user,
            locked,
            {
                "plan": locked.plan_id,
                "status": status,
                "proposed": locked.proposed_status,
                "note": locked.status_note,
            },
        )
    return locked


# A plan's year: its reporting periods are dates of that year, and a government of the People's
# Republic has no work report before 1949.
YEARS = (1949, 2100)


class Stale(ValidationError):
    """An edit that started from a revision someone else's save has since replaced."""

    def __init__(self, message: str, current: int) -> None:
        super().__init__(message, code="stale")
        self.current = current


def save_plan(
    user: User, plan: Plan | None, fields: dict[str, object], revision: int | None = None
) -> Plan:
    """Create or edit a plan's settings. With revision, the edit is refused (Stale) if
    someone saved the settings since they were opened."""
    require(is_office(user), _("Only the supervision office edits plans."))
    with transaction.atomic():
        if plan is not None and plan.pk is not None:
            plan = Plan.objects.select_for_update().get(pk=plan.pk)
            if revision is not None and revision != plan.revision:
                raise Stale(
                    _(
                        "Someone else saved this plan's settings since you opened them. "
                        "What you typed is still in the form; their changes are listed "
                        "below. Save again to keep yours."
                    ),
                    plan.revision,
                )
            plan.revision += 1
        plan = plan or Plan()
        for key, value in fields.items():
            setattr(plan, key, value)
        if not YEARS[0] <= (plan.year or 0) <= YEARS[1]:
            raise ValidationError(
                {
                    "year": _("A year from %(first)d to %(last)d.")
                    % {"first": YEARS[0], "last": YEARS[1]}
                }
            )
        plan.full_clean()
        created = plan.pk is None
        plan.save()
        log_action(
            "duban.plan.created" if created else "duban.plan.changed",
            user,
            plan,
            {"plan": plan.pk, "fields": sorted(fields)},
        )
    return plan


def save_task(
    user: User,
    plan: Plan,
    task: Task | None,
    fields: dict[str, object],
    lead_units: Sequence[Unit | str],
    co_units: Sequence[Unit | str],
    revision: int | None = None,
    indicators: list[dict[str, object]] | None = None,
) -> Task:
    """Create or edit a task and its assignments (lead units, co-units). A unit given by name
    is found (also under an alias or a short form) or created. With revision, the edit is
    refused if someone saved the task since it was opened. With indicators, the task's
    indicators become these rows (see set_indicators), in the same transaction."""
    require(is_office(user), _("Only the supervision office edits tasks."))
    if not lead_units:
        raise ValidationError({"lead_units": _("A task needs at least one lead unit.")})
    editing = task is not None
    with transaction.atomic():
        leads = [_unit(user, u, plan.government) for u in lead_units]
        cos = [_unit(user, u, plan.government) for u in co_units]
        if task is not None:
            task = Task.objects.select_for_update().get(pk=task.pk)
            if revision is not None and revision != task.revision:
                raise Stale(
                    _(
                        "This task was changed by someone else since you "
                        "opened it. Reload it to see their changes."
                    ),
                    task.revision,
                )
            task.revision += 1
        task = task or Task(plan=plan)
        before = _owned_values(task) if editing else None
        for key, value in fields.items():
            setattr(task, key, value)
        _mark_completion(task, before)
        task.full_clean(exclude=["plan"])
        if task.category is not None and task.category.plan_id != plan.pk:
            raise ValidationError({"category": _("A category of another plan.")})
        wanted = [(u.pk, Assignment.Role.LEAD) for u in leads] + [
            (u.pk, Assignment.Role.CO) for u in cos if u not in leads
        ]
        if before is not None and task.source == Source.DOCUMENT:
            held = set(task.assignments.values_list("unit_id", "role"))
            _mark_office_fields(task, before, set(wanted) != held)
        _save_numbered(task, plan)
        current = {(a.unit_id, a.role): a for a in task.assignments.all()}
        for held_as, assignment in current.items():
            if held_as not in wanted:
                assignment.delete()
        for order, (unit_id, role) in enumerate(wanted):
            if (unit_id, role) not in current:
                Assignment.objects.create(task=task, unit_id=unit_id, role=role, order=order)
        log_action(
            "duban.task.changed" if editing else "duban.task.created",
            user,
            task,
            {
                "plan": plan.pk,
                "number": task.number,
                "fields": sorted(fields),
                "lead_units": [u for u, role in wanted if role == Assignment.Role.LEAD],
                "co_units": [u for u, role in wanted if role == Assignment.Role.CO],
            },
        )
        if indicators is not None:
            set_indicators(user, task, indicators)
    return task


# The fields of a task a document brings; those the office changes by hand become its own.
DOCUMENT_FIELDS = ("content", "category_id")


def _owned_values(task: Task) -> dict[str, object]:
    return {key: getattr(task, key) for key in (*DOCUMENT_FIELDS, "completion")}


def _mark_completion(task: Task, before: dict[str, object] | None) -> None:
    """A completion the office wrote is its own: a re-import of the document keeps it (the
    texts before it stay in the task's history)."""
    if before is not None and task.completion != before["completion"]:
        task.completion_source = Source.OFFICE


def _mark_office_fields(task: Task, before: dict[str, object], units_changed: bool) -> None:
    """Record what the office changed in a document's task, so that a re-import keeps it."""
    changed = {
        k.removesuffix("_id")
        for k, v in before.items()
        if k in DOCUMENT_FIELDS and getattr(task, k) != v
    }
    if units_changed:
        changed.add("units")
    task.office_fields = sorted(set(task.office_fields) | changed)  # saved with the task


def _unit(user: User, unit: Unit | str, government: str) -> Unit:
    if not isinstance(unit, Unit):
        return add_unit(user, unit, government)
    if unit.government != government:  # posted by its id: another government's is refused
        raise ValidationError(
            {"lead_units": _("%(unit)s is a unit of another government.") % {"unit": unit.name}}
        )
    return unit


def add_unit(user: User, name: str, government: str) -> Unit:
    """The government's unit of that name, found under its name, a recorded alias or a
    shipped short form (区发改委 is 区发展改革委), or else created. Another government's unit
    of the same name is another unit."""
    from duban.documents.units import canonical, spellings, strip_ws

    from .import_units import unit_kind

    require(is_office(user), _("Only the supervision office adds units."))
    name = strip_ws(name)
    if not name:
        raise ValidationError({"lead_units": _("A unit needs a name.")})
    limit = Unit._meta.get_field("name").max_length
    if limit is not None and len(name) > limit:
        raise ValidationError({"lead_units": _("A unit's name has at most 100 characters.")})
    with transaction.atomic():
        theirs = Unit.objects.filter(government=government)
        if found := theirs.filter(name__in=spellings(name)).first():
            return found
        form = canonical(name)
        for unit in theirs.exclude(aliases=[]).only("name", "aliases"):
            if any(canonical(alias) == form for alias in unit.aliases):
                return Unit.objects.get(pk=unit.pk)
        unit = Unit(government=government, name=name, kind=unit_kind(name))
        unit._change_reason = "added by the office"  # type: ignore[attr-defined]
        unit.save()
        log_action("duban.unit.added", user, unit, {"name": name, "government": government})
    return unit


INDICATOR_FIELDS = ("metric", "comparator", "target_value", "unit")
ACTUAL_FIELDS = ("actual_value", "actual_unit")


def _reading(indicator: Indicator) -> dict[str, object]:
    """An indicator as it stands, for the audit entry: the machine's reading beside the
    office's correction."""
    return {
        "metric": indicator.metric,
        "target": indicator.target_text,
        "actual": indicator.actual_text,
        "actual_span": indicator.actual_span,
        "source": indicator.source,
        "actual_source": indicator.actual_source,
    }


def set_indicators(user: User, task: Task, rows: list[dict[str, object]]) -> None:
    """The task's indicators (targets) become these rows: a row with an id edits that
    indicator, one without adds one, and an indicator not among them is removed (dismissed),
    unless a unit has reported a value for it. A row may correct the actual too, or clear it
    (a figure that does not measure the target). What the office edits is the office's: a
    re-import no longer changes it. Each change is in the history and the audit log, with
    what was read before (duban.indicator.corrected, .added, .removed)."""
    require(is_office(user), _("Only the supervision office edits tasks."))
    with transaction.atomic():
        current = {i.pk: i for i in Indicator.objects.select_for_update().filter(task=task)}
        kept: set[int] = set()
        for order, row in enumerate(rows):
            given = row.get("id")
            indicator = current.get(given) if isinstance(given, int) else None
            if given and indicator is None:
                raise ValidationError(_("An indicator of another task."))
            indicator = indicator or Indicator(task=task)
            before = _reading(indicator) if indicator.pk else None
            new = {k: row[k] for k in INDICATOR_FIELDS if k in row}
            new["unit"] = str(new.get("unit") or "").strip()
            new["metric"] = str(new.get("metric") or "").strip()
            actual = {k: row[k] for k in ACTUAL_FIELDS if k in row}
            if "actual_unit" in actual:
                actual["actual_unit"] = str(actual["actual_unit"] or "").strip()
            target_same = all(getattr(indicator, k) == v for k, v in new.items())
            actual_same = all(getattr(indicator, k) == v for k, v in actual.items())
            if indicator.pk and target_same and actual_same:
                kept.add(indicator.pk)
                continue
            for key, value in new.items():
                setattr(indicator, key, value)
            if not target_same or not indicator.pk:
                indicator.source = Source.OFFICE
                # The file's words no longer say this target ("达到15亿元" under ≥16亿元);
                # they stay in the history and the audit entry.
                indicator.span = ""
            if not actual_same:
                _correct_actual(indicator, actual)
            indicator.order = order
            try:
                indicator.full_clean(exclude=["task"])
            except ValidationError as exc:  # the form checks these first; the API may not
                raise ValidationError(
                    _("Indicator %(metric)s: %(error)s")
                    % {"metric": indicator.metric, "error": " ".join(exc.messages)}
                ) from None
            indicator._change_reason = "edited by the office"  # type: ignore[attr-defined]
            indicator.save()
            kept.add(indicator.pk)
            log_action(
                "duban.indicator.corrected" if before else "duban.indicator.added",
                user,
                indicator,
                {
                    "plan": task.plan_id,
                    "task": task.number,
                    "before": before,
                    "after": _reading(indicator),
                },
            )
        _remove_indicators(user, task, [i for pk, i in current.items() if pk not in kept])


def _remove_indicators(user: User, task: Task, gone: list[Indicator]) -> None:
    for indicator in gone:
        if indicator.values.exists():
            raise ValidationError(
                _("%(metric)s has values reported by units and cannot be removed.")
                % {"metric": indicator.metric}
            )
        indicator._change_reason = "removed by the office"  # type: ignore[attr-defined]
        log_action(
            "duban.indicator.removed",
            user,
            indicator,
            {"plan": task.plan_id, "task": task.number, "before": _reading(indicator)},
        )
        if indicator.source == Source.DOCUMENT:
            # Read from the file: kept as dismissed, or a re-import would bring it back.
            indicator.dismissed = True
            indicator.save(update_fields=["dismissed"])
        else:
            indicator.delete()


def _correct_actual(indicator: Indicator, actual: dict[str, object]) -> None:
    """The office's figure for the indicator (or none): compared in the target's unit, and
    no longer quoted from the document."""
    from decimal import Decimal

    from duban.quantities.measures import convert

    value = actual.get("actual_value", indicator.actual_value)
    unit = str(actual.get("actual_unit", indicator.actual_unit) or indicator.unit)
    indicator.actual_value = value  # type: ignore[assignment]
    indicator.actual_unit = unit if value is not None else ""
    indicator.actual_in_target_unit = (
        convert(Decimal(str(value)), unit, indicator.unit) if value is not None else None
    )
    indicator.actual_span = ""
    indicator.actual_source = Source.OFFICE


def _save_numbered(task: Task, plan: Plan) -> None:
    """Save, refusing a number (序号) another task of the plan has, also when two offices
    save the same new number at once."""
    taken = _("This number is already used in this plan.")
    if Task.objects.filter(plan=plan, number=task.number).exclude(pk=task.pk).exists():
        raise ValidationError({"number": taken})
    try:
        with transaction.atomic():
            task.save()
    except IntegrityError:
        raise ValidationError({"number": taken}) from None


@dataclass
class PasteResult:
    rows: int
    created: int
    updated: int
    warnings: list[str] = field(default_factory=list)


def add_rows(user: User, plan: Plan, text: str) -> PasteResult:
    """Tasks pasted from a spreadsheet (or any shape duban reads) added to a plan; rows whose
    number exists already update that task. Tab-separated rows are read as an uploaded CSV
    file is, so each column lands in its field; a deadline column sets the deadline. All or
    nothing; the reader's warnings come back in the page's language."""
    from duban.documents import parse_bytes
    from duban.i18n import say

    from . import paste
    from .importing import import_document

    require(is_office(user), _("Only the supervision office edits tasks."))
    if paste.looks_tab_separated(text):
        doc = parse_bytes(paste.as_csv(text).encode("utf-8"), "pasted.csv")
    else:
        doc = parse_bytes(text.encode("utf-8"), "pasted.txt")
    seen: set[int] = set()
    for row in doc.tasks:  # a number twice is a slip in the sheet, not two tasks
        if row.number in seen:
            raise ValidationError(_("Number %(n)s is in the rows twice.") % {"n": row.number})
        seen.add(row.number)
    # The plan keeps its own title, date and source: pasted rows add to it.
    doc.government, doc.year, doc.title = plan.government, plan.year, plan.title
    doc.caption = plan.caption or None
    doc.published = plan.published_on.isoformat() if plan.published_on else None
    warnings = [say(w) for w in doc.warnings]
    with transaction.atomic():
        result = import_document(
            doc,
            source_name=plan.source_name or "pasted rows",
            sha256=plan.source_sha256,
            remove_missing=False,
            owner=Source.OFFICE,
            actor=user,
        )
        warnings += _pasted_deadlines(plan, doc.tasks)
    return PasteResult(result.rows, result.tasks_created, result.tasks_updated, warnings)


def _pasted_deadlines(plan: Plan, rows: list[ParsedTask]) -> list[str]:
    from . import paste

    warnings = []
    for row in rows:
        found = paste.deadline_cell(row.extra)
        if not found or not found[1].strip():
            continue
        deadline = paste.read_deadline(found[1], plan.year)
        if deadline is None:
            warnings.append(
                _("Task %(n)s: %(header)s “%(cell)s” is not a date; the deadline was left empty.")
                % {
                    "n": row.number,
                    "header": found[0],
                    "cell": found[1],
                }
            )
            continue
        task = Task.objects.get(plan=plan, number=row.number)
        if task.deadline != deadline:
            task.deadline = deadline
            task._change_reason = "deadline pasted"
            task.save(update_fields=["deadline"])
    return warnings


def add_category(user: User, plan: Plan, name: str) -> Category:
    """A category at the end of the plan (or the one of that name already there)."""
    require(is_office(user), _("Only the supervision office edits plans."))
    with transaction.atomic():
        last = plan.categories.order_by("-order").first()
        category, created = Category.objects.get_or_create(
            plan=plan,
            name=name.strip()[:200],
            defaults={"order": (last.order + 1) if last else 1},
        )
        if created:
            log_action(
                "duban.category.added", user, category, {"plan": plan.pk, "name": category.name}
            )
    return category
