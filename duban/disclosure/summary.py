"""Kept / not kept: counts of task statuses by category and by lead unit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from duban.plans.models import KEPT, NOT_KEPT

from .models import PublishedTask


@dataclass
class Tally:
    name: str
    key: Any = None
    kept: int = 0
    not_kept: int = 0
    ongoing: int = 0
    unconfirmed: int = 0  # statuses the office has not confirmed: machine proposals
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.kept + self.not_kept + self.ongoing

    def add(self, status: str, n: int = 1, confirmed: bool = True) -> None:
        self.by_status[status] = self.by_status.get(status, 0) + n
        if status and not confirmed:
            self.unconfirmed += n
        if status in KEPT:
            self.kept += n
        elif status in NOT_KEPT:
            self.not_kept += n
        else:
            self.ongoing += n


def by_category(rows: Iterable[PublishedTask]) -> list[Tally]:
    tallies: dict[int, Tally] = {}
    for r in rows:
        tallies.setdefault(r.category_order, Tally(r.category or "—", r.category_order)).add(
            r.status, confirmed=r.status_confirmed)
    return [tallies[k] for k in sorted(tallies)]


def by_unit(rows: Iterable[PublishedTask]) -> list[Tally]:
    tallies: dict[str, Tally] = {}
    for r in rows:
        for unit in r.lead_units:
            tallies.setdefault(unit, Tally(unit, unit)).add(r.status,
                                                            confirmed=r.status_confirmed)
    return sorted(tallies.values(), key=lambda t: (-t.total, t.name))


def overall(rows: Iterable[PublishedTask]) -> Tally:
    total = Tally("")
    for r in rows:
        total.add(r.status, confirmed=r.status_confirmed)
    return total
