"""催办所选 in Chromium: the office ticks two tasks of a plan in progress and presses the
button; the units' WeCom and DingTalk robots (a local server checking the signature) and the
SMTP server receive the reminders, with links to the configured site address."""

from __future__ import annotations

import pytest

from tests.browser.helpers import cast, english_words, login, shots
from tests.reporting.test_reminders import smtp  # noqa: F401 - the SMTP server fixture
from tests.reporting.webhook_server import DINGTALK_SECRET, Robots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_reminds_the_selected_tasks(
    live_server,
    browser,
    transactional_db,
    settings,
    smtp,  # noqa: F811
) -> None:
    from huey.contrib.djhuey import HUEY

    from duban.plans.models import Plan, Unit
    from duban.plans.services import save_task
    from duban.reporting.channels import save_channel

    government = "某某区人民政府"  # units belong to it: its plan's tasks are given its own
    people = cast(government=government)
    unit = people["reporter"].unit
    other, _ = Unit.objects.get_or_create(government=government, name="区教委")
    plan = Plan.objects.create(government=government, year=2026, title="2026年重点工作")
    for n, content, lead in [
        (1, "新建便民商业网点40个。", unit),
        (2, "新增学位2000个。", other),
        (3, "完成老旧小区综合整治10个。", unit),
    ]:
        save_task(people["office"], plan, None, {"number": n, "content": content}, [lead], [])
    with Robots() as robots:
        settings.DUBAN_WEBHOOK_HOSTS = {
            "wecom": [robots.base + "/cgi-bin/webhook/send?"],
            "dingtalk": [robots.base + "/robot/send?"],
        }
        settings.DUBAN_SITE_URL = "https://duban.example.gov.cn"
        save_channel(people["office"], unit, "wecom", robots.wecom_url)
        save_channel(people["office"], unit, "dingtalk", robots.dingtalk_url, DINGTALK_SECRET)
        HUEY.immediate = True
        try:
            page = login(browser, live_server.url, "office")
            page.goto(f"{live_server.url}/work/?plan={plan.id}")
            page.get_by_label("选择任务1", exact=True).check()
            page.get_by_label("选择任务3", exact=True).check()
            shots(page, "office-remind-selected")
            page.get_by_role("button", name="催办所选").click()
            page.wait_for_selector("text=已发送2条催办。")
            assert english_words(page) == []
            shots(page, "office-reminded")
        finally:
            HUEY.immediate = False
        assert robots.refused == []
        assert len(robots.of("wecom")) == 2 and len(robots.of("dingtalk")) == 2
        text = robots.of("dingtalk")[0]["body"]["markdown"]["text"]
        assert "https://duban.example.gov.cn/work/plans/" in text and "区发展改革委" in text
    assert len(smtp.messages) == 2
    assert all(
        "https://duban.example.gov.cn/" in m.get_payload(decode=True).decode()
        for m in smtp.messages
    )
