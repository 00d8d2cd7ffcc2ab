"""Chinese full-text search over tasks.

SQLite: an FTS5 table with the trigram tokenizer, kept in step with plans_task.search_text by
triggers (the SQL is fts.py; migration 0002 creates them). Trigrams need three characters, so
one- and two-character queries (常见: 养老, 电梯) fall back to LIKE, which is fast enough within
one plan. PostgreSQL: a pg_trgm GIN index on search_text serves icontains for every length.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import connection
from django.db.models import Model, Q, QuerySet
from django.db.models.expressions import RawSQL

from .models import Task

MAX_QUERY_CHARS = 100
M = TypeVar("M", bound=Model)


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
            # The table name is the model's own; the user's words go in as a parameter.
            match = f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s"  # noqa: S608
            tasks = tasks.filter(id__in=RawSQL(match, [phrase]))  # noqa: S611
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
