"""A task's history as a person reads it: each change with the field's name in the reader's
language and its value before and after (old → new), for the task, its units and reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from duban.plans.models import Assignment, Task

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


def _names(records: list[Any]) -> dict[tuple[str, Any], str]:
    """The names behind the ids the task's history holds (leader, category), read at once."""
    from duban.accounts.models import User
    from duban.plans.models import Category

    leaders = {r.leader_id for r in records if r.leader_id}
    categories = {r.category_id for r in records if r.category_id}
    names: dict[tuple[str, Any], str] = {}
    for u in User.objects.filter(pk__in=leaders):
        names[("leader", u.pk)] = u.get_full_name() or u.username
    for c in Category.objects.filter(pk__in=categories):
        names[("category", c.pk)] = c.name
    return names


def task_records(t: Task) -> list[Any]:
    """The task's history rows, oldest first: read once for the page's two histories."""
    return list(t.history.select_related("history_user").order_by("history_date", "pk"))


def _task_entries(t: Task, records: list[Any]) -> list[Entry]:
    names = _names(records)
    entries = []
    for prev, record in zip([None, *records], records, strict=False):
        entry = Entry(
            record.history_date,
            record.history_user,
            _("task"),
            reason=reason_label(record.history_change_reason or ""),
        )
        if prev is None:
            entry.note = _("created")
        else:
            for c in record.diff_against(prev).changes:
                if FIELD_OF.get(c.field, c.field) is None:
                    continue
                entry.changes.append(
                    Change(
                        label_of(Task, c.field),
                        shown(Task, c.field, c.old, names),
                        shown(Task, c.field, c.new, names),
                    )
                )
            if not entry.changes:
                continue  # only bookkeeping changed
        entries.append(entry)
    return entries[-50:]


def _unit_entries(t: Task) -> list[Entry]:
    """Units added to or taken off the task (牵头单位 + 区发改委)."""
    entries = []
    for record in (
        Assignment.history.filter(task_id=t.id)
        .select_related("history_user", "unit")
        .order_by("-history_date")[:50]
    ):
        role = (
            str(Assignment.Role(record.role).label)
            if record.role in Assignment.Role.values
            else record.role
        )
        unit = record.unit.name if record.unit_id and record.unit else "—"
        if record.history_type == "+":
            change = Change(role, "—", unit)
        elif record.history_type == "-":
            change = Change(role, unit, "—")
        else:
            prev = record.prev_record
            if prev is None or (prev.role, prev.unit_id) == (record.role, record.unit_id):
                continue
            old_role = (
                str(Assignment.Role(prev.role).label)
                if prev.role in Assignment.Role.values
                else prev.role
            )
            change = Change(_("unit"), f"{prev.unit.name}（{old_role}）", f"{unit}（{role}）")
        entries.append(
            Entry(
                record.history_date,
                record.history_user,
                _("units"),
                [change],
                reason=reason_label(record.history_change_reason or ""),
            )
        )
    return entries


def _report_entries(t: Task) -> list[Entry]:
    report = _("report")
    state = _("State")
    records = list(
        ProgressReport.history.filter(task_id=t.id)
        .select_related("history_user")
        .order_by("history_date", "pk")[:200]
    )
    last: dict[int, Any] = {}
    entries = []
    for record in records:
        prev = last.get(record.id)
        last[record.id] = record
        what = _("%(report)s %(period)s, version %(version)s") % {
            "report": report,
            "period": period_label(record.period),
            "version": record.version,
        }
        old = prev.get_state_display() if prev else "—"
        new = record.get_state_display()
        if prev is not None and old == new:
            continue  # the text or figures of a draft saved again
        entries.append(
            Entry(
                record.history_date,
                record.history_user,
                what,
                [Change(state, old, new)],
                reason=reason_label(record.history_change_reason or ""),
            )
        )
    return entries[-100:]


def task_history(t: Task, records: list[Any] | None = None) -> list[Entry]:
    """Who changed what and when, newest first."""
    records = task_records(t) if records is None else records
    entries = [*_task_entries(t, records), *_unit_entries(t), *_report_entries(t)]
    return sorted(entries, key=lambda e: e.when, reverse=True)
