"""An import costs the same number of queries for 20 rows as for 300: each kind of row (tasks,
their history, assignments, indicators) is written and read in bulk, never per task."""

from __future__ import annotations

import copy

from django.db import connection
from django.test.utils import CaptureQueriesContext

from duban.documents import ParsedDocument
from duban.plans.importing import import_document
from duban.plans.models import Assignment, Indicator, Task
from tests.shape_writers import repeated


def _queries(doc: ParsedDocument, government: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        import_document(copy.deepcopy(doc), source_name="rows.txt", government=government)
    return len(ctx.captured_queries)


def test_a_new_plan_costs_the_same_queries_for_20_and_300_rows(db, xicheng_doc) -> None:
    small, large = repeated(xicheng_doc, 20), repeated(xicheng_doc, 300)
    _queries(small, "预热区")  # units and categories created once
    assert _queries(small, "甲区") == _queries(large, "乙区")
    plan = Task.objects.filter(plan__government="乙区")
    assert plan.count() == 300
    assert Task.history.filter(plan__government="乙区", history_type="+").count() == 300
    assignments = Assignment.objects.filter(task__plan__government="乙区")
    assert (
        assignments.count()
        == Assignment.history.filter(task__plan__government="乙区").count()
        > 300
    )
    assert (
        Indicator.objects.filter(task__plan__government="乙区").count()
        == Indicator.history.filter(task__plan__government="乙区").count()
        > 0
    )


def test_an_unchanged_reimport_costs_the_same_queries_for_20_and_300_rows(db, xicheng_doc) -> None:
    small, large = repeated(xicheng_doc, 20), repeated(xicheng_doc, 300)
    _queries(small, "甲区")
    _queries(large, "乙区")
    assert _queries(small, "甲区") == _queries(large, "乙区")


def test_ids_written_in_bulk_are_the_rows_own(db, xicheng_doc) -> None:
    """Each task, assignment and indicator got the id the database gave its row, and its
    history row says so."""
    _queries(repeated(xicheng_doc, 150), "甲区")
    for task in Task.objects.filter(plan__government="甲区").prefetch_related(
        "assignments", "indicators"
    ):
        source = xicheng_doc.tasks[(task.number - 1) % 136]
        assert task.history.get().content == task.content == source.content
        assert [
            a.unit.name for a in task.assignments.all() if a.role == "lead"
        ] == source.lead_units
        for ind in task.indicators.all():
            assert Indicator.history.get(id=ind.id).metric == ind.metric


def _new_lead(doc: ParsedDocument) -> ParsedDocument:
    """Every row's lead units replaced by one unit of another name."""
    out = copy.deepcopy(doc)
    for task in out.tasks:
        task.lead_units, task.lead_units_raw = ["区重新指定局"], ["区重新指定局"]
    return out


def test_reassigning_every_task_costs_the_same_queries_for_20_and_300_rows(
    db, xicheng_doc, django_capture_on_commit_callbacks
) -> None:
    """A corrected file that changes the units of every task removes the old assignments in
    bulk, each with its history row, and the search text and lights follow."""
    from duban.reporting.models import TaskLight
    from duban.reporting.warnings import current_lights

    small, large = repeated(xicheng_doc, 20), repeated(xicheng_doc, 300)
    _queries(_new_lead(small), "预热区")  # the new unit created once
    _queries(small, "甲区")
    _queries(large, "乙区")
    before = Assignment.objects.filter(task__plan__government="乙区").count()
    tasks = Task.objects.filter(plan__government="乙区")
    current_lights(tasks.values_list("id", flat=True))  # stored, to be forgotten
    with django_capture_on_commit_callbacks(execute=True):  # the lights forgotten on commit
        assert _queries(_new_lead(small), "甲区") == _queries(_new_lead(large), "乙区")
    removed = Assignment.history.filter(task__plan__government="乙区", history_type="-")
    assert removed.count() == before
    lead = Assignment.objects.filter(task__plan__government="乙区", role="lead")
    assert set(lead.values_list("unit__name", flat=True)) == {"区重新指定局"}
    assert lead.count() == 300
    assert all("区重新指定局" in text for text in tasks.values_list("search_text", flat=True))
    stored = TaskLight.objects.filter(task__plan__government="乙区")
    assert not stored.exclude(computed_on=None).exists()


def test_rows_added_to_a_plan_cost_the_same_queries_for_136_and_408_rows(db, xicheng_doc) -> None:
    """A corrected copy that adds rows to a plan already there: the new rows' ids are the
    rows' own (read back beside the plan's earlier rows on SQLite, drawn from the sequence
    on PostgreSQL), and the queries do not grow with them. (The rows added are the whole
    list over again, once or three times, so that each adds rows of every kind.)"""
    first = repeated(xicheng_doc, 136)
    _queries(first, "甲区")
    _queries(first, "乙区")
    assert _queries(repeated(xicheng_doc, 272), "甲区") == _queries(
        repeated(xicheng_doc, 544), "乙区"
    )
    tasks = Task.objects.filter(plan__government="乙区").prefetch_related("assignments")
    assert tasks.count() == 544
    for task in tasks:
        source = xicheng_doc.tasks[(task.number - 1) % 136]
        assert task.history.earliest().content == task.content == source.content
        assert [a.unit.name for a in task.assignments.all() if a.role == "lead"] == (
            source.lead_units
        )
