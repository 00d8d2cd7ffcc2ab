"""The leader's day in Chromium: writes an instruction, sees it with the unit's answer in the
workspace, and the closed tasks stay listed."""

from __future__ import annotations

import pytest

from tests.browser.helpers import cast, english_words, login, shots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_leader_instruction_list_and_closed_tasks(live_server, browser, transactional_db):
    from duban.plans.models import Plan, Unit
    from duban.plans.services import confirm_status
    from duban.reporting import services

    people = cast()
    unit = Unit.objects.get(name="区发展改革委")
    plan = Plan.objects.create(government="某某区人民政府", year=2024, title="2024年重点工作")
    tasks = []
    for n, content in [
        (1, "新建便民商业网点40个。"),
        (2, "完成老旧小区综合整治10个。"),
        (3, "新建口袋公园5处。"),
    ]:
        t = plan.tasks.create(number=n, content=content, leader=people["leader"])
        t.assignments.create(unit=unit, role="lead")
        tasks.append(t)
    confirm_status(tasks[2], people["office"], "completed")
    services.close_task(tasks[2], people["office"])
    answered = services.write_instruction(tasks[1], people["leader"], "请倒排工期，确保年底完成。")
    services.answer_instruction(answered, people["reporter"], "已倒排工期，9月底前完工。")

    base = live_server.url
    leader = login(browser, base, "leader")
    leader.get_by_role("link", name="新建便民商业网点40个。", exact=True).click()
    leader.fill("#id_text", "请加快进度，年底前全部建成。")
    leader.get_by_role("button", name="发送", exact=True).click()
    leader.wait_for_selector("text=请加快进度，年底前全部建成。")
    leader.goto(f"{base}/work/")
    mine = leader.locator("section[aria-labelledby=my-ins-h]").inner_text()
    assert "我的批示（2，1条尚未答复）" in mine
    assert "已倒排工期，9月底前完工。" in mine and "尚未答复" in mine
    closed = leader.locator("section[aria-labelledby=closed-h]").inner_text()
    assert "3. 新建口袋公园5处。" in closed
    assert english_words(leader) == []
    shots(leader, "leader-workspace")
