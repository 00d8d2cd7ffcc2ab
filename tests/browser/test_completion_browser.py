"""A government's year in Chromium: the plan report uploaded, the next year's completion
report uploaded into it, one item re-paired by hand, imported, published; the public pages
show the promise beside the result. Screens at desk and phone width, in Chinese only."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.helpers import cast, english_words, login, shots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _upload(page, base: str, path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/office/import/")
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="读取文件").click()
    page.wait_for_url(f"{base}/office/import/*/")


def test_plan_then_its_completion_end_to_end(live_server, browser) -> None:
    from duban.completions.models import Outcome
    from duban.plans.models import Plan

    cast()
    base = live_server.url
    page = login(browser, base, "office")
    _upload(page, base, FIXTURES / "reports" / "hubei_2004.md")
    page.get_by_role("button", name="导入", exact=True).click()
    plan = Plan.objects.get(government="湖北省人民政府", year=2004)
    assert plan.tasks.count() == 8

    _upload(page, base, FIXTURES / "real" / "hubei_2005_done.txt")
    assert page.locator("#into-plan").input_value() == str(plan.pk)  # government and year fit
    shots(page, "completion-preview")
    page.get_by_role("button", name="将其条目与计划任务配对").click()
    page.wait_for_selector("table.pairs")
    assert page.locator("#pick-8").input_value() == "8"
    assert "相同的序号" in page.inner_text("table.pairs")
    assert english_words(page) == []
    shots(page, "completion-review")
    page.select_option("#pick-8", "7")  # by hand: item 8 onto task 7, task 8 left unreported
    page.get_by_role("button", name="将完成情况导入计划").click()
    page.wait_for_url(f"{base}/office/plans/{plan.pk}/completion/")
    assert "由督查室配对" in page.inner_text("main")
    assert english_words(page, {"hubei_2005_done.txt"}) == []  # the file's name is data
    shots(page, "completion-office")
    assert Outcome.objects.get(task__plan=plan, task__number=8).state == "not_reported"

    page.goto(f"{base}/work/plans/{plan.pk}/publish/?kind=year_end")
    page.get_by_role("button", name="确认公开").click()
    page.wait_for_load_state()

    public = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}, bypass_csp=True
    ).new_page()
    public.goto(f"{base}/plans/{plan.pk}/tasks/7/")
    section = public.inner_text("section.promise-result")
    assert "承诺（计划事项）" in section and "结果（完成情况条目）" in section
    assert "解决好80万贫困中小学生的入学问题" in section  # the promise
    assert "筹措资金2.18亿元" in section  # the result paired by hand
    assert english_words(public) == []
    shots(public, "completion-public-task")
    public.goto(f"{base}/plans/{plan.pk}/tasks/8/")
    assert "政府完成情况报告未提及" in public.inner_text("section.promise-result")
    public.goto(f"{base}/plans/{plan.pk}/")
    promises = public.inner_text("section.promises")
    assert "政府未报告 1" in promises
    assert english_words(public) == []
    shots(public, "completion-public-plan")
    public.goto(f"{base}/governments/湖北省人民政府/")
    assert "历年承诺与结果" in public.inner_text("main")
    assert english_words(public) == []
    shots(public, "completion-public-government")
