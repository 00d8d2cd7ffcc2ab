"""Scheduled jobs (huey): the daily reminder round, the nightly sweep."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .cleanup import sweep
from .reminders import send_reminders


@db_periodic_task(crontab(hour="8", minute="0"))
def daily_reminders() -> int:
    return send_reminders().reminders


@db_periodic_task(crontab(hour="3", minute="30"))
def nightly_sweep() -> tuple[int, int]:
    """Attachment files no row names, and import previews left for over a day."""
    swept = sweep()
    return swept.files, swept.uploads
