"""Search finds every task at every moment: right after an import (its rows logged, not yet
indexed), after the job worker indexed them, after edits, and never after a removal. The
index is written by the worker after the import commits (plans/fts.py)."""

from __future__ import annotations

import copy

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from duban.documents import ParsedDocument
from duban.plans import search
from duban.plans.importing import ImportRefused, import_document
from duban.plans.models import Task
from tests.shape_writers import repeated

PHRASE = "独一无二的检索短语"
EDITED = "改写以后的另一短语"


def _doc(xicheng: ParsedDocument, n: int, marked: int | None = None) -> ParsedDocument:
    out = copy.deepcopy(xicheng)
    out.tasks = out.tasks[:n]
    if marked is not None:
        task = next(t for t in out.tasks if t.number == marked)
        task.content += PHRASE
    return out


def _found(query: str) -> set[int]:
    """Task numbers of the government 检索区 that a search across every plan returns."""
    rows = search.filter_tasks(Task.objects.filter(plan__government="检索区"), query)
    return set(rows.values_list("number", flat=True))


def _pending(table: str = "plans_task") -> set[int]:
    """The rows written but not yet indexed (SQLite's log; PostgreSQL's unmarked rows)."""
    sql = {
        "sqlite": f"SELECT row_id FROM {table}_fts_pending",  # noqa: S608
        "postgresql": f"SELECT id FROM {table} WHERE NOT search_indexed",  # noqa: S608
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {row[0] for row in cursor.fetchall()}


def _indexed(query: str) -> set[int]:
    """What the full-text index alone holds (SQLite's FTS5 table; the rows in PostgreSQL's
    partial index), not what the pending rows' LIKE finds."""
    sql, param = {
        "sqlite": ("SELECT rowid FROM plans_task_fts WHERE plans_task_fts MATCH %s", f'"{query}"'),
        "postgresql": (
            "SELECT id FROM plans_task WHERE search_indexed AND search_text ILIKE %s",
            f"%{query}%",
        ),
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(sql, [param])
        return {row[0] for row in cursor.fetchall()}


def _import(doc: ParsedDocument) -> None:
    import_document(copy.deepcopy(doc), source_name="rows.txt", government="检索区")


def test_an_imported_task_is_found_before_and_after_the_worker_indexed_it(db, xicheng_doc) -> None:
    _import(_doc(xicheng_doc, 20, marked=7))
    task = Task.objects.get(plan__government="检索区", number=7)
    assert task.id in _pending() and not _indexed(PHRASE)
    assert _found(PHRASE) == {7}  # by LIKE over the pending rows
    assert search.index_pending() >= 20
    assert not _pending()
    assert _indexed(PHRASE) == {task.id}
    assert _found(PHRASE) == {7}  # by the index
    texts = Task.objects.filter(plan__government="检索区").values_list("number", "search_text")
    expected = {n for n, text in texts if "城市管理" in text}
    assert expected and _found("城市管理") == expected


def test_an_edited_task_is_found_by_its_new_words_only(db, xicheng_doc) -> None:
    _import(_doc(xicheng_doc, 20, marked=7))
    search.index_pending()
    edited = _doc(xicheng_doc, 20)
    edited.tasks[6].content += EDITED  # task 7's phrase replaced by another
    _import(edited)
    task = Task.objects.get(plan__government="检索区", number=7)
    assert _pending() == {task.id}  # the text changed, the index still holds the old one
    assert _found(PHRASE) == set() and _found(EDITED) == {7}
    search.index_pending()
    assert not _indexed(PHRASE) and _indexed(EDITED) == {task.id}
    assert _found(PHRASE) == set() and _found(EDITED) == {7}


def test_a_task_the_office_edits_is_found_by_its_new_words(
    people, xicheng_doc, django_capture_on_commit_callbacks
) -> None:
    from duban.plans import services

    _import(_doc(xicheng_doc, 20, marked=7))
    search.index_pending()
    task = Task.objects.get(plan__government="检索区", number=7)
    units = [a.unit for a in task.assignments.filter(role="lead")]
    with django_capture_on_commit_callbacks(execute=True):  # the search text refreshed
        services.save_task(
            people.office, task.plan, task, {"content": f"督查室改写：{EDITED}"}, units, []
        )
    assert _found(EDITED) == {7} and _found(PHRASE) == set()  # before the worker ran
    search.index_pending()
    assert _indexed(EDITED) == {task.id} and not _indexed(PHRASE)
    assert _found(EDITED) == {7} and _found(PHRASE) == set()


def test_a_removed_task_is_not_found_and_leaves_the_index(db, xicheng_doc) -> None:
    _import(_doc(xicheng_doc, 20, marked=20))
    search.index_pending()
    task_id = Task.objects.get(plan__government="检索区", number=20).id
    _import(_doc(xicheng_doc, 19))  # the corrected file no longer lists task 20
    assert not Task.objects.filter(id=task_id).exists()
    assert _found(PHRASE) == set()
    if connection.vendor == "sqlite":  # a PostgreSQL index entry goes with its row
        assert _indexed(PHRASE) == {task_id}  # until the worker runs
    search.index_pending()
    assert not _indexed(PHRASE) and not _pending()
    # A task removed before it was ever indexed leaves nothing behind either.
    _import(_doc(xicheng_doc, 20, marked=20))
    _import(_doc(xicheng_doc, 19))
    search.index_pending()
    assert not _indexed(PHRASE) and not _pending() and _found(PHRASE) == set()


def test_a_refused_import_leaves_no_tasks_and_nothing_to_index(db, xicheng_doc) -> None:
    _import(_doc(xicheng_doc, 20))
    search.index_pending()
    Task.objects.filter(plan__government="检索区", number=20).update(status_note="督查室的记录")
    later = _doc(xicheng_doc, 40, marked=30)
    later.tasks = [t for t in later.tasks if t.number != 20]  # drops the task the office noted
    with pytest.raises(ImportRefused):
        _import(later)
    assert Task.objects.filter(plan__government="检索区").count() == 20
    assert not _pending() and _found(PHRASE) == set()


def test_the_import_queues_the_worker_which_indexes_after_the_commit(
    db, xicheng_doc, django_capture_on_commit_callbacks
) -> None:
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    try:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            _import(_doc(xicheng_doc, 20, marked=7))
            assert _pending()  # nothing indexed inside the import's transaction
    finally:
        HUEY.immediate = False
    assert callbacks and not _pending()
    assert _indexed(PHRASE) == {Task.objects.get(plan__government="检索区", number=7).id}


def test_a_publication_is_found_before_and_after_the_worker_indexed_it(plan) -> None:
    from duban.disclosure.models import PublishedTask
    from duban.disclosure.services import publish

    search.index_pending()
    publication = publish(plan, None, "year_end")
    rows = PublishedTask.objects.filter(publication=publication)
    assert set(rows.values_list("id", flat=True)) <= _pending("disclosure_publishedtask")
    expected = {n for n, text in rows.values_list("number", "search_text") if "加装电梯" in text}
    assert expected
    assert set(search.filter_tasks(rows, "加装电梯").values_list("number", flat=True)) == expected
    search.index_pending()
    assert not _pending("disclosure_publishedtask")
    assert set(search.filter_tasks(rows, "加装电梯").values_list("number", flat=True)) == expected


def test_the_worker_indexes_in_the_same_queries_for_20_and_300_rows(db, xicheng_doc) -> None:
    def run(n: int, government: str) -> int:
        search.index_pending()
        import_document(repeated(xicheng_doc, n), source_name="rows.txt", government=government)
        with CaptureQueriesContext(connection) as ctx:
            assert search.index_pending() == n
        return len(ctx.captured_queries)

    assert run(20, "甲区") == run(300, "乙区")


def test_the_worker_indexes_everything_logged_a_batch_at_a_time(db, xicheng_doc) -> None:
    search.index_pending()
    _import(_doc(xicheng_doc, 20, marked=7))
    assert search.index_pending(batch=6) == 20  # four transactions
    assert not _pending()
    assert _indexed(PHRASE) == {Task.objects.get(plan__government="检索区", number=7).id}
