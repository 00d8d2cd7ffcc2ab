"""A unit's part of the workspace (its reporter's and its head's): the reports returned to
it, those awaiting its head, the instructions it has to answer, and its name — each read as
values by SQL made once (duban/prepared.py): as querysets of instances they were half the
reporter's workspace."""

from __future__ import annotations

from typing import Any, NamedTuple

from django.db.models import QuerySet

from duban.plans.models import Assignment, Unit
from duban.prepared import Prepared

from .models import Instruction, ProgressReport

LISTED = 100  # of each


class Report(NamedTuple):
    plan_id: int
    number: int
    content: str
    period: str
    review_comment: str


class Open(NamedTuple):
    """An instruction the unit has not answered."""

    id: int
    plan_id: int
    number: int
    content: str
    leader_first_name: str
    leader_last_name: str
    leader_username: str
    text: str

    @property
    def leader(self) -> str:
        """As User.get_full_name, else the username (what the page showed)."""
        full = f"{self.leader_first_name} {self.leader_last_name}".strip()
        return full or self.leader_username


def _reports(unit_id: int, state: str) -> QuerySet[Any]:
    mine = ProgressReport.objects.filter(unit_id=unit_id, state=state)
    fields = ("task__plan_id", "task__number", "task__content", "period", "review_comment")
    return mine.order_by("task", "period", "version").values_list(*fields)[:LISTED]


def _instructions(unit_id: int) -> QuerySet[Any]:
    lead = Instruction.objects.filter(
        task__assignments__unit_id=unit_id,
        task__assignments__role=Assignment.Role.LEAD,
        answered_at__isnull=True,
    )
    fields = (
        "id",
        "task__plan_id",
        "task__number",
        "task__content",
        "leader__first_name",
        "leader__last_name",
        "leader__username",
        "text",
    )
    # The newest first (Instruction's order), by id among those of one moment; each once
    # however many of the unit's assignments the task has.
    return lead.order_by("-created_at", "-id").values_list(*fields).distinct()[:LISTED]


_RETURNED = Prepared(lambda unit_id: _reports(unit_id, ProgressReport.State.RETURNED))
_PENDING = Prepared(lambda unit_id: _reports(unit_id, ProgressReport.State.PENDING))
_OPEN = Prepared(_instructions)
_NAME = Prepared(lambda unit_id: Unit.objects.filter(pk=unit_id).values_list("name", flat=True))


def unit_context(unit_id: int, head: bool) -> dict[str, Any]:
    """What the unit has to do; the reports awaiting approval only for its head, who gives
    it."""
    return {
        "returned": [Report(*r) for r in _RETURNED.rows(unit_id)],
        "to_approve": [Report(*r) for r in _PENDING.rows(unit_id)] if head else [],
        "instructions": [Open(*i) for i in _OPEN.rows(unit_id)],
    }


def unit_name(unit_id: int) -> str:
    return next(iter(_NAME.rows(unit_id)), "")
