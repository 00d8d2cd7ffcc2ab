"""Reminders (催办): before a report is due, when it is overdue, and escalated after that.

`send_reminders(today)` is what the daily job runs. Each reminder is first recorded under a
unique (task, unit, period, level) constraint and only then mailed, so that two workers
running at once never send the same reminder twice; a mail that fails to go is forgotten
again and retried on the next run.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duban.audit.log import log_action
from duban.plans.models import Assignment

from .models import ProgressReport, Reminder
from .notify import notify, office_people, task_url, unit_people
from .periods import periods

log = logging.getLogger(__name__)
ESCALATE_AFTER_DAYS = 3
DONE = {ProgressReport.State.SUBMITTED, ProgressReport.State.ACCEPTED,
        ProgressReport.State.PENDING}


@dataclass
class Sent:
    reminders: int = 0
    mails: int = 0
    skipped: int = 0


def _level(due: dt.date, today: dt.date, window: int) -> str | None:
    if today > due + dt.timedelta(days=ESCALATE_AFTER_DAYS):
        return Reminder.Level.ESCALATED
    if today > due:
        return Reminder.Level.OVERDUE
    if (due - today).days <= window:
        return Reminder.Level.DUE_SOON
    return None


def send_reminders(today: dt.date | None = None) -> Sent:
    today = today or timezone.localdate()
    sent = Sent()
    # This year's and last year's open tasks only, and only their reports (not every
    # report of every year: millions on a large site).
    current = {"task__closed_at__isnull": True, "task__plan__year__gte": today.year - 1}
    states = {
        (r["task_id"], r["unit_id"], r["period"]): r["state"]
        for r in ProgressReport.objects.filter(**current).order_by("version").values(
            "task_id", "unit_id", "period", "state")
    }
    assignments = (
        Assignment.objects.filter(role=Assignment.Role.LEAD, **current)
        .select_related("task__plan", "unit")
    )
    for a in assignments:
        task, plan = a.task, a.task.plan
        for period in periods(task.reporting_cycle, plan.year, plan.due_day):
            if period.end > today and period.due > today + dt.timedelta(plan.warning_days):
                continue
            if states.get((task.id, a.unit_id, period.code)) in DONE:
                continue
            level = _level(period.due, today, plan.warning_days)
            if level is None:
                continue
            if _send(task, a, period.code, period.due, level):
                sent.reminders += 1
                sent.mails += 1
            else:
                sent.skipped += 1
    return sent


def _send(task, assignment, period: str, due: dt.date, level: str) -> bool:  # type: ignore[no-untyped-def]
    people = unit_people(assignment.unit_id, ["reporter"])
    if level == Reminder.Level.ESCALATED:
        people += unit_people(assignment.unit_id, ["unit_head"]) + office_people()
    recipients = sorted({p.email for p in people if p.email})
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                task=task, unit_id=assignment.unit_id, period=period, level=level,
                recipients=", ".join(recipients),
            )
    except IntegrityError:
        return False  # sent already, by this or another worker
    subject, body = _message(task, assignment.unit.name, period, due, level)
    try:
        if recipients:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except OSError:
        log.exception("reminder mail for task %s period %s failed", task.pk, period)
        reminder.delete()
        return False
    notify(people, subject, task_url(task))
    log_action("duban.reminder.sent", None, reminder,
               {"plan": task.plan_id, "task": task.pk, "unit": assignment.unit_id,
                "period": period, "level": level, "recipients": recipients})
    return True


def _message(task, unit: str, period: str, due: dt.date, level: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    what = {
        Reminder.Level.DUE_SOON: _("due on %(due)s"),
        Reminder.Level.OVERDUE: _("overdue since %(due)s"),
        Reminder.Level.ESCALATED: _("overdue since %(due)s (escalated)"),
    }[level] % {"due": due.isoformat()}
    subject = _("[督办] Task %(n)s: the %(period)s report is %(what)s") % {
        "n": task.number, "period": period, "what": what}
    body = _(
        "%(unit)s,\n\nthe progress report on task %(n)s of %(plan)s for %(period)s is %(what)s."
        "\n\n%(content)s\n\nWrite it at %(url)s\n\n— 督查室 (sent by duban)"
    ) % {"unit": unit, "n": task.number, "plan": task.plan.title, "period": period,
         "what": what, "content": task.content[:200],
         "url": settings.DUBAN_SITE_URL.rstrip("/") + task_url(task)}
    return subject, body
