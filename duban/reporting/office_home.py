"""The office's part of the workspace: a page of the plans with their last publication, the
review queue (the oldest reports waiting) and the pending requests, each read as values, and
each cached as a fragment under exactly those values (home.html): a change is another key,
nothing to retire."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple, overload

from django.core.paginator import Paginator
from django.db.models import OuterRef, QuerySet, Subquery

from duban import fragments
from duban.params import whole
from duban.plans.models import Plan
from duban.prepared import Prepared

from .models import ProgressReport, Request

QUEUE_LENGTH = 20  # the oldest reports and requests waiting; the page gives the total
# Totals are counted to this many and shown as "1000+" beyond: counting every waiting
# report (17,800 in the benchmark's 1,000 plans) made the workspace slower with each plan.
COUNT_CAP = 1000
PLANS_PER_PAGE = 20


class PlanRow(NamedTuple):
    id: int
    title: str
    last_published: dt.datetime | None
    # A plan read from a report is often titled by its lead-in ("民生实事"): its government and
    # year tell two apart (walk).
    government: str
    year: int


class Waiting(NamedTuple):
    """A report in the queue, or a request: the task it is on and the unit that sent it."""

    plan_id: int
    number: int
    content: str
    unit: str
    government: str
    what: str  # the report's period code, or the request's kind (as a label)


class Chosen(NamedTuple):
    """The plan the office works on: what the workspace shows of it."""

    id: int
    title: str
    year: int


def _plans() -> QuerySet[Plan]:
    return Plan.objects.order_by("-year", "-id")


def _plan_rows(offset: int) -> Prepared:
    from duban.disclosure.models import Publication

    last = Publication.objects.filter(plan=OuterRef("pk")).order_by("-published_at", "-id")
    listed = _plans().annotate(last=Subquery(last.values("published_at")[:1]))
    rows = listed.values_list("id", "title", "last", "government", "year")
    return Prepared(lambda: rows[offset : offset + PLANS_PER_PAGE])


def _waiting_rows(rows: QuerySet[Any], what: str) -> QuerySet[Any]:
    return rows.values_list(
        "task__plan_id",
        "task__number",
        "task__content",
        "unit__name",
        "task__plan__government",
        what,
    )[:QUEUE_LENGTH]


def _queue() -> QuerySet[Any]:
    return ProgressReport.objects.in_review_queue().order_by("submitted_at", "id")


def _requests() -> QuerySet[Any]:
    return Request.objects.filter(state=Request.State.PENDING).order_by("id")


# Each query's SQL made once (duban/prepared.py): compiling these seven cost more than
# running them, on every view of the office's workspace.
CHOSEN = ("id", "title", "year")
_BY_ID = Prepared(lambda plan_id: _plans().filter(pk=plan_id).values_list(*CHOSEN))
_NEWEST = Prepared(lambda: _plans().values_list(*CHOSEN)[:1])
_PLAN_COUNT = Prepared(lambda: Plan.objects.values_list("pk"), count=True)
_QUEUE = Prepared(lambda: _waiting_rows(_queue(), "period"))
_QUEUE_COUNT = Prepared(lambda: _capped(_queue()), count=True)
_REQUESTS = Prepared(lambda: _waiting_rows(_requests(), "kind"))
_REQUESTS_COUNT = Prepared(lambda: _capped(_requests()), count=True)
_PAGES: dict[int, Prepared] = {}  # a page of plans by its first row


def _capped(rows: QuerySet[Any]) -> QuerySet[Any]:
    """The first COUNT_CAP of rows, to be counted."""
    return rows.order_by().values_list("pk")[:COUNT_CAP]


class _PlanList(Sequence[PlanRow]):
    """The plans for a Paginator: counted, and a page read, with SQL made once."""

    def count(self) -> int:  # type: ignore[override]
        return int(_PLAN_COUNT.rows()[0])

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> PlanRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[PlanRow]: ...
    def __getitem__(self, index: int | slice) -> PlanRow | list[PlanRow]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        # Paginator asks for a page (the last one shorter), whose number it keeps within
        # the count: the pages' queries are as many as the pages.
        offset, stop = index.start or 0, index.stop or 0
        if index.step is not None or not 0 <= stop - offset <= PLANS_PER_PAGE:
            raise IndexError(index)
        if offset not in _PAGES:
            _PAGES[offset] = _plan_rows(offset)
        return [PlanRow(*row) for row in _PAGES[offset].rows()][: stop - offset]


def office_context(chosen: str, plans_page: str | None) -> dict[str, Any]:
    wanted = whole(chosen)
    found = _BY_ID.rows(wanted) if wanted is not None else []
    found = found or _NEWEST.rows()
    plan = Chosen(*found[0]) if found else None
    plan_page = Paginator(_PlanList(), PLANS_PER_PAGE).get_page(plans_page)
    plan_rows = list(plan_page.object_list)
    queue, queue_total = _waiting(_QUEUE, _QUEUE_COUNT)
    requests, requests_total = _waiting(_REQUESTS, _REQUESTS_COUNT)
    requests = [r._replace(what=str(Request.Kind(r.what).label)) for r in requests]
    return {
        "office_tools": True,
        "plan": plan,
        "plan_page": plan_page,
        "plan_rows": plan_rows,
        "plans_key": fragments.key("office-plans", plan.id if plan else None, plan_rows),
        "queue": queue,
        "queue_total": queue_total,
        "count_cap": COUNT_CAP,
        "queue_key": fragments.key("office-queue", queue, queue_total),
        "requests": requests,
        "requests_total": requests_total,
        "requests_key": fragments.key("office-requests", requests, requests_total),
    }


def _waiting(rows: Prepared, count: Prepared) -> tuple[list[Waiting], int]:
    """The first QUEUE_LENGTH rows, and how many there are. (Not a window count in the same
    query: that joined and sorted every waiting row, 79 ms at 1,000 plans, where the count
    reads the queue's partial index.)"""
    return [Waiting(*row) for row in rows.rows()], int(count.rows()[0])
