"""The task's history read with SQL compiled once (duban/prepared.py) gives the rows the
ORM's values() gives, converted alike (aware dates, JSON, decimals), for any task."""

from __future__ import annotations

import datetime as dt

import pytest

from duban.plans import services as plan_services
from duban.plans.models import Unit
from duban.prepared import Prepared
from duban.reporting import history

pytestmark = pytest.mark.django_db


def test_the_compiled_reads_give_the_orms_rows(plan, people) -> None:
    from duban.reporting import services

    task = plan.tasks.get(number=2)
    data = {
        "number": 2,
        "content": task.content + "（修改）",
        "category": task.category,
        "deadline": dt.date(2020, 11, 30),
        "reporting_cycle": "quarter",
        "leader": people.leader,
    }
    lead = [a.unit for a in task.assignments.filter(role="lead")]
    plan_services.save_task(
        people.office, plan, task, data, lead, [Unit.objects.get(name="区体育局")]
    )
    first = plan.tasks.get(number=1)
    report = services.save_draft(first, people.reporter, "2020-Y", "全年进展。")
    services.submit(report, people.reporter)
    reads = (history._task_history, history._unit_history, history._report_history)
    for make in reads:
        compiled, read = Prepared(make), 0
        for t in (task, first):  # the one compiled query, bound to each task's id
            orm = list(make(t.id))
            assert compiled(t.id) == orm, make.__name__
            read += len(orm)
        assert read, make.__name__
    rows = history.task_rows(task)
    assert rows.task[-1]["history_date"].tzinfo is not None
    assert isinstance(rows.task[-1]["extra"], dict) and rows.task[-1]["deadline"] == dt.date(
        2020, 11, 30
    )
    reports = history.task_rows(first).reports
    assert [r["state"] for r in reports][-2:] == ["draft", "submitted"]


def test_a_query_without_its_variable_is_refused(plan) -> None:
    with pytest.raises(ValueError, match="variable"):
        Prepared(lambda _value: plan.tasks.values("id"))(1)


def test_the_compiled_model_reads_give_the_orms_objects(plan, people) -> None:
    """The task page's milestones, indicators, adjustments and instructions (with their
    leader and answerer joined), as the ORM's querysets give them, for two tasks."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from duban.reporting import task_reads
    from duban.reporting.models import Instruction, Milestone

    task, other = plan.tasks.get(number=1), plan.tasks.get(number=2)
    Milestone.objects.create(task=task, due=dt.date(2020, 6, 30), text="完成招标", done=True)
    Milestone.objects.create(task=task, due=dt.date(2020, 3, 31), text="完成设计")
    Instruction.objects.create(
        task=task,
        leader=people.leader,
        text="抓紧推进",
        answer="已落实",
        answered_by=people.reporter,
    )
    task.adjustments.create(from_text="≥10个", to_text="≥8个", approving_body="区政府")
    task.indicators.create(metric="新建", target_value=10, unit="个")

    def shown(objs) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
        return [{f.attname: getattr(o, f.attname) for f in o._meta.concrete_fields} for o in objs]

    for t in (task, other):
        assert shown(task_reads.milestones(t.id)) == shown(t.milestones.all())
        assert shown(task_reads.indicators(t.id)) == shown(t.indicators.all())
        assert shown(task_reads.adjustments(t.id)) == shown(t.adjustments.all())
        assert shown(task_reads.instructions(t.id)) == shown(t.instructions.all())
    (read,) = task_reads.instructions(task.id)
    with CaptureQueriesContext(connection) as ctx:  # joined in, as select_related does
        names = (read.leader.username, read.answered_by.username)
    assert names == (people.leader.username, people.reporter.username)
    assert not ctx.captured_queries
    assert [m.text for m in task_reads.milestones(task.id)] == ["完成设计", "完成招标"]
