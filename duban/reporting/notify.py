"""In-app notifications (and mail for reminders), sent by the services after they commit."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

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


def notify(users: Iterable[User], text: str, url: str = "") -> None:
    """Notify after the surrounding transaction commits: nothing is said of a rolled-back act."""
    people = [u for u in users if u is not None]

    def create() -> None:
        Notification.objects.bulk_create(
            [Notification(user=u, text=text[:300], url=url[:300]) for u in people]
        )

    transaction.on_commit(create)
