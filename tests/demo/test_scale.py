"""`duban demo --scale N`: synthetic plans that are reproducible, complete and cheap to grow,
and on which every page costs the same number of queries however many plans there are."""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from duban.demo import scale


def _doc(i: int):  # type: ignore[no-untyped-def]
    return scale._document(i, scale.government_name(i), random.Random(f"2020:{i}"))


def test_government_names_are_distinct() -> None:
    names = [scale.government_name(i) for i in range(3000)]
    assert len(set(names)) == 3000 and names[0] == "安山区"


def test_the_same_seed_gives_the_same_plan() -> None:
    a, b = _doc(7), _doc(7)
    assert [(t.number, t.content, t.lead_units) for t in a.tasks] == [
        (t.number, t.content, t.lead_units) for t in b.tasks
    ]
    assert [t.content for t in _doc(8).tasks] != [t.content for t in a.tasks]
    units = {u for t in a.tasks for u in (*t.lead_units, *t.co_units)}
    assert 140 <= len(a.tasks) <= 160 and len(units) <= scale.UNITS_PER_PLAN
    assert all(scale.government_name(7)[:2] in u for u in units)
    assert "西城" not in "".join(t.content + t.completion for t in a.tasks)


@pytest.mark.slow
def test_generated_plans_are_complete_and_grow_without_repeating(db) -> None:
    from duban.disclosure.models import Publication
    from duban.plans.models import Indicator, Plan, Task
    from duban.reporting.models import IndicatorValue, ProgressReport

    made = scale.generate(2)
    assert (made.plans, scale.existing()) == (2, 2)
    assert scale.generate(2).plans == 0  # only the missing ones are made
    plan = Plan.objects.get(source_name="scale-0000.txt")
    tasks = plan.tasks.count()
    assert 140 <= tasks <= 160 and plan.categories.count() == 8
    reports = ProgressReport.objects.filter(task__plan=plan)
    assert reports.count() == made.reports // 2 or reports.count() > 11 * tasks
    assert set(reports.values_list("period", flat=True)) == {
        *(f"2020-{m:02d}" for m in range(1, 12)),
        "2020-Y",
    }
    assert ProgressReport.history.filter(task__plan=plan).count() == reports.count()
    assert IndicatorValue.objects.filter(report__task__plan=plan).exists()
    assert Indicator.objects.filter(task__plan=plan).exists()
    assert Publication.objects.filter(plan=plan, kind="year_end").count() == 1
    assert Task.objects.filter(plan=plan).exclude(status="").exists()
    # Ids written by the bulk writer leave the sequences right (PostgreSQL): the ORM goes on.
    task = plan.tasks.first()
    ProgressReport.objects.create(
        task=task, unit=task.units.first(), period="2021-01", text="新的报告"
    )


def _count(client: Client, url: str) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.slow
def test_queries_per_page_do_not_grow_with_plans_or_tasks(db, office_client) -> None:
    """Every page of the benchmark, on plan 0, with 1 and then 3 synthetic plans (and the
    136-task Xicheng plan beside them): the same number of queries."""
    from duban.accounts.models import User
    from duban.plans.models import Plan

    scale.generate(1)
    plan = Plan.objects.get(source_name="scale-0000.txt")
    reporter = Client()
    reporter.force_login(User.objects.get(username=f"scale-{scale.government_name(0)}-reporter"))
    base = f"/plans/{plan.id}"
    pages = [
        (Client(), "/"),
        (Client(), f"{base}/"),
        (Client(), f"{base}/tasks/75/"),
        (Client(), f"{base}/?q=老旧小区"),
        (Client(), f"{base}/dashboard/"),
        (Client(), f"{base}/dashboard.json"),
        (Client(), f"{base}/download.xlsx"),
        (office_client, f"/work/?plan={plan.id}"),
        (reporter, "/work/"),
        (office_client, f"/work/plans/{plan.id}/tasks/75/"),
        (reporter, f"/api/tasks/?plan={plan.id}"),
        # The office's own screens of the plan and a task, and the public page signed in.
        (office_client, f"/office/plans/{plan.id}/"),
        (office_client, f"/office/plans/{plan.id}/tasks/{plan.tasks.get(number=75).id}/"),
        (office_client, f"{base}/"),
    ]
    for client, url in pages:  # the lights of the workspace are computed on the first read
        _count(client, url)
    before = [_count(client, url) for client, url in pages]
    scale.generate(3)
    after = [_count(client, url) for client, url in pages]
    assert before == after, list(zip([url for _, url in pages], before, after, strict=True))
    assert max(before) <= 25, before
