"""Publishing in Chromium: from the workspace to a preview of the changes, then confirmed."""

from __future__ import annotations

import pytest

from tests.browser.helpers import cast, english_words, login, shots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_publishes_after_a_preview(live_server, browser, transactional_db) -> None:
    from duban.disclosure.models import Publication
    from duban.disclosure.services import publish
    from duban.plans.models import Plan, Unit

    people = cast()
    unit = Unit.objects.get(name="区发展改革委")
    plan = Plan.objects.create(government="某某区人民政府", year=2099, title="2099年重点工作")
    for n, content in [(1, "新建便民商业网点40个。"), (2, "完成老旧小区综合整治10个。")]:
        plan.tasks.create(number=n, content=content).assignments.create(unit=unit, role="lead")
    publish(plan, people["office"], "mid_year", "年中")
    task = plan.tasks.get(number=2)
    task.completion = "已完成老旧小区综合整治12个。"
    task.save()
    plan.tasks.create(number=3, content="新建口袋公园5处。").assignments.create(
        unit=unit, role="lead"
    )

    base = live_server.url
    office = login(browser, base, "office")
    office.goto(f"{base}/work/?plan={plan.id}")
    office.select_option(f"#kind-{plan.id}", "year_end")
    office.get_by_role("button", name="预览变化并公开").click()
    office.wait_for_selector("#publish-form")
    body = office.locator("main").inner_text()
    assert "新增 1 项" in body and "修改 1 项" in body and "删除 0 项" in body
    assert "已完成老旧小区综合整治12个。" in office.locator("ins").first.inner_text()
    assert office.input_value("#id_kind") == "year_end"
    assert Publication.objects.filter(plan=plan).count() == 1  # the preview publishes nothing
    assert english_words(office) == []
    shots(office, "publish-preview")
    office.fill("#id_note", "年终公开")
    office.get_by_role("button", name="确认公开").click()
    office.wait_for_url(f"{base}/plans/{plan.id}/")
    assert Publication.objects.filter(plan=plan).count() == 2
    assert "已公开" in office.locator(".messages").inner_text()
