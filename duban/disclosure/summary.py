"""Kept / not kept: counts of task statuses by category and by lead unit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from duban.plans.models import KEPT, NOT_KEPT, Status

from .models import PublishedTask


@dataclass
class Tally:
    name: str
    key: Any = None
    kept: int = 0
    not_kept: int = 0
    ongoing: int = 0
    # Published with neither a status nor a completion text: counted as 持续推进 they made
    # the plan's page say "持续推进 9" where the home page said "政府未报告 9" (Headline).
    not_reported: int = 0
    unconfirmed: int = 0  # statuses the office has not confirmed: machine proposals
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.kept + self.not_kept + self.ongoing + self.not_reported

    def add(self, status: str, n: int = 1, confirmed: bool = True, reported: bool = True) -> None:
        self.by_status[status] = self.by_status.get(status, 0) + n
        if status and not confirmed:
            self.unconfirmed += n
        if not status and not reported:
            self.not_reported += n
        elif status in KEPT:
            self.kept += n
        elif status in NOT_KEPT:
            self.not_kept += n
        else:
            self.ongoing += n


def by_category(rows: Iterable[PublishedTask]) -> list[Tally]:
    tallies: dict[int, Tally] = {}
    for r in rows:
        tallies.setdefault(r.category_order, Tally(r.category or "—", r.category_order)).add(
            r.status, confirmed=r.status_confirmed, reported=bool(r.completion)
        )
    return [tallies[k] for k in sorted(tallies)]


def by_unit(rows: Iterable[PublishedTask]) -> list[Tally]:
    tallies: dict[str, Tally] = {}
    for r in rows:
        for unit in r.lead_units:
            tallies.setdefault(unit, Tally(unit, unit)).add(
                r.status, confirmed=r.status_confirmed, reported=bool(r.completion)
            )
    return sorted(tallies.values(), key=lambda t: (-t.total, t.name))


def overall(rows: Iterable[PublishedTask]) -> Tally:
    total = Tally("")
    for r in rows:
        total.add(r.status, confirmed=r.status_confirmed, reported=bool(r.completion))
    return total


@dataclass
class Headline:
    """A published plan's promises in the words a citizen asks for: kept, partly kept, not
    kept, still ongoing, not reported on. Every task counts once."""

    kept: int = 0
    partly: int = 0
    not_kept: int = 0
    ongoing: int = 0
    not_reported: int = 0

    @property
    def total(self) -> int:
        return self.kept + self.partly + self.not_kept + self.ongoing + self.not_reported


def headlines(publication_ids: list[int]) -> dict[int, Headline]:
    """Per publication, in three queries whatever the number of plans. Not reported on: the
    tasks the government's completion report leaves out (duban/completions), or, for a plan
    without one, those published with neither a completion text nor a status — mid-year
    too: nothing the government published says it is under way (the plan page, its
    dashboard and the unit page count them so: Tally.not_reported)."""
    from duban.completions.models import Outcome, PublishedOutcome

    out = {pk: Headline() for pk in publication_ids}
    outcomes: dict[int, set[int]] = {}
    for pk, number, state in PublishedOutcome.objects.filter(
        publication_id__in=publication_ids
    ).values_list("publication", "number", "state"):
        left_out = outcomes.setdefault(pk, set())
        if state == Outcome.State.NOT_REPORTED:
            left_out.add(number)
    silent = set(
        PublishedTask.objects.filter(
            publication_id__in=publication_ids, completion="", status=""
        ).values_list("publication", "number")
    )
    for pk, number, status in PublishedTask.objects.filter(
        publication_id__in=publication_ids
    ).values_list("publication", "number", "status"):
        h = out[pk]
        if number in outcomes[pk] if pk in outcomes else (pk, number) in silent:
            h.not_reported += 1
        elif status in KEPT:
            h.kept += 1
        elif status == Status.PARTIAL:
            h.partly += 1
        elif status in NOT_KEPT:
            h.not_kept += 1
        else:
            h.ongoing += 1
    return out
