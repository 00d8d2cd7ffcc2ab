"""The notices name a task one way, with its plan (two plans each have a task 10), speak to
the person who did the thing as "you" and to the rest of the unit by the unit's name, and a
submission says where the report went."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from duban.reporting import services
from duban.reporting.models import Notification, ProgressReport


@pytest.fixture
def task(plan):  # type: ignore[no-untyped-def]
    task = plan.tasks.get(number=1)
    task.completion, task.reporting_cycle = "", "month"
    task.save()
    return task


def _texts(user) -> list[str]:  # type: ignore[no-untyped-def]
    return list(Notification.objects.filter(user=user).values_list("text", flat=True))


def _save(client, task, period: str):  # type: ignore[no-untyped-def]
    url = reverse("reporting:report-save", args=[task.plan_id, task.number])
    return client.post(url, {"period": period, "text": "进展。", "revision": 0, "submit": "1"})


def test_a_submission_says_where_it_went(reporter_client, task, plan) -> None:
    response = _save(reporter_client, task, "2020-03")
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["已报送督查室审核。"]
    plan.requires_unit_approval = True
    plan.save()
    response = _save(reporter_client, task, "2020-04")
    # (the first message is still stored: no page was shown in between)
    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == "已报送单位负责人审核。"
    report = ProgressReport.objects.get(task=task, period="2020-04")
    assert report.state == ProgressReport.State.PENDING


def test_the_notices_name_the_plan_and_speak_to_the_right_person(
    task, plan, people, django_capture_on_commit_callbacks
) -> None:
    plan.requires_unit_approval = True
    plan.save()
    named = f"《{plan.title}》第1项任务"
    with django_capture_on_commit_callbacks(execute=True):
        report = services.submit(
            services.save_draft(task, people.reporter, "2020-03", "进展。"), people.reporter
        )
    assert _texts(people.head) == [f"区发展改革委报送的{named}进展情况（2020年3月）待您审核。"]
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(report, people.head)
    assert _texts(people.office) == [f"区发展改革委报送了{named}进展情况（2020年3月）。"]
    with django_capture_on_commit_callbacks(execute=True):
        services.accept(ProgressReport.objects.get(pk=report.pk), people.office)
    assert f"您报送的{named}进展情况（2020年3月）已采纳。" in _texts(people.reporter)
    head = _texts(people.head)
    assert f"区发展改革委报送的{named}进展情况（2020年3月）已采纳。" in head
    assert not any(t.startswith("您报送") for t in head)


def test_a_request_decided_speaks_to_who_asked(
    task, people, django_capture_on_commit_callbacks
) -> None:
    import datetime as dt

    with django_capture_on_commit_callbacks(execute=True):
        req = services.request_change(
            task, people.reporter, "extension", "需要更多时间", new_deadline=dt.date(2021, 3, 31)
        )
        services.decide_request(req, people.office, grant=True)
    named = f"《{task.plan.title}》第1项任务"
    assert f"{named}：区发展改革委提出延期申请。" in _texts(people.office)
    assert f"{named}：您的申请已同意。" in _texts(people.reporter)
    assert f"{named}：区发展改革委的申请已同意。" in _texts(people.head)
