"""The workspace screens: who sees which page and what happens on each button."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from duban.reporting.models import Instruction, ProgressReport


@pytest.fixture
def task(plan):  # type: ignore[no-untyped-def]
    return plan.tasks.get(number=1)


def _url(task) -> str:  # type: ignore[no-untyped-def]
    return reverse("reporting:task", args=[task.plan_id, task.number])


def test_workspace_home_for_each_role(office_client, reporter_client, leader_client, plan) -> None:
    body = office_client.get(reverse("reporting:home")).content.decode()
    assert "未公开的计划" in body  # the office starts on the newest plan (2021)
    body = office_client.get(reverse("reporting:home") + f"?plan={plan.id}").content.decode()
    assert "地区生产总值增长6%左右" in body and "居民人均可支配收入" in body  # every task
    body = reporter_client.get(reverse("reporting:home")).content.decode()
    assert "地区生产总值增长6%左右" in body  # the unit's own tasks
    assert "居民人均可支配收入" not in body  # task 3 belongs to another unit
    body = leader_client.get(reverse("reporting:home")).content.decode()
    assert "负责的任务" in body  # the heading only a leader's workspace has
    assert "地区生产总值增长6%左右" in body  # task 1, which the leader leads


def test_anonymous_is_sent_to_log_in(client, task) -> None:
    response = client.get(reverse("reporting:home"))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get(_url(task)).status_code == 302


def test_reporter_writes_and_submits_through_the_page(reporter_client, task) -> None:
    page = reporter_client.get(_url(task)).content.decode()
    assert "id_text" in page
    indicator = task.indicators.get()
    response = reporter_client.post(
        reverse("reporting:report-save", args=[task.plan_id, task.number]),
        {"period": "2020-03", "text": "一季度情况", f"ind_{indicator.id}": "-6.6", "submit": "1"},
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get(task=task)
    assert report.state == "submitted" and report.values.get().value == Decimal("-6.6")


def test_office_returns_and_accepts_through_the_page(office_client, reporter_client, task):
    reporter_client.post(
        reverse("reporting:report-save", args=[task.plan_id, task.number]),
        {"period": "2020-03", "text": "初稿", "submit": "1"},
    )
    report = ProgressReport.objects.get(task=task)
    office_client.post(
        reverse("reporting:report-action", args=[report.id, "return"]), {"comment": "请补充"}
    )
    report.refresh_from_db()
    assert report.state == "returned"
    page = reporter_client.get(_url(task)).content.decode()
    assert "请补充" in page
    reporter_client.post(
        reverse("reporting:report-save", args=[task.plan_id, task.number]),
        {"period": "2020-03", "text": "改稿", "submit": "1", "revision": report.revision},
    )
    office_client.post(reverse("reporting:report-action", args=[report.id, "accept"]))
    report.refresh_from_db()
    assert (report.state, report.text) == ("accepted", "改稿")


def test_a_refused_change_is_a_message_not_an_error(reporter_client, task) -> None:
    response = reporter_client.post(
        reverse("reporting:report-save", args=[task.plan_id, task.number]),
        {"period": "2020-03", "text": "   "},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "该字段是必填项。" in page and 'id="id_text"' in page  # the form again, and why
    assert not ProgressReport.objects.filter(task=task).exists()


def test_other_units_cannot_see_or_act(outsider_client, reporter_client, task, plan) -> None:
    reporter_client.post(
        reverse("reporting:report-save", args=[task.plan_id, task.number]),
        {"period": "2020-03", "text": "内部草稿"},
    )
    report = ProgressReport.objects.get(task=task)
    assert outsider_client.get(_url(task)).status_code == 404  # another unit's task
    for action in ("submit", "accept", "return", "approve"):
        response = outsider_client.post(
            reverse("reporting:report-action", args=[report.id, action]), {"comment": "x"}
        )
        assert response.status_code == 404, action  # a draft of another unit: not found
    response = outsider_client.post(
        reverse("reporting:report-save", args=[task.plan_id, task.number]),
        {"period": "2020-03", "text": "x"},
    )
    assert response.status_code == 404


def test_reporter_cannot_accept_own_report(reporter_client, task) -> None:
    reporter_client.post(
        reverse("reporting:report-save", args=[task.plan_id, task.number]),
        {"period": "2020-03", "text": "初稿", "submit": "1"},
    )
    report = ProgressReport.objects.get(task=task)
    response = reporter_client.post(reverse("reporting:report-action", args=[report.id, "accept"]))
    assert response.status_code == 403
    assert ProgressReport.objects.get(pk=report.pk).state == "submitted"


def test_leader_instructs_and_unit_answers(leader_client, reporter_client, task) -> None:
    leader_client.post(
        reverse("reporting:instruction-new", args=[task.plan_id, task.number]),
        {"text": "请加强监测"},
    )
    instruction = Instruction.objects.get(task=task)
    assert "请加强监测" in reporter_client.get(reverse("reporting:home")).content.decode()
    reporter_client.post(
        reverse("reporting:instruction-answer", args=[instruction.id]), {"text": "已落实"}
    )
    instruction.refresh_from_db()
    assert instruction.answer == "已落实"


def test_other_leader_cannot_instruct(request, task) -> None:
    from django.test import Client

    from duban.accounts.models import User

    c = Client()
    c.force_login(User.objects.get(username="leader2"))
    response = c.post(
        reverse("reporting:instruction-new", args=[task.plan_id, task.number]), {"text": "x"}
    )
    assert response.status_code == 404  # not a task this leader is responsible for


def test_notifications_page_marks_read(reporter_client, people) -> None:
    from duban.reporting.models import Notification

    Notification.objects.create(user=people.reporter, text="测试通知", url="/")
    assert "测试通知" in reporter_client.get(reverse("reporting:notifications")).content.decode()
    assert Notification.objects.get(text="测试通知").read_at is not None


def test_office_history_on_the_task(office_client, reporter_client, task) -> None:
    reporter_client.post(
        reverse("reporting:report-save", args=[task.plan_id, task.number]),
        {"period": "2020-03", "text": "初稿"},
    )
    body = office_client.get(_url(task)).content.decode()
    # why, the period, and the state before and after, in Chinese
    assert "2020年3月报告（第1版）（保存草稿）" in body
    assert "状态</span>：<del>—</del> → <ins>草稿</ins>" in body


def test_office_creates_a_plan_and_a_task(office_client, people) -> None:
    from duban.plans.models import Plan, Unit

    response = office_client.post(
        reverse("plans:plan-new"),
        {
            "government": "测试区人民政府",
            "year": 2024,
            "title": "2024年测试区重点工作",
            "due_day": 5,
            "warning_days": 3,
        },
    )
    plan = Plan.objects.get(title="2024年测试区重点工作")
    assert response["Location"] == reverse("plans:plan-edit", args=[plan.id])
    # A new government's unit, typed in by name (Xicheng's 区发展改革委 is another unit).
    office_client.post(
        reverse("plans:task-new", args=[plan.id]),
        {
            "number": 1,
            "content": "新建公园3个。",
            "reporting_cycle": "quarter",
            "leader": people.leader.id,
            "lead_units": ["+区发展改革委"],
        },
    )
    unit = Unit.objects.get(name="区发展改革委", government="测试区人民政府")
    task = plan.tasks.get(number=1)
    assert [a.unit for a in task.assignments.all()] == [unit] and task.leader == people.leader
    office_client.post(
        reverse("plans:paste", args=[plan.id]),
        {"rows": "序号\t任务\t牵头单位\t完成情况\n2\t改造小区10个\t区住建委\t\n"},
    )
    assert plan.tasks.count() == 2


def test_only_the_office_edits_plans(reporter_client, plan) -> None:
    assert reporter_client.get(reverse("plans:plan-new")).status_code == 403
    assert (
        reporter_client.post(reverse("plans:paste", args=[plan.id]), {"rows": "x"}).status_code
        == 403
    )


def test_office_records_an_adjustment_with_its_document(office_client, task) -> None:
    office_client.post(
        reverse("reporting:adjustment-new", args=[task.plan_id, task.number]),
        {
            "from_text": "6%左右",
            "to_text": "正增长",
            "approving_body": "区人大常委会",
            "approved_on": "2020-12-22",
            "document": "西人常发〔2020〕12号",
        },
    )
    adjustment = task.adjustments.order_by("-id").first()
    assert (adjustment.to_text, adjustment.document) == ("正增长", "西人常发〔2020〕12号")


def test_office_cannot_make_itself_superuser(people) -> None:
    from django.test import Client

    from duban.accounts.roles import grant_office_admin

    grant_office_admin(people.office)
    c = Client()
    c.force_login(people.office)
    page = c.get(reverse("admin:accounts_user_change", args=[people.office.id]))
    assert page.status_code == 200
    assert 'name="is_superuser"' not in page.content.decode()


def test_attachments_upload_and_download_for_those_who_may_read(
    reporter_client, outsider_client, office_client, task, settings, tmp_path
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from duban.reporting.models import ReportAttachment

    settings.MEDIA_ROOT = tmp_path
    reporter_client.post(
        reverse("reporting:report-save", args=[task.plan_id, task.number]),
        {
            "period": "2020-03",
            "text": "见附件",
            "files": [SimpleUploadedFile("名单.pdf", b"%PDF-1.4 list")],
        },
    )
    item = ReportAttachment.objects.get()
    url = reverse("reporting:attachment", args=[item.id])
    response = reporter_client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 list"
    assert "attachment" in response["Content-Disposition"]
    assert outsider_client.get(url).status_code == 404  # another unit's draft
    assert office_client.get(url).status_code == 200


def test_an_executable_is_not_attached(reporter_client, task, settings, tmp_path) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from duban.reporting.models import ReportAttachment

    settings.MEDIA_ROOT = tmp_path
    reporter_client.post(
        reverse("reporting:report-save", args=[task.plan_id, task.number]),
        {"period": "2020-03", "text": "x", "files": [SimpleUploadedFile("a.exe", b"MZ")]},
    )
    assert not ReportAttachment.objects.exists()
    # The text is kept as a draft (the page names the refused file), never submitted.
    assert ProgressReport.objects.get(task=task).state == "draft"


def test_task_without_a_leader_renders_for_the_office(office_client, plan) -> None:
    """Found by the soak: a task with no responsible leader crashed the workspace page."""
    task = plan.tasks.get(number=110)
    assert task.leader is None
    assert office_client.get(_url(task)).status_code == 200


def test_a_first_draft_from_another_tab_is_not_overwritten(reporter_client, task) -> None:
    """Two tabs open the task with no draft; the first saves; the second is refused, keeps
    what was typed, and the first draft stands."""
    page = reporter_client.get(_url(task)).content.decode()
    assert 'name="revision" value="0"' in page
    save = reverse("reporting:report-save", args=[task.plan_id, task.number])
    first = reporter_client.post(
        save, {"period": "2020-03", "text": "第一个标签页写的", "revision": "0"}
    )
    assert first.status_code == 302
    second = reporter_client.post(
        save, {"period": "2020-03", "text": "第二个标签页写的", "revision": "0"}
    )
    body = second.content.decode()
    assert second.status_code == 200 and "第二个标签页写的" in body
    assert ProgressReport.objects.get(task=task).text == "第一个标签页写的"


def test_the_office_starts_a_fresh_install_from_its_workspace(office_client) -> None:
    """With no plan yet, the office still finds 新建计划, 导入文件 and its units and accounts."""
    from duban.plans.models import Plan, Task

    Task.objects.all().delete()  # (a task's category is protected)
    Plan.objects.all().delete()
    body = office_client.get(reverse("reporting:home")).content.decode()
    for url in (
        reverse("plans:plan-new"),
        reverse("plans:upload"),
        reverse("plans:units"),
        reverse("accounts:people"),
    ):
        assert f'href="{url}"' in body, url
