"""Reminders (催办) mailed through a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import datetime as dt
import email
import socket
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller

from duban.reporting import services
from duban.reporting.models import Notification, Reminder
from duban.reporting.reminders import send_reminders


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"

    def subjects(self) -> list[str]:
        return [str(make_header(decode_header(m["Subject"]))) for m in self.messages]

    def recipients(self) -> list[str]:
        return [m["To"] for m in self.messages]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp(settings):  # type: ignore[no-untyped-def]
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    yield inbox
    controller.stop()


@pytest.fixture
def only_task_1(plan):  # type: ignore[no-untyped-def]
    """Remind about one quarterly task only, so that the mail count is clear."""
    from duban.plans.models import Assignment

    Assignment.objects.filter(task__plan=plan).exclude(task__number=1).delete()
    task = plan.tasks.get(number=1)
    task.reporting_cycle = "quarter"
    task.completion = ""  # the year under way: a task whose completion is in is not reminded
    task.save()
    return task


def test_due_soon_overdue_and_escalated_each_mailed_once(
    smtp, only_task_1, people, django_capture_on_commit_callbacks
) -> None:
    # Q1 is due on 2020-04-05; the warning window is 3 days.
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(dt.date(2020, 4, 2))
    (subject,) = smtp.subjects()
    assert "2020年第1季度" in subject and "2020-04-05" in subject and subject.startswith("【督办】")
    assert smtp.recipients() == ["reporter@example.org"]
    body = smtp.messages[0].get_payload(decode=True).decode()
    assert "地区生产总值增长6%左右" in body and "/work/plans/" in body
    send_reminders(dt.date(2020, 4, 3))  # the same level again: nothing new
    assert len(smtp.messages) == 1
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(dt.date(2020, 4, 6))  # overdue
    assert len(smtp.messages) == 2
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(dt.date(2020, 4, 10))  # escalated: the unit head and the office too
    assert len(smtp.messages) == 3
    assert set(smtp.messages[2]["To"].split(", ")) == {
        "head@example.org",
        "office@example.org",
        "reporter@example.org",
    }
    assert list(
        Reminder.objects.filter(task=only_task_1)
        .values_list("level", flat=True)
        .order_by("sent_at")
    ) == ["due_soon", "overdue", "escalated"]
    assert Notification.objects.filter(user=people.reporter).count() == 3
    from duban.audit.models import AuditEntry

    sent = AuditEntry.objects.filter(action="duban.reminder.sent").order_by("id")
    assert [e.data["level"] for e in sent] == ["due_soon", "overdue", "escalated"]
    assert sent[0].actor is None and sent[0].data["recipients"] == ["reporter@example.org"]


def test_a_submitted_report_is_not_reminded(smtp, only_task_1, people) -> None:
    report = services.save_draft(only_task_1, people.reporter, "2020-Q1", "已完成")
    services.submit(report, people.reporter)
    send_reminders(dt.date(2020, 4, 20))
    assert all("第1季度" not in s for s in smtp.subjects())


def test_another_worker_sent_it_already(smtp, only_task_1) -> None:
    Reminder.objects.create(
        task=only_task_1, unit=only_task_1.units.get(), period="2020-Q1", level="overdue"
    )
    sent = send_reminders(dt.date(2020, 4, 6))
    assert sent.skipped == 1 and smtp.messages == []


def test_a_failed_mail_is_tried_again_next_time(settings, only_task_1) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _free_port()  # nobody listens
    assert send_reminders(dt.date(2020, 4, 6)).reminders == 0
    assert not Reminder.objects.exists()


def test_the_huey_job_runs_the_round(only_task_1, settings, mailoutbox) -> None:
    from duban.reporting.tasks import daily_reminders

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert daily_reminders.call_local() >= 0
