"""催办 where staff read it: the office configures a unit's WeCom and DingTalk robots, presses
催办所选, and the reminder goes by mail (a real SMTP server) and to the robots (a local HTTP
server that checks keys, tokens and DingTalk's signature); never twice for the same period."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from duban.audit.models import AuditEntry
from duban.reporting import channels
from duban.reporting.models import Channel, Delivery, Reminder
from duban.reporting.reminders import deliver_pending, remind_tasks, send_reminders
from tests.reporting.test_reminders import smtp  # noqa: F401 - the SMTP server fixture
from tests.reporting.webhook_server import DINGTALK_SECRET, Robots


@pytest.fixture
def robots(settings):  # type: ignore[no-untyped-def]
    with Robots() as r:
        settings.DUBAN_WEBHOOK_HOSTS = {
            "wecom": [r.base + "/cgi-bin/webhook/send?"],
            "dingtalk": [r.base + "/robot/send?"],
        }
        settings.DUBAN_SITE_URL = "https://duban.example.gov.cn"
        yield r


@pytest.fixture
def immediate():  # type: ignore[no-untyped-def]
    """The job worker runs the delivery at once (as `run_huey` would, a moment later)."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    yield
    HUEY.immediate = False


@pytest.fixture
def task(plan):  # type: ignore[no-untyped-def]
    from duban.plans.models import Assignment

    Assignment.objects.filter(task__plan=plan).exclude(task__number=1).delete()
    t = plan.tasks.get(number=1)
    t.reporting_cycle, t.completion = "quarter", ""
    t.save()
    return t


@pytest.fixture
def unit_robots(task, robots, people):  # type: ignore[no-untyped-def]
    unit = task.units.get()
    channels.save_channel(people.office, unit, "wecom", robots.wecom_url)
    channels.save_channel(people.office, unit, "dingtalk", robots.dingtalk_url, DINGTALK_SECRET)
    return unit


def test_dingtalk_signature_is_the_documented_one() -> None:
    # DingTalk's own example: secret "SEC…", timestamp in ms; the signature is URL-encoded.
    sign = channels.dingtalk_sign("SECxxxx", 1577262236757)
    assert sign.endswith("%3D") and "+" not in sign and "/" not in sign


def test_office_presses_remind_selected_and_staff_read_it_everywhere(
    office_client,
    task,
    unit_robots,
    robots,
    smtp,  # noqa: F811
    immediate,
    django_capture_on_commit_callbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(
            reverse("reporting:remind-selected"), {"task": [task.id], "next": "/work/"}, follow=True
        )
    assert "已发送1条催办。" in response.content.decode()
    (mail,) = smtp.messages
    assert smtp.recipients() == ["head@example.org, reporter@example.org"]
    body = mail.get_payload(decode=True).decode()
    assert "https://duban.example.gov.cn/work/plans/" in body and ":8000" not in body
    (wecom,) = robots.of("wecom")
    (ding,) = robots.of("dingtalk")
    assert robots.refused == []
    assert "区发展改革委" in wecom["body"]["markdown"]["content"]
    assert "https://duban.example.gov.cn/work/plans/" in ding["body"]["markdown"]["text"]
    reminder = Reminder.objects.get(task=task)
    assert reminder.level == "manual" and reminder.sent_by.username == "office"
    assert sorted(reminder.deliveries.values_list("kind", "state")) == [
        ("dingtalk", "sent"),
        ("wecom", "sent"),
    ]
    entry = AuditEntry.objects.get(action="duban.reminder.sent")
    assert entry.actor.username == "office" and sorted(entry.data["channels"]) == [
        "dingtalk",
        "wecom",
    ]
    # Pressed again: the same period and level, nothing sent twice.
    with django_capture_on_commit_callbacks(execute=True):
        again = office_client.post(
            reverse("reporting:remind-selected"), {"task": [task.id]}, follow=True
        )
    assert "同一期已催办过" in again.content.decode()
    assert len(smtp.messages) == 1 and len(robots.received) == 2


def test_the_job_twice_sends_one_message(
    task,
    unit_robots,
    robots,
    smtp,  # noqa: F811
    immediate,
    django_capture_on_commit_callbacks,
) -> None:
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            send_reminders(dt.date(2020, 4, 6))  # Q1 overdue
    assert len(smtp.messages) == 1
    assert len(robots.of("wecom")) == 1 and len(robots.of("dingtalk")) == 1
    assert "逾期" in robots.of("wecom")[0]["body"]["markdown"]["content"]


def test_a_robot_that_fails_is_tried_again(task, unit_robots, robots, people) -> None:
    robots.fail_next = 2
    remind_tasks(people.office, [task], dt.date(2020, 4, 6))  # (no worker: delivered below)
    assert deliver_pending() == 0
    assert set(Delivery.objects.values_list("state", flat=True)) == {"pending"}
    assert deliver_pending() == 2
    assert list(Delivery.objects.values_list("attempts", flat=True)) == [2, 2]
    assert set(Delivery.objects.values_list("state", flat=True)) == {"sent"}


def test_a_wrong_signature_is_refused_by_the_robot(task, robots, people) -> None:
    channels.save_channel(
        people.office, task.units.get(), "dingtalk", robots.dingtalk_url, "SECwrong"
    )
    remind_tasks(people.office, [task], dt.date(2020, 4, 6))
    deliver_pending()
    assert robots.received == [] and robots.refused == ["dingtalk 310000: sign not match"]
    assert Delivery.objects.get().error.startswith("310000")


def test_an_address_off_the_services_is_refused(task, people) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        channels.save_channel(
            people.office, task.units.get(), "wecom", "http://169.254.169.254/latest/meta-data?"
        )
    assert not Channel.objects.exists()


def test_only_the_office_configures_channels_and_reminds(
    reporter_client, outsider_client, task, unit_robots
) -> None:
    assert reporter_client.get(reverse("reporting:channels")).status_code == 403
    assert (
        reporter_client.post(
            reverse("reporting:channel-add"), {"unit": unit_robots.id, "kind": "wecom", "url": "x"}
        ).status_code
        == 403
    )
    channel = Channel.objects.first()
    assert (
        outsider_client.post(reverse("reporting:channel-remove", args=[channel.id])).status_code
        == 403
    )
    assert (
        reporter_client.post(reverse("reporting:remind-selected"), {"task": [task.id]}).status_code
        == 403
    )
    assert not Reminder.objects.exists()


def test_the_office_adds_and_removes_a_robot_on_its_page(office_client, task, robots) -> None:
    unit = task.units.get()
    office_client.post(
        reverse("reporting:channel-add"),
        {"unit": unit.id, "kind": "wecom", "url": robots.wecom_url},
    )
    page = office_client.get(reverse("reporting:channels")).content.decode()
    assert "企业微信群机器人" in page and unit.name in page
    office_client.post(reverse("reporting:channel-remove", args=[Channel.objects.get().id]))
    assert not Channel.objects.exists()


def test_a_done_task_is_not_reminded(plan, people, smtp) -> None:  # noqa: F811
    task = plan.tasks.get(number=1)  # its completion is the government's
    assert remind_tasks(people.office, [task], dt.date(2020, 4, 6)).reminders == 0
    send_reminders(dt.date(2020, 4, 6))
    assert not Reminder.objects.filter(task=task).exists()


def test_a_milestone_is_reminded_before_and_after(task, people, smtp) -> None:  # noqa: F811
    from duban.reporting.models import Milestone

    Milestone.objects.create(task=task, due=dt.date(2020, 6, 30), text="完成招标")
    send_reminders(dt.date(2020, 6, 28))
    send_reminders(dt.date(2020, 7, 2))
    send_reminders(dt.date(2020, 7, 3))
    subjects = [s for s in smtp.subjects() if "完成招标" in s]
    assert len(subjects) == 2 and "将于2020-06-30到期" in subjects[0] and "逾期" in subjects[1]
