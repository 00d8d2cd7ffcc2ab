"""The unit head's day in Chromium: a report waiting in the workspace, sent back to the
reporter with a comment; the reporter sees why and corrects it."""

from __future__ import annotations

import pytest

from tests.browser.helpers import cast, english_words, login, shots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_head_sends_a_report_back_to_the_reporter(live_server, browser, transactional_db):
    from duban.plans.models import Plan, Unit
    from duban.reporting import services
    from duban.reporting.models import ProgressReport

    people = cast()
    plan = Plan.objects.create(
        government="某某区人民政府", year=2024, title="2024年重点工作", requires_unit_approval=True
    )
    task = plan.tasks.create(number=1, content="新建便民商业网点40个。", reporting_cycle="quarter")
    task.assignments.create(unit=Unit.objects.get(name="区发展改革委"), role="lead")
    report = services.save_draft(task, people["reporter"], "2024-Q1", "一季度新建网点8个。")
    services.submit(report, people["reporter"])

    base = live_server.url
    head = login(browser, base, "head")
    assert (
        "等待您审核" in head.locator("main").inner_text()
        or "待您审核" in head.locator("main").inner_text()
    )
    head.get_by_role("link", name="1. 新建便民商业网点40个。").first.click()
    head.fill(f"#sendback-{report.id}", "请补充网点名单和开业时间。")
    assert english_words(head) == []
    shots(head, "head-task")
    head.get_by_role("button", name="退回承办人").click()
    head.wait_for_selector("text=报告已退回承办人。")
    assert english_words(head) == []
    report.refresh_from_db()
    assert report.state == ProgressReport.State.RETURNED

    reporter = login(browser, base, "reporter")
    assert "请补充网点名单和开业时间。" in reporter.locator("main").inner_text()
    reporter.get_by_role("link", name="1. 新建便民商业网点40个。").first.click()
    note = reporter.locator("#write-h ~ p.flag").first.inner_text()
    assert note == "单位负责人：请补充网点名单和开业时间。"
    assert english_words(reporter) == []
    shots(reporter, "reporter-sent-back")
