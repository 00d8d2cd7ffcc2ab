"""The published plan in Chromium: dashboard, a second publication, WCAG 2.1 AA."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SHOTS, audit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_pages_meet_wcag_aa(live_server, page, public_plan) -> None:
    for path in (
        "/",
        f"/plans/{public_plan.id}/",
        f"/plans/{public_plan.id}/tasks/110/",
        f"/plans/{public_plan.id}/publications/",
        f"/plans/{public_plan.id}/dashboard/",
        f"/plans/{public_plan.id}/dashboard/?wall=1",
        "/units/区体育局/",
        "/governments/北京市西城区人民政府/",
        "/login/",
    ):
        page.goto(f"{live_server.url}{path}")
        if page.locator("#charts").count():
            page.wait_for_selector("#charts[data-ready='1']")
        assert audit(page) == [], path


def test_public_pages_meet_wcag_aa_on_a_phone(live_server, browser, public_plan) -> None:
    """At 390 px, with the folded filters open, search hits marked, the wall display."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", bypass_csp=True
    )
    page = context.new_page()
    plan = public_plan.id
    for path in (
        "/",
        f"/plans/{plan}/",
        f"/plans/{plan}/?q=电梯",
        f"/plans/{plan}/tasks/110/",
        f"/plans/{plan}/dashboard/",
        f"/plans/{plan}/dashboard/?wall=1",
        "/units/区体育局/",
        "/governments/北京市西城区人民政府/",
        f"/plans/{plan}/publications/",
        "/login/",
    ):
        page.goto(f"{live_server.url}{path}")
        if page.locator("details.more-filters").count():
            page.locator("details.more-filters > summary").click()
        if page.locator("#charts").count():
            page.wait_for_selector("#charts[data-ready='1']")
        assert audit(page) == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    context.close()


def test_the_wall_is_one_screen(live_server, page, public_plan) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{live_server.url}/plans/{public_plan.id}/dashboard/?wall=1")
    page.wait_for_selector("#charts[data-ready='1']")
    assert page.evaluate("document.documentElement.scrollHeight") <= 1080
    box = page.locator("#chart-category").bounding_box()
    assert box["height"] > 500  # the charts fill the screen
    # It draws itself again from the data every few minutes (no page reload: axe's
    # meta-refresh rule, and no flash on the hall's screen).
    page.evaluate("document.getElementById('charts').dataset.ready = '0'")
    page.evaluate("window.dubanRefresh()")
    page.wait_for_selector("#charts[data-ready='1']")


def test_dashboard_renders(live_server, page, public_plan) -> None:
    page.goto(f"{live_server.url}/plans/{public_plan.id}/dashboard/")
    page.wait_for_selector("#charts[data-ready='1']")
    assert page.locator("#chart-category svg").count() == 1
    assert page.locator("#chart-indicators svg").count() == 1
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "dashboard.png"), full_page=True)
    page.goto(f"{live_server.url}/plans/{public_plan.id}/dashboard/?wall=1")
    page.wait_for_selector("#charts[data-ready='1']")
    page.screenshot(path=str(SHOTS / "dashboard-wall.png"))


def test_second_publication_and_its_differences(live_server, page, public_plan) -> None:
    from duban.disclosure.services import publish

    task = public_plan.tasks.get(number=110)
    task.completion = "已建成22部。"
    task.save()
    url = f"{live_server.url}/plans/{public_plan.id}/tasks/110/"
    page.goto(url)
    assert "已建成22部。" not in page.content()  # not published yet
    publish(public_plan, None, "year_end", "年终")
    page.goto(url)
    assert "已建成22部。" in page.content()
    page.goto(f"{live_server.url}/plans/{public_plan.id}/publications/")
    page.get_by_role("link", name="与上一次相比的变化").click()
    page.wait_for_selector("ins")
    assert "已建成22部。" in page.locator("ins").first.inner_text()


def test_downloads_in_the_browser(live_server, page, public_plan) -> None:
    page.goto(f"{live_server.url}/plans/{public_plan.id}/")
    with page.expect_download() as info:
        page.get_by_role("link", name="XLSX").click()
    assert info.value.suggested_filename.endswith(".xlsx")


def test_pages_work_under_the_content_security_policy(live_server, browser, public_plan):
    """No bypass here: charts draw and htmx filters under the site's own policy."""
    from playwright.sync_api import expect

    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(f"{live_server.url}/plans/{public_plan.id}/dashboard/")
    expect(page.locator("#chart-category svg")).to_have_count(1)
    page.goto(f"{live_server.url}/plans/{public_plan.id}/")
    page.get_by_text("筛选与排序").click()
    page.get_by_label("牵头单位").select_option(label="区体育局")
    expect(page.locator("table.tasks tbody tr")).to_have_count(4)
    assert violations == []
    context.close()
