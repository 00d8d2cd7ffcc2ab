"""The office's day in Chromium: a plan created on its own form (a year out of range refused,
what was typed kept), its settings saved from two tabs (the second told what the first
changed, in Chinese, and nothing typed lost), and a unit's report returned, then accepted."""

from __future__ import annotations

import pytest

from tests.browser.helpers import cast, english_words, login, shots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_creates_a_plan_saves_it_from_two_tabs_and_reviews(
    live_server, browser, transactional_db
) -> None:
    from duban.plans.models import Plan, Unit
    from duban.reporting import services
    from duban.reporting.models import ProgressReport

    people = cast()
    base = live_server.url
    office = login(browser, base, "office")
    office.goto(f"{base}/office/plans/new/")
    office.get_by_label("政府").fill("某某区人民政府")
    office.get_by_label("年度").fill("10000")
    office.get_by_label("标题").fill("2024年政府工作报告重点工作")
    office.evaluate(
        "document.querySelector('#id_year').removeAttribute('max')"
    )  # as a script would
    office.get_by_role("button", name="保存计划").click()
    office.wait_for_selector("#plan-form .error")
    assert office.input_value("#id_title") == "2024年政府工作报告重点工作"
    assert english_words(office) == []
    office.get_by_label("年度").fill("2024")
    office.get_by_role("button", name="保存计划").click()
    office.wait_for_selector("text=计划已保存。")
    plan = Plan.objects.get(year=2024)
    assert english_words(office) == []

    # Two tabs on the settings: the second save is refused and shows the first one's change.
    other = office.context.new_page()
    other.goto(office.url)
    other.get_by_label("报送日").fill("12")
    other.get_by_role("button", name="保存计划").click()
    other.wait_for_selector("text=计划已保存。")
    office.get_by_label("预警提前天数").fill("7")
    office.get_by_role("button", name="保存计划").click()
    office.wait_for_selector(".changes")
    assert "报送日：5 → 12" in office.locator(".changes").inner_text()
    assert "其他人保存了本计划的设置" in office.locator("#plan-form").inner_text()
    assert office.input_value("#id_warning_days") == "7"
    assert english_words(office) == []
    shots(office, "office-plan-two-tabs")
    plan.refresh_from_db()
    assert (plan.due_day, plan.warning_days) == (12, 3)
    office.get_by_role("button", name="保存计划").click()  # seen: saved again, mine kept
    office.wait_for_selector("text=计划已保存。")
    plan.refresh_from_db()
    assert (plan.due_day, plan.warning_days) == (5, 7)

    # A unit's report: returned with a comment, corrected, accepted.
    task = plan.tasks.create(number=1, content="新建便民商业网点40个。", reporting_cycle="quarter")
    task.assignments.create(unit=Unit.objects.get(name="区发展改革委"), role="lead")
    report = services.submit(
        services.save_draft(task, people["reporter"], "2024-Q1", "一季度新建网点8个。"),
        people["reporter"],
    )
    office.goto(f"{base}/work/plans/{plan.id}/tasks/1/")
    assert english_words(office) == []
    office.fill("textarea[name=comment]", "请补充网点名单。")
    office.get_by_role("button", name="退回").click()
    office.wait_for_selector("text=已退回")
    assert english_words(office) == []
    report.refresh_from_db()
    assert report.state == ProgressReport.State.RETURNED
    services.submit(
        services.save_draft(task, people["reporter"], "2024-Q1", "一季度新建网点8个，名单附后。"),
        people["reporter"],
    )
    office.reload()
    office.get_by_role("button", name="采纳").click()
    office.wait_for_selector("text=已采纳")
    assert english_words(office) == []
    shots(office, "office-review")
    assert ProgressReport.objects.get(task=task, period="2024-Q1").state == "accepted"
