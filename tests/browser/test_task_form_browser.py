"""The office's task form in Chromium: units searched and added in Tom Select, the deadline
kept, indicator rows; and the same form without JavaScript."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SHOTS
from tests.browser.helpers import PASSWORD, cast, english_words, login, shots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def small_plan(transactional_db):  # type: ignore[no-untyped-def]
    from duban.plans.models import Plan, Unit

    people = cast()
    plan = Plan.objects.create(government="某某区人民政府", year=2024, title="2024年重点工作")
    task = plan.tasks.create(number=1, content="新建便民商业网点40个。")
    # Units belong to the plan's government: those the form offers are its own.
    units = {
        name: Unit.objects.get_or_create(government=plan.government, name=name)[0]
        for name in ("区商务局", "区住房城乡建设委", "区教委", "区卫生健康委", "区城市管理委")
    }
    task.assignments.create(unit=units["区商务局"], role="lead")
    return plan, task, people


def test_office_edits_units_deadline_and_targets(live_server, browser, small_plan) -> None:
    plan, task, _people = small_plan
    base = live_server.url
    page = login(browser, base, "office")
    page.goto(f"{base}/office/plans/{plan.id}/tasks/{task.id}/")
    page.wait_for_selector(".ts-wrapper")

    # Search a unit by part of its name and pick it; one click keeps the others.
    lead = page.locator(".ts-wrapper").first
    lead.locator("input").fill("住房")
    page.locator(".ts-dropdown .option", has_text="区住房城乡建设委").first.click()
    # A unit not in the list, typed and added.
    lead.locator("input").fill("区新设数据局")
    expect(page.locator(".ts-dropdown .create").first).to_have_text("新增单位：区新设数据局")
    page.screenshot(path=str(SHOTS / "task-form-add-unit.png"))
    page.locator(".ts-dropdown .create").first.click()
    page.keyboard.press("Escape")
    assert english_words(page) == []
    page.click("#id_deadline")  # as a person leaves the unit box: Tom Select closes
    page.fill("#id_deadline", "2024-10-31")
    page.fill("#id_indicators-0-metric", "新建便民商业网点")
    page.select_option("#id_indicators-0-comparator", ">=")
    page.fill("#id_indicators-0-target_value", "40")
    page.fill("#id_indicators-0-unit", "个")
    shots(page, "task-form")
    page.get_by_role("button", name="保存任务").click()
    page.wait_for_url(f"{base}/office/plans/{plan.id}/")
    assert "任务1已保存" in page.locator(".messages").inner_text().replace(" ", "")

    task.refresh_from_db()
    assert task.deadline == dt.date(2024, 10, 31)
    leads = set(task.assignments.filter(role="lead").values_list("unit__name", flat=True))
    assert leads == {"区商务局", "区住房城乡建设委", "区新设数据局"}
    assert [i.target_text for i in task.indicators.all()] == ["≥40个"]

    # Opened again: the deadline shows, the units are chosen, the target is there.
    page.goto(f"{base}/office/plans/{plan.id}/tasks/{task.id}/")
    page.wait_for_selector(".ts-wrapper")
    assert page.input_value("#id_deadline") == "2024-10-31"
    assert page.input_value("#id_indicators-0-target_value") == "40"
    chosen = page.locator(".ts-wrapper").first.locator(".item").all_inner_texts()
    assert {c.replace("×", "").strip() for c in chosen} == leads
    assert english_words(page) == []


def test_without_javascript_the_plain_select_and_a_text_field(
    live_server, browser, small_plan
) -> None:
    plan, task, _people = small_plan
    base = live_server.url
    context = browser.new_context(
        locale="zh-CN", java_script_enabled=False, viewport={"width": 390, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill("office")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_label("密码").press("Enter")
    page.wait_for_url(f"{base}/work/")
    page.goto(f"{base}/office/plans/{plan.id}/tasks/{task.id}/")
    page.select_option("#id_co_units", label="区教委")
    page.fill("#id_new_co_units", "区新设协调办")
    page.get_by_role("button", name="保存任务").click()
    page.wait_for_url(f"{base}/office/plans/{plan.id}/")
    co = set(task.assignments.filter(role="co").values_list("unit__name", flat=True))
    assert co == {"区教委", "区新设协调办"}
    context.close()
