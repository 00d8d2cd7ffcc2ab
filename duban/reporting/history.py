"""A task's history as a person reads it: each change with the field's name in the reader's
language and its value before and after (old → new), for the task, its units and reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from duban.plans.models import Assignment, Task
from duban.prepared import Prepared

from .labels import period_label, reason_label
from .models import ProgressReport

# Bookkeeping fields shown as the field they belong to (who confirmed: the status), or not
# at all (what the machine keeps for itself).
FIELD_OF = {
    "status_confirmed_by": None,
    "status_confirmed_at": None,
    "closed_by": None,
    "completion_source": None,
    "source": None,
    "revision": None,
    "flags": None,
    "status_confidence": None,
    "office_fields": None,
    "completion_text_source": None,
}
LONG = 80  # a value longer than this is shown cut (the task page shows the whole text)


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    when: dt.datetime
    who: Any
    what: str
    changes: list[Change] = field(default_factory=list)
    note: str = ""  # what happened when there is no before and after: created, deleted
    reason: str = ""


def shown(
    model: type[models.Model], name: str, value: Any, names: dict[tuple[str, Any], str]
) -> str:
    """A field's value as the page shows it: a choice's label, a person's or a category's
    name, a date in the plan's time, 是/否, a long text cut."""
    if value in (None, "", [], {}):
        return "—"
    f = model._meta.get_field(name)
    if isinstance(f, models.Field) and f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if f.is_relation:
        return names.get((name, value), "—")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "Y-m-d H:i")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):  # the document's other columns
        value = "；".join(f"{k}{_(': ')}{v}" for k, v in value.items())
    elif isinstance(value, list):
        value = "、".join(str(v) for v in value)
    text = str(value)
    return text if len(text) <= LONG else text[:LONG] + "…"


def label_of(model: type[models.Model], name: str) -> str:
    if model is Task and name == "category":
        return _("Category")  # (the field has no verbose name of its own)
    try:
        f = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(f.verbose_name) if isinstance(f, models.Field) else name


class Rows(NamedTuple):
    """A task's three histories as values, the names they show joined in (task_rows): all a
    history section shows, so that their digest is the key of its cached HTML."""

    task: list[dict[str, Any]]
    units: list[dict[str, Any]]
    reports: list[dict[str, Any]]


def _tracked() -> list[models.Field[Any, Any]]:
    """The task's fields its history shows changes of: those simple_history's diff_against
    compares, less the bookkeeping (FIELD_OF), which is never shown."""
    historical: Any = Task.history.model
    return sorted(
        (
            f
            for f in historical.tracked_fields
            if f.editable and FIELD_OF.get(f.name, f.name) is not None
        ),
        key=lambda f: f.name,
    )


_PERSON = ("history_user__first_name", "history_user__last_name", "history_user__username")


def _task_history(task_id: Any) -> Any:
    historical: Any = Task.history.model
    return (
        historical.objects.filter(id=task_id)
        .order_by("history_date", "pk")
        .values(
            *(f.attname for f in _tracked()),
            "history_date",
            "history_change_reason",
            *_PERSON,
            "leader__first_name",
            "leader__last_name",
            "leader__username",
            "category__name",
        )
    )


def _unit_history(task_id: Any) -> Any:
    assignments: Any = Assignment.history.model
    shown = ("history_id", "id", "role", "unit_id", "unit__name", "history_type")
    return (
        assignments.objects.filter(task_id=task_id)
        .order_by("-history_date")
        .values(*shown, "history_date", "history_change_reason", *_PERSON)[:50]
    )


def _report_history(task_id: Any) -> Any:
    reports: Any = ProgressReport.history.model
    return (
        reports.objects.filter(task_id=task_id)
        .order_by("history_date", "pk")
        .values(
            "id", "period", "version", "state", "history_date", "history_change_reason", *_PERSON
        )[:200]
    )


# Compiled once: the ORM took 1.9 ms to compile the three, the database 0.05 to run them.
_READS = (Prepared(_task_history), Prepared(_unit_history), Prepared(_report_history))


def task_rows(t: Task) -> Rows:
    """The task's history rows oldest first, the units' newest 50 (with, for a change of one,
    the record before it) and the reports' first 200: three queries, and one for each unit
    change whose record before it is older than those 50."""
    task, units, report_rows = (read(t.id) for read in _READS)
    assignments: Any = Assignment.history.model
    for row in units:
        if row["history_type"] == "~":
            older = [
                r for r in units if r["id"] == row["id"] and r["history_date"] < row["history_date"]
            ]
            before = (
                older[0]
                if older
                else (
                    assignments.objects.filter(id=row["id"], history_date__lt=row["history_date"])
                    .order_by("-history_date")
                    .values("role", "unit_id", "unit__name")
                    .first()
                )
            )
            row["before"] = before
    return Rows(task, units, report_rows)


def _who(row: dict[str, Any]) -> str:
    """The person as the history names them: the full name, else the account name."""
    full = f"{row['history_user__first_name'] or ''} {row['history_user__last_name'] or ''}"
    return full.strip() or row["history_user__username"] or ""


def _names(rows: list[dict[str, Any]]) -> dict[tuple[str, Any], str]:
    """The names behind the ids the task's history holds (leader, category)."""
    names: dict[tuple[str, Any], str] = {}
    for r in rows:
        if r["leader_id"] and r["leader__username"] is not None:
            full = f"{r['leader__first_name'] or ''} {r['leader__last_name'] or ''}".strip()
            names[("leader", r["leader_id"])] = full or r["leader__username"]
        if r["category_id"] and r["category__name"] is not None:
            names[("category", r["category_id"])] = r["category__name"]
    return names


def _task_entries(rows: list[dict[str, Any]]) -> list[Entry]:
    names = _names(rows)
    tracked = [(f.name, f.attname) for f in _tracked()]
    entries = []
    for prev, row in zip([None, *rows], rows, strict=False):
        entry = Entry(
            row["history_date"],
            _who(row),
            _("task"),
            reason=reason_label(row["history_change_reason"] or ""),
        )
        if prev is None:
            entry.note = _("created")
        else:
            for name, attname in tracked:
                old, new = prev[attname], row[attname]
                if old == new:
                    continue
                entry.changes.append(
                    Change(
                        label_of(Task, name),
                        shown(Task, name, old, names),
                        shown(Task, name, new, names),
                    )
                )
            if not entry.changes:
                continue  # only bookkeeping changed
        entries.append(entry)
    return entries[-50:]


def _role(code: str) -> str:
    return str(Assignment.Role(code).label) if code in Assignment.Role.values else code


def _unit_entries(rows: list[dict[str, Any]]) -> list[Entry]:
    """Units added to or taken off the task (牵头单位 + 区发改委)."""
    entries = []
    for row in rows:
        role = _role(row["role"])
        unit = row["unit__name"] if row["unit_id"] and row["unit__name"] is not None else "—"
        if row["history_type"] == "+":
            change = Change(role, "—", unit)
        elif row["history_type"] == "-":
            change = Change(role, unit, "—")
        else:
            prev = row.get("before")
            if prev is None or (prev["role"], prev["unit_id"]) == (row["role"], row["unit_id"]):
                continue
            change = Change(
                _("unit"), f"{prev['unit__name']}（{_role(prev['role'])}）", f"{unit}（{role}）"
            )
        entries.append(
            Entry(
                row["history_date"],
                _who(row),
                _("units"),
                [change],
                reason=reason_label(row["history_change_reason"] or ""),
            )
        )
    return entries


def _report_entries(rows: list[dict[str, Any]]) -> list[Entry]:
    report = _("report")
    state = _("State")
    states = dict(ProgressReport.State.choices)
    last: dict[int, dict[str, Any]] = {}
    entries = []
    for row in rows:
        prev = last.get(row["id"])
        last[row["id"]] = row
        what = _("%(report)s %(period)s, version %(version)s") % {
            "report": report,
            "period": period_label(row["period"]),
            "version": row["version"],
        }
        old = str(states.get(prev["state"], prev["state"])) if prev else "—"
        new = str(states.get(row["state"], row["state"]))
        if prev is not None and old == new:
            continue  # the text or figures of a draft saved again
        entries.append(
            Entry(
                row["history_date"],
                _who(row),
                what,
                [Change(state, old, new)],
                reason=reason_label(row["history_change_reason"] or ""),
            )
        )
    return entries[-100:]


def task_history(rows: Rows) -> list[Entry]:
    """Who changed what and when, newest first."""
    entries = [
        *_task_entries(rows.task),
        *_unit_entries(rows.units),
        *_report_entries(rows.reports),
    ]
    return sorted(entries, key=lambda e: e.when, reverse=True)


def status_history(rows: Rows) -> list[dict[str, object]]:
    """Each change of the proposed or confirmed status: who, when, from what to what."""
    from duban.plans.models import Status

    entries = []
    for prev, cur in zip([None, *rows.task], rows.task, strict=False):
        for name in ("proposed_status", "status"):
            old = prev[name] if prev else ""
            new = cur[name]
            if old != new:
                entries.append(
                    {
                        "when": cur["history_date"],
                        "who": cur["history_user__username"] or "",
                        "field": name,
                        "old": Status(old).label if old else "—",
                        "new": Status(new).label if new else "—",
                    }
                )
    return entries[::-1]
