"""A reporter types and pastes figures in Chromium, at desk and phone width: "1.5万" in a 亿元
field is refused with what it would mean and stays in the field; a full-width "１５０" pasted
is saved as 150 and shown as 150, not 150.0000."""

from __future__ import annotations

import pytest

from tests.browser.helpers import cast, login, shots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LABEL = "固定资产投资（目标 ≥200亿元）"


@pytest.mark.parametrize("width", [1280, 390])
def test_reporter_types_and_pastes_figures(live_server, browser, transactional_db, width):
    from duban.plans.models import Plan, Unit
    from duban.reporting.models import IndicatorValue

    cast()
    plan = Plan.objects.create(government="某某区人民政府", year=2024, title="2024年重点工作")
    task = plan.tasks.create(number=1, content="全年完成固定资产投资200亿元。")
    task.assignments.create(unit=Unit.objects.get(name="区发展改革委"), role="lead")
    task.indicators.create(metric="固定资产投资", comparator=">=", target_value=200, unit="亿元")

    page = login(browser, live_server.url, "reporter", width)
    page.goto(f"{live_server.url}/work/plans/{plan.id}/tasks/1/")
    page.select_option("#id_period", "2024-03")
    page.fill("#id_text", "一季度推进重大项目建设。")
    page.get_by_label(LABEL).press_sequentially("1.5万")
    page.get_by_role("button", name="保存草稿").click()
    # The field says it, and the summary at the form's top lists it.
    alert = page.locator("p.error").filter(has_text="固定资产投资")
    assert alert.inner_text() == "固定资产投资以亿元填报：1.5万（元）即0.00015亿元，请核对。"
    assert page.get_by_label(LABEL).input_value() == "1.5万"
    if width == 1280:
        shots(page, "figure-refused")  # at desk and phone width
    assert not IndicatorValue.objects.exists()

    page.get_by_label(LABEL).fill("")
    page.get_by_label(LABEL).focus()
    page.keyboard.insert_text("１５０")  # what a paste puts in the field
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_selector(".tva")
    assert page.get_by_label(LABEL).input_value() == "150"
    assert page.locator(".tva").inner_text() == "固定资产投资：150亿元"
    assert IndicatorValue.objects.get().value == 150
