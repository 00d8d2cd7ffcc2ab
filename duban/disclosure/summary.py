"""Kept / not kept: counts of task statuses by category and by lead unit, in two queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, CharField, Count, F, Q, QuerySet, When

from duban.plans.models import KEPT, NOT_KEPT, Assignment, Plan, Task


def effective_status() -> Case:
    return Case(
        When(~Q(status=""), then=F("status")), default=F("proposed_status"),
        output_field=CharField(),
    )


@dataclass
class Tally:
    name: str
    key: Any = None
    kept: int = 0
    not_kept: int = 0
    ongoing: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.kept + self.not_kept + self.ongoing

    def add(self, status: str, n: int) -> None:
        self.by_status[status] = self.by_status.get(status, 0) + n
        if status in KEPT:
            self.kept += n
        elif status in NOT_KEPT:
            self.not_kept += n
        else:
            self.ongoing += n


def with_effective_status(tasks: QuerySet[Task]) -> QuerySet[Task]:
    return tasks.annotate(effective=effective_status())


def by_category(plan: Plan) -> list[Tally]:
    rows = (
        with_effective_status(Task.objects.filter(plan=plan))
        .values("category_id", "category__name", "category__order", "effective")
        .annotate(n=Count("id"))
        .order_by("category__order")
    )
    tallies: dict[Any, Tally] = {}
    for row in rows:
        tally = tallies.setdefault(
            row["category_id"], Tally(row["category__name"] or "—", row["category_id"])
        )
        tally.add(row["effective"], row["n"])
    return list(tallies.values())


def by_unit(plan: Plan) -> list[Tally]:
    rows = (
        Assignment.objects.filter(task__plan=plan, role=Assignment.Role.LEAD)
        .annotate(
            effective=Case(
                When(~Q(task__status=""), then=F("task__status")),
                default=F("task__proposed_status"), output_field=CharField(),
            )
        )
        .values("unit_id", "unit__name", "effective")
        .annotate(n=Count("id"))
    )
    tallies: dict[Any, Tally] = defaultdict(lambda: Tally(""))
    for row in rows:
        tally = tallies[row["unit_id"]]
        tally.name, tally.key = row["unit__name"], row["unit_id"]
        tally.add(row["effective"], row["n"])
    return sorted(tallies.values(), key=lambda t: (-t.total, t.name))


def overall(categories: list[Tally]) -> Tally:
    total = Tally("")
    for tally in categories:
        for status, n in tally.by_status.items():
            total.add(status, n)
    return total
