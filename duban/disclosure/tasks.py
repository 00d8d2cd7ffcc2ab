"""Jobs (huey) of the public site."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from . import page_cache


@db_task()
def warm_public_pages(plan_id: int) -> int:
    """After a publication: the plan's public page rendered into the cache by a job worker."""
    return page_cache.warm(plan_id)
