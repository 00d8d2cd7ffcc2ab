"""Chinese full-text search over tasks.

SQLite: an FTS5 table with the trigram tokenizer over search_text, indexed by the job worker
(index_pending) from the log that triggers write (the SQL is fts.py). A row written but not yet
indexed is matched by LIKE over its current text, so search never misses it. Trigrams need
three characters, so one- and two-character queries (常见: 养老, 电梯) use LIKE on every row,
which is fast enough within one plan. PostgreSQL: a partial pg_trgm GIN index over the rows
the worker marked indexed serves ILIKE; the rows not yet marked are read (fts.postgres).
"""

from __future__ import annotations

import logging
from typing import TypeVar

from django.db import connection, transaction
from django.db.models import Model, Q, QuerySet
from django.db.models.expressions import RawSQL

from . import fts
from .models import Task

MAX_QUERY_CHARS = 100
INDEX_BATCH = 500  # rows per transaction: SQLite writers wait at most ~0.1 s for the worker
M = TypeVar("M", bound=Model)
log = logging.getLogger(__name__)


def terms(query: str) -> list[str]:
    return [t for t in query[:MAX_QUERY_CHARS].split() if t]


def filter_tasks(tasks: QuerySet[M], query: str, *, one_plan: bool = False) -> QuerySet[M]:
    """Rows (live or published tasks) whose text holds every whitespace-separated term.

    one_plan: the rows are already one plan's (a hundred or two), so each is simply read;
    the trigram index pays off across plans, where its matches in other plans would
    otherwise be fetched only to be thrown away (a thousand plans say 加装电梯)."""
    table = tasks.model._meta.db_table
    for term in terms(query):
        if connection.vendor == "sqlite" and len(term) >= 3 and not one_plan:
            phrase = '"' + term.replace('"', '""') + '"'
            like = "%" + connection.ops.prep_for_like_query(term) + "%"
            # Indexed rows by the index, rows still to index (few) by their text. The table
            # name is the model's own; the user's words go in as parameters.
            match = (
                f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s "  # noqa: S608
                f"AND rowid NOT IN (SELECT row_id FROM {table}_fts_pending) "
                f"UNION ALL SELECT t.id FROM {table}_fts_pending p JOIN {table} t "
                "ON t.id = p.row_id WHERE t.search_text LIKE %s ESCAPE '\\'"
            )
            tasks = tasks.filter(id__in=RawSQL(match, [phrase, like]))  # noqa: S611
        elif connection.vendor == "postgresql" and len(term) >= 3 and not one_plan:
            like = "%" + connection.ops.prep_for_like_query(term) + "%"
            # ILIKE, which the trigram index serves (Django's icontains, UPPER(…) LIKE, is
            # not), over the indexed rows; the others (few) are read.
            match = (
                f"SELECT id FROM {table} WHERE search_indexed AND search_text ILIKE %s "  # noqa: S608
                f"UNION ALL SELECT id FROM {table} WHERE NOT search_indexed "
                "AND search_text ILIKE %s"
            )
            tasks = tasks.filter(id__in=RawSQL(match, [like, like]))  # noqa: S611
        else:
            tasks = tasks.filter(Q(search_text__icontains=term))
    return tasks


def compose(category: str, content: str, completion: str, unit_names: list[str]) -> str:
    return "\n".join(p for p in [category, content, completion, " ".join(unit_names)] if p)


def text_for(task: Task, unit_names: list[str]) -> str:
    category = task.category.name if task.category else ""
    return compose(category, task.content, task.completion, unit_names)


def refresh(task_ids: list[int]) -> None:
    """Recompute search_text for these tasks (after their units or text changed)."""
    tasks = (
        Task.objects.filter(id__in=task_ids)
        .select_related("category")
        .prefetch_related("assignments__unit")
    )
    changed = []
    for task in tasks:
        text = text_for(task, [a.unit.name for a in task.assignments.all()])
        if text != task.search_text:
            task.search_text = text
            changed.append(task)
    Task.objects.bulk_update(changed, ["search_text"], batch_size=500)


def index_pending(batch: int = INDEX_BATCH) -> int:
    """Index the rows written since the last run, a batch per transaction; returns how
    many. Run by the job worker (tasks.py)."""
    step = {"sqlite": fts.index_pending, "postgresql": fts.postgres_index_pending}.get(
        connection.vendor
    )
    if step is None:
        return 0
    done = 0
    for table in fts.SEARCHED_TABLES:
        with connection.cursor() as cursor:  # a read: no write lock taken when all is done
            cursor.execute(fts.PENDING_EXISTS[connection.vendor].format(table=table))
            if not cursor.fetchone()[0]:
                continue
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                n = step(cursor, table, batch)
            done += n
            if n < batch:
                break
    return done


def index_soon() -> None:
    """Ask the job worker to index what was just written (called after a commit). Should the
    queue be down, search still finds the rows (by LIKE) and the next run indexes them."""
    if connection.vendor not in {"sqlite", "postgresql"}:
        return
    from .tasks import index_search

    try:
        index_search()
    except Exception:
        log.warning("could not queue the search index job", exc_info=True)
