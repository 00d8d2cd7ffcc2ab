"""An instruction's answer form sent empty acknowledges the instruction; the page says so
instead of saying an answer was sent, and the leader is told only of a real answer."""

from __future__ import annotations

from django.urls import reverse


def test_an_empty_answer_acknowledges_and_says_so(
    plan, people, reporter_client, django_capture_on_commit_callbacks
) -> None:
    from duban.reporting import services

    task = plan.tasks.get(number=1)
    instruction = services.write_instruction(task, people.leader, "请加快进度。")
    url = reverse("reporting:instruction-answer", args=[instruction.id])
    with django_capture_on_commit_callbacks(execute=True):  # notices go out on commit
        page = reporter_client.post(url, {"text": "  "}, follow=True).content.decode()
    assert "已确认收到批示" in page and "答复已发送" not in page
    instruction.refresh_from_db()
    assert instruction.acknowledged_at and not instruction.answer
    told = people.leader.notifications.filter(text__contains="答复")
    assert not told.exists()  # nothing to read yet: the leader is not told of an answer
    with django_capture_on_commit_callbacks(execute=True):
        page = reporter_client.post(url, {"text": "已落实。"}, follow=True).content.decode()
    assert "答复已发送" in page and told.count() == 1
