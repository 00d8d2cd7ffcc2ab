"""What a refused form says at its top when the refusal is nothing the writer can correct
in a field (the report was submitted from another tab): not "correct what is listed"."""

from __future__ import annotations

import html
import re

from django.urls import reverse

from duban.reporting.models import ProgressReport


def _post(client, task, **extra: str):  # type: ignore[no-untyped-def]
    data = {"period": "2020-03", "text": "一季度情况", "revision": "0"} | extra
    url = reverse("reporting:report-save", args=[task.plan_id, task.number])
    return client.post(url, data)


def _heading(page: str) -> str:
    found = re.search(r'<div class="error-summary"[^>]*>\s*<p><strong>(.*?)</strong>', page, re.S)
    assert found is not None
    return html.unescape(found.group(1))


def test_a_report_submitted_from_another_tab_is_refused_without_asking_to_correct(
    reporter_client, plan
) -> None:
    task = plan.tasks.get(number=1)  # 区发展改革委's, the reporter's unit
    assert _post(reporter_client, task, submit="1").status_code == 302  # the first tab
    assert ProgressReport.objects.get(task=task).state != ProgressReport.State.DRAFT
    response = _post(reporter_client, task, text="第二个窗口写的", submit="1")
    page = response.content.decode()
    assert response.status_code == 200
    assert _heading(page) == "尚未保存，您输入的内容保留在下方："
    assert "报告正在审核，不能修改。" in page
    assert "第二个窗口写的" in page


def test_a_field_to_correct_is_still_asked_for(reporter_client, plan) -> None:
    task = plan.tasks.get(number=1)
    page = _post(reporter_client, task, text="").content.decode()
    assert _heading(page) == "尚未保存：请改正以下问题。"
