"""Every workspace and task page reads a fixed number of queries, however long the task's
history, however many reports, instructions and requests it has (no N+1: the office's
task page once read 21 queries, and 41 after 20 edits; the accounts list two an account)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from duban.plans import services as plan_services
from duban.reporting import services
from duban.reporting.models import Request

# page, persona, most queries: the figures of today, with room for one or two more.
PAGES = [
    ("home", "office", 19),
    ("home", "reporter", 15),
    ("home", "head", 15),
    ("home", "leader", 16),
    ("task", "office", 29),
    ("task", "reporter", 29),
    ("task", "head", 29),
    ("task", "leader", 24),
    ("notifications", "reporter", 7),
    ("channels", "office", 7),
    ("task-edit", "office", 13),
    ("plan-edit", "office", 9),
    ("units", "office", 8),  # and the governments the list filters by (one query)
    ("people", "office", 9),
    ("leaders", "office", 6),
    ("completion", "office", 8),
]


def _url(page: str, task) -> str:  # type: ignore[no-untyped-def]
    plan = task.plan_id
    return {
        "home": reverse("reporting:home") + f"?plan={plan}",
        "task": reverse("reporting:task", args=[plan, task.number]),
        "notifications": reverse("reporting:notifications"),
        "channels": reverse("reporting:channels"),
        "task-edit": reverse("plans:task-edit", args=[plan, task.id]),
        "plan-edit": reverse("plans:plan-edit", args=[plan]),
        "units": reverse("plans:units"),
        "people": reverse("accounts:people"),
        "leaders": reverse("accounts:leaders"),
        "completion": reverse("completions:plan", args=[plan]),
    }[page]


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    client.get(url)  # caches and stored lights warm, as for the next visitor
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def _work(task, people, n: int, start: int) -> None:  # type: ignore[no-untyped-def]
    """n office edits of the task, n instructions and requests, a report a month (accepted
    and returned in turn), and the notifications of all of them."""
    leads = [a.unit for a in task.assignments.filter(role="lead")]
    cos = [a.unit for a in task.assignments.filter(role="co")]
    for i in range(start, start + n):
        task.refresh_from_db()
        plan_services.save_task(
            people.office, task.plan, task, {"content": f"{task.content}{i}"}, leads, cos
        )
        if i < 11:  # 2020-01 … 2020-11 (December is the year-end report)
            report = services.save_draft(task, people.reporter, f"2020-{i + 1:02d}", f"第{i}次")
            services.submit(report, people.reporter)
            if i % 2:
                services.accept(report, people.office)
            else:
                services.return_report(report, people.office, "请补充")
        services.write_instruction(task, people.leader, f"批示{i}")
        services.request_change(
            task,
            people.reporter,
            Request.Kind.EXTENSION,
            f"因{i}",
            new_deadline=dt.date(2021, 1, 31),
        )


@pytest.mark.parametrize(("page", "persona", "most"), PAGES)
def test_the_page_reads_the_same_queries_however_much_the_task_holds(
    request, plan, people, page: str, persona: str, most: int
) -> None:
    client = request.getfixturevalue(f"{persona}_client")
    task = plan.tasks.get(number=1)
    task.reporting_cycle = "month"
    task.save()
    _work(task, people, 2, 0)  # one of each: a returned report and an accepted one
    url = _url(page, task)
    few = _queries(client, url)
    _work(task, people, 20, 2)
    many = _queries(client, url)
    assert few == many <= most, (few, many)


@pytest.mark.parametrize(("page", "most"), [("people", 9), ("leaders", 6), ("units", 8)])
def test_the_office_lists_read_the_same_queries_however_many_accounts(
    office_client, plan, page: str, most: int
) -> None:
    from duban.accounts.models import User
    from duban.plans.models import Unit

    url = _url(page, plan.tasks.get(number=1))
    few = _queries(office_client, url)
    for i, unit in enumerate(Unit.objects.order_by("id")[:10]):
        User.objects.create(username=f"unit-reporter-{i}", role=User.Role.REPORTER, unit=unit)
        User.objects.create(username=f"district-leader-{i}", role=User.Role.LEADER)
    Unit.objects.bulk_create(Unit(name=f"新设单位{i}") for i in range(10))
    assert few == _queries(office_client, url) <= most
