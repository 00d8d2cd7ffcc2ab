"""The API lists what the screens show: one rule for each kind of row, read by both."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from duban.plans.access import visible_tasks
from duban.plans.models import Assignment
from duban.reporting.access import visible_reports, visible_requests
from duban.reporting.models import ProgressReport, Request

PERSONAS = ["office", "reporter", "head", "outsider", "leader", "leader2"]
State = ProgressReport.State


def _ids(user, path: str) -> set[int]:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    body = client.get(path).json()
    assert body["next"] is None  # every row on the one page
    return {row["id"] for row in body["results"]}


@pytest.fixture
def reports(plan, people):  # type: ignore[no-untyped-def]
    """Reports in every state on a task the reporter's unit co-runs (another unit leads
    it), on one it leads, and on one it has nothing to do with."""
    mine = people.reporter.unit
    co = Assignment.objects.filter(task__plan=plan, unit=mine, role="co").first()
    if co is None:  # the demo plan may have none: make task 20 one
        task = plan.tasks.get(number=20)
        task.assignments.filter(unit=mine).delete()
        co = Assignment.objects.create(task=task, unit=mine, role="co", order=9)
    lead = co.task.assignments.exclude(unit=mine).first()
    assert lead is not None
    own_task = plan.tasks.get(number=1)
    other_task = plan.tasks.exclude(assignments__unit=mine).filter(leader__isnull=True).first()
    made = []
    for task, unit in [
        (co.task, lead.unit),
        (co.task, mine),
        (own_task, mine),
        (own_task, people.outsider.unit),
        (other_task, other_task.assignments.first().unit),
    ]:
        for n, state in enumerate([State.DRAFT, State.SUBMITTED, State.ACCEPTED]):
            made.append(
                ProgressReport.objects.create(
                    task=task, unit=unit, period=f"2020-0{n + 1}", state=state, text="进展"
                )
            )
    return made


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_report_list_is_what_the_task_pages_show(reports, people, persona: str) -> None:
    user = getattr(people, persona)
    shown = {r.pk for t in visible_tasks(user) for r in visible_reports(user, t)}
    assert _ids(user, "/api/reports/") == shown
    if persona == "reporter":
        # The lead unit's accepted report of a task the unit co-runs, on a published plan,
        # as on the task page (the API used to leave it out).
        assert reports[2].pk in shown and reports[0].pk not in shown


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_request_list_is_what_the_task_pages_show(plan, people, persona: str) -> None:
    import datetime as dt

    from duban.reporting import services

    task = plan.tasks.get(number=1)
    services.request_change(
        task, people.reporter, Request.Kind.EXTENSION, "因", new_deadline=dt.date(2021, 1, 31)
    )
    user = getattr(people, persona)
    shown = {r.pk for t in visible_tasks(user) for r in visible_requests(user, t)}
    assert _ids(user, "/api/requests/") == shown
    assert bool(shown) == (persona in ("office", "reporter", "head"))
