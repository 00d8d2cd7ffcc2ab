"""The cached fragments of signed-in pages in Chromium: the office in two tabs and a unit's
reporter, editing, submitting, returning, going back and reloading — every page shows the
state of now (duban/fragments.py keys name what each part shows)."""

from __future__ import annotations

import re

import pytest

from tests.browser.helpers import PASSWORD, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cast(public_plan):  # type: ignore[no-untyped-def]
    from duban.accounts.models import User
    from duban.plans.models import Unit

    unit = Unit.objects.get(name="区发展改革委")
    for name, role, u in [("office", "office", None), ("reporter", "reporter", unit)]:
        user, _ = User.objects.get_or_create(username=name)
        user.role, user.unit = role, u
        user.set_password(PASSWORD)
        user.save()
    task = public_plan.tasks.filter(assignments__unit=unit, assignments__role="lead")
    return public_plan, task.order_by("number").first()


def _rows(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator("table.tasks tbody").inner_text()


def test_every_page_is_current_across_tabs_people_back_and_reload(
    live_server, browser, cast
) -> None:
    plan, task = cast
    base = live_server.url
    office = login(browser, base, "office")
    office.goto(f"{base}/work/?plan={plan.id}")
    assert task.content[:10] in _rows(office)

    # The office edits the task in a second tab; the first, reloaded, shows the edit.
    tab = office.context.new_page()
    tab.goto(f"{base}/office/plans/{plan.id}/tasks/{task.id}/")
    tab.fill("#id_content", "在第二个标签页里改过的任务内容。")
    tab.get_by_role("button", name="保存任务").click()
    tab.wait_for_url(f"{base}/office/plans/{plan.id}/")
    assert "在第二个标签页里改过的任务内容" in tab.locator("table.tasks").inner_text()
    office.reload()
    assert "在第二个标签页里改过的任务内容" in _rows(office)
    tab.go_back()
    tab.reload()
    assert tab.input_value("#id_content") == "在第二个标签页里改过的任务内容。"

    # The reporter sees the edit, and submits a report.
    reporter = login(browser, base, "reporter")
    assert "在第二个标签页里改过的任务内容" in _rows(reporter)
    reporter.goto(f"{base}/work/plans/{plan.id}/tasks/{task.number}/")
    form = reporter.locator("#report-form")
    periods = form.locator("select[name=period] option")
    form.locator("select[name=period]").select_option(index=periods.count() - 1)
    form.locator("textarea[name=text]").fill("浏览器里报送的进展。")
    form.locator("button[name=submit]").click()
    reporter.wait_for_load_state()
    reports = reporter.locator("section[aria-labelledby=reports-h]").inner_text()
    assert "浏览器里报送的进展" in reports

    # The office's first tab, reloaded: the report waits in its queue.
    office.reload()
    queue = office.locator("section[aria-labelledby=queue-h]").inner_text()
    assert "在第二个标签页里改过的任务内容" in queue

    # The office returns it from the task page; its history says so at once.
    office.goto(f"{base}/work/plans/{plan.id}/tasks/{task.number}/")
    returning = office.locator("form[action*='/return/']").last
    returning.locator("textarea[name=comment]").fill("请补充具体数字。")
    returning.get_by_role("button", name="退回").click()
    office.wait_for_load_state()
    assert "退回" in office.locator("section[aria-labelledby=hist-h]").inner_text()
    office.go_back()
    office.reload()
    assert "请补充具体数字" in office.content()

    # The reporter, reloading: the return, its comment and a notice in the header.
    reporter.reload()
    assert re.search(r"通知 ?[（(]\d+[)）]", reporter.locator("header").inner_text())
    assert "请补充具体数字" in reporter.locator("main").inner_text()
    reporter.goto(f"{base}/work/")
    assert "请补充具体数字" in reporter.locator("main").inner_text()  # returned to you
