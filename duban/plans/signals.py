"""Keep derived search text right when the office edits tasks or assignments in the admin."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import Signal, receiver

from . import fts, search
from .models import Assignment, Task

# Sent (sender Plan, plan=) inside an import's transaction when a document its government
# published was imported as public and changed the plan, or the plan has no publication
# yet: the public site publishes it (disclosure/receivers.py). The plan's domain does not
# know the public site.
public_document_imported = Signal()


@receiver(post_save, sender=Task)
@receiver(post_save, sender=Assignment)
@receiver(post_delete, sender=Assignment)
def _refresh_search(sender: type, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    task_id = instance.id if sender is Task else instance.task_id
    if getattr(instance, "_skip_search_refresh", False):
        return
    transaction.on_commit(lambda: search.refresh([task_id]))


@receiver(post_migrate)
def _ensure_sqlite_fts(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """SQLite rebuilds a table to alter it, which drops its triggers: after every migrate,
    put the FTS tables and triggers back and, where any was missing, rebuild the index."""
    from django.db import connections

    if getattr(sender, "name", "") != "duban.plans":
        return
    conn = connections[using]
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type='table'")
        tables = {row[0] for row in cursor.fetchall()}
        for table in fts.SEARCHED_TABLES:
            if table not in tables:
                continue
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='trigger' AND name LIKE %s",
                [f"{table}_fts_%"],
            )
            present = cursor.fetchone()[0]
            for sql in fts.sqlite(table):
                cursor.execute(sql)
            if present < 3:
                for sql in fts.sqlite_rebuilt(table):
                    cursor.execute(sql)
