"""The office's changes to units: rename, aliases, merging two records of one unit. Adding one
is services.add_unit (the task form adds units too). Each checks permission, runs in a
transaction and writes an audit entry."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from duban.accounts.models import User
from duban.audit.log import log_action

from . import search
from .access import is_office, require
from .models import Assignment, Unit

NAME_LENGTH = 100


def clean_name(name: str, field: str = "name") -> str:
    from duban.documents.units import strip_ws

    name = strip_ws(name or "")
    if not name:
        raise ValidationError({field: _("A unit needs a name.")})
    if len(name) > NAME_LENGTH:
        raise ValidationError({field: _("A unit's name has at most 100 characters.")})
    return name


def _taken_by(name: str, unit: Unit | None) -> Unit | None:
    """Another unit of the government already known under this name or alias (another
    government's unit of that name is another unit)."""
    others = Unit.objects.exclude(pk=unit.pk) if unit else Unit.objects.all()
    if unit is not None:
        others = others.filter(government=unit.government)
    if found := others.filter(name=name).first():
        return found
    for other in others.exclude(aliases=[]).only("name", "aliases"):
        if name in other.aliases:
            return other
    return None


def change_unit(user: User, unit: Unit, name: str, aliases: list[str]) -> Unit:
    """A new name and the other names the unit goes by (as documents print it: 区发改委).
    The old name stays an alias, so that next year's document still finds the unit."""
    require(is_office(user), _("Only the supervision office changes units."))
    name = clean_name(name)
    cleaned: list[str] = []
    for alias in aliases:
        alias = clean_name(alias, "aliases")
        if alias != name and alias not in cleaned:
            cleaned.append(alias)
    with transaction.atomic():
        locked = Unit.objects.select_for_update().get(pk=unit.pk)
        old = {"name": locked.name, "aliases": list(locked.aliases)}
        if name != locked.name and locked.name not in cleaned:
            cleaned.append(locked.name)
        if other := _taken_by(name, locked):
            raise ValidationError(
                {
                    "name": _("Another unit is already called %(name)s: merge the two instead.")
                    % {"name": other.name}
                }
            )
        for alias in cleaned:
            if other := _taken_by(alias, locked):
                raise ValidationError(
                    {
                        "aliases": _("%(alias)s is already a name of %(name)s.")
                        % {"alias": alias, "name": other.name}
                    }
                )
        if old == {"name": name, "aliases": cleaned}:
            return locked
        locked.name, locked.aliases = name, cleaned
        locked._change_reason = "changed by the office"  # type: ignore[attr-defined]
        locked.save(update_fields=["name", "aliases"])
        log_action(
            "duban.unit.changed",
            user,
            locked,
            {"old": old, "new": {"name": name, "aliases": cleaned}},
        )
        if name != old["name"]:  # the tasks are found under the unit's name
            tasks = list(locked.assignments.values_list("task_id", flat=True))
            transaction.on_commit(lambda: search.refresh(tasks))
    return locked


def merge_units(user: User, duplicate: Unit, into: Unit) -> Unit:
    """Two records of one unit become one: the duplicate's assignments, reports, requests,
    people, reminders and group robots move to the unit kept, its names become aliases of
    it, and the duplicate is deleted. Refused when both reported on one task for one period
    (the office decides which report stands first)."""
    from duban.reporting.models import Channel, ProgressReport, Reminder, Request

    require(is_office(user), _("Only the supervision office merges units."))
    if duplicate.pk == into.pk:
        raise ValidationError({"into": _("Choose another unit to merge into.")})
    if duplicate.government != into.government:
        raise ValidationError(
            {"into": _("A unit of another government: only one government's units are merged.")}
        )
    with transaction.atomic():
        source, target = (
            Unit.objects.select_for_update().get(pk=pk) for pk in (duplicate.pk, into.pk)
        )
        reported = set(ProgressReport.objects.filter(unit=target).values_list("task_id", "period"))
        if any(
            pair in reported
            for pair in ProgressReport.objects.filter(unit=source).values_list("task_id", "period")
        ):
            raise ValidationError(
                {
                    "into": _(
                        "Both units reported on the same task for the "
                        "same period: the reports cannot be merged."
                    )
                }
            )
        moved = 0
        for a in Assignment.objects.filter(unit=source).select_related("task"):
            kept = Assignment.objects.filter(task_id=a.task_id, unit=target).first()
            if kept is None:
                a.unit = target
                a._change_reason = "units merged"  # type: ignore[attr-defined]
                a.save(update_fields=["unit"])
            else:
                if a.role == Assignment.Role.LEAD and kept.role != Assignment.Role.LEAD:
                    kept.role = Assignment.Role.LEAD
                    kept._change_reason = "units merged"  # type: ignore[attr-defined]
                    kept.save(update_fields=["role"])
                a._change_reason = "units merged"  # type: ignore[attr-defined]
                a.delete()
            moved += 1
        # A reminder the unit kept has had already, and a robot it has already, stay once.
        sent = set(Reminder.objects.filter(unit=target).values_list("task_id", "period", "level"))
        Reminder.objects.filter(
            pk__in=[
                pk
                for pk, *key in Reminder.objects.filter(unit=source).values_list(
                    "pk", "task_id", "period", "level"
                )
                if tuple(key) in sent
            ]
        ).delete()
        Reminder.objects.filter(unit=source).update(unit=target)
        Channel.objects.filter(
            unit=source, url__in=Channel.objects.filter(unit=target).values("url")
        ).delete()
        Channel.objects.filter(unit=source).update(unit=target)
        ProgressReport.objects.filter(unit=source).update(unit=target)
        Request.objects.filter(unit=source).update(unit=target)
        people = User.objects.filter(unit=source).update(unit=target)
        names = [n for n in [source.name, *source.aliases, *target.aliases] if n != target.name]
        target.aliases = list(dict.fromkeys(names))
        target._change_reason = "units merged"  # type: ignore[attr-defined]
        target.save(update_fields=["aliases"])
        log_action(
            "duban.unit.merged",
            user,
            target,
            {
                "merged": {"id": source.pk, "name": source.name, "aliases": source.aliases},
                "assignments": moved,
                "people": people,
            },
        )
        source._change_reason = "merged into another unit"  # type: ignore[attr-defined]
        source.delete()
    return target
