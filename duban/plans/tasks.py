"""Jobs (huey) of the plans: the search index of what imports and edits wrote."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import search


@db_task()
def index_search() -> int:
    """Queued after an import commits: its rows indexed for full-text search."""
    return search.index_pending()


@db_periodic_task(crontab(minute="*"))
def index_search_every_minute() -> int:
    """What other writes logged (the office's edits, publications), or a queued run missed."""
    return search.index_pending()
