"""Scheduled jobs (huey): the daily reminder round, the nightly sweep."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .cleanup import sweep
from .reminders import deliver_pending, send_reminders


@db_periodic_task(crontab(hour="8", minute="0"))
def daily_reminders() -> int:
    return send_reminders().reminders


@db_periodic_task(crontab(hour="3", minute="30"))
def nightly_sweep() -> tuple[int, int]:
    """Attachment files no row names, and import previews left for over a day."""
    swept = sweep()
    return swept.files, swept.uploads


@db_task(retries=4, retry_delay=120)
def deliver(reminder_id: int) -> int:
    """Post a reminder to its unit's group robots; what did not go is tried again."""
    from .models import Delivery

    went = deliver_pending(reminder_id)
    if Delivery.objects.filter(reminder_id=reminder_id, state=Delivery.State.PENDING).exists():
        raise RuntimeError(f"reminder {reminder_id}: a delivery did not go")  # huey retries
    return went
