"""The task's history read with SQL compiled once (duban/prepared.py) gives the rows the
ORM's values() gives, converted alike (aware dates, JSON, decimals), for any task."""

from __future__ import annotations

import datetime as dt

import pytest

from duban.prepared import Prepared
from duban.reporting import history
from tests.reporting.test_task_history import edit_task_2

pytestmark = pytest.mark.django_db


def test_the_compiled_reads_give_the_orms_rows(plan, people) -> None:
    from duban.reporting import services

    task = edit_task_2(plan, people, "（修改）")
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


def test_every_report_is_what_the_offices_prefetch_gave(plan, people, settings, tmp_path) -> None:
    """The office's reports of a task read in SQL kept (task_reads.every_report): the same
    reports, in the same order, with the same figures and files as the ORM's prefetch, and
    reading those asks the database nothing more."""
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.db.models import Prefetch
    from django.test.utils import CaptureQueriesContext

    from duban.reporting import services, task_reads
    from duban.reporting.access import visible_reports
    from duban.reporting.models import IndicatorValue

    settings.MEDIA_ROOT = tmp_path
    task = plan.tasks.get(number=1)
    indicator = task.indicators.create(metric="新建", target_value=10, unit="个")
    first = services.save_draft(
        task, people.reporter, "2020-03", "一季度。", {indicator.id: Decimal(4)}
    )
    services.submit(first, people.reporter)
    services.accept(first, people.office)
    doc = SimpleUploadedFile("进展.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    services.save_draft(
        task, people.reporter, "2020-06", "二季度。", {indicator.id: Decimal(7)}, [doc]
    )

    def shown(reports) -> list[object]:  # type: ignore[no-untyped-def]
        return [
            (
                r.id,
                r.period,
                r.version,
                r.state,
                r.unit.name,
                r.author_id,
                r.reviewed_by_id,
                [(v.indicator.metric, v.value, v.report_id) for v in r.values.all()],
                [(f.name, f.size) for f in r.files.all()],
            )
            for r in reports
        ]

    orm = list(
        visible_reports(people.office, task)
        .select_related("unit", "author", "reviewed_by")
        .prefetch_related(
            Prefetch("values", queryset=IndicatorValue.objects.select_related("indicator")),
            "files",
        )
        .order_by("period", "-version")
    )
    kept = task_reads.every_report(task.id)
    with CaptureQueriesContext(connection) as ctx:
        assert shown(kept) == shown(orm)
    assert not ctx.captured_queries
    assert [len(r.files.all()) for r in kept] == [0, 1] and kept[1].values.count() == 1
    assert task_reads.every_report(plan.tasks.get(number=2).id) == list(
        visible_reports(people.office, plan.tasks.get(number=2))
    )


def test_the_offices_task_is_the_orms_with_its_assignments(plan, people) -> None:
    """get_task_for_user for the office, in SQL compiled once: the task with its plan,
    category, leader and assignments (their units joined), and a 404 for a task that is not
    there or an id no column holds."""
    from django.db import connection
    from django.http import Http404
    from django.test.utils import CaptureQueriesContext

    from duban.plans.access import get_task_for_user
    from duban.plans.models import Task

    task = get_task_for_user(people.office, plan.id, 2)
    orm = Task.objects.select_related("plan", "category", "leader").get(plan=plan, number=2)
    expected = (orm.plan.title, orm.category, orm.leader)
    with CaptureQueriesContext(connection) as ctx:
        units = [(a.unit.name, a.role, a.task is task) for a in task.assignments.all()]
        assert (task.plan.title, task.category, task.leader) == expected
    assert not ctx.captured_queries
    assert units == [(a.unit.name, a.role, True) for a in orm.assignments.all()]
    for plan_id, number in ((plan.id, 9999), (plan.id + 1000, 2), (2**70, 2), (plan.id, 2**64)):
        with pytest.raises(Http404):
            get_task_for_user(people.office, plan_id, number)


def test_the_offices_plan_and_task_by_id_are_found_in_their_plan_only(
    office_client, plan, hidden_plan
) -> None:
    """The office's plan and task pages (their plan and task read in SQL compiled once): a
    task of another plan, a plan or task that is not there, an id no column holds: 404."""
    task = plan.tasks.get(number=1)
    other = hidden_plan.tasks.first()
    assert office_client.get(f"/office/plans/{plan.id}/tasks/{task.id}/").status_code == 200
    assert office_client.get(f"/office/plans/{hidden_plan.id}/").status_code == 200
    for url in (
        f"/office/plans/{plan.id}/tasks/{other.id}/",
        f"/office/plans/{plan.id}/tasks/{2**70}/",
        f"/office/plans/{2**70}/",
        f"/office/plans/{hidden_plan.id + 1000}/",
    ):
        assert office_client.get(url).status_code == 404, url
