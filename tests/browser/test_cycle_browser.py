"""A whole supervision cycle in Chromium: the office, a unit and a leader, each in a browser."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser.conftest import SHOTS
from tests.reporting.test_reminders import Inbox, _free_port

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "cycle-test-password-2024"
XICHENG_STYLE = (
    "某某区人民政府\n\n2023年某某区政府工作报告重点工作全年完成情况\n\n发布时间:2024-01-20\n\n"
    "类别序号重点督办内容牵头单位全年完成情况\n"
    "经济发展1新建便民商业网点40个。区商务局\n"
    "经济发展2完成老旧小区综合整治10个。区住房城乡建设委\n"
)


@pytest.fixture
def cast(transactional_db):  # type: ignore[no-untyped-def]
    from duban.accounts.models import User
    from duban.accounts.roles import grant_office_admin
    from duban.plans.models import Unit

    # (The session's data may still be there, or flushed by an earlier browser test.) A unit of
    # the government of the document this test imports: the task form offers its own units.
    unit, _ = Unit.objects.get_or_create(government="某某区人民政府", name="某某区发展改革委")
    people = {}
    for name, role, u in [
        ("office", "office", None),
        ("reporter", "reporter", unit),
        ("leader", "leader", None),
    ]:
        user, _ = User.objects.get_or_create(username=name)
        user.role, user.unit, user.email = role, u, f"{name}@example.org"
        user.set_password(PASSWORD)
        user.save()
        people[name] = user
    grant_office_admin(people["office"])
    return people


def _login(browser, base: str, username: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 1000}, bypass_csp=True
    )
    page = context.new_page()
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/work/")
    return page


def test_a_whole_cycle(live_server, browser, cast, tmp_path, settings) -> None:
    from aiosmtpd.controller import Controller

    from duban.plans.models import Plan
    from duban.reporting.models import Instruction, ProgressReport
    from duban.reporting.reminders import send_reminders

    base = live_server.url
    office = _login(browser, base, "office")

    # 1. The office creates a plan from an uploaded Xicheng-style file.
    upload = tmp_path / "xicheng-style.txt"
    upload.write_text(XICHENG_STYLE, encoding="utf-8")
    office.goto(f"{base}/office/import/")
    office.set_input_files("#id_file", str(upload))
    office.get_by_role("button", name="读取文件").click()
    office.wait_for_selector("text=新建便民商业网点40个。")
    office.get_by_role("button", name="导入").click()
    office.wait_for_selector("table.tasks")
    plan = Plan.objects.get(year=2023)
    task = plan.tasks.get(number=1)

    # 2. … assigns a unit and the responsible leader; monthly reports.
    office.goto(f"{base}/office/plans/{plan.id}/tasks/{task.id}/")
    office.select_option("#id_lead_units", label="某某区发展改革委")
    office.select_option("#id_leader", label="leader")
    office.select_option("#id_reporting_cycle", value="month")
    office.get_by_role("button", name="保存任务").click()
    office.wait_for_url(f"{base}/office/plans/{plan.id}/")

    # 3. The reporter submits a monthly report with an indicator value.
    reporter = _login(browser, base, "reporter")
    reporter.get_by_role("link", name="新建便民商业网点40个。").click()
    reporter.select_option("#id_period", value="2023-03")
    reporter.fill("#id_text", "一季度新建网点8个。")
    reporter.get_by_label("新建便民商业网点（目标 40个）").fill("8")
    reporter.get_by_role("button", name="报送").click()
    reporter.wait_for_selector("text=已报送")

    # 4. The office returns it with a comment.
    office.goto(f"{base}/work/")
    office.get_by_role("link", name="1. 新建便民商业网点40个。").first.click()
    office.fill("textarea[name=comment]", "请补充网点名单。")
    office.get_by_role("button", name="退回").click()
    office.wait_for_selector("text=已退回")

    # 5. The reporter corrects and resubmits; 6. the office accepts.
    reporter.reload()
    assert "请补充网点名单。" in reporter.content()
    reporter.fill("#id_text", "一季度新建网点8个，名单见附件。")
    reporter.get_by_role("button", name="报送").click()
    reporter.wait_for_selector("text=已报送")
    office.reload()
    office.get_by_role("button", name="采纳").click()
    office.wait_for_selector("text=已采纳")
    assert ProgressReport.objects.get(task=task, period="2023-03").state == "accepted"

    # 7. A reminder mail arrives for an overdue period (January was never reported).
    inbox = Inbox()
    port = _free_port()
    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        send_reminders(dt.date(2023, 2, 8))
    finally:
        smtp.stop()
    assert any("2023年1月" in s for s in inbox.subjects())  # the period in words
    assert inbox.recipients()[0] == "reporter@example.org"

    # 8. The leader writes an instruction and the unit answers it.
    leader = _login(browser, base, "leader")
    leader.get_by_role("link", name="新建便民商业网点40个。").click()
    leader.fill("#id_text", "请加快进度，年底前全部建成。")
    leader.get_by_role("button", name="发送", exact=True).click()
    leader.wait_for_selector("text=请加快进度，年底前全部建成。")
    reporter.goto(f"{base}/work/")
    reporter.get_by_role("link", name="1. 新建便民商业网点40个。").first.click()
    reporter.fill("textarea[id^=answer-]", "已制定进度表，按月调度。")
    reporter.get_by_role("button", name="发送答复").click()
    reporter.wait_for_selector("text=已制定进度表，按月调度。")
    assert Instruction.objects.get(task=task).answer == "已制定进度表，按月调度。"

    # 9. The year-end report is accepted and becomes the completion; the task closes.
    reporter.select_option("#id_period", value="2023-Y")
    reporter.fill("#id_text", "全年新建便民商业网点42个，超额完成任务。")
    reporter.get_by_label("新建便民商业网点（目标 40个）").fill("42")
    reporter.get_by_role("button", name="报送").click()
    reporter.wait_for_selector("text=2023年全年")
    office.reload()
    office.get_by_role("button", name="采纳").click()
    office.wait_for_selector("text=已采纳")
    task.refresh_from_db()
    assert task.completion == "全年新建便民商业网点42个，超额完成任务。"
    office.goto(f"{base}/work/plans/{plan.id}/tasks/1/")
    office.select_option("#id_status", value="exceeded")
    office.get_by_role("button", name="确认状态").click()
    office.wait_for_selector("text=督查室已确认")
    office.get_by_role("button", name="办结任务").click()
    office.wait_for_selector("text=已办结")
    SHOTS.mkdir(exist_ok=True)
    office.screenshot(path=str(SHOTS / "cycle-task-closed.png"), full_page=True)
    task.refresh_from_db()
    assert task.closed_at is not None and task.status == "exceeded"
