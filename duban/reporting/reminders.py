"""Reminders (催办): before a report is due, when it is overdue, escalated after that, before
and after a milestone's date; and by hand, when the office presses 催办 on tasks.

`send_reminders(today)` is what the daily job runs; `remind_tasks(user, tasks)` what the
office's button calls. Each reminder is first recorded under a unique (task, unit, period,
level) constraint and only then sent, so that two workers (or two clicks) never send the
same one twice; a mail that fails to go is forgotten again and retried on the next run. The
unit's group robots (WeCom, DingTalk) get it too: each as a Delivery that the job worker
posts, with retries (`deliver_pending`).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from duban.accounts.models import User
from duban.audit.log import log_action
from duban.plans.access import is_office, require
from duban.plans.models import Assignment, Task

from .channels import DeliveryError, post
from .labels import period_label
from .lights import fold_reports
from .models import Channel, Delivery, Milestone, ProgressReport, Reminder
from .notify import notify, office_people, task_name, task_url, unit_people
from .periods import Period, periods

log = logging.getLogger(__name__)
ESCALATE_AFTER_DAYS = 3
MAX_ATTEMPTS = 5
DONE = {ProgressReport.State.SUBMITTED, ProgressReport.State.ACCEPTED, ProgressReport.State.PENDING}
Level = Reminder.Level


@dataclass
class Sent:
    reminders: int = 0
    mails: int = 0
    skipped: int = 0


def _level(due: dt.date, today: dt.date, window: int) -> str | None:
    if today > due + dt.timedelta(days=ESCALATE_AFTER_DAYS):
        return Level.ESCALATED
    if today > due:
        return Level.OVERDUE
    if (due - today).days <= window:
        return Level.DUE_SOON
    return None


def _open(prefix: str = "task__") -> dict[str, object]:
    """This year's and last year's open tasks whose year-end completion is not in yet (not
    every report of every year: millions on a large site)."""
    return {
        f"{prefix}closed_at__isnull": True,
        f"{prefix}completion": "",
        f"{prefix}plan__year__gte": timezone.localdate().year - 1,
    }


def _states(reports: QuerySet[ProgressReport]) -> dict[tuple[int, int, str], str]:
    """Each (task, unit, period)'s state, its versions folded (lights.fold_reports): a
    period whose report was accepted is not owed while a correction of it is written."""
    rows = reports.order_by("version").values_list("task_id", "unit_id", "period", "state")
    folded, _corrections = fold_reports(((t, u), p, s) for t, u, p, s in rows)
    return {(task, unit, period): state for ((task, unit), period), state in folded.items()}


def send_reminders(today: dt.date | None = None) -> Sent:
    today = today or timezone.localdate()
    sent = Sent()
    current = _open() | {"task__plan__year__gte": today.year - 1}
    states = _states(ProgressReport.objects.filter(**current))
    assignments = Assignment.objects.filter(role=Assignment.Role.LEAD, **current).select_related(
        "task__plan", "unit"
    )
    for a in assignments:
        task, plan = a.task, a.task.plan
        for period in periods(task.reporting_cycle, plan.year, plan.due_day):
            if period.end > today and period.due > today + dt.timedelta(plan.warning_days):
                continue
            if states.get((task.id, a.unit_id, period.code)) in DONE:
                continue
            level = _level(period.due, today, plan.warning_days)
            if level is not None:
                _count(sent, _send(task, a, period.code, _report_what(period, level), level))
    _milestones(today, sent)
    deliver_pending()
    return sent


def _milestones(today: dt.date, sent: Sent) -> None:
    """A milestone not done: reminded when due within the window and when passed."""
    current = _open() | {"task__plan__year__gte": today.year - 1}
    leads: dict[int, list[Assignment]] = {}
    milestones = list(
        Milestone.objects.filter(
            done=False, due__lte=today + dt.timedelta(7), **current
        ).select_related("task__plan")
    )
    for a in Assignment.objects.filter(
        task__in=[m.task_id for m in milestones], role=Assignment.Role.LEAD
    ).select_related("unit"):
        leads.setdefault(a.task_id, []).append(a)
    for m in milestones:
        level = (
            Level.OVERDUE
            if today > m.due
            else (Level.DUE_SOON if (m.due - today).days <= m.task.plan.warning_days else None)
        )
        if level is None:
            continue
        for a in leads.get(m.task_id, []):
            what = (
                _("the milestone “%(text)s” was due on %(due)s")
                if level == Level.OVERDUE
                else _("the milestone “%(text)s” is due on %(due)s")
            ) % {"text": m.text, "due": m.due.isoformat()}
            _count(sent, _send(m.task, a, f"M{m.pk}", what, level))


def _count(sent: Sent, ok: bool) -> None:
    if ok:
        sent.reminders += 1
        sent.mails += 1
    else:
        sent.skipped += 1


def _report_what(period: Period, level: str) -> str:
    texts: dict[str, str] = {
        Level.DUE_SOON: _("the %(period)s report is due on %(due)s"),
        Level.OVERDUE: _("the %(period)s report has been overdue since %(due)s"),
        Level.ESCALATED: _("the %(period)s report has been overdue since %(due)s (escalated)"),
    }
    return texts[level] % {"period": period_label(period.code), "due": period.due.isoformat()}


def remind_tasks(user: User, tasks: list[Task], today: dt.date | None = None) -> Sent:
    """催办 by hand: each selected task's lead units, about the report they owe first (the
    oldest period not yet submitted that is due, or else the next one). Once per task,
    unit and period: pressed again, nothing is sent twice."""
    require(is_office(user), _("Only the supervision office sends reminders."))
    today = today or timezone.localdate()
    sent = Sent()
    ids = [t.pk for t in tasks if not t.closed_at and not t.completion.strip()]
    states = _states(ProgressReport.objects.filter(task_id__in=ids))
    for a in Assignment.objects.filter(task_id__in=ids, role=Assignment.Role.LEAD).select_related(
        "task__plan", "unit"
    ):
        task, plan = a.task, a.task.plan
        owed = [
            p
            for p in periods(task.reporting_cycle, plan.year, plan.due_day)
            if states.get((task.pk, a.unit_id, p.code)) not in DONE
        ]
        due = [p for p in owed if p.due <= today + dt.timedelta(plan.warning_days)]
        if not (due or owed):
            continue
        period = (due or owed)[0]
        what = (
            _("the %(period)s report has been overdue since %(due)s")
            if period.due < today
            else _("the %(period)s report is due on %(due)s")
        ) % {"period": period_label(period.code), "due": period.due.isoformat()}
        _count(sent, _send(task, a, period.code, what, Level.MANUAL, user))
    return sent


def _send(
    task: Task,
    assignment: Assignment,
    period: str,
    what: str,
    level: str,
    actor: User | None = None,
) -> bool:
    people = unit_people(assignment.unit_id, [User.Role.REPORTER])
    if level in (Level.ESCALATED, Level.MANUAL):
        people += unit_people(assignment.unit_id, [User.Role.UNIT_HEAD])
    if level == Level.ESCALATED:
        people += office_people()
    recipients = sorted({p.email for p in people if p.email})
    channels = list(Channel.objects.filter(unit_id=assignment.unit_id))
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                task=task,
                unit_id=assignment.unit_id,
                period=period,
                level=level,
                recipients=", ".join(recipients),
                sent_by=actor,
                text=what[:300],
            )
    except IntegrityError:
        return False  # sent already, by this or another worker, or by an earlier click
    subject, body = message(task, assignment.unit.name, what)
    try:
        if recipients:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except OSError:
        log.exception("reminder mail for task %s period %s failed", task.pk, period)
        reminder.delete()
        return False
    with transaction.atomic():
        Delivery.objects.bulk_create(
            [Delivery(reminder=reminder, channel=c, kind=c.kind) for c in channels]
        )
        notify(people, subject, task_url(task))
        log_action(
            "duban.reminder.sent",
            actor,
            reminder,
            {
                "plan": task.plan_id,
                "task": task.pk,
                "unit": assignment.unit_id,
                "period": period,
                "level": level,
                "recipients": recipients,
                "channels": [c.kind for c in channels],
            },
        )
    if channels:
        transaction.on_commit(lambda: _enqueue(reminder.pk))
    return True


def _enqueue(reminder_id: int) -> None:
    from .tasks import deliver

    deliver(reminder_id)


def link(task: Task) -> str:
    return settings.DUBAN_SITE_URL.rstrip("/") + task_url(task)


def message(task: Task, unit: str, what: str) -> tuple[str, str]:
    subject = _("[督办] %(task)s: %(what)s") % {"task": task_name(task), "what": what}
    body = _(
        "%(unit)s,\n\non task %(n)s of %(plan)s, %(what)s.\n\n%(content)s\n\n"
        "Write it at %(url)s\n\n— 督查室 (sent by duban)"
    ) % {
        "unit": unit,
        "n": task.number,
        "plan": task.plan.title,
        "what": what,
        "content": task.content[:200],
        "url": link(task),
    }
    return subject, body


def _robot_text(reminder: Reminder) -> tuple[str, str]:
    """The message of a group robot: markdown, both services read it."""
    task = reminder.task
    title = _("[督办] %(task)s") % {"task": task_name(task)}
    text = _("### %(title)s\n**%(unit)s**: %(what)s\n\n> %(content)s\n\n[%(open)s](%(url)s)") % {
        "title": title,
        "unit": reminder.unit.name,
        "what": reminder.text,
        "content": task.content[:120],
        "open": _("Open the task"),
        "url": link(task),
    }
    return title, text


def deliver_pending(reminder_id: int | None = None) -> int:
    """Post the deliveries not yet sent (of one reminder, or all); returns how many went.
    A failure is counted and tried again later, up to MAX_ATTEMPTS."""
    pending = Delivery.objects.filter(state=Delivery.State.PENDING, channel__isnull=False)
    if reminder_id is not None:
        pending = pending.filter(reminder_id=reminder_id)
    went = 0
    for d in pending.select_related("channel", "reminder__task__plan", "reminder__unit"):
        title, text = _robot_text(d.reminder)
        d.attempts += 1
        try:
            post(d.channel, title, text)  # type: ignore[arg-type]
        except DeliveryError as exc:
            d.error = str(exc)[:300]
            if d.attempts >= MAX_ATTEMPTS:
                d.state = Delivery.State.FAILED
        else:
            d.state, d.sent_at, d.error = Delivery.State.SENT, timezone.now(), ""
            went += 1
        d.save(update_fields=["attempts", "error", "state", "sent_at"])
    return went
