"""What someone else changed in a plan's settings since a form opened them at a revision: the
settings as that revision left them (the plan's history) against the plan as it is now."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _

from .models import Plan


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


def _shown(plan: Plan, name: str, value: object) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.date):
        return value.isoformat()
    field = plan._meta.get_field(name)
    if isinstance(field, models.Field) and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def _label(name: str) -> str:
    field = Plan._meta.get_field(name)
    return str(field.verbose_name) if isinstance(field, models.Field) else name


def changes_since(plan_id: int, revision: int, names: list[str]) -> list[Change]:
    """Each of the named settings that differs now from what revision had; none when that
    revision is not in the history (the form then only says that someone saved)."""
    now = Plan.objects.get(pk=plan_id)
    then = (
        Plan.history.filter(id=plan_id, revision=revision)
        .order_by("-history_date", "-history_id")
        .first()
    )
    if then is None:
        return []
    return [
        Change(
            _label(name),
            _shown(now, name, getattr(then, name)),
            _shown(now, name, getattr(now, name)),
        )
        for name in names
        if getattr(then, name) != getattr(now, name)
    ]
