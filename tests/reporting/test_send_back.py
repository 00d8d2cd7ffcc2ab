"""The unit head sends a report back to the unit's reporter (退回承办人), before it reaches
the office: with a comment, only while it awaits the head, only the head of that unit."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from duban.reporting import services
from duban.reporting.models import Notification, ProgressReport

State = ProgressReport.State


@pytest.fixture
def pending(plan, people):  # type: ignore[no-untyped-def]
    """The reporter's March report on task 1, waiting for the unit head."""
    plan.requires_unit_approval = True
    plan.save()
    task = plan.tasks.get(number=1)
    task.reporting_cycle = "month"
    task.save()
    report = services.save_draft(task, people.reporter, "2020-03", "一季度增长-6.6%。")
    return services.submit(report, people.reporter)


def test_the_head_sends_a_report_back_with_a_comment(
    pending, people, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.send_back(pending, people.head, "请补充一季度重点项目进展。")
    pending.refresh_from_db()
    assert pending.state == State.RETURNED
    assert (pending.review_comment, pending.reviewed_by) == (
        "请补充一季度重点项目进展。",
        people.head,
    )
    note = Notification.objects.get(user=people.reporter, text__contains="退回")
    assert "请补充一季度重点项目进展。" in note.text and "2020年3月" in note.text
    assert not Notification.objects.filter(user=people.office, text__contains="退回").exists()
    assert pending.history.first().history_change_reason == "sent back by the unit head"


def test_the_reporter_corrects_and_it_goes_to_the_head_again(pending, people) -> None:
    services.send_back(pending, people.head, "请补充。")
    report = services.save_draft(pending.task, people.reporter, "2020-03", "补充后的进展。")
    assert report.pk == pending.pk and report.state == State.DRAFT
    services.submit(report, people.reporter)
    report.refresh_from_db()
    assert report.state == State.PENDING


def test_only_the_units_head_and_only_while_it_waits(pending, people) -> None:
    for someone in (people.reporter, people.office, people.outsider, people.leader):
        with pytest.raises(PermissionDenied):
            services.send_back(pending, someone, "不行")
    with pytest.raises(ValidationError):
        services.send_back(pending, people.head, "   ")
    services.approve(pending, people.head)
    with pytest.raises(ValidationError):
        services.send_back(ProgressReport.objects.get(pk=pending.pk), people.head, "晚了")


def test_the_screen_sends_back_and_says_so(head_client, reporter_client, pending) -> None:
    task_url = reverse("reporting:task", args=[pending.task.plan_id, 1])
    page = head_client.get(task_url).content.decode()
    assert "退回承办人" in page and f"sendback-{pending.id}" in page
    response = head_client.post(
        reverse("reporting:report-action", args=[pending.id, "send-back"]),
        {"comment": "请补充一季度重点项目进展。"},
        HTTP_REFERER=task_url,
    )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["报告已退回承办人。"]
    page = reporter_client.get(task_url).content.decode()
    assert "单位负责人：请补充一季度重点项目进展。" in page
    home = reporter_client.get(reverse("reporting:home")).content.decode()
    assert "请补充一季度重点项目进展。" in home


def test_a_blank_comment_on_the_screen_is_refused_beside_its_box(head_client, pending) -> None:
    task_url = reverse("reporting:task", args=[pending.task.plan_id, 1])
    response = head_client.post(
        reverse("reporting:report-action", args=[pending.id, "send-back"]),
        {"comment": ""},
        HTTP_REFERER=task_url,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="sendback-{pending.id}-error">请说明需要修改的内容。</p>' in page
    assert not list(get_messages(response.wsgi_request))
    pending.refresh_from_db()
    assert pending.state == State.PENDING


def test_the_reporter_sees_no_send_back_button(reporter_client, pending) -> None:
    page = reporter_client.get(reverse("reporting:task", args=[pending.task.plan_id, 1]))
    assert "退回承办人" not in page.content.decode()
