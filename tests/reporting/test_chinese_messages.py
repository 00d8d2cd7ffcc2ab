"""What the screens say, in zh-hans: Chinese words, no raw HTML, no codes."""

from __future__ import annotations

import re

from django.urls import reverse

from duban.plans.models import TargetAdjustment
from duban.reporting.labels import period_label
from duban.reporting.models import Request
from tests.formdata import form_data


def test_a_blank_reason_is_a_field_error_not_raw_html(reporter_client, plan) -> None:
    task = plan.tasks.get(number=1)
    response = reporter_client.post(
        reverse("reporting:request-new", args=[plan.id, task.number]),
        {"kind": "extension", "reason": "", "new_deadline": "2021-01-31"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "&lt;ul" not in page and "Check the request" not in page
    assert response.context["request_form"].errors["reason"] == ["该字段是必填项。"]
    assert form_data(page, "request-form")["new_deadline"] == ["2021-01-31"]  # kept
    assert "<details open>" in page
    assert not Request.objects.exists()


def test_a_refused_adjustment_keeps_what_the_office_typed(office_client, plan) -> None:
    task = plan.tasks.get(number=1)
    response = office_client.post(
        reverse("reporting:adjustment-new", args=[plan.id, task.number]),
        {"from_text": "6%左右", "to_text": "", "approving_body": "区人大常委会"},
    )
    assert response.status_code == 200
    assert response.context["adjustment_form"].errors["to_text"] == ["该字段是必填项。"]
    assert form_data(response.content.decode(), "adjustment-form")["approving_body"] == [
        "区人大常委会"
    ]
    assert not TargetAdjustment.objects.filter(task=task, approving_body="区人大常委会").exists()


def test_saving_a_task_says_so_in_chinese(office_client, plan) -> None:
    task = plan.tasks.get(number=1)
    url = reverse("plans:task-edit", args=[plan.id, task.id])
    response = office_client.post(
        url, form_data(office_client.get(url).content.decode(), "task-form"), follow=True
    )
    assert "任务 1 已保存。" in response.content.decode()


def test_periods_read_as_chinese_periods() -> None:
    assert period_label("2020-Y") == "2020年全年"
    assert period_label("2020-03") == "2020年3月"
    assert period_label("2020-Q2") == "2020年第2季度"
    assert period_label("2020-H1") == "2020年上半年"
    assert period_label("odd") == "odd"


def test_the_period_table_shows_labels_and_lights_in_chinese(reporter_client, plan) -> None:
    task = plan.tasks.get(number=1)
    page = reporter_client.get(reverse("reporting:task", args=[plan.id, task.number]))
    table = page.content.decode().split('id="periods-h"')[1].split("</table>")[0]
    assert "2020年全年" in table and ">2020-Y<" not in table
    assert ">red<" not in table and ">green<" not in table
    assert "灯" in table


def test_the_office_edits_a_task_from_its_page(office_client, reporter_client, plan) -> None:
    task = plan.tasks.get(number=1)
    url = reverse("reporting:task", args=[plan.id, task.number])
    edit = reverse("plans:task-edit", args=[plan.id, task.id])
    assert f'href="{edit}">编辑任务</a>' in office_client.get(url).content.decode()
    assert edit not in reporter_client.get(url).content.decode()
    form = office_client.get(edit).content.decode()
    assert ">类别</label>" in form and ">Category<" not in form


def test_an_adjustments_reason_keeps_its_lines_and_is_shown(office_client, plan) -> None:
    # A reason pasted from Word went into a one-line input (its line breaks became spaces)
    # and was shown nowhere once recorded.
    task = plan.tasks.get(number=1)
    url = reverse("reporting:task", args=[plan.id, task.number])
    page = office_client.get(url).content.decode()
    assert re.search(r'<textarea name="reason"[^>]*data-limit="2000"', page)
    reason = "根据区政府常务会议纪要，\r\n受市场环境影响调整。\r\n\r\n——区商务局"
    office_client.post(
        reverse("reporting:adjustment-new", args=[plan.id, task.number]),
        {"from_text": "6%左右", "to_text": "正增长", "reason": reason},
    )
    adjustment = TargetAdjustment.objects.filter(task=task).latest("id")
    assert adjustment.reason == "根据区政府常务会议纪要，\n受市场环境影响调整。\n\n——区商务局"
    page = office_client.get(url).content.decode()
    assert "<p>根据区政府常务会议纪要，<br>受市场环境影响调整。</p>\n\n<p>——区商务局</p>" in page


def test_the_unit_reads_why_its_request_was_refused(reporter_client, people, plan) -> None:
    # The office's note on a decision was stored and shown nowhere: a unit read "已驳回" only.
    import datetime as dt

    from duban.reporting import services

    task = plan.tasks.get(number=1)
    req = services.request_change(
        task, people.reporter, "extension", "需要更多时间", new_deadline=dt.date(2021, 3, 31)
    )
    services.decide_request(req, people.office, grant=False, note="理由不充分，\n请按期完成。")
    page = reporter_client.get(reverse("reporting:task", args=[plan.id, task.number]))
    assert "<p>督查室：理由不充分，<br>请按期完成。</p>" in page.content.decode()


def test_the_publish_row_keeps_its_colon_beside_the_plans_title(office_client) -> None:
    # Each bare text of the inline (flex) form was an item of its own: the colon stood alone,
    # a gap either side ("公开 2026年…（进行中） ： 年中进展").
    page = office_client.get(reverse("reporting:home")).content.decode()
    assert re.search(
        r'class="inline-form publish"><span>公开 <strong>[^<]+</strong>：</span><', page
    )


def test_the_decision_note_is_a_box_that_keeps_its_lines(office_client, people, plan) -> None:
    # A one-line input: a note pasted with line breaks lost them.
    import datetime as dt

    from duban.reporting import services

    task = plan.tasks.get(number=1)
    req = services.request_change(
        task, people.reporter, "extension", "需要更多时间", new_deadline=dt.date(2021, 3, 31)
    )
    page = office_client.get(reverse("reporting:task", args=[plan.id, task.number])).content
    assert re.search(rf'<textarea name="note"[^>]*id="decide-{req.id}-note"', page.decode())
    office_client.post(
        reverse("reporting:request-decide", args=[req.id]),
        {"grant": "no", "note": "理由不充分，\r\n请按期完成。"},
    )
    req.refresh_from_db()
    assert (req.state, req.decision_note) == (Request.State.REFUSED, "理由不充分，\n请按期完成。")
