"""End to end in a real Chromium (Debian's): the public plan page as a visitor uses it."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_filters_searches_and_opens_a_task(live_server, page, public_plan) -> None:
    plan = public_plan
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name=plan.title).click()
    page.wait_for_selector("table.tasks")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator("table.tasks tbody tr").count() == 30  # a page at a time
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "plan-page.png"))

    # "Show more" appends the next page and puts it in the address.
    page.get_by_role("link", name="再显示 30 项（还有 106 项）").click()
    page.wait_for_function("document.querySelectorAll('table.tasks tbody tr').length === 60")
    assert page.url.endswith("?page=2")

    # Filter by a unit (behind the folded filter button): htmx swaps the table in place, and
    # the badges count the tasks that match.
    page.get_by_text("筛选与排序").click()
    page.get_by_label("牵头单位").select_option(label="区体育局")
    page.wait_for_function("document.querySelectorAll('table.tasks tbody tr').length === 4")
    assert page.locator("#count").inner_text() == "共 136 项任务，符合条件 4 项"
    assert "unit=" in page.url
    assert "已兑现 4" in page.locator("#results .kept-line").inner_text()

    # Search within the filtered list, then clear the unit; the hit is marked.
    page.get_by_label("牵头单位").select_option(value="")
    page.wait_for_function("document.querySelectorAll('table.tasks tbody tr').length === 30")
    page.get_by_label("搜索").fill("加装电梯")
    page.get_by_role("button", name="搜索").click()
    page.wait_for_function("document.querySelectorAll('table.tasks tbody tr').length === 1")
    assert page.locator("table.tasks mark").first.inner_text() == "加装电梯"

    page.get_by_role("link", name="老楼加装电梯15部。").click()
    page.wait_for_selector("article.task")
    assert page.locator("h1").inner_text() == "老楼加装电梯15部。"
    assert "建成19部" in page.locator(".completion").inner_text()


def test_keyboard_reaches_the_filters(live_server, page, public_plan) -> None:
    plan = public_plan
    page.goto(f"{live_server.url}/plans/{plan.id}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    for _ in range(25):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_q":
            break
    assert page.evaluate("document.activeElement.id") == "id_q"


def test_phone_layout_shows_cards(live_server, browser, public_plan) -> None:
    plan = public_plan
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", bypass_csp=True
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/plans/{plan.id}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing runs off a phone's screen
    # The first card is on the first screen: the filters are folded.
    assert page.locator("#task-1").bounding_box()["y"] < 844
    assert not page.get_by_label("牵头单位").is_visible()
    page.screenshot(path=str(SHOTS / "plan-page-phone.png"))
    context.close()
