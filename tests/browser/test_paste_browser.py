"""Rows copied in Excel and pasted on the plan page, in Chromium: through the clipboard, as a
clerk does; the columns land, the notes show; refused, the rows stay."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser.helpers import cast, english_words, login, shots
from tests.plans.test_paste import EXCEL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _paste(page, text: str) -> None:  # type: ignore[no-untyped-def]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_text("从 Excel 粘贴行").click()
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    page.click("#id_rows")
    page.keyboard.press("Control+V")


def test_office_pastes_rows_from_excel(live_server, browser, transactional_db) -> None:
    from duban.plans.models import Plan

    cast()
    plan = Plan.objects.create(government="某某区人民政府", year=2024, title="2024年重点工作")
    base = live_server.url
    page = login(browser, base, "office")
    page.goto(f"{base}/office/plans/{plan.id}/")
    _paste(page, EXCEL)
    assert page.input_value("#id_rows").startswith("类别\t序号")
    page.get_by_role("button", name="添加这些行").click()
    page.wait_for_selector(".messages")
    messages = page.locator(".messages").inner_text()
    assert "已将3行读入计划：新增任务3项，修改0项。" in messages
    assert "任务3：完成时限“长期坚持”不是日期" in messages
    table = page.locator("table.tasks").inner_text()
    assert "区商务局" in table and "2024-10-31" in table and "2024-06-30" in table
    assert english_words(page) == []
    shots(page, "paste-read")
    task = plan.tasks.get(number=1)
    assert task.deadline == dt.date(2024, 10, 31) and task.category.name == "经济发展"

    # Rows that cannot be read: the message on the field, every word still in the box.
    typed = "这不是表格\t只是两个词\n还有一行\t没有表头"
    _paste(page, typed)
    page.get_by_role("button", name="添加这些行").click()
    page.wait_for_selector("#paste-form .error")
    assert page.input_value("#id_rows") == typed
    assert "无法读取这些行" in page.locator("#paste-form .error").inner_text()
    assert english_words(page) == []
    shots(page, "paste-refused")
