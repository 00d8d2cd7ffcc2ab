"""The office's part of the workspace: a page of the plans with their last publication, the
review queue (the oldest reports waiting) and the pending requests, each read as values, and
each cached as a fragment under exactly those values (home.html): a change is another key,
nothing to retire."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from django.core.paginator import Paginator
from django.db.models import OuterRef, QuerySet, Subquery

from duban import fragments
from duban.plans.models import Plan

from .models import ProgressReport, Request

QUEUE_LENGTH = 20  # the oldest reports and requests waiting; the page gives the total
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


def office_context(chosen: str, plans_page: str | None) -> dict[str, Any]:
    from duban.disclosure.models import Publication

    plans = Plan.objects.order_by("-year", "-id")
    plan = plans.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    plan = plan or plans.first()
    last = Publication.objects.filter(plan=OuterRef("pk")).order_by("-published_at", "-id")
    listed = plans.annotate(last=Subquery(last.values("published_at")[:1]))
    rows = listed.values_list("id", "title", "last", "government", "year")
    plan_page = Paginator(rows, PLANS_PER_PAGE).get_page(plans_page)
    plan_rows = [PlanRow(*row) for row in plan_page.object_list]
    queue, queue_total = _waiting(
        ProgressReport.objects.in_review_queue().order_by("submitted_at", "id"), "period"
    )
    requests, requests_total = _waiting(
        Request.objects.filter(state=Request.State.PENDING).order_by("id"), "kind"
    )
    requests = [r._replace(what=str(Request.Kind(r.what).label)) for r in requests]
    return {
        "office_tools": True,
        "plan": plan,
        "plan_page": plan_page,
        "plan_rows": plan_rows,
        "plans_key": fragments.key("office-plans", plan.id if plan else None, plan_rows),
        "queue": queue,
        "queue_total": queue_total,
        "queue_key": fragments.key("office-queue", queue, queue_total),
        "requests": requests,
        "requests_total": requests_total,
        "requests_key": fragments.key("office-requests", requests, requests_total),
    }


def _waiting(rows: QuerySet[Any], what: str) -> tuple[list[Waiting], int]:
    """The first QUEUE_LENGTH rows, and how many there are. (Not a window count in the same
    query: that joined and sorted every waiting row, 79 ms at 1,000 plans, where the count
    reads the queue's partial index.)"""
    values = rows.values_list(
        "task__plan_id",
        "task__number",
        "task__content",
        "unit__name",
        "task__plan__government",
        what,
    )[:QUEUE_LENGTH]
    return [Waiting(*row) for row in values], rows.count()
