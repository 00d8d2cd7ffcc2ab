"""In-app notifications (and mail for reminders), sent by the services after they commit."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from duban.accounts.models import User
from duban.plans.models import Task, Unit

from .models import Notification


def unit_people(
    unit: Unit | int, roles: Iterable[str] = (User.Role.REPORTER, User.Role.UNIT_HEAD)
) -> list[User]:
    unit_id = unit if isinstance(unit, int) else unit.pk
    return list(User.objects.filter(unit_id=unit_id, role__in=list(roles), is_active=True))


def office_people() -> list[User]:
    return list(User.objects.filter(role=User.Role.OFFICE, is_active=True))


def task_url(task: Task) -> str:
    from django.urls import reverse

    return reverse("reporting:task", args=[task.plan_id, task.number])


def task_name(task: Task) -> str:
    """How every notice names a task: its plan and its number, one way (two plans each have
    a task 10): 《2026年重点任务》第10项任务."""
    return _("task %(n)s of “%(plan)s”") % {"n": task.number, "plan": task.plan.title}


def notify_actor(
    actor: User | None, people: Iterable[User], to_actor: str, to_others: str, url: str = ""
) -> None:
    """One notice to the person who did the thing (their report, their request: "your …")
    and another to the rest of the people told (the unit's report: "区发展改革委's …")."""
    people = list(people)
    if actor is not None and any(p.pk == actor.pk for p in people):
        notify([actor], to_actor, url)
    notify([p for p in people if actor is None or p.pk != actor.pk], to_others, url)


def notify(users: Iterable[User], text: str, url: str = "") -> None:
    """Notify after the surrounding transaction commits: nothing is said of a rolled-back act."""
    people = [u for u in users if u is not None]

    def create() -> None:
        Notification.objects.bulk_create(
            [Notification(user=u, text=text[:300], url=url[:300]) for u in people]
        )

    transaction.on_commit(create)
