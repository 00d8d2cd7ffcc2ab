"""An import costs the same number of queries for 20 rows as for 300: each kind of row (tasks,
their history, assignments, indicators) is written and read in bulk, never per task."""

from __future__ import annotations

import copy

from django.db import connection
from django.test.utils import CaptureQueriesContext

from duban.documents import ParsedDocument
from duban.plans.importing import import_document
from duban.plans.models import Assignment, Indicator, Task


def _rows(doc: ParsedDocument, n: int) -> ParsedDocument:
    """The first n rows of the Xicheng list, repeated with new numbers past its 136."""
    out = copy.deepcopy(doc)
    out.tasks = []
    for i in range(n):
        task = copy.deepcopy(doc.tasks[i % len(doc.tasks)])
        task.number = i + 1
        out.tasks.append(task)
    return out


def _queries(doc: ParsedDocument, government: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        import_document(copy.deepcopy(doc), source_name="rows.txt", government=government)
    return len(ctx.captured_queries)


def test_a_new_plan_costs_the_same_queries_for_20_and_300_rows(db, xicheng_doc) -> None:
    small, large = _rows(xicheng_doc, 20), _rows(xicheng_doc, 300)
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
    small, large = _rows(xicheng_doc, 20), _rows(xicheng_doc, 300)
    _queries(small, "甲区")
    _queries(large, "乙区")
    assert _queries(small, "甲区") == _queries(large, "乙区")


def test_ids_written_in_bulk_are_the_rows_own(db, xicheng_doc) -> None:
    """Each task, assignment and indicator got the id the database gave its row, and its
    history row says so."""
    _queries(_rows(xicheng_doc, 150), "甲区")
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
